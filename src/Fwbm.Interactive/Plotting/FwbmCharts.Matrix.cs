using Fwbm.Core.Connectivity;
using Fwbm.Core.Grammar;
using Plotly.NET;

namespace Fwbm.Interactive.Plotting;

/// <summary>Region × region matrices (structural weights, FC, FC comparison): labelled, with group dividers and a titled colour bar.</summary>
public static partial class FwbmCharts
{
    /// <summary>What the FC colour scale means (the colour bar's title).</summary>
    public const string FcColourTitle = "Pearson r";

    /// <summary>
    /// The frame of a labelled square matrix: side and label plan fitted to each other (labels shown at the largest font that fits a
    /// row, margins from the longest label), the margins and the chart height.
    /// </summary>
    private sealed record MatrixFrame(int Side, ChartLayout.LabelPlan Plan, Dictionary<string, object?> Margin, int Height);

    private static MatrixFrame FrameFor(IReadOnlyList<string> labels, int titleLines, bool groupNames, int rightMargin = 120)
    {
        int side = ChartLayout.MatrixSide(labels.Count);
        var plan = ChartLayout.Labels(labels, side);
        // the cell's width holds the left labels, the matrix and the colour bar: shrink the side (and re-plan the labels) when it does not
        int fits = ChartLayout.AssumedWidth - plan.MarginPx - 20 - rightMargin;
        if (fits < side) { side = Math.Max(240, fits); plan = ChartLayout.Labels(labels, side); }
        int top = ChartLayout.TopMargin(titleLines, groupNames), bottom = plan.MarginPx + 20;
        var margin = new Dictionary<string, object?> { ["l"] = plan.MarginPx + 20, ["r"] = rightMargin, ["t"] = top, ["b"] = bottom };
        return new MatrixFrame(side, plan, margin, top + side + bottom);
    }

    private static int LinesOf(Dictionary<string, object?> title) => (int)title[ChartLayout.LinesKey]!;

    /// <summary>Axes of a labelled matrix: every shown label as a tick (x rotated), y reversed (row 0 on top), squares.</summary>
    private static (Dictionary<string, object?> X, Dictionary<string, object?> Y) MatrixAxes(ChartLayout.LabelPlan plan, string scaleanchor = "x")
    {
        // constrain = domain: the square shrinks the plot area (labels stay beside the matrix) instead of padding the range
        var x = plan.Ticks(); x["tickangle"] = -90; x["showgrid"] = false; x["constrain"] = "domain"; x["constraintoward"] = "left";
        var y = plan.Ticks(); y["autorange"] = "reversed"; y["scaleanchor"] = scaleanchor; y["showgrid"] = false; y["constrain"] = "domain"; y["constraintoward"] = "top";
        return (x, y);
    }

    /// <summary>
    /// Structural weights as a labelled heatmap (log10(1 + w) when <paramref name="log"/>), regions in <paramref name="order"/>
    /// (default: left hemisphere, then right) with dividers and names between groups.
    /// </summary>
    public static GenericChart ConnectomeWeights(Connectome c, bool log = true, RegionOrder? order = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        var arrangement = (order ?? RegionOrder.Hemisphere).Arrange(c.Labels, c.RightHemisphere);
        var labels = Pick(c.Labels, arrangement.Order);
        var (shapes, notes) = GroupMarks(arrangement, labels, c.RightHemisphere is null ? null : Pick(c.RightHemisphere, arrangement.Order), [("x", "y")]);
        var z = Rows(c.Weights, c.Count, arrangement.Order, log ? v => Math.Log10(1 + Math.Abs(v)) * Math.Sign(v) : null);
        var heat = NewTrace("heatmap", ("z", z), ("x", labels), ("y", labels), ("colorscale", Weights),
            ("colorbar", new { title = new { text = log ? "log10(1 + weight)" : "weight", side = "right" } }),
            ("hovertemplate", "from %{x}<br>to %{y}<br>weight " + (log ? "log10(1+w) " : "") + "%{z:.3g}<extra></extra>"));
        var title = Title($"{c.Name}: structural weights ({c.Count} regions{OrderNote(arrangement, order ?? RegionOrder.Hemisphere)}; row = target, column = source)");
        var frame = FrameFor(labels, LinesOf(title), notes.Length > 0);
        var (xa, ya) = MatrixAxes(frame.Plan);
        return Build([heat], ("title", title), ("xaxis", xa), ("yaxis", ya), ("margin", frame.Margin), ("height", frame.Height),
            ("shapes", shapes), ("annotations", notes));
    }

