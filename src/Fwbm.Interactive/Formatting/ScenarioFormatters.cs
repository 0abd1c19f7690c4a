using System.Globalization;
using System.Net;
using System.Text;
using Fwbm.Core.Simulation;
using Fwbm.Interactive.Plotting;

namespace Fwbm.Interactive.Formatting;

/// <summary>The cards of the scenario views: a <see cref="SurgeryRun"/> (before/after) and a <see cref="StimulationRun"/>.</summary>
internal static class ScenarioFormatters
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void Register()
    {
        FwbmFormatters.Add<SurgeryRun>(SurgeryHtml, SurgeryText);
        FwbmFormatters.Add<Magics.SurgeryCard>(c => SurgeryHtml(c.Run, c.Edges), c => SurgeryText(c.Run));
        FwbmFormatters.Add<StimulationRun>(StimulationHtml, r => r.ToString() + string.Concat(r.Run.Warnings.Select(w => "\n" + w)));
    }

    /// <summary>A box of warning lines (empty text when there are none), as the simulation card draws its guardrails.</summary>
    private static string WarningBox(IEnumerable<string> lines)
    {
        var list = lines.ToArray();
        if (list.Length == 0) return "";
        var sb = new StringBuilder("<div class=\"fwbm-warnings\" style=\"border:2px solid #d97706;background:#fff7ed;color:#7c2d12;padding:6px 10px;margin:6px 0;font-family:monospace;white-space:pre-wrap\">");
        foreach (var w in list) sb.Append("<div>⚠ ").Append(WebUtility.HtmlEncode(w)).Append("</div>");
        return sb.Append("</div>").ToString();
    }

    /// <summary>The edits, oldest first, as their canonical option text (the provenance of the edited connectome).</summary>
    internal static string EditsHtml(IReadOnlyList<string> edits)
    {
        var sb = new StringBuilder("<div class=\"fwbm-edits\" style=\"font-family:monospace;margin:4px 0\"><b>edits (applied in this order):</b>");
        if (edits.Count == 0) sb.Append(" none");
        else
        {
            sb.Append("<ol style=\"margin:2px 0 2px 1.5em;padding:0\">");
            foreach (var e in edits) sb.Append("<li>").Append(WebUtility.HtmlEncode(e)).Append("</li>");
            sb.Append("</ol>");
        }
        return sb.Append("</div>").ToString();
    }

    private static string SurgeryHtml(SurgeryRun run) => SurgeryHtml(run, 150);

    internal static string SurgeryText(SurgeryRun run) =>
        run.ToString() + "\nedits: " + (run.EditTexts.Count == 0 ? "none" : string.Join("; ", run.EditTexts)) + string.Concat(run.Warnings.Select(w => "\nwarning: " + w));

    /// <summary>The before/after card: warnings, the edits, the 3-D connectome with the changes marked, ΔFC and the measure table.</summary>
    internal static string SurgeryHtml(SurgeryRun run, int edges)
    {
        var parts = new List<string> { WarningBox(run.Warnings), EditsHtml(run.EditTexts) };
        if (run.Intact.Connectome.Centres is not null) parts.Add(FwbmFormatters.Chart(FwbmCharts.SurgeryGraph(run.Intact.Connectome, run.Edited.Connectome, edges), 600));
        parts.Add(FwbmFormatters.Chart(FwbmCharts.DeltaFc(run.Intact.Fc, run.Edited.Fc), null));
        parts.Add(FwbmFormatters.Chart(FwbmCharts.MeasureChanges(run.Measures, $"Intact vs edited '{run.Intact.Connectome.Name}' (same seed {run.Seed})"), null));
        return FwbmFormatters.Card(run.ToString(), parts.ToArray());
    }

    /// <summary>The stimulation card: warnings, the stimulus, the evoked responses by latency, latency vs distance, entrainment, the recording with the stimulus shaded.</summary>
    internal static string StimulationHtml(StimulationRun run)
    {
        var parts = new List<string> { FwbmFormatters.WarningsHtml(run.Run.Warnings) };
        var (from, to) = WaveformWindow(run);
        var o = run.Run.Simulation.Options;
        parts.Add(FwbmFormatters.Chart(FwbmCharts.StimulusWaveform(run.Stimulus, run.Connectome.Labels, from, to, o.DtMs, StimulusText(run.Stimulus)), null));
        parts.Add(FwbmFormatters.Chart(FwbmCharts.EvokedResponses(run.Analysis), null));
        if (run.Latency.Regions.Any(r => !r.Stimulated && r.Responded))
            parts.Add(FwbmFormatters.Chart(FwbmCharts.LatencyVsDistance(run.Analysis, name: "this run"), 460));
        if (run.Entrainment is not null && run.Connectome.Centres is not null)
            parts.Add(FwbmFormatters.Chart(FwbmCharts.EntrainmentMap(run.Connectome, run.Analysis), 560));
        parts.Add(FwbmFormatters.Chart(FwbmCharts.TimeSeries(run.Recording, title: "stimulated variable", stimulus: run.Stimulus), 460));
        return FwbmFormatters.Card(run.ToString(), parts.ToArray());
    }

    /// <summary>The canonical --stimulus text of a grammar stimulus (or of each added one), else null (the chart describes pulses and sinusoids itself).</summary>
    internal static string? StimulusText(IStimulus stimulus) =>
        stimulus is Core.Simulation.Stimuli.Stimulus or StimulusSum ? stimulus.ToString() : null;

    /// <summary>What the waveform chart shows: from a little before the first trial onset to a few trials (or cycles) later, within the run.</summary>
    internal static (double From, double To) WaveformWindow(StimulationRun run)
    {
        var o = run.Run.Simulation.Options;
        double end = o.TransientMs + o.DurationMs;
        var onsets = run.Evoked.OnsetsMs;
        double first = onsets.Count > 0 ? onsets[0] : o.TransientMs;
        double span = Math.Max(run.Analysis.Options.WindowMs, onsets.Count > 1 ? 3 * (onsets[1] - onsets[0]) : 0);
        if (run.Stimulus is IStimulusEvents { DrivingFrequencyHz: double f } && f > 0) span = Math.Max(span, Math.Min(5 * 1000 / f, 2000));
        double from = Math.Max(0, first - 0.2 * span), to = Math.Min(end, first + span);
        return to > from ? (from, to) : (0, end);
    }
}
