using System.Globalization;
using Fwbm.Core.Simulation;

namespace Fwbm.Torch.Fitting;

/// <summary>
/// The words every view of a fit uses for its numbers (CLI, live display, result card, charts), so that a reader sees which quantity
/// each number is and why two of them differ. A fit reports three quantities:
/// <list type="bullet">
/// <item><b>loss</b> (<see cref="FitEpoch.Loss"/>): 1 − r between one backpropagation window's simulated FC and the group FC of the
///   training subjects (the mean of their FCs), averaged over the epoch's windows — what the optimiser minimises;</item>
/// <item><b>FC similarity during training</b> (<see cref="FitEpoch.Similarity"/>): the mean over training subjects of r between the
///   FC of the epoch's whole run (all windows' BOLD, realisations averaged) and the subject's FC — the parameters the epoch ran
///   with, the epoch's own noise seed;</item>
/// <item><b>FC similarity of the evaluations</b> (<see cref="FitResult.Before"/>, <see cref="FitResult.After"/>; the summary's
///   "train before → after"): the same measure for the initial and the fitted parameters, each simulated once more with the
///   evaluation noise seed.</item>
/// </list>
/// The last two are the same measure on runs of the same length: they differ by noise and by when the parameters were taken (epoch k
/// runs the parameters after k − 1 epochs; "after" those after the last epoch). The loss compares with the group FC, which is smoother
/// than any one subject's FC, so 1 − loss is higher than the per-subject similarity.
/// </summary>
public static class FitReport
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>"60 s of BOLD (TR 0.72 s) × 4 realisations": the length of every run a fit scores.</summary>
    public static string RunLength(FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = FitDefaults.Resolve(options);
        var sim = o.Simulation!;
        var bold = sim.Monitors.OfType<BoldMonitorSpec>().FirstOrDefault();
        string tr = bold is null ? "" : string.Create(Ci, $" (TR {bold.TrMs / 1000:G4} s)");
        return string.Create(Ci, $"{sim.DurationMs / 1000:G4} s of BOLD{tr} × {o.Realisations} realisation{(o.Realisations == 1 ? "" : "s")}");
    }

    /// <summary>"mean over the 5 training subjects of r(simulated FC, subject's FC), 60 s of BOLD (TR 0.72 s) × 4 realisations".</summary>
    public static string Similarity(FitOptions options, FitData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Train.Count;
        string who = n == 1 ? $"r(simulated FC, FC of '{data.Train[0].Id}')" : $"mean over the {n} training subjects of r(simulated FC, subject's FC)";
        return $"{who}, {RunLength(options)}";
    }

    /// <summary>What the summary's before → after numbers are.</summary>
    public static string Evaluation(FitOptions options, FitData data) =>
        $"FC similarity of the evaluation runs (initial → fitted parameters, evaluation seed): {Similarity(options, data)}";

    /// <summary>What the per-epoch FC similarity is.</summary>
    public static string Training(FitOptions options, FitData data) =>
        $"FC similarity during training (each epoch's own run and seed, the parameters it began with): {Similarity(options, data)}";

    /// <summary>What the loss is.</summary>
    public static string Loss(FitOptions options)
    {
        var o = FitDefaults.Resolve(options);
        int w = o.WindowSamples ?? 0;
        return w == 0 ? "loss = 1 − r(FC of the epoch's run, group FC of the training subjects)"
            : $"loss = 1 − r(FC of a {w}-sample window, group FC of the training subjects), mean over the epoch's windows";
    }

    /// <summary>"train 0.606 → 0.682; held out 0.536 → 0.593": the evaluation means (after omitted when not evaluated).</summary>
    public static string Summary(FitEvaluation before, FitEvaluation? after)
    {
        ArgumentNullException.ThrowIfNull(before);
        string s = string.Create(Ci, $"train {before.TrainMean:F3}") + (after is null ? "" : string.Create(Ci, $" → {after.TrainMean:F3}"));
        if (before.Test.Count > 0) s += string.Create(Ci, $"; held out {before.TestMean:F3}") + (after is null ? "" : string.Create(Ci, $" → {after.TestMean:F3}"));
        return s;
    }
}