    /// <summary>
    /// FC heatmap on a diverging scale fixed to [−1, 1] (colour bar "Pearson r"), regions in the matrix's <see cref="FcMatrix.Order"/>
    /// (default: left hemisphere first) with dividers and names between groups; every region label shown where they fit, all on hover.
    /// </summary>
    public static GenericChart Fc(FcMatrix fc)
    {
        ArgumentNullException.ThrowIfNull(fc);
        var arrangement = fc.Order.Arrange(fc.Labels, fc.RightHemisphere);
        var labels = Pick(fc.Labels, arrangement.Order);
        var (shapes, notes) = GroupMarks(arrangement, labels, HemispheresOf(fc.Labels, fc.RightHemisphere, arrangement.Order), [("x", "y")]);
        var title = Title($"{fc.Title} ({fc.Count} regions{OrderNote(arrangement, fc.Order)})");
        var frame = FrameFor(labels, LinesOf(title), notes.Length > 0);
        var (xa, ya) = MatrixAxes(frame.Plan);
        return Build([FcTrace(fc, arrangement.Order, "x", "y", showScale: true, fc.Title)],
            ("title", title), ("xaxis", xa), ("yaxis", ya), ("margin", frame.Margin), ("height", frame.Height),
            ("shapes", shapes), ("annotations", notes));
    }

    /// <summary>Hemisphere flags in display order (from the flags, else from the labels; null when unknown).</summary>
    private static bool[]? HemispheresOf(IReadOnlyList<string> labels, IReadOnlyList<bool>? right, int[] order)
    {
        var r = right ?? RegionOrder.HemispheresFromLabels(labels);
        return r is null ? null : Pick(r, order);
    }

    private static T[] Pick<T>(IReadOnlyList<T> values, int[] order) => order.Select(i => values[i]).ToArray();

    private static string OrderNote(RegionOrder.Arrangement a, RegionOrder order) =>
        a.Blocks.Count == 0 ? "" : order == RegionOrder.Hemisphere ? ", left then right hemisphere" : $", grouped by {order.Name}: {string.Join(", ", a.Blocks.Select(b => b.Group))}";

    /// <summary>
    /// Divider lines between groups (solid) and the groups' names above the matrix, for each (x axis, y axis) pair of heatmaps; inside a
    /// group whose regions run left hemisphere then right (e.g. a Schaefer network), a dashed divider between the two hemispheres.
    /// </summary>
    private static (object[] Shapes, object[] Notes) GroupMarks(RegionOrder.Arrangement a, string[] labels, bool[]? right, (string X, string Y)[] axes)
    {
        var shapes = new List<object>(); var notes = new List<object>();
        if (a.Blocks.Count < 2) return ([], []);
        int n = a.Order.Length;
        int fontSize = a.Blocks.Count > 12 ? 7 : 9;
        foreach (var (x, y) in axes)
            foreach (var b in a.Blocks)
            {
                if (b.Start > 0) shapes.AddRange(Divider(x, y, b.Start, n, new { color = "#222222", width = 1.2 }));
                if (right is not null && HemisphereSplit(right, b.Start, b.Count) is int split)
                    shapes.AddRange(Divider(x, y, split, n, new { color = "#555555", width = 0.8, dash = "dot" }));
                notes.Add(new { text = b.Group, xref = x, yref = y, x = b.Start + (b.Count - 1) / 2.0, y = -0.5, yanchor = "bottom", showarrow = false,
                    font = new { size = fontSize }, hovertext = $"{b.Group}: {b.Count} regions ({labels[b.Start]} … {labels[b.Start + b.Count - 1]})" });
            }
        return (shapes.ToArray(), notes.ToArray());
    }

    /// <summary>A vertical and a horizontal line before row/column <paramref name="at"/>.</summary>
    private static object[] Divider(string x, string y, int at, int n, object line)
    {
        double p = at - 0.5;
        return
        [
            new { type = "line", xref = x, yref = y, x0 = p, x1 = p, y0 = -0.5, y1 = n - 0.5, line },
            new { type = "line", xref = x, yref = y, x0 = -0.5, x1 = n - 0.5, y0 = p, y1 = p, line },
        ];
    }

    /// <summary>The index where a block switches once from left to right hemisphere (both present), or null.</summary>
    private static int? HemisphereSplit(bool[] right, int start, int count)
    {
        if (count < 2 || right[start]) return null;
        int k = start;
        while (k < start + count && !right[k]) k++;
        if (k == start + count) return null;
        for (int q = k; q < start + count; q++) if (!right[q]) return null;
        return k;
    }

