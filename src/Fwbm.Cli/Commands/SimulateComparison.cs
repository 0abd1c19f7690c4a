using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.Analysis.Comparison;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Grammar;
using Fwbm.Core.Guardrails;
using Fwbm.Core.Models;
using Fwbm.Core.Options;
using Fwbm.Core.Simulation;

namespace Fwbm.Cli.Commands;

/// <summary>
/// <c>fwbm simulate … --resect … --compare-intact</c>: the intact and the edited connectome run with the same seed (the edited run's
/// noise keyed by label, so every kept region gets the same noise), both runs' BOLD and result files, and the before/after comparison
/// (<see cref="SurgeryComparison"/>: comparison.json, fc_intact.csv, fc_edited.csv, delta_fc.csv, regions.csv, graph.csv), then a
/// short before/after table on stdout.
/// </summary>
internal static class SimulateComparison
{
    /// <summary>True when --compare-intact is given.</summary>
    public static bool Requested(OptionValues o) => o.Command.Find("compare-intact") is not null && o.Flag("compare-intact");

    /// <param name="intact">The connectome before the surgery options (after --normalise).</param>
    /// <param name="edited">The connectome after them.</param>
    /// <param name="options">The edited run's options as <c>fwbm simulate</c> built them.</param>
    /// <param name="parameters">The edited run's parameters.</param>
    public static int Run(SimulateCommand.Request q, TextWriter stdout, ModelHandle handle, Connectome intact, Connectome edited,
        SimulationOptions options, SimulationChoices choices, double trMs, ParameterSet parameters, OutputDirectory outDir, Stopwatch clock)
    {
        var o = q.Values;
        var spec = handle.Spec;
        if (edited.Edits.Count == intact.Edits.Count)
            throw new FwbmException("--compare-intact compares the intact connectome with an edited one, but no edit was given; add a virtual-surgery option (--resect, --silence, --lesion, --disconnect, --callosotomy, --tumour, --demyelinate or --null).");
        if (o.Has("sweep")) throw new FwbmException("--compare-intact runs one intact and one edited simulation; it does not combine with --sweep.");
        if (choices.Hemodynamics is null) throw new FwbmException("--compare-intact compares BOLD (FC, phases, spectrum): drop --bold none.");
        if (choices.RawMs is not null) throw new FwbmException("--compare-intact writes BOLD of both runs, not raw states: drop --raw (or run the edited connectome alone).");
        if (options.Stimulus is not null) throw new FwbmException("--compare-intact does not yet take --stimulus (the stimulus would have to be placed on both connectomes).");

        // the intact run: the same options and parameters, resolved on the intact regions
        string cwd = Environment.CurrentDirectory;
        var intactOptions = choices.Apply(options, trMs, spec, intact, cwd);
        var editedOptions = BeforeAfter.EditedOptions(spec, intact, edited, intactOptions);
        var intactParameters = ParametersFor(q, handle, intact);
        try { spec.CheckDt(intactOptions.DtMs, intactParameters); }
        catch (FwbmException e) { throw new FwbmException($"--dt {intactOptions.DtMs.ToString(CultureInfo.InvariantCulture)} (intact run): {e.Message}"); }
        foreach (var warning in spec.Warnings(parameters)) stdout.WriteLine($"warning: {warning}");

        var intactSim = new Simulator(handle, intact, ActivityProbe.Add(intactOptions));
        var editedSim = new Simulator(handle, edited, ActivityProbe.Add(editedOptions));
        var simClock = Stopwatch.StartNew();
        var intactRun = intactSim.Run(intactParameters, q.Seed, null, q.Cancellation);
        var editedRun = editedSim.Run(parameters, q.Seed, null, q.Cancellation);
        double simSeconds = simClock.Elapsed.TotalSeconds;

        var cmpClock = Stopwatch.StartNew();
        var cmp = SurgeryComparison.Compute(intact, intactRun, edited, editedRun, new ComparisonOptions { GraphSeed = (int)(q.Seed % int.MaxValue) });
        double cmpSeconds = cmpClock.Elapsed.TotalSeconds;

        editedRun.Save(outDir.Stage(Fwbm.Core.Persistence.ResultFile.FileNameInFolder), editedSim);
        intactRun.Save(outDir.Stage("result_intact.h5"), intactSim);
        outDir.Write("bold_intact.csv", w => SimulateCommand.WriteBold(w, intactRun.Bold, intact.Labels));
        outDir.Write("bold_edited.csv", w => SimulateCommand.WriteBold(w, editedRun.Bold, edited.Labels));
        ComparisonWriter.Write(cmp, outDir.Write);
        outDir.Write("summary.json", w => Summary(w, q, handle, intact, edited, editedSim, intactParameters, parameters, cmp, intactRun, editedRun,
            new Dictionary<string, double> { ["simulate"] = simSeconds, ["compare"] = cmpSeconds, ["total"] = clock.Elapsed.TotalSeconds }));
        outDir.Commit(last: "summary.json");

        stdout.WriteLine($"wrote {outDir.Target}: bold_intact.csv, bold_edited.csv, result_intact.h5, result.h5, {string.Join(", ", ComparisonWriter.Files)}, summary.json " +
            $"({simSeconds.ToString("F2", CultureInfo.InvariantCulture)} s simulation of both)");
        Table(stdout, cmp);
        foreach (var w in intactRun.Guardrails) stdout.WriteLine($"intact: {w}");
        foreach (var w in editedRun.Guardrails) stdout.WriteLine($"edited: {w}");
        return 0;
    }

