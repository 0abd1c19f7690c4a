using Fwbm.Core.Measures;
using Fwbm.Core;
using Fwbm.Core.Analysis;
using Fwbm.Core.Exploration;
using Plotly.NET;

namespace Fwbm.Interactive.Plotting;

/// <summary>Charts of Core's analysis and exploration results (spectra, FCD, synchrony, sweeps).</summary>
public static partial class FwbmCharts
{
    /// <summary>
    /// A Welch spectrum on log-log axes: the mean over regions (bold), up to <paramref name="maxRegions"/> regions (thin) and the
    /// peak of the mean within [<paramref name="lowHz"/>, <paramref name="highHz"/>] marked (0 Hz is never drawn on a log axis).
    /// </summary>
    public static GenericChart PowerSpectrum(PowerSpectrum psd, double lowHz = 0, double highHz = double.PositiveInfinity, string? title = null, int maxRegions = 12)
    {
        ArgumentNullException.ThrowIfNull(psd);
        double peak = psd.PeakFrequency(null, lowHz > 0 ? lowHz : double.Epsilon, highHz);
        int F = psd.Frequencies.Length;
        var perRegion = Enumerable.Range(0, psd.Regions).Select(r => psd.Of(r).ToArray()).ToArray();
        string band = lowHz > 0 || !double.IsPositiveInfinity(highHz)
            ? $" in {lowHz.ToString("G3", Ci)}–{(double.IsPositiveInfinity(highHz) ? psd.Frequencies[^1] : highHz).ToString("G3", Ci)} Hz" : "";
        title ??= $"Power spectrum (Welch, {psd.Segments} segments of {psd.SegmentSamples} samples, Δf = {psd.Resolution.ToString("G3", Ci)} Hz): " +
                  $"peak of the mean {peak.ToString("G4", Ci)} Hz{band}";
        return PowerSpectrum(psd.Frequencies, perRegion, psd.Labels, peak, title, maxRegions);
    }

    private static double PeriodOf(FcdResult fcd) =>
        fcd.Windows > 1 && fcd.StepSamples > 0 ? (fcd.WindowStartsMs[1] - fcd.WindowStartsMs[0]) / fcd.StepSamples : double.NaN;

    private static string WindowText(FcdResult fcd)
    {
        double p = PeriodOf(fcd);
        return double.IsNaN(p) ? $"{fcd.Windows} windows of {fcd.WindowSamples} samples every {fcd.StepSamples}"
            : $"{fcd.Windows} windows of {(fcd.WindowSamples * p / 1000).ToString("G4", Ci)} s every {(fcd.StepSamples * p / 1000).ToString("G4", Ci)} s";
    }

    private static Trace FcdHeat(FcdResult fcd, string xa, string ya, bool showScale, string name, double barX = 0.6)
    {
        int w = fcd.Windows;
        var t = fcd.WindowStartsMs.Select(v => v / 1000).ToArray();
        var z = new double[w][];
        for (int i = 0; i < w; i++) { z[i] = new double[w]; for (int j = 0; j < w; j++) z[i][j] = fcd.Matrix[i * w + j]; }
        return NewTrace("heatmap", ("z", z), ("x", t), ("y", t), ("colorscale", Sequential), ("zmin", -0.2), ("zmax", 1.0),
            ("showscale", showScale), ("colorbar", showScale ? new { title = new { text = "r between window FCs" }, x = barX, len = 0.8 } : null),
            ("xaxis", xa), ("yaxis", ya), ("name", name),
            ("hovertemplate", "window %{y:.1f} s vs %{x:.1f} s<br>r = %{z:.3f}<extra>" + name + "</extra>"));
    }

