using Fwbm.Core;
using Fwbm.Core.Connectivity;
using Plotly.NET;

namespace Fwbm.Interactive.Plotting;

/// <summary>Charts of a virtual surgery: what an edit changed in the connectome (3-D marks), the FC change, and the measure changes.</summary>
public static partial class FwbmCharts
{
    /// <summary>Colours of the surgery marks: unchanged edges, removed edges and resected regions, weakened edges, added edges, slowed tracts.</summary>
    /// <summary>A diverging scale for changes: blue below 0, white at 0, red above (plotly's RdBu is grey in the middle, which hides "no change").</summary>
    internal static readonly object[][] ChangeScale = [[0.0, "#2166ac"], [0.25, "#92c5de"], [0.5, "#f7f7f7"], [0.75, "#f4a582"], [1.0, "#b2182b"]];

    public const string IntactColour = "rgba(90,90,90,0.35)", RemovedColour = "#d62728", WeakenedColour = "#ff7f0e", AddedColour = "#2ca02c", SlowedColour = "#9467bd";

    /// <summary>
    /// The 3-D connectome before and after a surgery, regions matched by label: the <paramref name="edges"/> strongest unchanged
    /// connections grey, removed connections red dashed, weakened ones orange, added ones (a rewired null) green, slowed tracts
    /// (longer, e.g. demyelination) purple; resected regions (labels missing from <paramref name="edited"/>) as red crosses, silenced
    /// regions (kept, every connection gone) as hollow circles, the other regions filled by hemisphere. Needs centres on
    /// <paramref name="intact"/>. At most <paramref name="maxChanged"/> changed connections of each kind are drawn (the largest changes).
    /// </summary>
    public static GenericChart SurgeryGraph(Connectome intact, Connectome edited, int edges = 150, int maxChanged = 400)
    {
        ArgumentNullException.ThrowIfNull(intact);
        ArgumentNullException.ThrowIfNull(edited);
        if (intact.Centres is null) throw new FwbmException($"Surgery graph: connectome '{intact.Name}' has no region centres; the 3-D graph needs them (the ΔFC matrix and the measure table do not).");
        var diff = SurgeryDiff.Of(intact, edited);
        var c = intact.Centres;
        var traces = new List<Trace>();
        void Lines(IEnumerable<(int I, int J)> pairs, string name, object line, string? hover = null)
        {
            var ex = new List<double?>(); var ey = new List<double?>(); var ez = new List<double?>(); var text = new List<string?>();
            int count = 0;
            foreach (var (i, j) in pairs)
            {
                count++;
                foreach (var k in new[] { i, j }) { ex.Add(c[k].X); ey.Add(c[k].Y); ez.Add(c[k].Z); text.Add($"{intact.Labels[i]} – {intact.Labels[j]}"); }
                ex.Add(null); ey.Add(null); ez.Add(null); text.Add(null);
            }
            if (count == 0) return;
            traces.Add(NewTrace("scatter3d", ("mode", "lines"), ("x", ex), ("y", ey), ("z", ez), ("name", $"{name} ({count})"), ("line", line),
                ("text", text), ("hovertemplate", hover is null ? null : "%{text}<extra>" + hover + "</extra>"), ("hoverinfo", hover is null ? "skip" : null)));
        }
        var kept = diff.Edges.Where(e => e.Kind == EdgeChange.Unchanged).OrderByDescending(e => e.Before).ThenBy(e => e.I).ThenBy(e => e.J).Take(Math.Max(0, edges));
        Lines(kept.Select(e => (e.I, e.J)), "strongest unchanged connections", new { color = IntactColour, width = 2 });
        IEnumerable<(int, int)> Largest(params EdgeChange[] kinds) => diff.Edges.Where(e => kinds.Contains(e.Kind))
            .OrderByDescending(e => Math.Abs(e.After - e.Before) + (e.Kind == EdgeChange.Slowed ? e.LengthRatio : 0)).ThenBy(e => e.I).ThenBy(e => e.J)
            .Take(Math.Max(0, maxChanged)).Select(e => (e.I, e.J));
        Lines(Largest(EdgeChange.Removed), "removed connections", new { color = RemovedColour, width = 3, dash = "dash" }, "removed");
        Lines(Largest(EdgeChange.Weakened), "weakened connections", new { color = WeakenedColour, width = 3 }, "weakened");
        Lines(Largest(EdgeChange.Added, EdgeChange.Strengthened), "added or strengthened connections", new { color = AddedColour, width = 2 }, "added");
        Lines(Largest(EdgeChange.Slowed), "slowed tracts (longer delays)", new { color = SlowedColour, width = 3, dash = "dot" }, "slowed");
        var strength = intact.InStrength();
        double smax = strength.Select(Math.Abs).DefaultIfEmpty(0).Max();
        var size = strength.Select(s => smax > 0 ? 4 + 8 * Math.Abs(s) / smax : 6).ToArray();
        void Nodes(int[] idx, string name, object marker, string hover)
        {
            if (idx.Length == 0) return;
            traces.Add(NewTrace("scatter3d", ("mode", "markers"), ("name", $"{name} ({idx.Length})"),
                ("x", idx.Select(i => c[i].X).ToArray()), ("y", idx.Select(i => c[i].Y).ToArray()), ("z", idx.Select(i => c[i].Z).ToArray()),
                ("text", idx.Select(i => intact.Labels[i]).ToArray()), ("marker", marker), ("hovertemplate", "%{text}<extra>" + hover + "</extra>")));
        }
        var hemisphere = intact.RightHemisphere ?? RegionOrder.HemispheresFromLabels(intact.Labels);
        var plain = Enumerable.Range(0, intact.Count).Where(i => diff.Region[i] == RegionChange.Kept).ToArray();
        if (hemisphere is null) Nodes(plain, "regions", new { size = plain.Select(i => size[i]).ToArray(), color = "#444444", opacity = 0.85 }, "kept");
        else
            foreach (var (name, colour, right) in new[] { ("left hemisphere", "#1f77b4", false), ("right hemisphere", "#17becf", true) })
            {
                var idx = plain.Where(i => hemisphere[i] == right).ToArray();
                Nodes(idx, name, new { size = idx.Select(i => size[i]).ToArray(), color = colour, opacity = 0.85 }, name);
            }
        var silenced = Enumerable.Range(0, intact.Count).Where(i => diff.Region[i] == RegionChange.Silenced).ToArray();
        Nodes(silenced, "silenced regions (hollow)", new { size = 10, color = RemovedColour, symbol = "circle-open", line = new { color = RemovedColour, width = 3 } }, "silenced");
        var resected = Enumerable.Range(0, intact.Count).Where(i => diff.Region[i] == RegionChange.Resected).ToArray();
        Nodes(resected, "resected regions", new { size = 9, color = RemovedColour, symbol = "x" }, "resected");
        string head = $"{edited.Name}: {diff.Describe()} (matched by label)";
        return Build(traces,
            ("title", Title(head)),
            ("scene", new { aspectmode = "data", xaxis = new { title = new { text = "x (mm)" } }, yaxis = new { title = new { text = "y (mm)" } }, zaxis = new { title = new { text = "z (mm)" } } }),
            ("legend", new { x = 0.0, y = 1.0, bgcolor = "rgba(255,255,255,0.7)" }),
            ("showlegend", true));
    }