    /// <summary>--coupling and --param on a connectome's own regions (region selectors resolve per connectome).</summary>
    private static ParameterSet ParametersFor(SimulateCommand.Request q, ModelHandle handle, Connectome c)
    {
        var o = q.Values;
        var p = ParameterSet.Defaults(handle.Spec);
        double g = o.Number("coupling")!.Value;
        try { p = p.WithCoupling(g); } catch (FwbmException e) { throw new FwbmException($"--coupling {g.ToString("R", CultureInfo.InvariantCulture)}: {e.Message}"); }
        return Assignment.Apply(p, o.Assignments("param"), "--param",
            RegionContext.For(c, Environment.CurrentDirectory, RegionReceptors.FromCatalog(c, q.Store)));
    }

    private static string G(double v) => double.IsNaN(v) ? "NaN" : v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>The before/after table: FC similarity to intact, then every scalar measure.</summary>
    internal static void Table(TextWriter w, SurgeryComparison c)
    {
        w.WriteLine($"before/after ({c.IntactLabels.Count} → {c.EditedLabels.Count} regions, {c.Match.Shared.Count} shared; seed {c.Seed}; edits: {string.Join("; ", c.Edits)}):");
        w.WriteLine($"  {"measure",-28} {"intact",10} {"edited",10} {"change",10}");
        w.WriteLine($"  {"fc_similarity_to_intact",-28} {G(1),10} {G(c.FcSimilarityToIntact),10} {G(c.FcSimilarityToIntact - 1),10}");
        w.WriteLine($"  {"mean_abs_delta_fc",-28} {"",10} {G(c.MeanAbsDeltaFc),10} {"",10}");
        foreach (var m in c.Measures) w.WriteLine($"  {m.Name,-28} {G(m.Intact),10} {G(m.Edited),10} {G(m.Change),10}");
    }

