using Fwbm.Core.Measures;
using System.Globalization;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Plotly.NET;

namespace Fwbm.Interactive.Plotting;

/// <summary>
/// The charts behind FWBM's notebook displays, as Plotly.NET <see cref="GenericChart"/>s (customise them with Plotly.NET, show
/// them with <c>display(chart)</c>: FWBM's formatter renders any GenericChart offline). Traces and layouts are plain plotly.js
/// attributes set on Plotly.NET's trace and layout objects.
/// </summary>
public static partial class FwbmCharts
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>plotly.js colour scale names used throughout.</summary>
    public const string Diverging = "RdBu", Sequential = "Viridis", Weights = "YlGnBu";

    internal static Trace NewTrace(string type, params (string Key, object? Value)[] props)
    {
        var t = new Trace(type);
        foreach (var (k, v) in props) if (v is not null) t.SetProperty(k, v);
        return t;
    }

    internal static GenericChart Build(IEnumerable<Trace> traces, params (string Key, object? Value)[] layout)
    {
        var chart = GenericChart.ofTraceObjects(false, traces.ToArray());
        var l = new Layout();
        // margins: the title's lines on top; every cartesian axis has automargin (its labels push the margin rather than being clipped)
        var margin = new Dictionary<string, object?> { ["l"] = 60, ["r"] = 30, ["t"] = ChartLayout.TopMargin(1), ["b"] = 50 };
        foreach (var (k, v) in layout)
        {
            if (v is null) continue;
            if (k == "title" && v is Dictionary<string, object?> title && title.Remove(ChartLayout.LinesKey, out var lines))
            {
                margin["t"] = Math.Max(Convert.ToInt32(margin["t"], Ci), ChartLayout.TopMargin((int)lines!, HasGroupNames(layout)));
                l.SetProperty(k, title);
            }
            else if (k == "margin") foreach (var (mk, mv) in ChartLayout.Axis(v)) { if (mk != "automargin") margin[mk] = mv; }
            else l.SetProperty(k, ChartLayout.IsAxisKey(k) ? ChartLayout.Axis(v) : v);
        }
        l.SetProperty("margin", margin);
        return GenericChart.setLayout(l, chart);
    }

    private static bool HasGroupNames((string Key, object? Value)[] layout) =>
        layout.Any(p => p.Key == "annotations" && p.Value is Array a && a.Length > 0);

    private static Dictionary<string, object?> Title(string text, int width = ChartLayout.TitleWidth) => ChartLayout.Title(text, width);

    private static double[][] Rows(ReadOnlySpan<double> m, int n, int[] order, Func<double, double>? map = null)
    {
        var z = new double[n][];
        for (int a = 0; a < n; a++)
        {
            z[a] = new double[n];
            for (int b = 0; b < n; b++)
            {
                double v = m[order[a] * n + order[b]];
                z[a][b] = map is null ? v : map(v);
            }
        }
        return z;
    }

    private static string[] Pick(IReadOnlyList<string> labels, int[] order) => order.Select(i => labels[i]).ToArray();

    /// <summary>
    /// Stacked time series (one line per region, offset vertically, each named on the y axis) with a region picker. Every region is
    /// a trace and can be picked in the dropdown (one region alone, the displayed subset, or all); when there are more than
    /// <paramref name="maxRegions"/>, every k-th region is visible at first and the others are hidden until picked. With a
    /// <paramref name="stimulus"/> the stimulated regions are always among the visible ones and drawn highlighted (red, thicker), and the
    /// intervals when the stimulus is on are shaded (with a line at each onset).
    /// </summary>
    public static GenericChart TimeSeries(TimeSeries ts, int maxRegions = 40, string? title = null, Core.Simulation.IStimulus? stimulus = null)
    {
        ArgumentNullException.ThrowIfNull(ts);
        int R = ts.Regions, T = ts.Length;
        double tEnd = ts.TimeMs(Math.Max(0, T - 1)) + ts.SamplePeriodMs;
        var marks = stimulus is null ? null : StimulusMarks.Of(stimulus, R, ts.TimeMs(0), tEnd, ts.SamplePeriodMs);
        var stimulated = new bool[R];
        foreach (var r in marks?.Regions ?? []) stimulated[r] = true;
        int nStim = stimulated.Count(v => v);
        // the stimulated regions are always shown; the others every k-th, within what is left of maxRegions
        int budget = Math.Max(1, maxRegions - nStim), others = R - nStim;
        int step = Math.Max(1, (int)Math.Ceiling(others / (double)budget));
        var initially = new bool[R];
        for (int r = 0, k = 0; r < R; r++)
        {
            if (stimulated[r]) { initially[r] = true; continue; }
            initially[r] = k++ % step == 0;
        }
        int shownCount = initially.Count(v => v);
        bool seconds = ts.SamplePeriodMs * T > 5000;
        double Scale(double ms) => seconds ? ms / 1000 : ms;
        double x0 = Scale(ts.TimeMs(0)), dx = Scale(ts.SamplePeriodMs);
        var series = Enumerable.Range(0, R).Select(ts.Region).ToArray();
        var means = series.Select(s => s.Length > 0 ? s.Average() : 0).ToArray();
        double spread = 0;
        for (int r = 0; r < R; r++)
        {
            if (!initially[r] || series[r].Length == 0) continue;
            double m = means[r];
            spread = Math.Max(spread, Math.Sqrt(series[r].Select(v => (v - m) * (v - m)).Average()));
        }
        double offset = spread > 0 ? 3 * spread : 1;
        string Label(int r) => ts.Labels?[r] ?? $"region {r}";
        // the visible regions take one slot each, in region order; a hidden region sits halfway after the visible one before it
        var slot = new double[R];
        for (int r = 0, v = -1; r < R; r++) slot[r] = initially[r] ? ++v : v + 0.5;
        // SVG unless the shown points are many: every WebGL chart holds a context, and a long notebook runs out of them (charts go blank)
        string type = (long)shownCount * T <= 200_000 ? "scatter" : "scattergl";
        var traces = new List<Trace>();
        for (int r = 0; r < R; r++)
        {
            double shift = slot[r] * offset, m = means[r];
            object line = stimulated[r] ? new { width = 2.2, color = "#d62728" } : marks is null ? new { width = 1 } : new { width = 1, color = "rgba(70,70,70,0.75)" };
            traces.Add(NewTrace(type, ("mode", "lines"), ("name", stimulated[r] ? Label(r) + " (stimulated)" : Label(r)), ("x0", x0), ("dx", dx),
                ("y", series[r].Select(v => v - m - shift).ToArray()), ("line", line), ("visible", initially[r]),
                ("hovertemplate", Label(r) + (stimulated[r] ? " (stimulated)" : "") + "<br>t = %{x:.4g}<extra></extra>")));
        }
        string every = step > 1 ? $"every {Ordinal(step)}" : "all";
        string subset = nStim == 0 ? every : step > 1 ? $"the {nStim} stimulated and every {Ordinal(step)} other" : "all";
        var buttons = new List<object>();
        if (shownCount < R)
        {
            buttons.Add(new { label = $"{shownCount} regions ({subset})", method = "update", args = new object[] { new { visible = initially } } });
            buttons.Add(new { label = $"all {R} regions", method = "update", args = new object[] { new { visible = Enumerable.Repeat(true, R).ToArray() } } });
        }
        else buttons.Add(new { label = "all regions", method = "update", args = new object[] { new { visible = Enumerable.Repeat(true, R).ToArray() } } });
        for (int r = 0; r < R; r++)
            buttons.Add(new { label = Label(r), method = "update", args = new object[] { new { visible = Enumerable.Range(0, R).Select(q => q == r).ToArray() } } });
        string what = string.IsNullOrEmpty(ts.Variable) ? "signal" : ts.Variable;
        string head = shownCount < R ? $"{what}: {shownCount} of {R} regions shown ({subset}; pick any region in the menu), {T} samples" : $"{what}: {R} regions, {T} samples";
        if (marks is not null)
            head += marks.Regions.Count == 0 ? $"; stimulus: {marks.Description} (no region of this series)"
                : $"; stimulated (red): {string.Join(", ", marks.Regions.Take(6).Select(Label))}{(marks.Regions.Count > 6 ? $" and {marks.Regions.Count - 6} more" : "")}; shaded: {marks.Description}";
        // the shown regions' names on the y axis, at their traces
        var shown = Enumerable.Range(0, R).Where(r => initially[r]).ToArray();
        var plan = ChartLayout.Labels(shown.Select(Label).ToArray(), 380);
        var tickAt = shown.Where((_, i) => i % plan.Step == 0).ToArray();
        var shapes = new List<object>();
        foreach (var (a, b) in marks?.IntervalsMs ?? [])
        {
            shapes.Add(new { type = "rect", xref = "x", yref = "paper", x0 = Scale(a), x1 = Scale(b), y0 = 0.0, y1 = 1.0,
                fillcolor = "rgba(255,160,0,0.22)", line = new { width = 0 }, layer = "below" });
            shapes.Add(new { type = "line", xref = "x", yref = "paper", x0 = Scale(a), x1 = Scale(a), y0 = 0.0, y1 = 1.0,
                line = new { color = "rgba(230,120,0,0.9)", width = 1, dash = "dot" }, layer = "below" });
        }
        var chartTitle = Title(title is null ? head : marks is null ? title : $"{title} — {head}", 95); // clear of the region menu
        return Build(traces,
            ("title", chartTitle),
            ("xaxis", new { title = new { text = seconds ? "time (s)" : "time (ms)" } }),
            ("yaxis", new
            {
                tickmode = "array", tickvals = tickAt.Select(r => -slot[r] * offset).ToArray(), ticktext = tickAt.Select(Label).ToArray(),
                tickfont = new { size = plan.Font }, zeroline = false, showgrid = false, title = new { text = $"{what} (stacked, mean removed)" },
            }),
            ("margin", new { l = plan.MarginPx + 40 }),
            ("shapes", shapes.Count > 0 ? shapes.ToArray() : null),
            ("showlegend", false),
            ("updatemenus", new[] { new { type = "dropdown", x = 1.0, y = 1.0, yanchor = "bottom", xanchor = "right", buttons } }));
    }

    /// <summary>1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, 21st …</summary>
    public static string Ordinal(int n)
    {
        int t = Math.Abs(n) % 100;
        string suffix = t is >= 11 and <= 13 ? "th" : (Math.Abs(n) % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString(Ci) + suffix;
    }

    /// <summary>Power spectra on log-log axes: the mean over regions (bold), a few regions (thin) and the peak marked.</summary>
    public static GenericChart PowerSpectrum(IReadOnlyList<double> frequencies, IReadOnlyList<double[]> perRegion, IReadOnlyList<string>? labels = null,
        double? peakHz = null, string title = "Power spectrum (Welch)", int maxRegions = 12)
    {
        int nf = frequencies.Count;
        var keep = Enumerable.Range(0, nf).Where(f => frequencies[f] > 0).ToArray(); // log axis: drop 0 Hz
        var fx = keep.Select(f => frequencies[f]).ToArray();
        var mean = keep.Select(f => perRegion.Average(p => p[f])).ToArray();
        var traces = new List<Trace>();
        int step = Math.Max(1, (int)Math.Ceiling(perRegion.Count / (double)Math.Max(1, maxRegions)));
        for (int r = 0; r < perRegion.Count; r += step)
            traces.Add(NewTrace("scatter", ("mode", "lines"), ("x", fx), ("y", keep.Select(f => perRegion[r][f]).ToArray()),
                ("name", labels?[r] ?? $"region {r}"), ("line", new { width = 1, color = "rgba(120,120,120,0.5)" })));
        traces.Add(NewTrace("scatter", ("mode", "lines"), ("x", fx), ("y", mean), ("name", "mean over regions"), ("line", new { width = 3, color = "#1f77b4" })));
        double peak = peakHz ?? (fx.Length > 0 ? fx[Array.IndexOf(mean, mean.Max())] : 0);
        if (fx.Length > 0)
        {
            int pi = Array.IndexOf(fx, fx.OrderBy(f => Math.Abs(f - peak)).First());
            traces.Add(NewTrace("scatter", ("mode", "markers+text"), ("x", new[] { fx[pi] }), ("y", new[] { mean[pi] }),
                ("text", new[] { $"peak {peak.ToString("G3", Ci)} Hz" }), ("textposition", "top center"),
                ("marker", new { size = 11, color = "#d62728", symbol = "x" }), ("name", "peak")));
        }
        return Build(traces, ("title", Title(title)),
            ("xaxis", new { type = "log", title = new { text = "frequency (Hz)" } }),
            ("yaxis", new { type = "log", title = new { text = "power" } }),
            ("showlegend", true));
    }

    /// <summary>FCD matrix: correlation between the FC of sliding windows, time on both axes.</summary>
    public static GenericChart Fcd(double[] matrix, IReadOnlyList<double> windowStartsMs, string title = "FCD")
    {
        int w = windowStartsMs.Count;
        var t = windowStartsMs.Select(v => v / 1000).ToArray();
        var z = new double[w][];
        for (int i = 0; i < w; i++) { z[i] = new double[w]; for (int j = 0; j < w; j++) z[i][j] = matrix[i * w + j]; }
        var heat = NewTrace("heatmap", ("z", z), ("x", t), ("y", t), ("colorscale", Sequential), ("colorbar", new { title = new { text = "r between window FCs" } }),
            ("hovertemplate", "window %{y:.1f} s vs %{x:.1f} s<br>r = %{z:.3f}<extra></extra>"));
        return Build([heat], ("title", Title($"{title} ({w} windows)")),
            ("xaxis", new { title = new { text = "window start (s)" } }),
            ("yaxis", new { title = new { text = "window start (s)" }, autorange = "reversed", scaleanchor = "x" }));
    }

    /// <summary>
    /// A sweep measure over one parameter (the "fit curve", best point marked) or two parameters (heatmap, best point marked).
    /// <paramref name="values"/> is indexed [i0, i1] (i1 = 0 for one parameter). The best point follows <paramref name="goal"/> (default: the
    /// goal the measure catalogue declares for <paramref name="measure"/>); a descriptive measure gets no star.
    /// </summary>
    public static GenericChart Sweep(string measure, string p0, IReadOnlyList<double> v0, string? p1, IReadOnlyList<double>? v1, double[,] values, MeasureGoal? goal = null)
    {
        goal ??= MeasureCatalog.DeclaredGoal(measure);
        int n0 = v0.Count, n1 = v1?.Count ?? 1;
        (int b0, int b1) = (0, 0); double best = double.NaN;
        if (goal.Ranks)
        {
            var flat = new double[n0 * n1];
            for (int i = 0; i < n0; i++) for (int j = 0; j < n1; j++) flat[i * n1 + j] = values[i, j];
            int k = goal.BestIndex(flat);
            if (k >= 0) { (b0, b1) = (k / n1, k % n1); best = flat[k]; }
        }
        string bestText = !goal.Ranks ? NoBestText(measure, goal) : double.IsNaN(best) ? "no valid point"
            : $"best {measure} ({GoalText(goal)}) = {best.ToString("G4", Ci)} at {p0} = {v0[b0].ToString("G4", Ci)}" + (p1 is null ? "" : $", {p1} = {v1![b1].ToString("G4", Ci)}");
        if (p1 is null || v1 is null)
        {
            var y = Enumerable.Range(0, n0).Select(i => double.IsNaN(values[i, 0]) ? (double?)null : values[i, 0]).ToArray();
            var line = NewTrace("scatter", ("mode", "lines+markers"), ("x", v0.ToArray()), ("y", y), ("name", measure));
            var traces = new List<Trace> { line };
            if (!double.IsNaN(best))
                traces.Add(NewTrace("scatter", ("mode", "markers"), ("x", new[] { v0[b0] }), ("y", new[] { best }), ("name", "best"),
                    ("marker", new { size = 14, color = "#d62728", symbol = "star" })));
            return Build(traces, ("title", Title($"{measure} vs {p0}: {bestText}")),
                ("xaxis", new { title = new { text = p0 } }), ("yaxis", new { title = new { text = measure } }), ("showlegend", false));
        }
        var z = new double?[n1][];
        for (int j = 0; j < n1; j++) { z[j] = new double?[n0]; for (int i = 0; i < n0; i++) z[j][i] = double.IsNaN(values[i, j]) ? null : values[i, j]; }
        var heat = NewTrace("heatmap", ("z", z), ("x", v0.ToArray()), ("y", v1.ToArray()), ("colorscale", Sequential),
            ("colorbar", new { title = new { text = measure } }),
            ("hovertemplate", p0 + " = %{x:.4g}<br>" + p1 + " = %{y:.4g}<br>" + measure + " = %{z:.4g}<extra></extra>"));
        var tr = new List<Trace> { heat };
        if (!double.IsNaN(best))
            tr.Add(NewTrace("scatter", ("mode", "markers"), ("x", new[] { v0[b0] }), ("y", new[] { v1[b1] }), ("name", "best"),
                ("marker", new { size = 14, color = "#d62728", symbol = "star" })));
        return Build(tr, ("title", Title($"{measure} over {p0} × {p1}: {bestText}")),
            ("xaxis", new { title = new { text = p0 } }), ("yaxis", new { title = new { text = p1 } }), ("showlegend", false));
    }

    /// <summary>"max", "min" or "target 10" for a chart title.</summary>
    internal static string GoalText(MeasureGoal goal) => goal.Kind == GoalKind.Target ? goal.ToString() : goal.Short;

    /// <summary>Why a chart has no best point: the measure's goal does not rank values.</summary>
    internal static string NoBestText(string measure, MeasureGoal goal) =>
        goal.Kind == GoalKind.Target ? $"{measure} has a target goal without a value (no best point)" : $"{measure} is descriptive (no best point)";

    /// <summary>Fit progress: loss (and optionally FC similarity, on a second axis) per iteration (<paramref name="unit"/>: e.g. "epoch").</summary>
    public static GenericChart FitProgress(IReadOnlyList<double> loss, IReadOnlyList<double>? similarity = null, string title = "Fit progress", string unit = "iteration")
    {
        // NaN (e.g. no FC for a too-short run) becomes a gap: JSON has no NaN
        static double?[] Finite(IEnumerable<double> v) => v.Select(x => double.IsFinite(x) ? x : (double?)null).ToArray();
        var it = Enumerable.Range(1, loss.Count).ToArray();
        var traces = new List<Trace> { NewTrace("scatter", ("mode", "lines+markers"), ("x", it), ("y", Finite(loss)), ("name", "loss")) };
        if (similarity is not null)
            traces.Add(NewTrace("scatter", ("mode", "lines+markers"), ("x", Enumerable.Range(1, similarity.Count).ToArray()), ("y", Finite(similarity)),
                ("name", "FC similarity"), ("yaxis", "y2")));
        // whole iterations on the axis; the legend below, clear of the second axis
        object xaxis = loss.Count <= 20 ? new { title = new { text = unit }, dtick = 1, tick0 = 1 } : new { title = new { text = unit } };
        return Build(traces, ("title", Title(title)), ("xaxis", xaxis), ("legend", new { orientation = "h", y = -0.25 }),
            ("yaxis", new { title = new { text = "loss" } }),
            ("yaxis2", similarity is null ? null : new { title = new { text = "FC similarity r" }, overlaying = "y", side = "right" }));
    }
}