    /// <summary>An FCD matrix (window × window correlation of FC) and the distribution of its upper triangle (what the KS distance compares).</summary>
    public static GenericChart Fcd(FcdResult fcd, string title = "FCD")
    {
        ArgumentNullException.ThrowIfNull(fcd);
        var values = fcd.UpperTriangleValues();
        var heat = FcdHeat(fcd, "x", "y", showScale: true, title);
        var hist = NewTrace("histogram", ("x", values), ("xaxis", "x2"), ("yaxis", "y2"), ("histnorm", "probability density"),
            ("xbins", new { start = -1.0, end = 1.0, size = 0.04 }), ("marker", new { color = "#1f77b4" }), ("name", "upper triangle"));
        double mean = values.Length > 0 ? values.Average() : double.NaN;
        return Build([heat, hist],
            ("title", Title($"{title}: {WindowText(fcd)}; upper triangle mean {mean.ToString("F3", Ci)} ({values.Length} values)")),
            ("showlegend", false),
            ("xaxis", new { domain = new[] { 0.0, 0.55 }, title = new { text = "window start (s)" } }),
            ("yaxis", new { domain = new[] { 0.0, 1.0 }, title = new { text = "window start (s)" }, autorange = "reversed", scaleanchor = "x" }),
            ("xaxis2", new { domain = new[] { 0.7, 1.0 }, range = new[] { -0.2, 1.0 }, title = new { text = "FCD value (r between window FCs)" } }),
            ("yaxis2", new { anchor = "x2", title = new { text = "density" } }));
    }

    /// <summary>Empirical CDF of a sample, thinned to at most <paramref name="points"/> points (quantiles).</summary>
    private static (double[] X, double[] Y) Ecdf(double[] values, int points = 400)
    {
        var s = values.ToArray();
        Array.Sort(s);
        int n = s.Length, m = Math.Min(n, points);
        var x = new double[m]; var y = new double[m];
        for (int k = 0; k < m; k++)
        {
            int i = m == 1 ? n - 1 : (int)Math.Round((double)k * (n - 1) / (m - 1));
            x[k] = s[i]; y[k] = (i + 1.0) / n;
        }
        return (x, y);
    }

