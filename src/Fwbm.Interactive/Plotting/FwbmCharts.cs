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
        l.SetProperty("margin", new { l = 60, r = 30, t = 60, b = 50 });
        foreach (var (k, v) in layout) if (v is not null) l.SetProperty(k, v);
        return GenericChart.setLayout(l, chart);
    }

    private static object Title(string text) => new { text };

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
    /// Structural weights as a labelled heatmap (log10(1 + w) when <paramref name="log"/>), regions in <paramref name="order"/>
    /// (default: left hemisphere, then right) with dividers and names between groups.
    /// </summary>
    public static GenericChart ConnectomeWeights(Connectome c, bool log = true, RegionOrder? order = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        var arrangement = (order ?? RegionOrder.Hemisphere).Arrange(c.Labels, c.RightHemisphere);
        var (shapes, notes) = GroupMarks(arrangement, [("x", "y")]);
        var labels = Pick(c.Labels, arrangement.Order);
        int[] idx = arrangement.Order;
        var z = Rows(c.Weights, c.Count, idx, log ? v => Math.Log10(1 + Math.Abs(v)) * Math.Sign(v) : null);
        var heat = NewTrace("heatmap", ("z", z), ("x", labels), ("y", labels), ("colorscale", Weights),
            ("colorbar", new { title = new { text = log ? "log10(1+w)" : "w" } }),
            ("hovertemplate", "from %{x}<br>to %{y}<br>%{z:.3g}<extra></extra>"));
        return Build([heat],
            ("title", Title($"{c.Name}: structural weights ({c.Count} regions{OrderNote(arrangement, order ?? RegionOrder.Hemisphere)}; row = target, column = source)")),
            ("xaxis", new { tickfont = new { size = 7 }, tickangle = -90 }),
            ("yaxis", new { tickfont = new { size = 7 }, autorange = "reversed" }),
            ("shapes", shapes), ("annotations", notes));
    }

    /// <summary>
    /// A 3-D brain graph: region centres (size ∝ in-strength, colour = hemisphere) and the <paramref name="edges"/> strongest
    /// connections as lines. Needs centres.
    /// </summary>
    public static GenericChart BrainGraph(Connectome c, int edges = 150)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.Centres is null) throw new Core.FwbmException($"Connectome '{c.Name}' has no region centres; the 3-D graph needs them.");
        int n = c.Count;
        var pairs = new List<(int I, int J, double W)>();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double w = Math.Max(Math.Abs(c.Weight(i, j)), Math.Abs(c.Weight(j, i)));
                if (w > 0) pairs.Add((i, j, w));
            }
        var top = pairs.OrderByDescending(p => p.W).ThenBy(p => p.I).ThenBy(p => p.J).Take(Math.Max(0, edges)).ToArray();
        var ex = new List<double?>(); var ey = new List<double?>(); var ez = new List<double?>();
        foreach (var (i, j, _) in top)
        {
            ex.Add(c.Centres[i].X); ey.Add(c.Centres[i].Y); ez.Add(c.Centres[i].Z);
            ex.Add(c.Centres[j].X); ey.Add(c.Centres[j].Y); ez.Add(c.Centres[j].Z);
            ex.Add(null); ey.Add(null); ez.Add(null);
        }
        var strength = c.InStrength();
        double smax = strength.Select(Math.Abs).DefaultIfEmpty(0).Max();
        var size = strength.Select(s => smax > 0 ? 4 + 10 * Math.Abs(s) / smax : 6).ToArray();
        var color = Enumerable.Range(0, n).Select(i => c.RightHemisphere is null ? "#444444" : c.RightHemisphere[i] ? "#d62728" : "#1f77b4").ToArray();
        var lines = NewTrace("scatter3d", ("mode", "lines"), ("x", ex), ("y", ey), ("z", ez), ("name", $"{top.Length} strongest edges"),
            ("line", new { color = "rgba(90,90,90,0.45)", width = 2 }), ("hoverinfo", "skip"));
        var nodes = NewTrace("scatter3d", ("mode", "markers"), ("name", "regions"),
            ("x", c.Centres.Select(p => p.X).ToArray()), ("y", c.Centres.Select(p => p.Y).ToArray()), ("z", c.Centres.Select(p => p.Z).ToArray()),
            ("text", c.Labels.ToArray()), ("marker", new { size, color, opacity = 0.9 }),
            ("hovertemplate", "%{text}<extra></extra>"));
        return Build([lines, nodes],
            ("title", Title($"{c.Name}: region centres and the {top.Length} strongest connections")),
            ("scene", new { aspectmode = "data", xaxis = new { title = new { text = "x (mm)" } }, yaxis = new { title = new { text = "y (mm)" } }, zaxis = new { title = new { text = "z (mm)" } } }),
            ("showlegend", true));
    }

    /// <summary>
    /// FC heatmap on a diverging scale fixed to [−1, 1], regions in the matrix's <see cref="FcMatrix.Order"/> (default: left
    /// hemisphere first) with dividers and names between groups.
    /// </summary>
    public static GenericChart Fc(FcMatrix fc)
    {
        ArgumentNullException.ThrowIfNull(fc);
        var arrangement = fc.Order.Arrange(fc.Labels, fc.RightHemisphere);
        var (shapes, notes) = GroupMarks(arrangement, [("x", "y")]);
        return Build([FcTrace(fc, arrangement.Order, "x", "y", showScale: true)],
            ("title", Title($"{fc.Title} ({fc.Count} regions{OrderNote(arrangement, fc.Order)})")),
            ("xaxis", new { tickfont = new { size = 7 }, tickangle = -90 }),
            ("yaxis", new { tickfont = new { size = 7 }, autorange = "reversed", scaleanchor = "x" }),
            ("shapes", shapes), ("annotations", notes));
    }

    private static string OrderNote(RegionOrder.Arrangement a, RegionOrder order) =>
        a.Blocks.Count == 0 ? "" : order == RegionOrder.Hemisphere ? ", left then right hemisphere" : $", grouped by {order.Name}: {string.Join(", ", a.Blocks.Select(b => b.Group))}";

    /// <summary>Divider lines between groups and the groups' names above the matrix, for each (x axis, y axis) pair of heatmaps.</summary>
    private static (object[] Shapes, object[] Notes) GroupMarks(RegionOrder.Arrangement a, (string X, string Y)[] axes)
    {
        var shapes = new List<object>(); var notes = new List<object>();
        if (a.Blocks.Count < 2) return ([], []);
        int n = a.Order.Length;
        foreach (var (x, y) in axes)
            foreach (var b in a.Blocks)
            {
                if (b.Start > 0)
                {
                    double at = b.Start - 0.5;
                    shapes.Add(new { type = "line", xref = x, yref = y, x0 = at, x1 = at, y0 = -0.5, y1 = n - 0.5, line = new { color = "#222222", width = 1 } });
                    shapes.Add(new { type = "line", xref = x, yref = y, x0 = -0.5, x1 = n - 0.5, y0 = at, y1 = at, line = new { color = "#222222", width = 1 } });
                }
                notes.Add(new { text = b.Group, xref = x, yref = y, x = b.Start + (b.Count - 1) / 2.0, y = -0.5, yanchor = "bottom", showarrow = false, font = new { size = 9 } });
            }
        return (shapes.ToArray(), notes.ToArray());
    }

    private static Trace FcTrace(FcMatrix fc, int[] order, string xa, string ya, bool showScale)
    {
        var labels = Pick(fc.Labels, order);
        return NewTrace("heatmap", ("z", Rows(fc.Values, fc.Count, order)), ("x", labels), ("y", labels),
            ("colorscale", Diverging), ("reversescale", true), ("zmin", -1.0), ("zmax", 1.0), ("zmid", 0.0),
            ("showscale", showScale), ("colorbar", showScale ? new { title = new { text = "r" } } : null),
            ("xaxis", xa), ("yaxis", ya), ("name", fc.Title),
            ("hovertemplate", "%{y} – %{x}<br>r = %{z:.3f}<extra>" + fc.Title + "</extra>"));
    }

    /// <summary>Simulated and empirical FC side by side, and the scatter of their upper triangles with Pearson r.</summary>
    public static GenericChart FcComparison(FcComparison cmp)
    {
        ArgumentNullException.ThrowIfNull(cmp);
        // both matrices in the simulated one's order (they have the same regions)
        var arrangement = cmp.Simulated.Order.Arrange(cmp.Simulated.Labels, cmp.Simulated.RightHemisphere ?? cmp.Empirical.RightHemisphere);
        var sim = FcTrace(cmp.Simulated, arrangement.Order, "x", "y", showScale: false);
        var emp = FcTrace(cmp.Empirical, arrangement.Order, "x2", "y2", showScale: true);
        var (shapes, groupNotes) = GroupMarks(arrangement, [("x", "y"), ("x2", "y2")]);
        var su = cmp.Simulated.UpperTriangle(); var eu = cmp.Empirical.UpperTriangle();
        var pairs = PairLabels(cmp.Simulated);
        var scatter = NewTrace("scattergl", ("mode", "markers"), ("x", eu), ("y", su), ("text", pairs), ("xaxis", "x3"), ("yaxis", "y3"),
            ("marker", new { size = 3, opacity = 0.35, color = "#333333" }), ("name", "region pairs"),
            ("hovertemplate", "%{text}<br>empirical %{x:.3f}<br>simulated %{y:.3f}<extra></extra>"));
        // least-squares line for the eye
        double mx = eu.Average(), my = su.Average(), sxy = 0, sxx = 0;
        for (int k = 0; k < eu.Length; k++) { sxy += (eu[k] - mx) * (su[k] - my); sxx += (eu[k] - mx) * (eu[k] - mx); }
        double slope = sxx > 0 ? sxy / sxx : 0, x0 = eu.Min(), x1 = eu.Max();
        var fit = NewTrace("scatter", ("mode", "lines"), ("x", new[] { x0, x1 }), ("y", new[] { my + slope * (x0 - mx), my + slope * (x1 - mx) }),
            ("xaxis", "x3"), ("yaxis", "y3"), ("line", new { color = "#d62728", width = 2 }), ("name", "least squares"), ("hoverinfo", "skip"));
        string r = cmp.Similarity.ToString("F3", Ci);
        return Build([sim, emp, scatter, fit],
            ("title", Title($"Simulated vs empirical FC: r = {r} over {su.Length} region pairs")),
            ("showlegend", false),
            ("xaxis", new { domain = new[] { 0.0, 0.3 }, showticklabels = false, title = new { text = cmp.Simulated.Title } }),
            ("yaxis", new { domain = new[] { 0.0, 1.0 }, showticklabels = false, autorange = "reversed", scaleanchor = "x" }),
            ("xaxis2", new { domain = new[] { 0.34, 0.64 }, showticklabels = false, title = new { text = cmp.Empirical.Title } }),
            ("yaxis2", new { anchor = "x2", showticklabels = false, autorange = "reversed", scaleanchor = "x2" }),
            ("xaxis3", new { domain = new[] { 0.74, 1.0 }, title = new { text = "empirical FC" }, zeroline = false }),
            ("yaxis3", new { anchor = "x3", title = new { text = "simulated FC" }, zeroline = false }),
            ("shapes", shapes),
            ("annotations", groupNotes.Prepend(new { text = $"r = {r}", xref = "x3 domain", yref = "y3 domain", x = 0.02, y = 0.98, showarrow = false, font = new { size = 14 } }).ToArray()));
    }

    private static string[] PairLabels(FcMatrix fc)
    {
        int n = fc.Count; var r = new string[n * (n - 1) / 2]; int k = 0;
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) r[k++] = fc.Labels[i] + " – " + fc.Labels[j];
        return r;
    }

    /// <summary>
    /// Stacked time series (one line per region, offset vertically) with a region picker. Every region is a trace and can be picked
    /// in the dropdown (one region alone, the displayed subset, or all); when there are more than <paramref name="maxRegions"/>,
    /// every k-th region is visible at first and the others are hidden until picked.
    /// </summary>
    public static GenericChart TimeSeries(TimeSeries ts, int maxRegions = 40, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(ts);
        int R = ts.Regions, T = ts.Length;
        int step = Math.Max(1, (int)Math.Ceiling(R / (double)Math.Max(1, maxRegions)));
        var initially = Enumerable.Range(0, R).Select(r => r % step == 0).ToArray();
        int shownCount = initially.Count(v => v);
        bool seconds = ts.SamplePeriodMs * T > 5000;
        double x0 = seconds ? ts.TimeMs(0) / 1000 : ts.TimeMs(0), dx = seconds ? ts.SamplePeriodMs / 1000 : ts.SamplePeriodMs;
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
        var traces = new List<Trace>();
        for (int r = 0; r < R; r++)
        {
            // region r sits at slot r / step: the initially visible regions keep a full slot each, the hidden ones fall in between
            double shift = r / (double)step * offset, m = means[r];
            traces.Add(NewTrace("scattergl", ("mode", "lines"), ("name", Label(r)), ("x0", x0), ("dx", dx),
                ("y", series[r].Select(v => v - m - shift).ToArray()), ("line", new { width = 1 }), ("visible", initially[r]),
                ("hovertemplate", Label(r) + "<br>t = %{x:.4g}<extra></extra>")));
        }
        string every = step > 1 ? $"every {Ordinal(step)}" : "all";
        var buttons = new List<object>();
        if (step > 1)
        {
            buttons.Add(new { label = $"{shownCount} regions ({every})", method = "update", args = new object[] { new { visible = initially } } });
            buttons.Add(new { label = $"all {R} regions", method = "update", args = new object[] { new { visible = Enumerable.Repeat(true, R).ToArray() } } });
        }
        else buttons.Add(new { label = "all regions", method = "update", args = new object[] { new { visible = Enumerable.Repeat(true, R).ToArray() } } });
        for (int r = 0; r < R; r++)
            buttons.Add(new { label = Label(r), method = "update", args = new object[] { new { visible = Enumerable.Range(0, R).Select(q => q == r).ToArray() } } });
        string what = string.IsNullOrEmpty(ts.Variable) ? "signal" : ts.Variable;
        return Build(traces,
            ("title", Title(title ?? (step > 1 ? $"{what}: {shownCount} of {R} regions shown ({every}; pick any region in the menu), {T} samples" : $"{what}: {R} regions, {T} samples"))),
            ("xaxis", new { title = new { text = seconds ? "time (s)" : "time (ms)" } }),
            ("yaxis", new { showticklabels = false, title = new { text = $"{what} (stacked, mean removed)" } }),
            ("showlegend", false),
            ("updatemenus", new[] { new { type = "dropdown", x = 1.0, y = 1.12, xanchor = "right", buttons } }));
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
        var heat = NewTrace("heatmap", ("z", z), ("x", t), ("y", t), ("colorscale", Sequential), ("colorbar", new { title = new { text = "r" } }),
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
