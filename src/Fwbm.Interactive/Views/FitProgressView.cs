using System.Globalization;

namespace Fwbm.Interactive;

/// <summary>
/// The state of an iterative fit for a live display: loss (and FC similarity) per iteration — an epoch for <c>#!fwbm-fit</c> —, what
/// the fit is doing now, elapsed time and the estimated time left. Displayed as a loss curve with a summary line.
/// </summary>
public sealed record FitProgressView(IReadOnlyList<double> Loss, IReadOnlyList<double>? Similarity, int Iteration, int Iterations, TimeSpan Elapsed)
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Chart title and summary prefix.</summary>
    public string Title { get; init; } = "Fit progress";
    /// <summary>What one step of the curve is ("epoch", "iteration").</summary>
    public string Unit { get; init; } = "iteration";
    /// <summary>What the fit is doing now (e.g. "epoch 3/30", "evaluating the fitted parameters"), or how it ended.</summary>
    public string? Status { get; init; }
    /// <summary>An estimate of the time left from the caller (it knows more, e.g. the cost of a final evaluation); else see <see cref="Remaining"/>.</summary>
    public TimeSpan? Estimate { get; init; }

    /// <summary>The fit has ended (done, stopped or failed): no time left to estimate.</summary>
    public bool Finished { get; init; }

    /// <summary>Estimated time to finish: <see cref="Estimate"/>, else the mean time per iteration so far times the iterations left; null when finished.</summary>
    public TimeSpan? Remaining => Finished ? null : Estimate ?? (Iteration <= 0 ? null : TimeSpan.FromTicks((long)(Elapsed.Ticks / (double)Iteration * Math.Max(0, Iterations - Iteration))));

    public override string ToString()
    {
        var s = string.Create(Ci, $"{Title}: {Unit} {Iteration}/{Iterations}");
        if (Loss.Count > 0) s += string.Create(Ci, $", loss {Loss[^1]:G5}");
        if (Similarity is { Count: > 0 } r) s += string.Create(Ci, $", FC similarity (this {Unit}'s run) {r[^1]:F3}");
        s += string.Create(Ci, $", {Elapsed.TotalSeconds:F1} s elapsed");
        if (Remaining is TimeSpan left) s += ", ETA " + Format(left);
        if (Status is not null) s += " — " + Status;
        return s;
    }

    internal static string Format(TimeSpan t) => t.TotalSeconds < 90 ? string.Create(Ci, $"{t.TotalSeconds:F0} s")
        : t.TotalMinutes < 90 ? string.Create(Ci, $"{t.TotalMinutes:F1} min") : string.Create(Ci, $"{t.TotalHours:F1} h");
}
