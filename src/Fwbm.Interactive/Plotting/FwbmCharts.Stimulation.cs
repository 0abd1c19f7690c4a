using Fwbm.Core;
using Fwbm.Core.Analysis.Stimulation;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Simulation;
using Plotly.NET;

namespace Fwbm.Interactive.Plotting;

/// <summary>Charts of a stimulation: the stimulus and where it acts, evoked responses by latency, entrainment on the brain, latency vs distance.</summary>
public static partial class FwbmCharts
{
    /// <summary>At most this many (time, value) points per waveform line: longer windows keep each bin's minimum and maximum, so no pulse is lost.</summary>
    public const int MaxWaveformPoints = 8000;

    /// <summary>
    /// The stimulus as the model receives it (<see cref="IStimulus.EvaluateStep"/>: the input held over each step), at every integration step <paramref name="dtMs"/> in [<paramref name="fromMs"/>,
    /// <paramref name="toMs"/>] (simulation time from step 0): on top the input over time into the <paramref name="maxLines"/> most
    /// strongly driven regions, below the weight of every stimulated region (the largest input it receives; with
    /// <see cref="IStimulusEvents"/>, its declared weight). <paramref name="description"/> names the stimulus in the title.
    /// </summary>
    public static GenericChart StimulusWaveform(IStimulus stimulus, IReadOnlyList<string> labels, double fromMs, double toMs, double dtMs,
        string? description = null, int maxLines = 4, int maxBars = 40)
    {
        ArgumentNullException.ThrowIfNull(stimulus);
        ArgumentNullException.ThrowIfNull(labels);
        if (!(dtMs > 0) || !(toMs > fromMs)) throw new FwbmException($"Stimulus chart: needs dt > 0 and a window with end > start; got dt {dtMs} ms, window {fromMs}–{toMs} ms.");
        int R = labels.Count;
        long k0 = (long)Math.Floor(fromMs / dtMs), k1 = (long)Math.Ceiling(toMs / dtMs);
        var input = new double[R];
        // first pass: the largest input each region receives
        var peak = new double[R];
        for (long k = k0; k <= k1; k++)
        {
            Array.Clear(input);
            stimulus.EvaluateStep(k, k * dtMs, dtMs, input);
            for (int r = 0; r < R; r++) peak[r] = Math.Max(peak[r], Math.Abs(input[r]));
        }
        var weights = stimulus is IStimulusEvents ev ? ev.RegionWeights(R) : peak;
        var driven = Enumerable.Range(0, R).Where(r => weights[r] != 0 || peak[r] != 0).OrderByDescending(r => Math.Abs(weights[r])).ThenByDescending(r => peak[r]).ThenBy(r => r).ToArray();
        var lines = driven.Take(Math.Max(1, maxLines)).ToArray();
        bool seconds = toMs - fromMs > 5000;
        double Scale(double ms) => seconds ? ms / 1000 : ms;
        // second pass: each line's waveform, every step when they fit, else per bin its first, smallest, largest and last value in time order
        var waves = Waveforms(stimulus, R, lines, k0, k1, dtMs, input);
        var traces = new List<Trace>();
        string[] colours = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"];
        bool binned = k1 - k0 + 1 > MaxWaveformPoints;
        for (int n = 0; n < lines.Length; n++)
        {
            int r = lines[n];
            traces.Add(NewTrace("scatter", ("mode", "lines"), ("x", waves[n].Steps.Select(k => Scale(k * dtMs)).ToArray()), ("y", waves[n].Values), ("name", labels[r]),
                ("line", new { color = colours[n % colours.Length], width = n == 0 ? 2 : 1.2, shape = binned ? "linear" : "hv" }),
                ("hovertemplate", labels[r] + "<br>t = %{x:.4g}<br>input %{y:.4g}<extra></extra>")));
        }
        var bars = driven.Take(Math.Max(1, maxBars)).ToArray();
        traces.Add(NewTrace("bar", ("x", bars.Select(r => labels[r]).ToArray()), ("y", bars.Select(r => weights[r]).ToArray()), ("xaxis", "x2"), ("yaxis", "y2"),
            ("marker", new { color = "#d62728" }), ("name", "weight"), ("showlegend", false), ("hovertemplate", "%{x}: weight %{y:.4g}<extra></extra>")));
        string where = driven.Length == 0 ? "no region receives input in this window"
            : $"{driven.Length} region{(driven.Length == 1 ? "" : "s")} stimulated ({string.Join(", ", driven.Take(5).Select(r => labels[r]))}{(driven.Length > 5 ? ", …" : "")})";
        string what = description ?? StimulusMarks.Of(stimulus, R, fromMs, toMs, dtMs).Description;
        var plan = ChartLayout.Labels(bars.Select(r => labels[r]).ToArray(), ChartLayout.AssumedWidth - 120);
        var x2 = plan.Ticks(); x2["tickangle"] = -60; x2["anchor"] = "y2";
        return Build(traces,
            ("title", Title($"Stimulus: {what} — {where}; input at every step of {dtMs.ToString("G4", Ci)} ms")),
            ("xaxis", new { domain = new[] { 0.0, 1.0 }, anchor = "y", title = new { text = seconds ? "simulation time (s)" : "simulation time (ms)" } }),
            ("yaxis", new { domain = new[] { 0.42, 1.0 }, title = new { text = $"input to {stimulus.Variable}" }, zeroline = true }),
            ("xaxis2", x2),
            ("yaxis2", new { domain = new[] { 0.0, 0.24 }, title = new { text = "weight" } }),
            ("legend", new { x = 1.0, xanchor = "right", y = 1.0, yanchor = "top", bgcolor = "rgba(255,255,255,0.8)" }),
            ("margin", new { b = plan.MarginPx + 20 }), ("height", 520 + plan.MarginPx / 2));
    }

