using System.Globalization;
using System.Text;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Torch.Fitting;
using Microsoft.Data.Analysis;

namespace Fwbm.Interactive;

/// <summary>Where a <see cref="FitRun"/> is.</summary>
public enum FitRunState
{
    /// <summary>Training (or evaluating).</summary>
    Running,
    /// <summary>Every epoch ran and the fitted parameters were evaluated.</summary>
    Completed,
    /// <summary>Interrupted (kernel interrupt): <see cref="FitRun.Result"/> keeps the completed epochs and the last/best parameters.</summary>
    Stopped,
    /// <summary>Failed with <see cref="FitRun.Error"/> (e.g. the loss became NaN).</summary>
    Failed,
}

/// <summary>
/// A gradient fit started by <c>#!fwbm-fit</c> (bound to the C# variable <c>--name</c> when it starts, so that an interrupted fit is
/// still reachable): the data, the options, the live loss history and, when it ends, the Torch layer's <see cref="FitResult"/> —
/// before/after FC similarity per training and held-out subject, the fitted and best parameters, the simulated FC after fitting.
/// After a kernel interrupt the fit stops within the current window; <c>await fit.Completion</c> waits for that.
/// </summary>
public sealed partial class FitRun
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly object _gate = new();
    private readonly List<FitEpoch> _history = [];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private FitResult? _result;
    private FitRunState _state = FitRunState.Running;
    private string? _error;
    private TimeSpan? _elapsed;

    public FitRun(FitData data, FitOptions options, string? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        Data = data; Options = GradientFit.Resolve(options); Checkpoint = checkpoint;
    }

    /// <summary>Run a fit to the end in the calling thread (the C# equivalent of the magic, without a display).</summary>
    public static FitRun Run(FitData data, FitOptions options, string? checkpoint = null, bool resume = false, CancellationToken cancellation = default)
    {
        var run = new FitRun(data, options, checkpoint);
        run.Execute(resume, null, null, cancellation);
        return run;
    }

    public FitData Data { get; }
    /// <summary>The options the fit runs: the given ones with the model's defaults filled in (<see cref="GradientFit.Resolve"/>).</summary>
    public FitOptions Options { get; }
    /// <summary>The checkpoint file (written atomically after every epoch), or null.</summary>
    public string? Checkpoint { get; }
    public Connectome Connectome => Data.Connectome;
    public FitRunState State { get { lock (_gate) return _state; } }
    /// <summary>Why the fit failed (state <see cref="FitRunState.Failed"/>).</summary>
    public string? Error { get { lock (_gate) return _error; } }
    /// <summary>The fit's result when it completed, or what it had done when it was stopped; null while running or after a failure.</summary>
    public FitResult? Result { get { lock (_gate) return _result; } }
    /// <summary>Completes when the fit has ended (completed, stopped or failed); never faults.</summary>
    public Task Completion => _done.Task;
    public TimeSpan Elapsed { get { lock (_gate) return _elapsed ?? _clock.Elapsed; } }

    /// <summary>The completed epochs (live while running).</summary>
    public IReadOnlyList<FitEpoch> History { get { lock (_gate) return _result?.History ?? _history.ToArray(); } }
    public double[] Loss => History.Select(e => e.Loss).ToArray();
    public ParameterSet? Initial => Result?.Initial;
    /// <summary>The fitted parameters: after the last Adam step (of an interrupted fit: after the last completed window).</summary>
    public ParameterSet? Fitted => Result?.Fitted;
    /// <summary>The parameters the lowest-loss epoch started from (see <see cref="FitResult.Best"/>).</summary>
    public ParameterSet? Best => Result?.Best;
    public FitEvaluation? Before => Result?.Before;
    /// <summary>Null when the fit was stopped before the fitted parameters were evaluated (use <see cref="Evaluate"/>).</summary>
    public FitEvaluation? After => Result?.After;

    /// <summary>The empirical FC that is fitted: the mean FC of the training subjects.</summary>
    public FcMatrix TargetFc => new(Data.TargetFc(), Connectome.Labels, Connectome.RightHemisphere,
        Data.Train.Count == 1 ? $"empirical FC ({Data.Train[0].Id})" : $"empirical FC (mean of {Data.Train.Count} training subjects)");

    /// <summary>Simulated FC with the fitted parameters vs the fitted empirical FC (null until evaluated).</summary>
    public FcComparison? Comparison => After is { } a ? new FcComparison(SimulatedFc(a, "simulated FC after fitting"), TargetFc) : null;
    /// <summary>Simulated FC with the initial parameters vs the fitted empirical FC.</summary>
    public FcComparison? ComparisonBefore => Before is { } b ? new FcComparison(SimulatedFc(b, "simulated FC before fitting"), TargetFc) : null;

    private FcMatrix SimulatedFc(FitEvaluation e, string title) => new(e.SimulatedFc, Connectome.Labels, Connectome.RightHemisphere, title);

    /// <summary>The names of the fitted parameters ("coupling", "a", …) in the order given.</summary>
    public IReadOnlyList<FitParameter> FittedParameters => Options.Fit.Select(f => FitParameter.Parse(f, Core.Models.ModelRegistry.Get(Options.Model).Spec)).ToArray();

    /// <summary>One value per region of a parameter of <paramref name="set"/> (default: the fitted set); scalars repeated.</summary>
    public double[] Values(string parameter, ParameterSet? set = null)
    {
        var p = set ?? Fitted ?? throw new Core.FwbmException($"Fit '{Options.Model}': no fitted parameters yet (state {State}).");
        var v = p[parameter];
        return Enumerable.Range(0, Connectome.Count).Select(v.At).ToArray();
    }

    /// <summary>FC similarity of any parameter set with every subject, simulated like the fit's evaluations (e.g. <c>fit.Evaluate(fit.Best)</c>).</summary>
    public FitEvaluation Evaluate(ParameterSet parameters, CancellationToken cancellation = default) =>
        GradientFit.Evaluate(Data, Options, parameters, cancellation);

    /// <summary>The catalogue measure the fit reports per subject (fc_similarity, goal maximise): its name heads the columns.</summary>
    private static string Similarity => Core.Measures.FcSimilarityMeasure.Info.Name;

    /// <summary>Per subject: set (train / held out), FC similarity before and after the fit.</summary>
    public DataFrame ToDataFrame()
    {
        var before = Before;
        var rows = Data.Train.Select(s => (s.Id, Set: "train")).Concat(Data.Test.Select(s => (s.Id, Set: "held out"))).ToList();
        double Score(FitEvaluation? e, string id) => e?.Train.Concat(e.Test).FirstOrDefault(x => x.Subject == id)?.Similarity ?? double.NaN;
        return new DataFrame(
            new StringDataFrameColumn("subject", rows.Select(r => r.Id)),
            new StringDataFrameColumn("set", rows.Select(r => r.Set)),
            new DoubleDataFrameColumn(Similarity + "_before", rows.Select(r => Score(before, r.Id))),
            new DoubleDataFrameColumn(Similarity + "_after", rows.Select(r => Score(After, r.Id))));
    }

    /// <summary>Per subject, one line: id, set (train / held out), FC similarity before → after, and the change.</summary>
    public string ScoreTable()
    {
        var sb = new StringBuilder("subject     set        before   after    change\n");
        double Score(FitEvaluation? e, string id) => e?.Train.Concat(e.Test).FirstOrDefault(x => x.Subject == id)?.Similarity ?? double.NaN;
        foreach (var (id, set) in Data.Train.Select(s => (s.Id, "train")).Concat(Data.Test.Select(s => (s.Id, "held out"))))
        {
            double b = Score(Before, id), a = Score(After, id);
            sb.Append(string.Create(Ci, $"{id,-11} {set,-9} {b,7:F3}  {a,7:F3}  {a - b,+7:+0.000;-0.000}\n"));
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>Run <see cref="GradientFit.Run"/> and record its outcome here (the magic calls this on a worker thread).</summary>
    internal void Execute(bool resume, IProgress<Torch.Fitting.FitProgress>? progress, IProgress<FitPhase>? phases, CancellationToken cancellation)
    {
        var record = new Recorder(this, progress);
        try
        {
            var result = GradientFit.Run(Data, Options, record, Checkpoint, resume, cancellation, phases);
            End(FitRunState.Completed, result, null);
        }
        catch (FitCancelledException stopped)
        {
            End(FitRunState.Stopped, stopped.Partial, stopped.Message);
            throw;
        }
        catch (Exception e)
        {
            End(e is OperationCanceledException ? FitRunState.Stopped : FitRunState.Failed, null, e.Message);
            throw;
        }
    }

    private void End(FitRunState state, FitResult? result, string? message)
    {
        lock (_gate)
        {
            _state = state; _result = result; _error = state == FitRunState.Completed ? null : message; _elapsed = _clock.Elapsed;
        }
        _done.TrySetResult();
    }

    private sealed class Recorder(FitRun run, IProgress<Torch.Fitting.FitProgress>? next) : IProgress<Torch.Fitting.FitProgress>
    {
        public void Report(Torch.Fitting.FitProgress value)
        {
            lock (run._gate) run._history.Add(value.Latest);
            next?.Report(value);
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        var r = Result;
        var h = History;
        sb.Append(string.Create(Ci, $"Gradient fit of {Options.Model} on '{Connectome.Name}' ({Connectome.Count} regions): {string.Join(", ", Options.Fit)}; "));
        sb.Append(State switch
        {
            FitRunState.Running => $"running, {h.Count}/{Options.Epochs} epochs",
            FitRunState.Completed => $"{h.Count} epochs",
            FitRunState.Stopped => $"stopped after {h.Count} of {Options.Epochs} epochs (interrupted)",
            _ => "failed",
        });
        sb.Append(string.Create(Ci, $", {Elapsed.TotalSeconds:F1} s"));
        if (r is not null) sb.Append(", ").Append(r.Placement);
        if (h.Count > 0) sb.Append(string.Create(Ci, $"; loss {h[0].Loss:F4} → {h[^1].Loss:F4}"));
        if (r is not null)
        {
            // the numbers the card's chart marks as "evaluations", named as in the CLI (FitReport)
            sb.Append('\n').Append(FitReport.Evaluation(Options, Data)).Append(": ").Append(FitReport.Summary(r.Before, r.After));
            if (r.After is null) sb.Append(" (the fitted parameters were not evaluated: fit.Evaluate(fit.Fitted))");
            if (h.Count > 0) sb.Append(string.Create(Ci, $"\nper epoch: {FitReport.Loss(Options)}; FC similarity during training (each epoch's own run and seed) {h[0].Similarity:F3} → {h[^1].Similarity:F3}"));
            sb.Append('\n').Append("fitted: ").Append(DescribeParameters(r.Fitted));
            if (r.BestEpoch > 0) sb.Append(string.Create(Ci, $"\nbest epoch {r.BestEpoch} (loss {h[r.BestEpoch - 1].Loss:F4}): ")).Append(DescribeParameters(r.Best));
        }
        if (Error is { } e && State != FitRunState.Completed) sb.Append('\n').Append(e);
        if (Checkpoint is not null) sb.Append("\ncheckpoint: ").Append(Checkpoint);
        sb.Append(string.Create(Ci, $"\ntrain: {string.Join(", ", Data.Train.Select(s => s.Id))}; held out: {(Data.Test.Count == 0 ? "none" : string.Join(", ", Data.Test.Select(s => s.Id)))}"));
        return sb.ToString();
    }

    private string DescribeParameters(ParameterSet p) => string.Join(", ", FittedParameters.Select(f =>
    {
        var v = p[f.Name];
        if (!f.PerRegion) return string.Create(Ci, $"{f.Name} = {v.At(0):G4}");
        var all = Enumerable.Range(0, Connectome.Count).Select(v.At).ToArray();
        return string.Create(Ci, $"{f.Name} per region in [{all.Min():G3}, {all.Max():G3}] (mean {all.Average():G3})");
    }));
}