    private static void Summary(TextWriter tw, SimulateCommand.Request q, ModelHandle handle, Connectome intact, Connectome edited, Simulator sim,
        ParameterSet intactParameters, ParameterSet parameters, SurgeryComparison cmp, SimulationResult intactRun, SimulationResult editedRun,
        IReadOnlyDictionary<string, double> timings)
    {
        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("fwbm_version", typeof(SimulateComparison).Assembly.GetName().Version?.ToString() ?? "");
            j.WriteString("created_utc", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            j.WriteStartArray("command"); foreach (var a in SimulateCommand.CommandLine(q)) j.WriteStringValue(a); j.WriteEndArray();
            j.WriteStartObject("model"); j.WriteString("name", handle.Spec.Name); j.WriteString("citation", handle.Spec.Citation); j.WriteEndObject();
            j.WriteString("parameters", parameters.ToString());
            j.WriteString("parameters_intact", intactParameters.ToString());
            j.WriteStartObject("connectome");
            j.WriteString("name", edited.Name); j.WriteString("input", q.Connectome);
            j.WriteNumber("regions", edited.Count); j.WriteNumber("regions_intact", intact.Count);
            if (edited.Source is { } src) { j.WriteString("source", src.DatasetId); j.WriteString("citation", src.Citation); j.WriteString("licence", src.Licence); }
            SimulateOutputs.WriteNormalisation(j, edited, handle.Spec);
            SimulateSurgery.WriteEdits(j, edited);
            j.WriteStartArray("removed"); foreach (var l in cmp.Match.Removed) j.WriteStringValue(l); j.WriteEndArray();
            j.WriteEndObject();
            j.WriteNumber("seed", q.Seed);
            var o = sim.Options;
            j.WriteStartObject("options");
            j.WriteNumber("dt_ms", o.DtMs); j.WriteNumber("duration_ms", o.DurationMs); j.WriteNumber("transient_ms", o.TransientMs);
            if (o.VelocityMPerS is double v) j.WriteNumber("velocity_m_per_s", v); else j.WriteNull("velocity_m_per_s");
            j.WriteNumber("bold_tr_ms", editedRun.Bold.SamplePeriodMs);
            j.WriteString("noise", "same seed; each region keeps its intact noise key (its label's index in the intact connectome)");
            j.WriteEndObject();
            j.WriteStartObject("comparison");
            j.WriteNumber("fc_similarity_to_intact", cmp.FcSimilarityToIntact);
            j.WriteNumber("mean_abs_delta_fc", cmp.MeanAbsDeltaFc);
            foreach (var m in cmp.Measures)
            {
                j.WriteStartObject(m.Name);
                if (double.IsFinite(m.Intact)) j.WriteNumber("intact", m.Intact); else j.WriteNull("intact");
                if (double.IsFinite(m.Edited)) j.WriteNumber("edited", m.Edited); else j.WriteNull("edited");
                j.WriteEndObject();
            }
            j.WriteEndObject();
            j.WriteStartObject("outputs");
            j.WriteString("result.h5", "the edited run (fwbm show; SimulationRun.Load)");
            j.WriteString("result_intact.h5", "the intact run");
            j.WriteString("bold_intact.csv", $"BOLD of the intact run ({intactRun.Bold.Length} samples × {intactRun.Bold.Regions} regions)");
            j.WriteString("bold_edited.csv", $"BOLD of the edited run ({editedRun.Bold.Length} samples × {editedRun.Bold.Regions} regions)");
            j.WriteString("comparison.json", "the before/after comparison (docs/surgery.md)");
            foreach (var f in ComparisonWriter.Files.Where(f => f.EndsWith(".csv", StringComparison.Ordinal))) j.WriteString(f, "see comparison.json → files");
            j.WriteEndObject();
            j.WriteStartArray("warnings");
            foreach (var (who, ws) in new[] { ("intact", intactRun.AllWarnings), ("edited", [.. edited.Warnings, .. editedRun.AllWarnings]) })
                foreach (var w in ws) { j.WriteStartObject(); j.WriteString("run", who); j.WriteString("code", w.Code); j.WriteString("message", w.Message); j.WriteEndObject(); }
            j.WriteEndArray();
            j.WriteStartObject("timings_s");
            foreach (var (k, t) in timings) j.WriteNumber(k, Math.Round(t, 4));
            j.WriteEndObject();
            j.WriteEndObject();
        }
        tw.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
        tw.WriteLine();
    }
}
