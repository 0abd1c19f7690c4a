using Fwbm.Core;
using Fwbm.Core.Connectivity;
using Fwbm.Torch.Fitting;
using Plotly.NET;

namespace Fwbm.Interactive.Plotting;

public static partial class FwbmCharts
{
    /// <summary>
    /// A fit's curve, with every number named (<see cref="FitReport"/>): per epoch the loss (left axis) and the FC similarity during
    /// training (right axis), and the evaluations the summary reports — before (initial parameters) and after (fitted parameters) — as
    /// two marked points on the same similarity axis. The x axis counts the epochs done before a run: epoch k's run simulated the
    /// parameters after k − 1 epochs and is drawn at k − 1, so "before" (at 0) and epoch 1's run used the same parameters (they differ
    /// by noise only) and "after" sits at the last epoch.
    /// </summary>
    /// <param name="history">The completed epochs.</param>
    /// <param name="before">The initial evaluation (null: not yet done).</param>
    /// <param name="after">The final evaluation (null: not evaluated).</param>
    /// <param name="options">The fit's options (names the run length and window).</param>
    /// <param name="data">The fit's subjects (names how many the similarity averages).</param>
    public static GenericChart FitCurve(IReadOnlyList<FitEpoch> history, FitEvaluation? before, FitEvaluation? after, FitOptions options, FitData data, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(data);
        static double?[] Finite(IEnumerable<double> v) => v.Select(x => double.IsFinite(x) ? x : (double?)null).ToArray();
        var done = history.Select(e => e.Epoch - 1).ToArray();
        var traces = new List<Trace>
        {
            NewTrace("scatter", ("mode", "lines+markers"), ("x", done), ("y", Finite(history.Select(e => e.Loss))), ("name", "loss (left axis)"),
                ("hovertemplate", $"epoch %{{customdata}}: {FitReport.Loss(options)} = %{{y:.4f}}<extra></extra>"), ("customdata", history.Select(e => e.Epoch).ToArray())),
            NewTrace("scatter", ("mode", "lines+markers"), ("x", done), ("y", Finite(history.Select(e => e.Similarity))), ("name", "FC similarity during training (epoch's run)"),
                ("yaxis", "y2"), ("line", new { color = "#2ca02c" }),
                ("hovertemplate", "epoch %{customdata}'s run: FC similarity %{y:.3f}<extra></extra>"), ("customdata", history.Select(e => e.Epoch).ToArray())),
        };
        if (before is not null)
        {
            int last = history.Count == 0 ? 0 : history[^1].Epoch;
            var x = after is null ? new[] { 0 } : [0, last];
            var y = after is null ? new[] { before.TrainMean } : [before.TrainMean, after.TrainMean];
            var text = after is null ? new[] { "before (initial parameters)" } : ["before (initial parameters)", "after (fitted parameters)"];
            traces.Add(NewTrace("scatter", ("mode", "markers+text"), ("x", x), ("y", Finite(y)), ("yaxis", "y2"), ("name", "FC similarity of the evaluations (summary)"),
                ("marker", new { size = 12, symbol = "diamond", color = "#d62728" }), ("text", y.Select(v => v.ToString("F3", Ci)).ToArray()), ("textposition", "top center"),
                ("customdata", text), ("hovertemplate", "%{customdata}: FC similarity %{y:.3f} (evaluation seed)<extra></extra>")));
        }
        string heading = title ?? $"Fit of {options.Model}: loss and FC similarity";
        string sub = $"FC similarity = {FitReport.Similarity(options, data)}" + (before is null ? "" : $"; evaluations {FitReport.Summary(before, after)}");
        int n = Math.Max(1, history.Count);
        object xaxis = n <= 20 ? new { title = new { text = "epochs done (the parameters a run simulated)" }, dtick = 1, tick0 = 0 } : new { title = new { text = "epochs done (the parameters a run simulated)" } };
        return Build(traces, ("title", Title($"{heading}<br><sub>{sub.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;")}</sub>")), ("xaxis", xaxis),
            ("legend", new { orientation = "h", y = -0.3 }), ("margin", new { t = 90 }),
            ("yaxis", new { title = new { text = "loss" } }),
            ("yaxis2", new { title = new { text = "FC similarity r" }, overlaying = "y", side = "right" }));
    }

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
        // the summary's numbers, in the summary's words (FitReport)
        string subtitle = FitReport.Summary(before, after) + (after is null ? " (no evaluation after the fit)" : "");
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