    /// <summary>The input into each of <paramref name="regions"/> over steps k0…k1: every step when they are at most <see cref="MaxWaveformPoints"/>, else
    /// (M4 decimation) the first, smallest, largest and last value of each of <see cref="MaxWaveformPoints"/>/4 bins, in time order, so that no pulse is lost.</summary>
    private static (long[] Steps, double[] Values)[] Waveforms(IStimulus stimulus, int count, int[] regions, long k0, long k1, double dtMs, double[] input)
    {
        long steps = k1 - k0 + 1;
        int bins = (int)Math.Min(steps, steps > MaxWaveformPoints ? MaxWaveformPoints / 4 : steps);
        double perBin = steps / (double)bins;
        int m = regions.Length;
        // per region and bin: first, min, max, last values and the steps of min and max
        var first = new double[m, bins]; var last = new double[m, bins]; var min = new double[m, bins]; var max = new double[m, bins];
        var minK = new long[m, bins]; var maxK = new long[m, bins];
        var binStart = new long[bins]; var binEnd = new long[bins];
        int b = -1;
        for (long k = k0; k <= k1; k++)
        {
            Array.Clear(input);
            stimulus.EvaluateStep(k, k * dtMs, dtMs, input);
            int nb = (int)Math.Min(bins - 1, (k - k0) / perBin);
            bool fresh = nb != b;
            if (fresh) { b = nb; binStart[b] = k; }
            binEnd[b] = k;
            for (int q = 0; q < m; q++)
            {
                double v = input[regions[q]];
                if (fresh) { first[q, b] = min[q, b] = max[q, b] = v; minK[q, b] = maxK[q, b] = k; }
                if (v < min[q, b]) { min[q, b] = v; minK[q, b] = k; }
                if (v > max[q, b]) { max[q, b] = v; maxK[q, b] = k; }
                last[q, b] = v;
            }
        }
        var result = new (long[], double[])[m];
        for (int q = 0; q < m; q++)
        {
            var ks = new List<long>(4 * bins); var vs = new List<double>(4 * bins);
            for (int c = 0; c < bins; c++)
            {
                var pts = new[] { (binStart[c], first[q, c]), (minK[q, c], min[q, c]), (maxK[q, c], max[q, c]), (binEnd[c], last[q, c]) }.OrderBy(p => p.Item1);
                foreach (var (k, v) in pts)
                {
                    if (ks.Count > 0 && ks[^1] == k) continue;
                    ks.Add(k); vs.Add(v);
                }
            }
            result[q] = (ks.ToArray(), vs.ToArray());
        }
        return result;
    }

