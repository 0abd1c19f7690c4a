using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Torch.Fitting;

/// <summary>One finished epoch.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="Loss">Mean over the epoch's windows of 1 − r(window FC, target = group FC of the training subjects).</param>
/// <param name="Similarity">FC similarity during training: the mean over training subjects of r(FC of the epoch's whole run — all
/// windows' BOLD, realisations averaged —, subject's FC): the measure of <see cref="FitEvaluation.TrainMean"/>, on the epoch's own run
/// (see <see cref="FitReport"/>).</param>
/// <param name="Coupling">G after the epoch's update.</param>
/// <param name="Seconds">Wall time of the epoch.</param>
public sealed record FitEpoch(int Epoch, double Loss, double Similarity, double Coupling, double Seconds);

/// <summary>Progress of a fit: reported after every epoch (drives a live loss curve).</summary>
public sealed record FitProgress(FitEpoch Latest, int TotalEpochs, IReadOnlyList<FitEpoch> History);

/// <summary>FC similarity of one simulation with one subject's FC.</summary>
public sealed record SubjectScore(string Subject, double Similarity);

/// <summary>FC similarities of one parameter set with the training and held-out subjects.</summary>
public sealed record FitEvaluation(IReadOnlyList<SubjectScore> Train, IReadOnlyList<SubjectScore> Test, double[] SimulatedFc)
{
    public double TrainMean => Train.Count == 0 ? double.NaN : Train.Average(s => s.Similarity);
    public double TestMean => Test.Count == 0 ? double.NaN : Test.Average(s => s.Similarity);
}

/// <summary>What a fit is doing: reported when each stage starts (for a live display's status line and ETA).</summary>
/// <param name="Stage">One of <see cref="EvaluateInitial"/>, <see cref="Train"/>, <see cref="EvaluateFitted"/>.</param>
/// <param name="Epoch">The epoch that starts (1-based) for <see cref="Train"/>; otherwise the epochs done.</param>
public sealed record FitPhase(string Stage, int Epoch, int TotalEpochs)
{
    /// <summary>Simulating the initial parameters to score them against every subject (the "before").</summary>
    public const string EvaluateInitial = "evaluate-initial";
    /// <summary>An epoch of training starts.</summary>
    public const string Train = "epoch";
    /// <summary>Simulating the fitted parameters to score them against every subject (the "after").</summary>
    public const string EvaluateFitted = "evaluate-fitted";

    public override string ToString() => Stage switch
    {
        EvaluateInitial => "evaluating the initial parameters on every subject",
        Train => $"epoch {Epoch}/{TotalEpochs}",
        EvaluateFitted => "evaluating the fitted parameters on every subject",
        _ => Stage,
    };
}

/// <summary>The outcome of a fit (complete, or what an interrupted fit had done: see <see cref="Completed"/>).</summary>
public sealed partial class FitResult
{
    internal FitResult(FitOptions options, ParameterSet initial, ParameterSet fitted, IReadOnlyList<FitEpoch> history, FitEvaluation before,
        FitEvaluation? after, double[] targetFc, TorchPlacement placement, ParameterSet best, int bestEpoch, bool completed)
    {
        Options = options; Initial = initial; Fitted = fitted; History = history; Before = before; After = after; TargetFc = targetFc; Placement = placement;
        Best = best; BestEpoch = bestEpoch; Completed = completed;
    }
    public FitOptions Options { get; }
    public ParameterSet Initial { get; }
    /// <summary>The fitted parameters as a Core parameter set (run it with the CPU <see cref="Simulator"/> too): after the last Adam
    /// step — for an interrupted fit, the last completed truncated-backpropagation window.</summary>
    public ParameterSet Fitted { get; }
    /// <summary>Loss and FC similarity of every completed epoch.</summary>
    public IReadOnlyList<FitEpoch> History { get; }
    /// <summary>FC similarity with each subject before the fit (initial parameters).</summary>
    public FitEvaluation Before { get; }
    /// <summary>FC similarity with each subject after the fit (<see cref="Fitted"/>); null when the fit was interrupted before it was
    /// evaluated (<see cref="GradientFit.Evaluate(FitData, FitOptions, ParameterSet, CancellationToken)"/> scores any parameter set later).</summary>
    public FitEvaluation? After { get; }
    /// <summary>The group FC of the training subjects that was fitted.</summary>
    public double[] TargetFc { get; }
    public TorchPlacement Placement { get; }
    /// <summary>The parameters the epoch with the lowest loss was simulated with (its starting point: with one window per epoch, exactly
    /// the parameters that loss belongs to); the initial parameters when no epoch ran.</summary>
    public ParameterSet Best { get; }
    /// <summary>The epoch of <see cref="Best"/> (1-based; 0 = no epoch ran).</summary>
    public int BestEpoch { get; }
    /// <summary>False when the fit was interrupted (<see cref="FitCancelledException"/>): <see cref="History"/> holds the completed epochs.</summary>
    public bool Completed { get; }
}

/// <summary>
/// A fit stopped by its cancellation token after it had done something: <see cref="Partial"/> holds the completed epochs, the last and
/// best parameters and the initial evaluation. The checkpoint (when one was given) holds the last completed epoch, written atomically.
/// </summary>
public sealed class FitCancelledException(FitResult partial, string message, CancellationToken token) : OperationCanceledException(message, null, token)
{
    public FitResult Partial { get; } = partial;
}
