using System.Diagnostics;
using Fwbm.Core;
using Fwbm.Core.Analysis;
using Fwbm.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch.Fitting;

/// <summary>
/// Gradient fit of a model to empirical FC: global coupling and/or model parameters (scalar or per region) are TorchSharp parameters;
/// each epoch simulates the model (its own noise seed), computes BOLD FC and the loss 1 − FC similarity with the training subjects'
/// group FC, backpropagates (truncated at window boundaries) and takes steps of TorchSharp's optimiser (<see cref="FitOptimizer"/>),
/// projecting every parameter onto its fit bounds; a learning-rate schedule steps after each epoch. What the options leave open comes
/// from the model (<see cref="FitDefaults"/>). Deterministic: a fit is a pure function of (data, options); a resumed fit continues
/// bit for bit (the checkpoint, <see cref="Checkpoint"/>, holds the optimiser's state).
/// </summary>
public static class GradientFit
{
    /// <summary>Check a fit's data and options without simulating (every error a <see cref="FwbmException"/> naming the setting); loads
    /// the Torch backend. <see cref="Run(FitData, FitOptions, IProgress{FitProgress}?, string?, bool, CancellationToken, IProgress{FitPhase}?)"/> does the same first.</summary>
    /// <param name="checkpoint">When given: must be a writable file path (not a folder); with <paramref name="resume"/> it must
    /// exist and belong to this fit (same model, connectome, fitted parameters, subjects and every setting but the epochs and device).</param>
    public static void Validate(FitData data, FitOptions options, string? checkpoint = null, bool resume = false) => FitSetup.Prepare(data, options, checkpoint, resume);

    /// <summary>
    /// How long <see cref="Run(FitData, FitOptions, IProgress{FitProgress}?, string?, bool, CancellationToken, IProgress{FitPhase}?)"/>
    /// with these arguments will take: a short probe of the fit's simulator (a few hundred milliseconds; loads the Torch backend) and a
    /// cost model (<see cref="FitEstimate"/>) — an estimate, which <c>fwbm fit</c> and <c>#!fwbm-fit</c> print before a long fit.
    /// </summary>
    public static FitEstimate Estimate(FitData data, FitOptions options, string? checkpoint = null, bool resume = false, CancellationToken cancellation = default)
    {
        var setup = FitSetup.Prepare(data, options, checkpoint, resume);
        using var threads = new FitThreads(setup.Placement, data.Connectome.Count);
        int done = setup.Resume?.EpochsDone ?? 0;
        return FitEstimate.Measure(setup, data, setup.Resume?.Before is null ? 2 : 1, done, cancellation);
    }

    /// <summary>The options a fit with <paramref name="options"/> runs: the model's defaults filled in (<see cref="FitDefaults.Resolve"/>).</summary>
    public static FitOptions Resolve(FitOptions options) => FitDefaults.Resolve(options);

    /// <summary>Run (or resume) a fit.</summary>
    /// <param name="checkpoint">Written atomically (temp + rename) after every epoch when given.</param>
    /// <param name="resume">Continue from <paramref name="checkpoint"/> (which must exist and belong to the same model, connectome and fit).</param>
    /// <param name="cancellation">Stops the fit within the current window. Once the initial evaluation is done, the fit then throws a
    /// <see cref="FitCancelledException"/> whose <see cref="FitCancelledException.Partial"/> keeps what was done; before, a plain
    /// <see cref="OperationCanceledException"/>. The checkpoint always holds the last completed epoch.</param>
    /// <param name="phases">Told when the initial evaluation, each epoch and the final evaluation start.</param>
    public static FitResult Run(FitData data, FitOptions options, IProgress<FitProgress>? progress = null, string? checkpoint = null,
        bool resume = false, CancellationToken cancellation = default, IProgress<FitPhase>? phases = null) =>
        Run(data, options, progress, checkpoint, resume, cancellation, phases, probe: null);

