using System.Globalization;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.Analysis.Stimulation;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Options;
using Fwbm.Core.Simulation;

namespace Fwbm.Cli.Commands;

/// <summary>
/// <c>fwbm simulate --stimulus … --evoked</c>: checks before the run (a stimulus, a trial inside the recording, a raw recording of the
/// stimulated variable — turned on when missing), then the <see cref="StimulationAnalysis"/> of the run written as evoked.csv,
/// evoked_se.csv, latency.csv and entrainment.csv, and its "evoked" section of summary.json.
/// </summary>
internal static class SimulateEvoked
{
    /// <summary>What --evoked analyses: the stimulated variable, its stimuli as one, the settings, and the raw interval it turned on (null: --raw records it).</summary>
    internal sealed record Plan(string Variable, IStimulusEvents Events, StimulationAnalysisOptions Options, double? AutoRawMs, int IgnoredStimuli);

    /// <summary>The plan and the options with the raw recording it needs; (null, unchanged) without --evoked.</summary>
    public static (Plan? Plan, SimulationOptions Options) Prepare(OptionValues o, SimulationOptions options, TextWriter stdout)
    {
        if (o.Command.Find("evoked") is null || !o.Flag("evoked")) return (null, options);
        if (o.Has("sweep")) throw new FwbmException("--evoked analyses one stimulated run and --sweep runs many; drop one of them.");
        var stimuli = options.AllStimuli;
        if (stimuli.Count == 0)
            throw new FwbmException("--evoked analyses a stimulated run, and no --stimulus was given; add one, e.g. --stimulus \"pulse(amplitude=1, width=1ms) at Precentral_L from 2s\" (several pulses: train(rate=2Hz, …)).");
        string variable = stimuli[0].Variable;
        var events = stimuli.Where(s => s.Variable == variable).OfType<IStimulusEvents>().ToArray();
        if (events.Length == 0)
            throw new FwbmException($"--evoked: the stimulus on '{variable}' does not say where and when it acts (no trial onsets); use the --stimulus grammar.");
        var combined = CombinedStimulusEvents.Of(events);
        double start = options.TransientMs, end = options.TransientMs + options.DurationMs;
        var onsets = combined.TrialOnsetsMs(end);
        if (!onsets.Any(t => t >= start))
            throw new FwbmException($"--evoked: no trial of the stimulus on '{variable}' starts inside the recording ({F(start)}–{F(end)} ms from the start of the transient)" +
                (onsets.Count > 0 ? $"; its onsets end at {F(onsets[^1])} ms" : "") + "; start the stimulus after --transient (its times count from the start of the transient).");
        var settings = new StimulationAnalysisOptions
        {
            Variable = variable,
            WindowMs = o.DurationMs("evoked-window")!.Value,
            BaselineMs = o.DurationMs("evoked-baseline")!.Value,
            ThresholdSd = o.Number("evoked-threshold")!.Value,
        };
        bool recorded = options.Monitors.OfType<RawMonitorSpec>().Any(m => m.Variables is null || m.Variables.Contains(variable));
        double? auto = null;
        if (!recorded)
        {
            double dt = options.DtMs;
            auto = dt * Math.Max(1, Math.Round(1.0 / dt));
            options = options with { Monitors = [.. options.Monitors, new RawMonitorSpec(auto.Value, [variable])] };
            stdout.WriteLine($"--evoked: recording '{variable}' every {F(auto.Value)} ms (raw_{variable}.csv) for the analysis; give --raw to choose the interval.");
        }
        if (settings.BaselineMs < 2 * (auto ?? RawInterval(options, variable)))
            throw new FwbmException($"--evoked-baseline {F(settings.BaselineMs)} ms is shorter than 2 samples of the raw recording (every {F(auto ?? RawInterval(options, variable))} ms); use a longer baseline or a shorter --raw.");
        return (new Plan(variable, combined, settings, auto, stimuli.Count - events.Length), options);
    }

    private static double RawInterval(SimulationOptions options, string variable) =>
        options.Monitors.OfType<RawMonitorSpec>().First(m => m.Variables is null || m.Variables.Contains(variable)).PeriodMs;

