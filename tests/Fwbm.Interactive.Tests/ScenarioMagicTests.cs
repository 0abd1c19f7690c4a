using System.Text.Json;
using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>#!fwbm-surgery / #!fwbm-lesion and #!fwbm-stimulate through the kernel, as a notebook runs them.</summary>
public sealed class ScenarioMagicTests : KernelTest
{
    private static string TitleOf(JsonDocument f) =>
        f.RootElement.GetProperty("layout").TryGetProperty("title", out var t) ? t.GetProperty("text").GetString()!.Replace("<br>", " ") : "";

    private static IEnumerable<string> TraceNames(JsonDocument f) =>
        f.RootElement.GetProperty("data").EnumerateArray().Select(t => t.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "");

    private async Task<object?> Value(string code)
    {
        var r = await Submit(code);
        AssertSucceeded(r);
        return r.Events.OfType<ReturnValueProduced>().Single().Value;
    }

    private const string Run = "--model hopf --coupling 0.3 --duration 20s --transient 2s --tr 1 --seed 3";

    [Fact]
    public async Task Surgery_runs_intact_and_edited_with_the_same_seed_and_shows_the_before_after_card()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit($"#!fwbm-surgery --connectome conn {Run} --resect L0 --name s");
        AssertSucceeded(r);
        Assert.Equal("8 7 3 3 resect L0", await Value("$\"{s.Intact.Connectome.Count} {s.Edited.Connectome.Count} {s.Intact.Seed} {s.Edited.Seed} {string.Join(\"; \", s.EditTexts)}\""));
        // the intact side is exactly what #!fwbm-simulate gives without the edit
        AssertSucceeded(await Submit($"#!fwbm-simulate --connectome conn {Run} --show none --name plain"));
        Assert.Equal(true, await Value("s.Intact.Fc.Values.SequenceEqual(plain.Fc.Values)"));
        Assert.Equal(false, await Value("s.Edited.Connectome.Labels.Contains(\"L0\")"));
        var figs = Figures(r);
        Assert.Equal(3, figs.Count); // 3-D marks, ΔFC, measure table
        Assert.Contains(figs, f => TraceNames(f).Contains("resected regions (1)"));
        Assert.Contains(figs, f => TitleOf(f).StartsWith("ΔFC (edited − intact): 7 regions both keep", StringComparison.Ordinal));
        var table = figs.Single(f => f.RootElement.GetProperty("data")[0].GetProperty("type").GetString() == "table");
        var measures = table.RootElement.GetProperty("data")[0].GetProperty("cells").GetProperty("values")[0].EnumerateArray().Select(v => v.GetString()).ToArray();
        Assert.Equal(["fc_similarity_to_intact", "regions", "mean_fc", "fc_similarity_to_empirical"], measures.Take(4));
        Assert.Contains("global_efficiency", measures);
        // the table's numbers are the Core comparison's
        Assert.Equal(true, await Value("s.Measures.Skip(1).Select(m => (m.Measure, m.Before, m.After)).SequenceEqual(s.Comparison.Measures.Select(m => (m.Name, m.Intact, m.Edited)))"));
        var html = string.Concat(Formatted(r, "text/html").Select(f => f.Value));
        Assert.Contains("<li>resect L0</li>", html); // the edits, as provenance
        Assert.Contains("bound: SurgeryRun s (1 region resected (L0)", string.Concat(Formatted(r, "text/plain").Select(f => f.Value)));
    }

    [Fact]
    public async Task Lesion_is_another_name_for_surgery_and_a_callosotomy_removes_every_interhemispheric_connection()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit($"#!fwbm-lesion --connectome conn {Run} --callosotomy --show none --name cut"));
        // the toy connectome is complete: 4 left × 4 right regions, 16 connections, all removed; none within a hemisphere changed
        Assert.Equal("16 0 callosotomy", await Value("using Fwbm.Interactive;\n$\"{cut.Diff.Count(EdgeChange.Removed)} {cut.Diff.Count(EdgeChange.Weakened)} {cut.EditTexts[0]}\""));
        Assert.Equal(true, await Value("cut.Measures.Single(m => m.Measure == \"edges\") is { Before: 28, After: 12 }"));
        Assert.Equal(true, await Value("cut.Warnings.Count(w => w.StartsWith(\"edited run: warning [graph-disconnected]\")) == 1 && cut.EditedGraph.UnreachablePairs == 32"));
    }

    [Fact]
    public async Task Surgery_without_an_edit_or_with_an_unknown_region_fails_naming_the_magic_and_option()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var none = FailureMessage(await Submit($"#!fwbm-surgery --connectome conn {Run} --name s"));
        Assert.StartsWith("#!fwbm-surgery: no edit given; add one or more of --resect", none);
        var unknown = FailureMessage(await Submit($"#!fwbm-surgery --connectome conn {Run} --resect L9 --name s"));
        Assert.StartsWith("#!fwbm-surgery: --resect", unknown);
        Assert.Contains("L9", unknown);
    }

    [Fact]
    public async Task Stimulate_analyses_the_stimulated_variable_and_draws_every_chart()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit("#!fwbm-stimulate --connectome conn --model hopf --coupling 0.3 --velocity 5 --duration 20s --transient 2s --tr 1 --seed 3 " +
            "--stimulus \"train(rate=2Hz, width=10ms, amplitude=1) at L0 from 4s\" --name stim");
        AssertSucceeded(r);
        Assert.Equal("0 2 x", await Value("$\"{string.Join(\",\", stim.Sites)} {((Fwbm.Core.Simulation.IStimulusEvents)stim.Stimulus).DrivingFrequencyHz} {stim.Evoked.Variable}\""));
        // the raw recording (every 1 ms by default) covers 2.001 … 22 s; pulses at 4.0, 4.5, …, 22.0 s: 37 onsets, the last one's window
        // reaches past the end and is dropped, 36 trials averaged
        Assert.Equal("4000 21500 36 1 2001 20000", await Value("$\"{stim.Evoked.OnsetsMs[0]} {stim.Evoked.OnsetsMs[^1]} {stim.Evoked.Trials} {stim.Evoked.DroppedTrials} {stim.Recording.StartMs} {stim.Recording.Length}\""));
        var figs = Figures(r);
        Assert.Contains(figs, f => TitleOf(f).StartsWith("Stimulus: train(", StringComparison.Ordinal));
        Assert.Contains(figs, f => TitleOf(f).StartsWith("Evoked responses (mean of", StringComparison.Ordinal));
        Assert.Contains(figs, f => TitleOf(f).StartsWith("phase locking value at 2 Hz on the brain", StringComparison.Ordinal));
        Assert.Contains(figs, f => TitleOf(f).StartsWith("stimulated variable", StringComparison.Ordinal));
        // the C# API with the same arguments gives the same analysis
        var same = await Value("""
            using Fwbm.Core.Simulation; using Fwbm.Core.Simulation.Stimuli; using Fwbm.Core.Models; using Fwbm.Interactive;
            var m = ModelRegistry.Get("hopf");
            var o = stim.Run.Simulation.Options with { Stimuli = StimulusOptions.Resolve(["train(rate=2Hz, width=10ms, amplitude=1) at L0 from 4s"], m.Spec, stim.Run.Simulation.Options with { Stimuli = [] }, conn) };
            var api = StimulationRun.Simulate(new Simulator(m, conn, o), stim.Run.Parameters, 3, stim.Analysis.Options);
            api.Evoked.Mean.SequenceEqual(stim.Evoked.Mean)
            """);
        Assert.Equal(true, same);
    }

    [Fact]
    public async Task Stimulate_without_a_stimulus_or_with_a_bad_one_fails_naming_the_magic()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        Assert.StartsWith("#!fwbm-stimulate: no stimulus; add --stimulus", FailureMessage(await Submit($"#!fwbm-stimulate --connectome conn {Run} --name s")));
        var bad = FailureMessage(await Submit($"#!fwbm-stimulate --connectome conn {Run} --stimulus \"sine(10Hz, 0.5) at Q7\" --name s"));
        Assert.StartsWith("#!fwbm-stimulate: --stimulus", bad);
    }
}