    /// <summary>
    /// Evoked responses as an image region × time (time from the stimulus onset), rows sorted by onset latency (earliest on top, regions
    /// without a response at the bottom), the onset of each region marked; a diverging scale centred at 0 (the responses are
    /// baseline-corrected) fitted to the non-stimulated regions (the stimulated sites' larger responses saturate it). <paramref name="response"/>[r] is region r's trial-averaged response at <paramref name="timesMs"/>;
    /// <paramref name="latencyMs"/>[r] its onset latency (NaN: no response). Stimulated regions are named in red.
    /// </summary>
    public static GenericChart EvokedResponses(IReadOnlyList<string> labels, IReadOnlyList<double> timesMs, IReadOnlyList<double[]> response,
        IReadOnlyList<double> latencyMs, IReadOnlyList<int>? stimulated = null, string variable = "response", int trials = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(timesMs);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(latencyMs);
        int R = labels.Count, T = timesMs.Count;
        if (response.Count != R || latencyMs.Count != R) throw new FwbmException($"Evoked responses: {response.Count} responses and {latencyMs.Count} latencies for {R} regions.");
        if (response.Any(v => v.Length != T)) throw new FwbmException($"Evoked responses: every response needs {T} samples (one per time).");
        var stim = new HashSet<int>(stimulated ?? []);
        var order = Enumerable.Range(0, R).OrderBy(r => double.IsNaN(latencyMs[r]) ? 1 : 0).ThenBy(r => double.IsNaN(latencyMs[r]) ? 0 : latencyMs[r]).ThenBy(r => r).ToArray();
        var rows = order.Select(r => stim.Contains(r) ? labels[r] + " ★" : labels[r]).ToArray();
        // the scale fits the other regions' responses (the stimulated site's, far larger, saturates): else they all look white
        static double Peak(IEnumerable<double[]> rs) => rs.SelectMany(v => v).Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        double lim = Peak(Enumerable.Range(0, R).Where(r => !stim.Contains(r)).Select(r => response[r]));
        if (lim == 0) lim = Peak(response);
        if (lim == 0) lim = 1;
        var z = order.Select(r => response[r].Select(v => double.IsFinite(v) ? v : (double?)null).ToArray()).ToArray();
        var heat = NewTrace("heatmap", ("z", z), ("x", timesMs.ToArray()), ("y", rows), ("colorscale", ChangeScale),
            ("zmin", -lim), ("zmax", lim), ("zmid", 0.0), ("colorbar", new { title = new { text = variable + " (baseline-corrected)", side = "right" } }),
            ("hovertemplate", "%{y}<br>t = %{x:.4g} ms<br>%{z:.4g}<extra></extra>"));
        var withLatency = order.Where(r => double.IsFinite(latencyMs[r])).ToArray();
        var marks = NewTrace("scatter", ("mode", "markers"), ("x", withLatency.Select(r => latencyMs[r]).ToArray()),
            ("y", withLatency.Select(r => rows[Array.IndexOf(order, r)]).ToArray()), ("name", "onset"),
            ("marker", new { symbol = "line-ns-open", size = 8, color = "#111111", line = new { width = 2 } }),
            ("hovertemplate", "%{y}: onset %{x:.4g} ms<extra></extra>"));
        int side = Math.Clamp(R * 9, 300, 900);
        var plan = ChartLayout.Labels(rows, side);
        var y = plan.Ticks(); y["autorange"] = "reversed"; y["type"] = "category";
        int none = R - withLatency.Length;
        string head = $"Evoked responses{(trials > 0 ? $" (mean of {trials} trials)" : "")} of {R} regions, sorted by onset latency (| = onset; ★ = stimulated)" +
            (withLatency.Length > 0 ? $": earliest {labels[withLatency[0]]} at {latencyMs[withLatency[0]].ToString("G3", Ci)} ms, latest {labels[withLatency[^1]]} at {latencyMs[withLatency[^1]].ToString("G3", Ci)} ms" : ": no region responded") +
            (none > 0 && withLatency.Length > 0 ? $"; {none} without a response (bottom)" : "");
        var title = Title(head);
        int top = ChartLayout.TopMargin(LinesOf(title));
        return Build([heat, marks], ("title", title), ("showlegend", false),
            ("xaxis", new { title = new { text = "time from stimulus onset (ms)" }, zeroline = true }), ("yaxis", y),
            ("margin", new { l = plan.MarginPx + 20, t = top }), ("height", top + side + 60));
    }

