using System.Diagnostics;
using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Simulation;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch.Fitting;

/// <summary>
/// How long a fit will take — an estimate, printed before a long fit starts. The cost model: a fit is <c>epochs</c> training runs
/// (forward + backward through every step) and two evaluation runs (before and after: forward only, no graph), each of
/// <see cref="StepsPerRun"/> steps of the whole batch of realisations; the seconds per step of each kind are measured by a short
/// probe of the fit's own simulator (same connectome, model, dt, batch, device and dtype) after a few warm-up steps. Windowing, the
/// FC and the optimiser steps add little and are not modelled. An estimate, not a promise: the machine's other work slows the fit.
/// </summary>
/// <param name="Seconds">Estimated wall time of the whole fit (evaluations included).</param>
/// <param name="Epochs">Epochs still to run.</param>
/// <param name="Evaluations">Evaluation runs (2: before and after; 1 when a resumed fit already has its "before").</param>
/// <param name="StepsPerRun">Integration steps of one run (transient included).</param>
/// <param name="TrainStepSeconds">Measured seconds per forward + backward step of the batch.</param>
/// <param name="EvaluationStepSeconds">Measured seconds per forward step of the batch without gradients.</param>
/// <param name="ProbeSteps">Steps the timed probe ran (each kind).</param>
public sealed record FitEstimate(double Seconds, int Epochs, int Evaluations, long StepsPerRun, double TrainStepSeconds, double EvaluationStepSeconds, long ProbeSteps)
{
    /// <summary>Fits estimated above this many seconds are "long": <c>fwbm fit</c> and <c>#!fwbm-fit</c> print the estimate before them.</summary>
    public const double LongSeconds = RunEstimate.LongSeconds;

    public bool IsLong => Seconds > LongSeconds;

    /// <summary>The cost model: <paramref name="epochs"/> × steps × train cost + evaluations × steps × evaluation cost.</summary>
    public static double Scale(int epochs, int evaluations, long stepsPerRun, double trainStepSeconds, double evaluationStepSeconds) =>
        stepsPerRun * (epochs * trainStepSeconds + evaluations * evaluationStepSeconds);

    /// <summary>"estimated ≈ 45 s (8 epochs × 4 000 steps forward + backward at 1.2 ms, 2 evaluations at 0.4 ms per step; an estimate);
    /// use --epochs, --duration or a larger --dt to shorten".</summary>
    public string Describe()
    {
        var ci = CultureInfo.InvariantCulture;
        string epochs = string.Create(ci, $"{Epochs} epoch{(Epochs == 1 ? "" : "s")} × {StepsPerRun.ToString("N0", ci)} steps forward + backward at {TrainStepSeconds * 1e3:G3} ms");
        string evaluations = string.Create(ci, $"{Evaluations} evaluation{(Evaluations == 1 ? "" : "s")} at {EvaluationStepSeconds * 1e3:G3} ms per step, measured on a {ProbeSteps}-step probe");
        return $"estimated ≈ {RunEstimate.Format(Seconds)} ({epochs}, {evaluations}; an estimate); use --epochs, --duration, --realisations or a larger --dt to shorten";
    }

    /// <summary>Probe the fit's simulator and apply the cost model (see the type's summary).</summary>
    internal static FitEstimate Measure(FitSetup setup, FitData data, int evaluations, int epochsDone, CancellationToken ct)
    {
        var o = setup.Options;
        var sim = new TorchSimulator(setup.Model, data.Connectome, setup.SimOptions, setup.Placement);
        long total = sim.Core.TotalSteps;
        int epochs = Math.Max(0, o.Epochs!.Value - epochsDone);
        // a probe of up to 100 steps (a window's worth at most), after a 5-step warm-up of each kind
        long window = (o.WindowSamples ?? 0) == 0 ? total : Math.Min(total, sim.Core.TransientSteps + o.WindowSamples!.Value * sim.StepsPerBoldSample);
        long n = Math.Max(1, Math.Min(100, window));
        using var opt = new FitOptimizer(setup.Model.Spec, setup.Fit, setup.Initial, data.Connectome.Count, setup.Placement, o);
        Train(sim, setup, opt, Math.Min(5, n), ct);
        double train = Train(sim, setup, opt, n, ct) / n;
        Evaluate(sim, setup, Math.Min(5, n), ct);
        double eval = Evaluate(sim, setup, n, ct) / n;
        return new FitEstimate(Scale(epochs, evaluations, total, train, eval), epochs, evaluations, total, train, eval, n);
    }

    private static double Train(TorchSimulator sim, FitSetup setup, FitOptimizer opt, long steps, CancellationToken ct)
    {
        int B = setup.Options.Realisations;
        var clock = Stopwatch.StartNew();
        using var scope = torch.NewDisposeScope();
        var p = sim.Parameters(Enumerable.Repeat(setup.Initial, B).ToArray());
        using var state = sim.Initial(p, FitTensors.Seeds(1, B));
        foreach (var f in setup.Fit) p = p.With(f.Name, f.PerRegion ? opt.Leaves[f.Name] : opt.Leaves[f.Name].reshape([]));
        using var samples = sim.Advance(state, p, steps, ct);
        // a scalar that depends on every step, so backward walks the whole graph as a fit's loss does
        var loss = state.X.Select(x => x.sum()).Aggregate((a, b) => a + b);
        if (samples.Bold is { } bold) loss = loss + bold.sum();
        loss.backward();
        foreach (var leaf in opt.Leaves.Values) leaf.grad?.zero_();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Evaluate(TorchSimulator sim, FitSetup setup, long steps, CancellationToken ct)
    {
        int B = setup.Options.Realisations;
        var clock = Stopwatch.StartNew();
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var p = sim.Parameters(Enumerable.Repeat(setup.Initial, B).ToArray());
        using var state = sim.Initial(p, FitTensors.Seeds(1, B));
        using var samples = sim.Advance(state, p, steps, ct);
        return clock.Elapsed.TotalSeconds;
    }
}