    private static Trace FcTrace(FcMatrix fc, int[] order, string xa, string ya, bool showScale, string name, double? barX = null)
    {
        object? bar = !showScale ? null : barX is double bx
            ? new { title = new { text = FcColourTitle, side = "right" }, x = bx, thickness = 14, len = 0.9 }
            : new { title = new { text = FcColourTitle, side = "right" } };
        var labels = Pick(fc.Labels, order);
        return NewTrace("heatmap", ("z", Rows(fc.Values, fc.Count, order)), ("x", labels), ("y", labels),
            ("colorscale", Diverging), ("reversescale", true), ("zmin", -1.0), ("zmax", 1.0), ("zmid", 0.0),
            ("showscale", showScale), ("colorbar", bar),
            ("xaxis", xa), ("yaxis", ya), ("name", name),
            ("hovertemplate", "%{y} – %{x}<br>r = %{z:.3f}<extra>" + name + "</extra>"));
    }

    /// <summary>
    /// The two sides of a comparison side by side (named by <see cref="FcComparison.LeftName"/> and <see cref="FcComparison.RightName"/>),
    /// and the scatter of their upper triangles with Pearson r.
    /// </summary>
    public static GenericChart FcComparison(FcComparison cmp)
    {
        ArgumentNullException.ThrowIfNull(cmp);
        string left = cmp.LeftName, right = cmp.RightName;
        // both matrices in the left one's order (they have the same regions)
        var rightFlags = cmp.Simulated.RightHemisphere ?? cmp.Empirical.RightHemisphere;
        var arrangement = cmp.Simulated.Order.Arrange(cmp.Simulated.Labels, rightFlags);
        var labels = Pick(cmp.Simulated.Labels, arrangement.Order);
        var sim = FcTrace(cmp.Simulated, arrangement.Order, "x", "y", showScale: false, left);
        var emp = FcTrace(cmp.Empirical, arrangement.Order, "x2", "y2", showScale: true, right, barX: 0.655); // the matrices' colour bar, beside them
        var (shapes, groupNotes) = GroupMarks(arrangement, labels, HemispheresOf(cmp.Simulated.Labels, rightFlags, arrangement.Order), [("x", "y"), ("x2", "y2")]);
        var su = cmp.Simulated.UpperTriangle(); var eu = cmp.Empirical.UpperTriangle();
        var pairs = PairLabels(cmp.Simulated);
        // SVG up to 20 000 points: every WebGL chart holds a context, and a long notebook runs out of them (charts go blank)
        var scatter = NewTrace(su.Length <= 20_000 ? "scatter" : "scattergl", ("mode", "markers"), ("x", eu), ("y", su), ("text", pairs), ("xaxis", "x3"), ("yaxis", "y3"),
            ("marker", new { size = 3, opacity = 0.35, color = "#333333" }), ("name", "region pairs"),
            ("hovertemplate", $"%{{text}}<br>{right} %{{x:.3f}}<br>{left} %{{y:.3f}}<extra></extra>"));
        // least-squares line for the eye
        double mx = eu.Average(), my = su.Average(), sxy = 0, sxx = 0;
        for (int k = 0; k < eu.Length; k++) { sxy += (eu[k] - mx) * (su[k] - my); sxx += (eu[k] - mx) * (eu[k] - mx); }
        double slope = sxx > 0 ? sxy / sxx : 0, x0 = eu.Min(), x1 = eu.Max();
        var fit = NewTrace("scatter", ("mode", "lines"), ("x", new[] { x0, x1 }), ("y", new[] { my + slope * (x0 - mx), my + slope * (x1 - mx) }),
            ("xaxis", "x3"), ("yaxis", "y3"), ("line", new { color = "#d62728", width = 2 }), ("name", "least squares"), ("hoverinfo", "skip"));
        string r = cmp.Similarity.ToString("F3", Ci);
        var title = Title($"{left} vs {right}: r = {r} over {su.Length} region pairs");
        // each matrix takes 30 % of the plot width: labels show where that holds them (all on hover)
        const int width = ChartLayout.AssumedWidth - 120;
        var plan = ChartLayout.Labels(labels, 0.3 * width);
        int panel = (int)(0.3 * width), top = ChartLayout.TopMargin(LinesOf(title), groupNotes.Length > 0), bottom = plan.MarginPx + 40;
        var xTicks = plan.Ticks(); xTicks["tickangle"] = -90; xTicks["showgrid"] = false; xTicks["constrain"] = "domain"; xTicks["constraintoward"] = "left";
        var yTicks = plan.Ticks(); yTicks["showgrid"] = false; yTicks["constrain"] = "domain"; yTicks["constraintoward"] = "top";
        return Build([sim, emp, scatter, fit],
            ("title", title),
            ("showlegend", false),
            ("margin", new { l = plan.MarginPx + 20, r = 40, t = top, b = bottom }), ("height", top + panel + bottom),
            ("xaxis", Merge(xTicks, ("domain", new[] { 0.0, 0.3 }), ("title", new { text = left }))),
            ("yaxis", Merge(yTicks, ("domain", new[] { 0.0, 1.0 }), ("autorange", "reversed"), ("scaleanchor", "x"))),
            ("xaxis2", Merge(xTicks, ("domain", new[] { 0.34, 0.64 }), ("title", new { text = right }))),
            ("yaxis2", new { anchor = "x2", showticklabels = false, ticks = "", autorange = "reversed", scaleanchor = "x2", constrain = "domain", constraintoward = "top" }),
            ("xaxis3", new { domain = new[] { 0.8, 1.0 }, title = new { text = right + " (r)" }, zeroline = false }),
            ("yaxis3", new { anchor = "x3", title = new { text = left + " (r)" }, zeroline = false }),
            ("shapes", shapes),
            ("annotations", groupNotes.Prepend(new { text = $"r = {r}", xref = "x3 domain", yref = "y3 domain", x = 0.02, y = 0.98, showarrow = false, font = new { size = 14 } }).ToArray()));
    }