    internal static FitResult Run(FitData data, FitOptions given, IProgress<FitProgress>? progress, string? checkpoint,
        bool resume, CancellationToken cancellation, IProgress<FitPhase>? phases, FitProbe? probe)
    {
        var (options, model, fit, placement, simOptions, initial, settings, connHash, resumeFrom) = FitSetup.Prepare(data, given, checkpoint, resume);
        var spec = model.Spec;
        var conn = data.Connectome;
        int epochs = options.Epochs!.Value;
        using var threads = new FitThreads(placement, conn.Count);
        int R = conn.Count;
        var sim = new TorchSimulator(model, conn, simOptions, placement);
        var target = data.TargetFc();

        var history = new List<FitEpoch>();
        FitEvaluation? before = null;
        // best epoch so far: its loss and the parameters it started from
        int bestEpoch = 0; double bestLoss = double.PositiveInfinity; Dictionary<string, double[]>? bestValues = null;
        using var opt = new FitOptimizer(spec, fit, initial, R, placement, options);
        if (resumeFrom is { } cp)
        {
            opt.Restore(checkpoint!, cp.Values, cp.OptimizerState, cp.OptimizerSteps, cp.History);
            history.AddRange(cp.History);
            before = cp.Before;
            if (cp.BestEpoch > 0 && cp.BestValues is { } bv && fit.All(f => bv.ContainsKey(f.ToString())))
            {
                bestEpoch = cp.BestEpoch; bestLoss = cp.History[cp.BestEpoch - 1].Loss; bestValues = fit.ToDictionary(f => f.Name, f => bv[f.ToString()]);
            }
        }
        using var targetT = torch.tensor(target, [R, R], dtype: placement.DType, device: placement.Device).DetachFromDisposeScope();
        if (before is null)
        {
            phases?.Report(new FitPhase(FitPhase.EvaluateInitial, 0, epochs));
            before = Evaluate(sim, data, initial, EvaluationSeed(options), options.Realisations, cancellation);
        }
        var clock = new Stopwatch();
        try
        {
            for (int epoch = history.Count + 1; epoch <= epochs; epoch++)
            {
                cancellation.ThrowIfCancellationRequested();
                phases?.Report(new FitPhase(FitPhase.Train, epoch, epochs));
                clock.Restart();
                var startValues = FitTensors.Values(fit, opt.Leaves);
                var (loss, similarity) = FitEpochLoop.Run(sim, data, initial, fit, opt, targetT, options, epoch, probe, cancellation);
                opt.EndEpoch(loss);
                double g = opt.Leaves.TryGetValue(ModelSpec.CouplingParameter.Name, out var gl) ? FitTensors.Host(gl)[0] : initial.Coupling;
                var e = new FitEpoch(epoch, loss, similarity, g, clock.Elapsed.TotalSeconds);
                history.Add(e);
                if (loss < bestLoss) { bestLoss = loss; bestEpoch = epoch; bestValues = startValues; }
                if (checkpoint is not null)
                    new Checkpoint
                    {
                        Model = spec.Name, ConnectomeName = conn.Name, Regions = R, ConnectomeHash = connHash,
                        Fit = fit.Select(f => f.ToString()).ToList(), Settings = settings.ToDictionary(x => x.Key, x => x.Value), EpochsDone = epoch,
                        OptimizerSteps = opt.Steps, LearningRate = opt.LearningRate, OptimizerState = opt.SaveState(),
                        Values = fit.ToDictionary(f => f.ToString(), f => FitTensors.Host(opt.Leaves[f.Name])),
                        History = history.ToList(), Before = before,
                        BestEpoch = bestEpoch, BestValues = bestValues is null ? null : fit.ToDictionary(f => f.ToString(), f => bestValues[f.Name]),
                    }.Save(checkpoint);
                progress?.Report(new FitProgress(e, epochs, history.ToList()));
            }
            var fitted = FitTensors.ToParameterSet(initial, fit, FitTensors.Values(fit, opt.Leaves));
            var best = bestValues is null ? initial : FitTensors.ToParameterSet(initial, fit, bestValues);
            phases?.Report(new FitPhase(FitPhase.EvaluateFitted, history.Count, epochs));
            var after = Evaluate(sim, data, fitted, EvaluationSeed(options), options.Realisations, cancellation);
            return new FitResult(options, initial, fitted, history, before, after, target, placement, best, bestEpoch, completed: true);
        }
        catch (OperationCanceledException e) when (cancellation.IsCancellationRequested && e is not FitCancelledException)
        {
            // keep what was done: the parameters after the last completed window, the completed epochs, the best so far
            var fitted = FitTensors.ToParameterSet(initial, fit, FitTensors.Values(fit, opt.Leaves));
            var best = bestValues is null ? initial : FitTensors.ToParameterSet(initial, fit, bestValues);
            var partial = new FitResult(options, initial, fitted, history.ToList(), before, null, target, placement, best, bestEpoch, completed: false);
            string kept = checkpoint is null ? "" : history.Count == 0 ? $"; no epoch completed, so no checkpoint was written to '{checkpoint}'" : $"; checkpoint '{checkpoint}' holds epoch {history.Count}";
            throw new FitCancelledException(partial, $"Fit interrupted after {history.Count} of {epochs} epochs{kept}.", cancellation);
        }
    }