    /// <summary>Two FCDs side by side and the empirical CDFs of their upper triangles, with the KS distance (the largest vertical gap).</summary>
    public static GenericChart FcdComparison(FcdResult a, FcdResult b, string nameA = "simulated", string nameB = "empirical")
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double ks = Core.Analysis.Fcd.KsDistance(a, b);
        var (xa, ya) = Ecdf(a.UpperTriangleValues());
        var (xb, yb) = Ecdf(b.UpperTriangleValues());
        var traces = new List<Trace>
        {
            FcdHeat(a, "x", "y", showScale: false, $"{nameA} FCD"),
            FcdHeat(b, "x2", "y2", showScale: true, $"{nameB} FCD", barX: 0.63),
            NewTrace("scatter", ("mode", "lines"), ("x", xa), ("y", ya), ("xaxis", "x3"), ("yaxis", "y3"), ("name", nameA),
                ("line", new { color = "#d62728", width = 2, shape = "hv" })),
            NewTrace("scatter", ("mode", "lines"), ("x", xb), ("y", yb), ("xaxis", "x3"), ("yaxis", "y3"), ("name", nameB),
                ("line", new { color = "#1f77b4", width = 2, shape = "hv" })),
        };
        string d = ks.ToString("F3", Ci);
        return Build(traces,
            ("title", Title($"FCD, {nameA} vs {nameB}: KS distance = {d}")),
            ("showlegend", true), ("legend", new { x = 0.75, y = 0.05 }),
            ("xaxis", new { domain = new[] { 0.0, 0.28 }, title = new { text = $"{nameA}: window start (s)" } }),
            ("yaxis", new { domain = new[] { 0.0, 1.0 }, autorange = "reversed", scaleanchor = "x" }),
            ("xaxis2", new { domain = new[] { 0.34, 0.62 }, title = new { text = $"{nameB}: window start (s)" } }),
            ("yaxis2", new { anchor = "x2", autorange = "reversed", scaleanchor = "x2" }),
            ("xaxis3", new { domain = new[] { 0.72, 1.0 }, title = new { text = "FCD value" } }),
            ("yaxis3", new { anchor = "x3", range = new[] { 0.0, 1.0 }, title = new { text = "cumulative fraction" } }),
            ("annotations", new[] { new { text = $"KS = {d}", xref = "x3 domain", yref = "y3 domain", x = 0.02, y = 0.98, showarrow = false, font = new { size = 14 } } }));
    }

    /// <summary>
    /// Receptor/transporter maps as a regions × maps heatmap (z-scores on a diverging scale, the colour bar saying which), every region
    /// label shown where they fit (the chart grows with the region count) and the licence in the (wrapped) title.
    /// </summary>
    public static GenericChart ReceptorMaps(Core.Data.ReceptorMaps maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        var z = new double[maps.Regions][];
        for (int r = 0; r < maps.Regions; r++) { z[r] = new double[maps.Count]; for (int k = 0; k < maps.Count; k++) z[r][k] = maps[r, k]; }
        double lim = maps.ZScored ? 3 : z.SelectMany(v => v).Select(Math.Abs).DefaultIfEmpty(1).Max();
        var labels = maps.RegionLabels.ToArray();
        var heat = NewTrace("heatmap", ("z", z), ("x", maps.Names.ToArray()), ("y", labels),
            ("colorscale", Diverging), ("reversescale", true), ("zmin", -lim), ("zmax", lim), ("zmid", 0.0),
            ("colorbar", new { title = new { text = maps.ZScored ? "z-score (across regions)" : "density", side = "right" } }),
            ("hovertemplate", "%{y}<br>%{x}: %{z:.3g}<extra></extra>"));
        var title = Title($"{maps.Source.DatasetId}: {maps.Count} receptor/transporter maps × {maps.Regions} regions{(maps.ZScored ? " (z-scored)" : "")} — licence {maps.Source.Licence}");
        int rows = Math.Clamp(maps.Regions * 9, 300, 1800);
        var plan = ChartLayout.Labels(labels, rows);
        int bottom = ChartLayout.TextWidth(maps.Names, 10) + 30, top = ChartLayout.TopMargin((int)title[ChartLayout.LinesKey]!);
        var y = plan.Ticks(); y["autorange"] = "reversed";
        return Build([heat], ("title", title),
            ("xaxis", new { tickangle = -60, tickfont = new { size = 10 } }),
            ("yaxis", y), ("margin", new { l = plan.MarginPx + 20, b = bottom, r = 120 }), ("height", top + rows + bottom));
    }

    /// <summary>One value per region as grouped bars (e.g. mean firing rates with and without FIC, FIC weights, receptor densities).</summary>
    public static GenericChart RegionBars(IReadOnlyList<string> labels, IReadOnlyList<(string Name, double[] Values)> series, string title, string valueTitle)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        foreach (var (name, values) in series)
            if (values.Length != labels.Count) throw new FwbmException($"Region bars: series '{name}' has {values.Length} values for {labels.Count} regions.");
        var traces = series.Select(s => NewTrace("bar", ("x", labels.ToArray()), ("y", s.Values), ("name", s.Name),
            ("hovertemplate", "%{x}<br>" + s.Name + ": %{y:.4g}<extra></extra>"))).ToArray();
        // every label where they fit across the cell's width (the others on hover)
        var plan = ChartLayout.Labels(labels, ChartLayout.AssumedWidth - 100);
        var x = plan.Ticks(); x["tickangle"] = -90;
        return Build(traces, ("title", Title(title)), ("barmode", "group"), ("showlegend", series.Count > 1),
            ("xaxis", x), ("yaxis", new { title = new { text = valueTitle } }), ("margin", new { b = plan.MarginPx + 20 }));
    }

    /// <summary>The Kuramoto order parameter r(t) with its mean (synchrony) and the band mean ± std (metastability).</summary>
    public static GenericChart Synchrony(SynchronyResult s, string title = "Kuramoto order parameter r(t)")
    {
        ArgumentNullException.ThrowIfNull(s);
        int T = s.OrderParameter.Length;
        bool known = !double.IsNaN(s.SamplePeriodMs);
        bool seconds = known && T * s.SamplePeriodMs > 5000;
        var time = Enumerable.Range(0, T).Select(t => seconds ? s.TimeMs(t) / 1000 : s.TimeMs(t)).ToArray();
        double t0 = T > 0 ? time[0] : 0, t1 = T > 0 ? time[^1] : 1;
        double lo = Math.Max(0, s.Synchrony - s.Metastability), hi = Math.Min(1, s.Synchrony + s.Metastability);
        var traces = new List<Trace>
        {
            NewTrace("scatter", ("mode", "lines"), ("x", new[] { t0, t1, t1, t0 }), ("y", new[] { lo, lo, hi, hi }), ("fill", "toself"),
                ("fillcolor", "rgba(214,39,40,0.12)"), ("line", new { width = 0 }), ("name", "mean ± std (metastability)"), ("hoverinfo", "skip")),
            NewTrace("scattergl", ("mode", "lines"), ("x", time), ("y", s.OrderParameter), ("name", "r(t)"), ("line", new { width = 1, color = "#1f77b4" })),
            NewTrace("scatter", ("mode", "lines"), ("x", new[] { t0, t1 }), ("y", new[] { s.Synchrony, s.Synchrony }), ("name", "synchrony ⟨r⟩"),
                ("line", new { width = 2, color = "#d62728", dash = "dash" })),
        };
        return Build(traces,
            ("title", Title($"{title}: synchrony ⟨r⟩ = {s.Synchrony.ToString("F3", Ci)}, metastability std(r) = {s.Metastability.ToString("F3", Ci)} ({s.Regions.Count} regions)")),
            ("xaxis", new { title = new { text = !known ? "sample" : seconds ? "time (s)" : "time (ms)" } }),
            ("yaxis", new { range = new[] { 0.0, 1.0 }, title = new { text = "r" } }),
            ("showlegend", true));
    }

    /// <summary>
    /// A sweep: for one parameter, every measure against it (one panel per measure, at most four; the best point of
    /// <paramref name="measure"/> starred); for two parameters, the heatmap of <paramref name="measure"/> with the best point starred.
    /// Values are averaged over repeats. The best point follows the measure's goal (<see cref="SweepResult.GoalOf"/>, or
    /// <paramref name="goal"/>); a descriptive measure gets no star.
    /// </summary>
    public static GenericChart Sweep(SweepResult result, string? measure = null, MeasureGoal? goal = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        measure ??= result.MeasureNames.Count > 0 ? result.MeasureNames[0] : throw new FwbmException("The sweep has no measures to plot.");
        var max = goal ?? result.GoalOf(measure);
        var axes = result.Space.Axes;
        if (axes.Count == 2)
        {
            var g = result.Grid(measure);
            return Sweep(measure, result.ParameterNames[0], axes[0].Values, result.ParameterNames[1], axes[1].Values, g, max);
        }
        if (axes.Count != 1)
            throw new FwbmException($"A sweep chart shows one or two parameters; this sweep has {axes.Count} ({string.Join(", ", result.ParameterNames)}): use ToDataFrame() or Grid over two of them.");
        var measures = new[] { measure }.Concat(result.MeasureNames.Where(m => m != measure)).Take(4).ToArray();
        var x = axes[0].Values.ToArray();
        string p0 = result.ParameterNames[0];
        var primary = result.PointValues(measure);
        int best = max.Ranks ? max.BestIndex(primary) : -1;
        var traces = new List<Trace>();
        int n = measures.Length;
        double gap = 0.06, h = (1.0 - gap * (n - 1)) / n;
        var layout = new List<(string, object?)>();
        for (int k = 0; k < n; k++)
        {
            string ya = k == 0 ? "y" : $"y{k + 1}", yk = k == 0 ? "yaxis" : $"yaxis{k + 1}";
            var v = result.PointValues(measures[k]).Select(d => double.IsNaN(d) ? (double?)null : d).ToArray();
            traces.Add(NewTrace("scatter", ("mode", "lines+markers"), ("x", x), ("y", v), ("name", measures[k]), ("yaxis", ya),
                ("hovertemplate", p0 + " = %{x:.4g}<br>" + measures[k] + " = %{y:.4g}<extra></extra>")));
            double top = 1.0 - k * (h + gap);
            layout.Add((yk, new { domain = new[] { Math.Max(0, top - h), top }, title = new { text = measures[k] }, anchor = "x" }));
        }
        if (best >= 0)
            traces.Add(NewTrace("scatter", ("mode", "markers"), ("x", new[] { x[best] }), ("y", new[] { primary[best] }), ("name", "best"),
                ("marker", new { size = 14, color = "#d62728", symbol = "star" })));
        string bestText = !max.Ranks ? NoBestText(measure, max) : best < 0 ? "no valid point"
            : $"best {measure} ({GoalText(max)}) = {primary[best].ToString("G4", Ci)} at {p0} = {x[best].ToString("G4", Ci)}";
        layout.Add(("title", Title($"{measure} vs {p0}: {bestText}")));
        layout.Add(("xaxis", new { title = new { text = p0 }, anchor = n == 1 ? "y" : $"y{n}" }));
        layout.Add(("showlegend", false));
        return Build(traces, layout.ToArray());
    }
}