    /// <summary>
    /// ΔFC = edited − intact over the regions both keep (matched by label, in the intact matrix's display order), on a diverging scale
    /// centred at 0 and symmetric about it (blue: FC lowered, red: raised), with the mean |ΔFC| and the regions the edit removed in the title.
    /// </summary>
    public static GenericChart DeltaFc(FcMatrix intact, FcMatrix edited, string title = "ΔFC (edited − intact)")
    {
        ArgumentNullException.ThrowIfNull(intact);
        ArgumentNullException.ThrowIfNull(edited);
        var (labels, right, delta) = SurgeryDiff.DeltaFc(intact, edited);
        int n = labels.Length;
        if (n < 2) throw new FwbmException($"ΔFC: the intact and edited FC share {n} region label(s); at least 2 are needed (are they FCs of the same atlas?).");
        var arrangement = intact.Order.Arrange(labels, right);
        var shown = Pick(labels, arrangement.Order);
        var z = Rows(delta, n, arrangement.Order);
        double lim = 0; int pairs = 0; double sumAbs = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double v = delta[i * n + j];
                if (!double.IsFinite(v)) continue;
                lim = Math.Max(lim, Math.Abs(v));
                if (j > i) { sumAbs += Math.Abs(v); pairs++; }
            }
        if (lim == 0) lim = 1e-3;
        var missing = intact.Labels.Except(edited.Labels).ToArray();
        var (shapes, notes) = GroupMarks(arrangement, shown, right is null ? null : Pick(right, arrangement.Order), [("x", "y")]);
        string gone = missing.Length == 0 ? "" : $"; not in the edited FC: {string.Join(", ", missing.Take(8))}{(missing.Length > 8 ? $" and {missing.Length - 8} more" : "")}";
        var t = Title($"{title}: {n} regions both keep, mean |ΔFC| = {(pairs > 0 ? sumAbs / pairs : 0).ToString("F3", Ci)}, largest {lim.ToString("F3", Ci)}{gone}");
        var heat = NewTrace("heatmap", ("z", z.Select(row => row.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray()).ToArray()), ("x", shown), ("y", shown),
            ("colorscale", ChangeScale), ("zmin", -lim), ("zmax", lim), ("zmid", 0.0),
            ("colorbar", new { title = new { text = "ΔFC (Pearson r)", side = "right" } }),
            ("hovertemplate", "%{y} – %{x}<br>ΔFC = %{z:.3f}<extra></extra>"));
        var frame = FrameFor(shown, LinesOf(t), notes.Length > 0);
        var (xa, ya) = MatrixAxes(frame.Plan);
        return Build([heat], ("title", t), ("xaxis", xa), ("yaxis", ya), ("margin", frame.Margin), ("height", frame.Height), ("shapes", shapes), ("annotations", notes));
    }

    /// <summary>One row of a before/after table: a measure, its value before and after (NaN: not defined), and the change.</summary>
    public sealed record MeasureChange(string Measure, double Before, double After)
    {
        /// <summary>After − before.</summary>
        public double Change => After - Before;
        /// <summary>The change relative to |before| (NaN when before is 0 or not finite).</summary>
        public double Relative => double.IsFinite(Before) && Before != 0 ? (After - Before) / Math.Abs(Before) : double.NaN;
    }

    /// <summary>
    /// A table of measure changes (measure, before, after, change, relative change) as a Plotly table; a change is red where the
    /// value fell and blue where it rose.
    /// </summary>
    public static GenericChart MeasureChanges(IReadOnlyList<MeasureChange> rows, string title = "Measures before and after")
    {
        ArgumentNullException.ThrowIfNull(rows);
        static string F(double v) => double.IsNaN(v) ? "—" : v.ToString("G4", Ci);
        static string P(double v) => double.IsNaN(v) ? "—" : (v >= 0 ? "+" : "") + (100 * v).ToString("F1", Ci) + " %";
        string Colour(double v) => double.IsNaN(v) || v == 0 ? "white" : v < 0 ? "#fde2e1" : "#e1ecfd";
        var fill = rows.Select(r => Colour(r.Change)).ToArray();
        var white = rows.Select(_ => "white").ToArray();
        var table = NewTrace("table",
            ("columnwidth", new[] { 3.0, 1.4, 1.4, 1.4, 1.2 }),
            ("header", new { values = new[] { "measure", "before (intact)", "after (edited)", "change", "relative" }, align = "left",
                fill = new { color = "#e8e8e8" }, font = new { size = 13 } }),
            ("cells", new
            {
                values = new object[] { rows.Select(r => r.Measure).ToArray(), rows.Select(r => F(r.Before)).ToArray(), rows.Select(r => F(r.After)).ToArray(),
                    rows.Select(r => (r.Change > 0 ? "+" : "") + F(r.Change)).ToArray(), rows.Select(r => P(r.Relative)).ToArray() },
                align = new[] { "left", "right", "right", "right", "right" },
                fill = new { color = new object[] { white, white, white, fill, fill } },
                font = new { size = 12 }, height = 24,
            }));
        int height = ChartLayout.TopMargin(1) + 40 + 24 * (rows.Count + 1) + 20;
        return Build([table], ("title", Title($"{title} ({rows.Count} measures)")), ("height", height), ("margin", new { l = 20, r = 20, b = 10 }));
    }
}