    /// <summary>
    /// Entrainment on the brain: region centres coloured by <paramref name="values"/> (e.g. phase locking to the stimulus, or the power at
    /// <paramref name="frequencyHz"/>), the stimulated regions ringed. Needs centres.
    /// </summary>
    public static GenericChart EntrainmentMap(Connectome connectome, IReadOnlyList<double> values, double frequencyHz, string measure = "phase locking value",
        IReadOnlyList<int>? stimulated = null)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        ArgumentNullException.ThrowIfNull(values);
        if (connectome.Centres is null) throw new FwbmException($"Entrainment map: connectome '{connectome.Name}' has no region centres; use FwbmCharts.RegionBars.");
        if (values.Count != connectome.Count) throw new FwbmException($"Entrainment map: {values.Count} values for {connectome.Count} regions of '{connectome.Name}'.");
        var c = connectome.Centres;
        var finite = values.Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        double lo = finite.Min(), hi = finite.Max();
        if (hi == lo) hi = lo + 1e-12;
        var nodes = NewTrace("scatter3d", ("mode", "markers"), ("name", measure),
            ("x", c.Select(p => p.X).ToArray()), ("y", c.Select(p => p.Y).ToArray()), ("z", c.Select(p => p.Z).ToArray()),
            ("text", connectome.Labels.Zip(values, (l, v) => $"{l}: {v.ToString("G4", Ci)}").ToArray()),
            ("marker", new { size = 7, color = values.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray(), colorscale = "Hot", reversescale = true, cmin = lo, cmax = hi,
                colorbar = new { title = new { text = measure }, tickformat = ".3g" }, opacity = 0.95, line = new { color = "#555555", width = 0.5 } }),
            ("hovertemplate", "%{text}<extra></extra>"));
        var traces = new List<Trace> { nodes };
        var stim = (stimulated ?? []).Where(r => r >= 0 && r < connectome.Count).Distinct().ToArray();
        if (stim.Length > 0)
            traces.Add(NewTrace("scatter3d", ("mode", "markers"), ("name", "stimulated"), ("x", stim.Select(r => c[r].X).ToArray()), ("y", stim.Select(r => c[r].Y).ToArray()),
                ("z", stim.Select(r => c[r].Z).ToArray()), ("text", stim.Select(r => connectome.Labels[r]).ToArray()),
                ("marker", new { size = 14, symbol = "circle-open", color = "#1f77b4", line = new { color = "#1f77b4", width = 4 } }), ("hovertemplate", "%{text} (stimulated)<extra></extra>")));
        int top = Enumerable.Range(0, values.Count).Where(r => double.IsFinite(values[r])).OrderByDescending(r => values[r]).FirstOrDefault(-1);
        string head = $"{measure} at {frequencyHz.ToString("G4", Ci)} Hz on the brain: {lo.ToString("G3", Ci)} … {hi.ToString("G3", Ci)}" +
            (top >= 0 ? $", highest in {connectome.Labels[top]}" : "") + (stim.Length > 0 ? $"; ringed: stimulated ({string.Join(", ", stim.Take(4).Select(r => connectome.Labels[r]))})" : "");
        return Build(traces, ("title", Title(head)),
            ("scene", new { aspectmode = "data", xaxis = new { title = new { text = "x (mm)" } }, yaxis = new { title = new { text = "y (mm)" } }, zaxis = new { title = new { text = "z (mm)" } } }),
            ("legend", new { x = 0.0, y = 1.0 }), ("showlegend", stim.Length > 0));
    }

    /// <summary>One set of regions' onset latency against their distance from the stimulated site (NaN latency: no response, not drawn).</summary>
    public sealed record LatencySeries(string Name, IReadOnlyList<string> Labels, IReadOnlyList<double> Distance, IReadOnlyList<double> LatencyMs, double? RankCorrelation = null)
    {
        /// <summary>The given rank correlation, else Spearman's ρ over the regions with a finite distance and latency (NaN with fewer than 3).</summary>
        public double Rho => RankCorrelation ?? Plotting.RankCorrelation.Spearman(Distance, LatencyMs);

        /// <summary>Regions with a finite distance and latency.</summary>
        public int[] Responding() => Enumerable.Range(0, Labels.Count).Where(r => double.IsFinite(Distance[r]) && double.IsFinite(LatencyMs[r])).ToArray();
    }

    /// <summary>
    /// Onset latency against distance from the stimulated site (tract length or shortest-path distance, <paramref name="distanceTitle"/>),
    /// one marker colour per series (e.g. with and without delays), Spearman's ρ of each in the title and the legend.
    /// </summary>
    public static GenericChart LatencyVsDistance(IReadOnlyList<LatencySeries> series, string distanceTitle = "tract length from the stimulated site (mm)")
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new FwbmException("Latency vs distance: no series to draw.");
        string[] colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
        var traces = new List<Trace>();
        var parts = new List<string>();
        foreach (var (s, n) in series.Select((s, n) => (s, n)))
        {
            if (s.Distance.Count != s.Labels.Count || s.LatencyMs.Count != s.Labels.Count)
                throw new FwbmException($"Latency vs distance: series '{s.Name}' has {s.Distance.Count} distances and {s.LatencyMs.Count} latencies for {s.Labels.Count} regions.");
            var idx = s.Responding();
            double rho = s.Rho;
            string rhoText = double.IsNaN(rho) ? "ρ undefined" : $"Spearman ρ = {rho.ToString("F2", Ci)}";
            parts.Add($"{s.Name}: {rhoText} ({idx.Length} of {s.Labels.Count} regions responded)");
            traces.Add(NewTrace("scatter", ("mode", "markers"), ("x", idx.Select(r => s.Distance[r]).ToArray()), ("y", idx.Select(r => s.LatencyMs[r]).ToArray()),
                ("text", idx.Select(r => s.Labels[r]).ToArray()), ("name", $"{s.Name} ({rhoText})"),
                ("marker", new { size = 7, color = colours[n % colours.Length], opacity = 0.75, symbol = n == 0 ? "circle" : "diamond" }),
                ("hovertemplate", "%{text}<br>distance %{x:.4g}<br>onset %{y:.4g} ms<extra>" + s.Name + "</extra>")));
        }
        return Build(traces, ("title", Title($"Onset latency vs distance — {string.Join("; ", parts)}")),
            ("xaxis", new { title = new { text = distanceTitle }, zeroline = false }),
            ("yaxis", new { title = new { text = "onset latency (ms)" }, zeroline = false }),
            ("legend", new { orientation = "h", y = -0.2 }), ("showlegend", true));
    }

    /// <summary>The evoked responses of an analysis, sorted by onset latency, the stimulated sites starred.</summary>
    public static GenericChart EvokedResponses(StimulationAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var e = analysis.Evoked;
        var times = Enumerable.Range(0, e.Length).Select(e.TimeMs).ToArray();
        var responses = Enumerable.Range(0, e.Regions).Select(e.Of).ToArray();
        return EvokedResponses(analysis.Labels, times, responses, analysis.Latency.Regions.Select(r => r.LatencyMs).ToArray(), analysis.Distances.Sites, e.Variable, e.Trials);
    }

    /// <summary>The latency series of an analysis: the responding, non-stimulated regions against the direct tract length (or the shortest-path distance), with the analysis' ρ.</summary>
    public static LatencySeries LatencySeriesOf(StimulationAnalysis analysis, string name, bool pathDistance = false)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var regions = analysis.Latency.Regions.Where(r => !r.Stimulated).ToArray();
        return new LatencySeries(name, regions.Select(r => r.Label).ToArray(),
            regions.Select(r => pathDistance ? r.PathDistanceMm : r.TractLengthMm).Select(d => double.IsFinite(d) ? d : double.NaN).ToArray(),
            regions.Select(r => r.Responded ? r.LatencyMs : double.NaN).ToArray(),
            pathDistance ? analysis.Latency.SpearmanPathDistance : analysis.Latency.SpearmanTractLength);
    }

    /// <summary>Onset latency against distance from the stimulated site for one analysis, or two (e.g. with and without conduction delays).</summary>
    public static GenericChart LatencyVsDistance(StimulationAnalysis analysis, StimulationAnalysis? other = null, bool pathDistance = false,
        string name = "with delays", string otherName = "without delays")
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var series = new List<LatencySeries> { LatencySeriesOf(analysis, name, pathDistance) };
        if (other is not null) series.Add(LatencySeriesOf(other, otherName, pathDistance));
        return LatencyVsDistance(series, pathDistance ? "shortest-path distance from the stimulated site (mm)" : "tract length from the stimulated site (mm)");
    }

    /// <summary>The entrainment of an analysis on the brain (phase locking value, or the power at f relative to its neighbours), the sites ringed.</summary>
    public static GenericChart EntrainmentMap(Connectome connectome, StimulationAnalysis analysis, bool relativePower = false)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var e = analysis.Entrainment ?? throw new FwbmException($"Entrainment map: the analysis has no entrainment ({analysis.EntrainmentNote}).");
        var values = e.Regions.Select(r => relativePower ? r.RelativePower : r.Plv).ToArray();
        return EntrainmentMap(connectome, values, e.FrequencyHz, relativePower ? "relative power at f" : "phase locking value", analysis.Distances.Sites);
    }
}
