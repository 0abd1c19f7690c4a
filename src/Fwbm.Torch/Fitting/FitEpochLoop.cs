using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Analysis;
using Fwbm.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fwbm.Torch.Fitting;

/// <summary>
/// Test seam of one fit run (passed explicitly to the internal <see cref="GradientFit.Run(FitData, FitOptions, IProgress{FitProgress}?, string?, bool, CancellationToken, IProgress{FitPhase}?, FitProbe?)"/>,
/// never global): replace a window's BOLD before the loss, or alter the gradients after backpropagation — to check that the
/// errors for a non-finite loss or gradient name where it arose.
/// </summary>
internal sealed record FitProbe(Func<Tensor, Tensor>? Bold = null, Action<IReadOnlyDictionary<string, Parameter>>? AfterBackward = null);

/// <summary>
/// One training epoch: simulate the realisations from the epoch's seed, window by window (truncated backpropagation: the state is
/// detached between windows); each window's BOLD FC gives the loss 1 − FC similarity with the target, its gradient and one optimiser
/// step. Reports the mean loss over windows and the epoch's FC similarity measured as <see cref="FitEvaluation.TrainMean"/> is.
/// </summary>
internal static class FitEpochLoop
{
    /// <param name="sim">The Torch simulator of the fit.</param>
    /// <param name="data">The subjects: the epoch's similarity is the mean over training subjects of the FC similarity of the epoch's
    /// mean simulated FC with each subject's FC — the very measure of the before/after evaluations.</param>
    public static (double Loss, double Similarity) Run(TorchSimulator sim, FitData data, ParameterSet initial, List<FitParameter> fit, FitOptimizer opt,
        Tensor target, FitOptions o, int epoch, FitProbe? probe, CancellationToken ct)
    {
        int B = o.Realisations;
        var baseParams = sim.Parameters(Enumerable.Repeat(initial, B).ToArray());
        using var state = sim.Initial(baseParams, FitTensors.Seeds(GradientFit.EpochSeed(o, epoch), B));
        long total = sim.Core.TotalSteps, every = sim.StepsPerBoldSample;
        int windowSamples = o.WindowSamples ?? 0;
        var boldHost = Enumerable.Range(0, B).Select(_ => new List<double>()).ToArray();
        double lossSum = 0; int windows = 0;
        int R = sim.Regions;
        var leaves = opt.Leaves;
        while (state.Step < total)
        {
            ct.ThrowIfCancellationRequested();
            long steps = windowSamples == 0 ? total - state.Step
                : state.Step == 0 ? Math.Min(total, sim.Core.TransientSteps + windowSamples * every) : Math.Min(total - state.Step, windowSamples * every);
            int window = windows + 1;
            using (var scope = torch.NewDisposeScope())
            {
                var p = baseParams;
                foreach (var f in fit) p = p.With(f.Name, f.PerRegion ? leaves[f.Name] : leaves[f.Name].reshape([]));
                long windowStart = state.Step;
                using var samples = sim.Advance(state, p, steps, ct);
                if (samples.Bold is { } bold0 && bold0.shape[0] >= 3)
                {
                    var bold = probe?.Bold is { } replace ? replace(bold0) : bold0;
                    var fc = TorchFc.Pearson(bold);
                    var loss = TorchFc.Loss(fc, target);
                    double lv = loss.to_type(ScalarType.Float64).item<double>();
                    if (!double.IsFinite(lv))
                        throw new FwbmException(string.Create(CultureInfo.InvariantCulture,
                            $"Fit: the loss became {lv} in epoch {epoch}, window {window}: {LocateLoss(sim, bold, fc, windowStart)} (parameters {FitTensors.Describe(fit, leaves)}). Lower the learning rate or dt, or narrow the parameter ranges."));
                    loss.backward();
                    probe?.AfterBackward?.Invoke(leaves);
                    CheckGradients(sim, fit, leaves, epoch, window, lv);
                    opt.Step();
                    lossSum += lv; windows++;
                }
                if (samples.Bold is { } b) for (int m = 0; m < B; m++) boldHost[m].AddRange(FitTensors.Host(b.select(1, m)));
                state.Detach();
            }
        }
        double similarity = boldHost[0].Count >= 3 * R ? TrainSimilarity(FitTensors.MeanFc(boldHost.Select(x => x.ToArray()), R), data) : double.NaN;
        return (windows == 0 ? double.NaN : lossSum / windows, similarity);
    }

    /// <summary>Mean over the training subjects of the FC similarity of <paramref name="fc"/> with each subject's FC (what the
    /// evaluations' <see cref="FitEvaluation.TrainMean"/> reports).</summary>
    public static double TrainSimilarity(double[] fc, FitData data)
    {
        int R = data.Connectome.Count;
        return data.Train.Average(s => FcSimilarity.Compute(fc, s.Fc, R));
    }

    /// <summary>Where a non-finite loss comes from: the first non-finite BOLD sample (its step and region), else the first
    /// non-finite FC entry, else the similarity itself.</summary>
    private static string LocateLoss(TorchSimulator sim, Tensor bold, Tensor fc, long windowStart)
    {
        var ci = CultureInfo.InvariantCulture;
        var labels = sim.Core.Connectome.Labels;
        int R = sim.Regions;
        long B = bold.shape[1];
        var b = FitTensors.Host(bold);
        long every = sim.StepsPerBoldSample, transient = sim.Core.TransientSteps;
        long firstK = every * (Math.Max(0, windowStart - transient) / every + 1);   // the first sample after windowStart, in steps after the transient
        for (int i = 0; i < b.Length; i++)
        {
            if (double.IsFinite(b[i])) continue;
            long t = i / (B * R); int m = (int)(i / R % B), r = i % R;
            long step = transient + firstK + t * every;
            return string.Create(ci, $"BOLD sample {t + 1} of the window (step {step}, t = {step * sim.Core.Options.DtMs:G6} ms) of region {r} ('{labels[r]}') is {b[i]} in realisation {m}");
        }
        var f = FitTensors.Host(fc);
        for (int i = 0; i < f.Length; i++)
        {
            if (double.IsFinite(f[i])) continue;
            int m = i / (R * R), r1 = i / R % R, r2 = i % R;
            return string.Create(ci, $"the window's FC between region {r1} ('{labels[r1]}') and region {r2} ('{labels[r2]}') is {f[i]} in realisation {m} (BOLD is finite)");
        }
        return "BOLD and FC are finite; the FC similarity with the target is not";
    }

    private static void CheckGradients(TorchSimulator sim, List<FitParameter> fit, IReadOnlyDictionary<string, Parameter> leaves, int epoch, int window, double loss)
    {
        foreach (var f in fit)
        {
            var g = leaves[f.Name].grad;
            if (g is null) throw new FwbmException($"Fit: parameter '{f.Name}' received no gradient in epoch {epoch}; it does not influence the simulated BOLD of model '{sim.Model.Name}'.");
            var h = FitTensors.Host(g);
            for (int i = 0; i < h.Length; i++)
                if (!double.IsFinite(h[i]))
                    throw new FwbmException(string.Create(CultureInfo.InvariantCulture,
                        $"Fit: the gradient of '{f.Name}'{(f.PerRegion ? $" at region {i} ('{sim.Core.Connectome.Labels[i]}')" : "")} is {h[i]} in epoch {epoch}, window {window} (loss {loss:G6}; parameters {FitTensors.Describe(fit, leaves)}). Lower the learning rate or dt, shorten the window, or narrow the parameter ranges."));
        }
    }
}