    private static Dictionary<string, object?> Merge(Dictionary<string, object?> d, params (string Key, object? Value)[] more)
    {
        var r = new Dictionary<string, object?>(d);
        foreach (var (k, v) in more) r[k] = v;
        return r;
    }

    private static string[] PairLabels(FcMatrix fc)
    {
        int n = fc.Count; var r = new string[n * (n - 1) / 2]; int k = 0;
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) r[k++] = fc.Labels[i] + " – " + fc.Labels[j];
        return r;
    }

    /// <summary>
    /// A 3-D brain graph: region centres (size ∝ in-strength; one trace per hemisphere, named in the legend) and the
    /// <paramref name="edges"/> strongest connections as lines. Needs centres. Where the browser has no WebGL the page draws the
    /// same traces as a 2-D axial projection (x–y) and says so (see <see cref="PlotlyHtml"/>).
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
        var traces = new List<Trace>
        {
            NewTrace("scatter3d", ("mode", "lines"), ("x", ex), ("y", ey), ("z", ez), ("name", $"{top.Length} strongest connections"),
                ("line", new { color = "rgba(90,90,90,0.45)", width = 2 }), ("hoverinfo", "skip")),
        };
        var hemisphere = c.RightHemisphere ?? RegionOrder.HemispheresFromLabels(c.Labels);
        var groups = hemisphere is null
            ? [("regions", "#444444", Enumerable.Range(0, n).ToArray())]
            : new[] { ("left hemisphere", "#1f77b4", false), ("right hemisphere", "#d62728", true) }
                .Select(g => (g.Item1, g.Item2, Enumerable.Range(0, n).Where(i => hemisphere[i] == g.Item3).ToArray()))
                .Where(g => g.Item3.Length > 0).ToArray();
        foreach (var (name, colour, idx) in groups)
            traces.Add(NewTrace("scatter3d", ("mode", "markers"), ("name", $"{name} ({idx.Length})"),
                ("x", idx.Select(i => c.Centres[i].X).ToArray()), ("y", idx.Select(i => c.Centres[i].Y).ToArray()), ("z", idx.Select(i => c.Centres[i].Z).ToArray()),
                ("text", idx.Select(i => c.Labels[i]).ToArray()), ("marker", new { size = idx.Select(i => size[i]).ToArray(), color = colour, opacity = 0.9 }),
                ("hovertemplate", "%{text}<extra>" + name + "</extra>")));
        return Build(traces,
            ("title", Title($"{c.Name}: region centres (size ∝ in-strength) and the {top.Length} strongest connections")),
            ("scene", new { aspectmode = "data", xaxis = new { title = new { text = "x (mm)" } }, yaxis = new { title = new { text = "y (mm)" } }, zaxis = new { title = new { text = "z (mm)" } } }),
            ("showlegend", true));
    }
}