    /// <summary>FC similarity of a parameter set with every subject of <paramref name="data"/>, simulated as <paramref name="options"/>
    /// say (its realisations; the evaluation seed): e.g. to score the best parameters of a fit, or an interrupted fit's last ones.</summary>
    public static FitEvaluation Evaluate(FitData data, FitOptions options, ParameterSet parameters, CancellationToken cancellation = default)
    {
        var setup = FitSetup.Prepare(data, options);
        using var threads = new FitThreads(setup.Placement, data.Connectome.Count);
        var sim = new TorchSimulator(setup.Model, data.Connectome, setup.SimOptions, setup.Placement);
        return Evaluate(sim, data, parameters, EvaluationSeed(options), setup.Options.Realisations, cancellation);
    }

    /// <summary>Noise seed of an epoch (distinct per epoch, a pure function of the options' seed).</summary>
    public static ulong EpochSeed(FitOptions o, int epoch) => unchecked(o.Seed * 0x9E3779B97F4A7C15UL + (ulong)epoch);
    /// <summary>Noise seed of the before/after evaluation runs (different from every training epoch).</summary>
    public static ulong EvaluationSeed(FitOptions o) => unchecked(o.Seed * 0x9E3779B97F4A7C15UL + 0xE7A1UL * 0x100000000UL);

    /// <summary>FC similarity of the mean FC of <paramref name="realisations"/> simulations (no gradients) with every subject.</summary>
    public static FitEvaluation Evaluate(TorchSimulator sim, FitData data, ParameterSet parameters, ulong seed, int realisations = 4, CancellationToken ct = default)
    {
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        int R = sim.Regions;
        using var s = sim.Run(sim.Parameters(Enumerable.Repeat(parameters, realisations).ToArray()), FitTensors.Seeds(seed, realisations), ct);
        if (s.Bold is null || s.Bold.shape[0] < 3) throw new FwbmException("Fit: the simulation records fewer than 3 BOLD samples; lengthen the duration or shorten the TR.");
        var fc = FitTensors.MeanFc(Enumerable.Range(0, realisations).Select(m => FitTensors.Host(s.Bold.select(1, m))), R);
        SubjectScore Score(FitSubject subj) => new(subj.Id, FcSimilarity.Compute(fc, subj.Fc, R));
        return new FitEvaluation(data.Train.Select(Score).ToList(), data.Test.Select(Score).ToList(), fc);
    }
}
