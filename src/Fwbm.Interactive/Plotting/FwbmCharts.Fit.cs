using Fwbm.Core;
using Fwbm.Core.Connectivity;
using Fwbm.Torch.Fitting;
using Plotly.NET;

namespace Fwbm.Interactive.Plotting;

public static partial class FwbmCharts
{
    /// <summary>FC similarity with every subject before and after a fit, as grouped bars (held-out subjects marked and shaded).</summary>
    public static GenericChart FitScores(FitEvaluation before, FitEvaluation? after, string title = "FC similarity per subject")
    {
        ArgumentNullException.ThrowIfNull(before);
        string[] names = before.Train.Select(s => s.Subject).Concat(before.Test.Select(s => s.Subject + " (held out)")).ToArray();
        double?[] Values(FitEvaluation e) => e.Train.Concat(e.Test).Select(s => double.IsFinite(s.Similarity) ? s.Similarity : (double?)null).ToArray();
        var traces = new List<Trace>
        {
            NewTrace("bar", ("x", names), ("y", Values(before)), ("name", "before (initial parameters)"), ("marker", new { color = "#9aa5b1" }),
                ("hovertemplate", "%{x}<br>before: r = %{y:.3f}<extra></extra>")),
        };
        if (after is not null)
            traces.Add(NewTrace("bar", ("x", names), ("y", Values(after)), ("name", "after (fitted parameters)"), ("marker", new { color = "#1f77b4" }),
                ("hovertemplate", "%{x}<br>after: r = %{y:.3f}<extra></extra>")));
        string Mean(FitEvaluation e, bool train) => (train ? e.TrainMean : e.TestMean).ToString("F3", Ci);
        string subtitle = after is null
            ? $"train {Mean(before, true)}" + (before.Test.Count > 0 ? $", held out {Mean(before, false)}" : "") + " (no evaluation after the fit)"
            : $"train {Mean(before, true)} → {Mean(after, true)}" + (before.Test.Count > 0 ? $", held out {Mean(before, false)} → {Mean(after, false)}" : "");
        var shapes = before.Test.Count == 0 ? null : new[]
        {
            new { type = "rect", xref = "x", yref = "paper", x0 = before.Train.Count - 0.5, x1 = names.Length - 0.5, y0 = 0.0, y1 = 1.0,
                  fillcolor = "rgba(255,190,60,0.15)", line = new { width = 0 }, layer = "below" },
        };
        return Build(traces, ("title", Title($"{title}: {subtitle}")), ("barmode", "group"), ("showlegend", true),
            ("legend", new { orientation = "h", y = -0.25 }), ("shapes", shapes),
            ("yaxis", new { title = new { text = "FC similarity r" } }), ("xaxis", new { type = "category", tickangle = -30 }));
    }

    /// <summary>
    /// One value per region on the brain: region centres in 3-D coloured by the value (a diverging scale centred on
    /// <paramref name="centre"/> when given: blue below, red above), with the region's label and value on hover. Needs a connectome with centres.
    /// </summary>
    public static GenericChart RegionMap(Connectome connectome, IReadOnlyList<double> values, string title, string valueTitle, double? centre = null)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        ArgumentNullException.ThrowIfNull(values);
        if (connectome.Centres is null) throw new FwbmException($"Region map: connectome '{connectome.Name}' has no region centres; use FwbmCharts.RegionBars.");
        if (values.Count != connectome.Count) throw new FwbmException($"Region map: {values.Count} values for {connectome.Count} regions of '{connectome.Name}'.");
        var c = connectome.Centres;
        double lo = values.Where(double.IsFinite).DefaultIfEmpty(0).Min(), hi = values.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        object marker = centre is double m
            ? new { size = 7, color = values.ToArray(), colorscale = Diverging, cmid = m, colorbar = new { title = new { text = valueTitle } }, opacity = 0.95 }
            : new { size = 7, color = values.ToArray(), colorscale = Sequential, cmin = lo, cmax = hi, colorbar = new { title = new { text = valueTitle } }, opacity = 0.95 };
        var nodes = NewTrace("scatter3d", ("mode", "markers"), ("name", valueTitle),
            ("x", c.Select(p => p.X).ToArray()), ("y", c.Select(p => p.Y).ToArray()), ("z", c.Select(p => p.Z).ToArray()),
            ("text", connectome.Labels.Zip(values, (l, v) => $"{l}: {v.ToString("G4", Ci)}").ToArray()), ("marker", marker),
            ("hovertemplate", "%{text}<extra></extra>"));
        return Build([nodes], ("title", Title(title)),
            ("scene", new { aspectmode = "data", xaxis = new { title = new { text = "x (mm)" } }, yaxis = new { title = new { text = "y (mm)" } }, zaxis = new { title = new { text = "z (mm)" } } }),
            ("showlegend", false));
    }
}
