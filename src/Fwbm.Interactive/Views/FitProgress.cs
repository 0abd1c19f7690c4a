
namespace Fwbm.Interactive;

/// <summary>The state of an iterative fit, for a live display: loss (and FC similarity) per iteration, with timing.</summary>
public sealed record FitProgress(IReadOnlyList<double> Loss, IReadOnlyList<double>? Similarity, int Iteration, int Iterations, TimeSpan Elapsed)
{
    /// <summary>Estimated time to finish from the mean time per iteration so far.</summary>
    public TimeSpan? Remaining => Iteration <= 0 ? null : TimeSpan.FromTicks((long)(Elapsed.Ticks / (double)Iteration * Math.Max(0, Iterations - Iteration)));

    public override string ToString() =>
        FormattableString.Invariant($"iteration {Iteration}/{Iterations}: loss {(Loss.Count > 0 ? Loss[^1] : double.NaN):G5}") +
        (Similarity is { Count: > 0 } s ? FormattableString.Invariant($", FC similarity {s[^1]:F3}") : "") +
        FormattableString.Invariant($", {Elapsed.TotalSeconds:F1} s elapsed") + (Remaining is TimeSpan r ? FormattableString.Invariant($", ETA {r.TotalSeconds:F0} s") : "");
}