    /// <summary>Analyse the run and stage its CSV files; null without --evoked. Errors (no whole epoch, f above Nyquist) name the option to change.</summary>
    public static StimulationAnalysis? Write(OutputDirectory outDir, SimulationResult result, Connectome connectome, Plan? plan, TextWriter stdout)
    {
        if (plan is null) return null;
        StimulationAnalysis a;
        try { a = StimulationAnalysis.Compute(result, plan.Events, connectome, plan.Options); }
        catch (FwbmException e) { throw new FwbmException($"--evoked: {e.Message}"); }
        StimulationCsv.WriteAll(a, outDir.Write);
        var l = a.Latency;
        stdout.WriteLine($"evoked: {a.Evoked.Trials} trial(s) of '{plan.Variable}'" + (a.Evoked.DroppedTrials > 0 ? $" ({a.Evoked.DroppedTrials} dropped: epoch outside the recording)" : "") +
            $", {l.Responding}/{l.Regions.Count} regions respond; latency vs path distance ρ = {R(l.SpearmanPathDistance)}, vs tract length ρ = {R(l.SpearmanTractLength)}" +
            (a.Entrainment is { } en ? $"; entrainment at {F(en.FrequencyHz)} Hz: site PLV {R(a.SitePlv)}" : "") +
            $" → {string.Join(", ", StimulationCsv.Files(a))}");
        if (plan.IgnoredStimuli > 0) stdout.WriteLine($"evoked: {plan.IgnoredStimuli} stimulus/stimuli on other variables than '{plan.Variable}' are not analysed.");
        return a;
    }

    /// <summary>The "evoked" section of summary.json (nothing without --evoked).</summary>
    public static void WriteSummary(Utf8JsonWriter j, StimulationAnalysis? a, Plan? plan)
    {
        if (a is null || plan is null) return;
        var l = a.Latency;
        j.WriteStartObject("evoked");
        j.WriteString("variable", plan.Variable);
        if (plan.AutoRawMs is double r) j.WriteNumber("raw_interval_ms_turned_on", r);
        j.WriteStartArray("sites"); foreach (int s in a.Distances.Sites) j.WriteStringValue(a.Labels[s]); j.WriteEndArray();
        j.WriteNumber("trials", a.Evoked.Trials); j.WriteNumber("dropped_trials", a.Evoked.DroppedTrials);
        j.WriteNumber("baseline_ms", a.Options.BaselineMs); j.WriteNumber("window_ms", a.Options.WindowMs);
        j.WriteStartObject("latency");
        j.WriteString("criterion", $"|evoked| > max({F(l.ThresholdSd)}·SD of the baseline, {F(l.MinimumDeviation)}, {F(a.Options.PeakFraction)}·peak) for {l.ConsecutiveSamples} consecutive samples");
        j.WriteNumber("responding_regions", l.Responding);
        j.WriteStartArray("non_responding"); foreach (var s in l.NonResponding) j.WriteStringValue(s); j.WriteEndArray();
        Number(j, "spearman_latency_path_distance", l.SpearmanPathDistance); j.WriteNumber("path_distance_pairs", l.PathDistancePairs);
        Number(j, "spearman_latency_tract_length", l.SpearmanTractLength); j.WriteNumber("tract_length_pairs", l.TractLengthPairs);
        j.WriteEndObject();
        j.WriteStartObject("entrainment");
        if (a.Entrainment is { } e)
        {
            j.WriteNumber("frequency_hz", e.FrequencyHz); j.WriteNumber("bin_frequency_hz", e.BinFrequencyHz); j.WriteNumber("resolution_hz", e.ResolutionHz);
            j.WriteNumber("band_half_width_hz", e.BandHalfWidthHz); j.WriteNumber("stretch_ms", e.StretchMs);
            Number(j, "site_plv", a.SitePlv); Number(j, "site_relative_power", a.SiteRelativePower);
        }
        else j.WriteString("note", a.EntrainmentNote);
        j.WriteEndObject();
        j.WriteStartArray("files"); foreach (var f in StimulationCsv.Files(a)) j.WriteStringValue(f); j.WriteEndArray();
        j.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter j, string name, double v) { if (double.IsFinite(v)) j.WriteNumber(name, v); else j.WriteNull(name); }
    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
    private static string R(double v) => double.IsNaN(v) ? "n/a" : v.ToString("F2", CultureInfo.InvariantCulture);
}
