using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fwbm.Core;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch.Fitting;

/// <summary>
/// Gradient fit of a model to empirical FC: global coupling and/or model parameters (scalar or per region) are tensors with
/// gradients; each epoch simulates the model (its own noise seed), computes BOLD FC and the loss 1 − FC similarity with the
/// training subjects' group FC, backpropagates (truncated at window boundaries) and takes Adam steps, projecting every parameter
/// onto its declared range. Deterministic: a fit is a pure function of (data, options); a resumed fit continues bit for bit.
/// </summary>
public static class GradientFit
{
    /// <summary>Check a fit's data and options without simulating (every error a <see cref="FwbmException"/> naming the setting); loads
    /// the Torch backend. <see cref="Run"/> does the same first.</summary>
    /// <param name="checkpoint">When given: must be a writable file path (not a folder); with <paramref name="resume"/> it must
    /// exist and belong to this fit (same model, connectome, fitted parameters, subjects and every setting but the epochs and device).</param>
    public static void Validate(FitData data, FitOptions options, string? checkpoint = null, bool resume = false) => Prepare(data, options, checkpoint, resume);

    private sealed record Setup(ModelHandle Model, List<FitParameter> Fit, TorchPlacement Placement, SimulationOptions SimOptions, ParameterSet Initial,
        IReadOnlyList<(string Key, string Value)> Settings, string ConnectomeHash, Checkpoint? Resume);

    private static Setup Prepare(FitData data, FitOptions options, string? checkpoint = null, bool resume = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        data.Validate();
        if (options.Epochs < 0) throw new FwbmException($"Fit: epochs = {options.Epochs}; expected ≥ 0.");
        if (!(options.LearningRate > 0) || !double.IsFinite(options.LearningRate)) throw new FwbmException($"Fit: learning rate = {options.LearningRate}; expected a positive number.");
        if (options.Realisations < 1) throw new FwbmException($"Fit: realisations = {options.Realisations}; expected ≥ 1.");
        if (options.WindowSamples is < 0 or > 0 and < 10) throw new FwbmException($"Fit: window = {options.WindowSamples} BOLD samples; expected 0 (whole run) or at least 10 (an FC needs samples).");
        var model = ModelRegistry.Get(options.Model);
        var spec = model.Spec;
        var fit = options.Fit.Select(f => FitParameter.Parse(f, spec)).ToList();
        if (fit.Count == 0) throw new FwbmException("Fit: no parameters to fit; expected e.g. coupling and a.");
        if (fit.Select(f => f.Name).Distinct().Count() != fit.Count) throw new FwbmException($"Fit: a parameter is listed twice in '{string.Join(",", options.Fit)}'.");
        var placement = TorchPlacement.Parse(options.Device, options.DType);
        if (!options.Simulation.Monitors.Any(m => m is BoldMonitorSpec)) throw new FwbmException("Fit: the simulation options need a BOLD monitor (the fit compares BOLD FC).");
        var simOptions = options.Simulation with { Monitors = options.Simulation.Monitors.Where(m => m is BoldMonitorSpec).ToArray() };
        var initial = ParameterSet.Defaults(spec).With(options.Initial);
        int R = data.Connectome.Count;
        foreach (var f in fit)
        {
            var (lo, hi) = f.Range(spec, options);
            for (int r = 0; r < (f.PerRegion ? R : 1); r++)
                if (initial[f.Name].At(r) is var iv && (iv < lo || iv > hi))
                    throw new FwbmException($"Fit: the initial value of '{f.Name}' ({iv}) is outside its fit bounds [{lo}, {hi}].");
        }
        var settings = FitOptions.Settings(options, data, initial, simOptions, placement.DType == ScalarType.Float32 ? "float32" : "float64");
        string connHash = Fingerprint(data.Connectome);
        Checkpoint? cp = null;
        if (checkpoint is not null) CheckCheckpointPath(checkpoint, resume);
        if (resume)
        {
            if (checkpoint is null) throw new FwbmException("Fit: resume needs a checkpoint file.");
            cp = Checkpoint.Load(checkpoint);
            cp.CheckCompatible(checkpoint, spec.Name, data.Connectome, connHash, fit, settings);
        }
        return new Setup(model, fit, placement, simOptions, initial, settings, connHash, cp);
    }

    /// <summary>The checkpoint path must name a file (not a folder) in a folder this process can write to; checked before the fit
    /// starts rather than after the first epoch.</summary>
    private static void CheckCheckpointPath(string path, bool resume)
    {
        const string What = "Fit: the checkpoint (--checkpoint)";
        if (string.IsNullOrWhiteSpace(path)) throw new FwbmException($"{What} is an empty path; expected a file name.");
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        { throw new FwbmException($"{What} '{path}' is not a valid path ({e.Message})."); }
        if (Directory.Exists(full)) throw new FwbmException($"{What} '{path}' is a folder; expected a file path such as '{Path.Combine(path, "checkpoint.json")}'.");
        if (resume)
        {
            if (!File.Exists(full)) throw new FwbmException($"{What} '{path}' does not exist; nothing to resume (run without --resume to start).");
        }
        var dir = Path.GetDirectoryName(full)!;
        if (File.Exists(dir)) throw new FwbmException($"{What} '{path}': '{dir}' is a file, not a folder.");
        var probe = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.probe");
        try
        {
            Directory.CreateDirectory(dir);
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FwbmException($"{What} '{path}' cannot be written: {e.Message}");
        }
        finally { try { if (File.Exists(probe)) File.Delete(probe); } catch (IOException) { } }
    }

    /// <summary>Run (or resume) a fit.</summary>
    /// <param name="checkpoint">Written atomically (temp + rename) after every epoch when given.</param>
    /// <param name="resume">Continue from <paramref name="checkpoint"/> (which must exist and belong to the same model, connectome and fit).</param>
    /// <param name="cancellation">Stops the fit within the current window. Once the initial evaluation is done, the fit then throws a
    /// <see cref="FitCancelledException"/> whose <see cref="FitCancelledException.Partial"/> keeps what was done; before, a plain
    /// <see cref="OperationCanceledException"/>. The checkpoint always holds the last completed epoch.</param>
    /// <param name="phases">Told when the initial evaluation, each epoch and the final evaluation start.</param>
    public static FitResult Run(FitData data, FitOptions options, IProgress<FitProgress>? progress = null, string? checkpoint = null,
        bool resume = false, CancellationToken cancellation = default, IProgress<FitPhase>? phases = null)
    {
        var (model, fit, placement, simOptions, initial, settings, connHash, resumeFrom) = Prepare(data, options, checkpoint, resume);
        var spec = model.Spec;
        var conn = data.Connectome;
        int R = conn.Count;
        var sim = new TorchSimulator(model, conn, simOptions, placement);
        var target = data.TargetFc();

        // state of the optimisation: parameter leaves and Adam moments
        var leaves = new Dictionary<string, Tensor>();
        var m1 = new Dictionary<string, Tensor>();
        var m2 = new Dictionary<string, Tensor>();
        long adamStep = 0;
        var history = new List<FitEpoch>();
        FitEvaluation? before = null;
        // best epoch so far: its loss and the parameters it started from
        int bestEpoch = 0; double bestLoss = double.PositiveInfinity; Dictionary<string, double[]>? bestValues = null;
        try
        {
            foreach (var f in fit)
            {
                var init = f.PerRegion ? Enumerable.Range(0, R).Select(r => initial[f.Name].At(r)).ToArray() : [initial[f.Name].At(0)];
                leaves[f.Name] = Leaf(init, f.PerRegion, placement);
                m1[f.Name] = torch.zeros_like(leaves[f.Name]).DetachFromDisposeScope();
                m2[f.Name] = torch.zeros_like(leaves[f.Name]).DetachFromDisposeScope();
            }
            if (resumeFrom is { } cp)
            {
                foreach (var f in fit)
                {
                    Assign(leaves[f.Name], cp.Values[f.ToString()]);
                    Assign(m1[f.Name], cp.M[f.ToString()]);
                    Assign(m2[f.Name], cp.V[f.ToString()]);
                }
                adamStep = cp.AdamStep;
                history.AddRange(cp.History);
                before = cp.Before;
                if (cp.BestEpoch > 0 && cp.BestValues is { } bv && fit.All(f => bv.ContainsKey(f.ToString())))
                {
                    bestEpoch = cp.BestEpoch; bestLoss = cp.History[cp.BestEpoch - 1].Loss; bestValues = fit.ToDictionary(f => f.Name, f => bv[f.ToString()]);
                }
            }
            var targetT = torch.tensor(target, [R, R], dtype: placement.DType, device: placement.Device).DetachFromDisposeScope();
            if (before is null)
            {
                phases?.Report(new FitPhase(FitPhase.EvaluateInitial, 0, options.Epochs));
                before = Evaluate(sim, data, initial, EvaluationSeed(options), options.Realisations, cancellation);
            }
            var clock = new Stopwatch();
            try
            {
                for (int epoch = history.Count + 1; epoch <= options.Epochs; epoch++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    phases?.Report(new FitPhase(FitPhase.Train, epoch, options.Epochs));
                    clock.Restart();
                    var startValues = fit.ToDictionary(f => f.Name, f => Host(leaves[f.Name]));
                    var (loss, similarity) = Epoch(sim, initial, fit, leaves, m1, m2, ref adamStep, targetT, options, epoch, cancellation);
                    double g = leaves.TryGetValue(ModelSpec.CouplingParameter.Name, out var gl) ? gl.detach().cpu().to_type(ScalarType.Float64).item<double>() : initial.Coupling;
                    var e = new FitEpoch(epoch, loss, similarity, g, clock.Elapsed.TotalSeconds);
                    history.Add(e);
                    if (loss < bestLoss) { bestLoss = loss; bestEpoch = epoch; bestValues = startValues; }
                    if (checkpoint is not null)
                        new Checkpoint
                        {
                            Model = spec.Name, ConnectomeName = conn.Name, Regions = R, ConnectomeHash = connHash,
                            Fit = fit.Select(f => f.ToString()).ToList(), Settings = settings.ToDictionary(x => x.Key, x => x.Value), EpochsDone = epoch, AdamStep = adamStep,
                            Values = fit.ToDictionary(f => f.ToString(), f => Host(leaves[f.Name])),
                            M = fit.ToDictionary(f => f.ToString(), f => Host(m1[f.Name])),
                            V = fit.ToDictionary(f => f.ToString(), f => Host(m2[f.Name])),
                            History = history.ToList(), Before = before,
                            BestEpoch = bestEpoch, BestValues = bestValues is null ? null : fit.ToDictionary(f => f.ToString(), f => bestValues[f.Name]),
                        }.Save(checkpoint);
                    progress?.Report(new FitProgress(e, options.Epochs, history.ToList()));
                }
                var fitted = ToParameterSet(initial, fit, leaves);
                var best = bestValues is null ? initial : ToParameterSet(initial, fit, bestValues);
                phases?.Report(new FitPhase(FitPhase.EvaluateFitted, history.Count, options.Epochs));
                var after = Evaluate(sim, data, fitted, EvaluationSeed(options), options.Realisations, cancellation);
                return new FitResult(options, initial, fitted, history, before, after, target, placement, best, bestEpoch, completed: true);
            }
            catch (OperationCanceledException e) when (cancellation.IsCancellationRequested && e is not FitCancelledException)
            {
                // keep what was done: the parameters after the last completed window, the completed epochs, the best so far
                var fitted = ToParameterSet(initial, fit, leaves);
                var best = bestValues is null ? initial : ToParameterSet(initial, fit, bestValues);
                var partial = new FitResult(options, initial, fitted, history.ToList(), before, null, target, placement, best, bestEpoch, completed: false);
                string kept = checkpoint is null ? "" : history.Count == 0 ? $"; no epoch completed, so no checkpoint was written to '{checkpoint}'" : $"; checkpoint '{checkpoint}' holds epoch {history.Count}";
                throw new FitCancelledException(partial, $"Fit interrupted after {history.Count} of {options.Epochs} epochs{kept}.", cancellation);
            }
            finally { targetT.Dispose(); }
        }
        finally
        {
            foreach (var t in leaves.Values.Concat(m1.Values).Concat(m2.Values)) t.Dispose();
        }
    }

    /// <summary>FC similarity of a parameter set with every subject of <paramref name="data"/>, simulated as <paramref name="options"/>
    /// say (its realisations; the evaluation seed): e.g. to score the best parameters of a fit, or an interrupted fit's last ones.</summary>
    public static FitEvaluation Evaluate(FitData data, FitOptions options, ParameterSet parameters, CancellationToken cancellation = default)
    {
        var (model, _, placement, simOptions, _, _, _, _) = Prepare(data, options);
        var sim = new TorchSimulator(model, data.Connectome, simOptions, placement);
        return Evaluate(sim, data, parameters, EvaluationSeed(options), options.Realisations, cancellation);
    }

    /// <summary>Noise seed of an epoch (distinct per epoch, a pure function of the options' seed).</summary>
    public static ulong EpochSeed(FitOptions o, int epoch) => unchecked(o.Seed * 0x9E3779B97F4A7C15UL + (ulong)epoch);
    /// <summary>Noise seed of the before/after evaluation runs (different from every training epoch).</summary>
    public static ulong EvaluationSeed(FitOptions o) => unchecked(o.Seed * 0x9E3779B97F4A7C15UL + 0xE7A1UL * 0x100000000UL);

    private static (double Loss, double Similarity) Epoch(TorchSimulator sim, ParameterSet initial, List<FitParameter> fit, Dictionary<string, Tensor> leaves,
        Dictionary<string, Tensor> m1, Dictionary<string, Tensor> m2, ref long adamStep, Tensor target, FitOptions o, int epoch, CancellationToken ct)
    {
        int B = o.Realisations;
        var baseParams = sim.Parameters(Enumerable.Repeat(initial, B).ToArray());
        using var state = sim.Initial(baseParams, Seeds(EpochSeed(o, epoch), B));
        long total = sim.Core.TotalSteps, every = sim.StepsPerBoldSample;
        var boldHost = Enumerable.Range(0, B).Select(_ => new List<double>()).ToArray();
        double lossSum = 0; int windows = 0;
        int R = sim.Regions;
        while (state.Step < total)
        {
            ct.ThrowIfCancellationRequested();
            long steps = o.WindowSamples == 0 ? total - state.Step
                : state.Step == 0 ? Math.Min(total, sim.Core.TransientSteps + o.WindowSamples * every) : Math.Min(total - state.Step, o.WindowSamples * every);
            int window = windows + 1;
            using (var scope = torch.NewDisposeScope())
            {
                var p = baseParams;
                foreach (var f in fit) p = p.With(f.Name, f.PerRegion ? leaves[f.Name] : leaves[f.Name].reshape([]));
                long windowStart = state.Step;
                using var samples = sim.Advance(state, p, steps, ct);
                if (samples.Bold is { } bold0 && bold0.shape[0] >= 3)
                {
                    var bold = FitHooks.Bold is { } hook ? hook(bold0) : bold0;
                    var fc = TorchFc.Pearson(bold);
                    var loss = TorchFc.Loss(fc, target);
                    double lv = loss.to_type(ScalarType.Float64).item<double>();
                    if (!double.IsFinite(lv))
                        throw new FwbmException(string.Create(CultureInfo.InvariantCulture,
                            $"Fit: the loss became {lv} in epoch {epoch}, window {window}: {LocateLoss(sim, bold, fc, windowStart)} (parameters {Describe(fit, leaves)}). Lower the learning rate or dt, or narrow the parameter ranges."));
                    loss.backward();
                    FitHooks.AfterBackward?.Invoke(leaves);
                    CheckGradients(sim, fit, leaves, epoch, window, lv);
                    AdamStep(sim.Model, fit, leaves, m1, m2, ++adamStep, o);
                    lossSum += lv; windows++;
                }
                if (samples.Bold is { } b) for (int m = 0; m < B; m++) boldHost[m].AddRange(Host(b.select(1, m)));
                state.Detach();
            }
        }
        double sim2 = boldHost[0].Count >= 3 * R
            ? FcSimilarity.Compute(MeanFc(boldHost.Select(x => x.ToArray()), R), Host(target), R) : double.NaN;
        return (windows == 0 ? double.NaN : lossSum / windows, sim2);
    }

    /// <summary>Where a non-finite loss comes from: the first non-finite BOLD sample (its step and region), else the first
    /// non-finite FC entry, else the similarity itself.</summary>
    private static string LocateLoss(TorchSimulator sim, Tensor bold, Tensor fc, long windowStart)
    {
        var ci = CultureInfo.InvariantCulture;
        var labels = sim.Core.Connectome.Labels;
        int R = sim.Regions;
        long B = bold.shape[1];
        var b = Host(bold);
        long every = sim.StepsPerBoldSample, transient = sim.Core.TransientSteps;
        long firstK = every * (Math.Max(0, windowStart - transient) / every + 1);   // the first sample after windowStart, in steps after the transient
        for (int i = 0; i < b.Length; i++)
        {
            if (double.IsFinite(b[i])) continue;
            long t = i / (B * R); int m = (int)(i / R % B), r = i % R;
            long step = transient + firstK + t * every;
            return string.Create(ci, $"BOLD sample {t + 1} of the window (step {step}, t = {step * sim.Core.Options.DtMs:G6} ms) of region {r} ('{labels[r]}') is {b[i]} in realisation {m}");
        }
        var f = Host(fc);
        for (int i = 0; i < f.Length; i++)
        {
            if (double.IsFinite(f[i])) continue;
            int m = i / (R * R), r1 = i / R % R, r2 = i % R;
            return string.Create(ci, $"the window's FC between region {r1} ('{labels[r1]}') and region {r2} ('{labels[r2]}') is {f[i]} in realisation {m} (BOLD is finite)");
        }
        return "BOLD and FC are finite; the FC similarity with the target is not";
    }

    private static void CheckGradients(TorchSimulator sim, List<FitParameter> fit, Dictionary<string, Tensor> leaves, int epoch, int window, double loss)
    {
        foreach (var f in fit)
        {
            var g = leaves[f.Name].grad;
            if (g is null) throw new FwbmException($"Fit: parameter '{f.Name}' received no gradient in epoch {epoch}; it does not influence the simulated BOLD of model '{sim.Model.Name}'.");
            var h = Host(g);
            for (int i = 0; i < h.Length; i++)
                if (!double.IsFinite(h[i]))
                    throw new FwbmException(string.Create(CultureInfo.InvariantCulture,
                        $"Fit: the gradient of '{f.Name}'{(f.PerRegion ? $" at region {i} ('{sim.Core.Connectome.Labels[i]}')" : "")} is {h[i]} in epoch {epoch}, window {window} (loss {loss:G6}; parameters {Describe(fit, leaves)}). Lower the learning rate or dt, shorten the window, or narrow the parameter ranges."));
        }
    }

    private static void AdamStep(ModelSpec model, List<FitParameter> fit, Dictionary<string, Tensor> leaves, Dictionary<string, Tensor> m1, Dictionary<string, Tensor> m2, long t, FitOptions o)
    {
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        double c1 = 1 - Math.Pow(o.Beta1, t), c2 = 1 - Math.Pow(o.Beta2, t);
        foreach (var f in fit)
        {
            var p = leaves[f.Name];
            var g = p.grad!;
            SafeOps.MulInPlace(m1[f.Name], o.Beta1);
            SafeOps.AddInPlace(m1[f.Name], SafeOps.Mul(g, 1 - o.Beta1));
            SafeOps.MulInPlace(m2[f.Name], o.Beta2);
            SafeOps.AddInPlace(m2[f.Name], SafeOps.Mul(g * g, 1 - o.Beta2));
            var update = SafeOps.Mul(SafeOps.Div(m1[f.Name], c1) / SafeOps.Add(SafeOps.Div(m2[f.Name], c2).sqrt(), o.Epsilon), o.LearningRate);
            SafeOps.SubInPlace(p, update);
            var (lo, hi) = f.Range(model, o);
            SafeOps.ClampInPlace(p, lo, hi);
            g.zero_();
        }
    }

    private static ulong[] Seeds(ulong first, int count) => Enumerable.Range(0, count).Select(i => unchecked(first + (ulong)i * 0xD1B54A32D192ED03UL)).ToArray();

    private static double[] MeanFc(IEnumerable<double[]> bolds, int R)
    {
        var mean = new double[R * R]; int n = 0;
        foreach (var b in bolds) { var fc = FunctionalConnectivity.Compute(b, R); for (int i = 0; i < fc.Length; i++) mean[i] += fc[i]; n++; }
        for (int i = 0; i < mean.Length; i++) mean[i] /= n;
        return mean;
    }

    /// <summary>FC similarity of the mean FC of <paramref name="realisations"/> simulations (no gradients) with every subject.</summary>
    public static FitEvaluation Evaluate(TorchSimulator sim, FitData data, ParameterSet parameters, ulong seed, int realisations = 4, CancellationToken ct = default)
    {
        using var _ = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        int R = sim.Regions;
        using var s = sim.Run(sim.Parameters(Enumerable.Repeat(parameters, realisations).ToArray()), Seeds(seed, realisations), ct);
        if (s.Bold is null || s.Bold.shape[0] < 3) throw new FwbmException("Fit: the simulation records fewer than 3 BOLD samples; lengthen the duration or shorten the TR.");
        var fc = MeanFc(Enumerable.Range(0, realisations).Select(m => Host(s.Bold.select(1, m))), R);
        SubjectScore Score(FitSubject subj) => new(subj.Id, FcSimilarity.Compute(fc, subj.Fc, R));
        return new FitEvaluation(data.Train.Select(Score).ToList(), data.Test.Select(Score).ToList(), fc);
    }

    private static ParameterSet ToParameterSet(ParameterSet initial, List<FitParameter> fit, Dictionary<string, Tensor> leaves)
    {
        var p = initial;
        foreach (var f in fit)
        {
            var v = Host(leaves[f.Name]);
            p = f.PerRegion ? p.With(f.Name, v) : p.With(f.Name, v[0]);
        }
        return p;
    }

    private static ParameterSet ToParameterSet(ParameterSet initial, List<FitParameter> fit, Dictionary<string, double[]> values)
    {
        var p = initial;
        foreach (var f in fit) p = f.PerRegion ? p.With(f.Name, values[f.Name]) : p.With(f.Name, values[f.Name][0]);
        return p;
    }

    private static string Describe(List<FitParameter> fit, Dictionary<string, Tensor> leaves) =>
        string.Join(", ", fit.Select(f =>
        {
            var v = Host(leaves[f.Name]);
            return string.Create(CultureInfo.InvariantCulture, $"{f.Name}={(v.Length == 1 ? v[0].ToString("G6", CultureInfo.InvariantCulture) : $"[{v.Min():G4} … {v.Max():G4}]")}");
        }));

    private static Tensor Leaf(double[] values, bool perRegion, TorchPlacement pl)
    {
        using var _ = torch.no_grad();
        var t = torch.tensor(values, perRegion ? [values.Length] : [1], dtype: pl.DType, device: pl.Device);
        return t.requires_grad_(true).DetachFromDisposeScope();
    }

    private static void Assign(Tensor t, double[] values)
    {
        if (values.Length != t.numel()) throw new FwbmException($"Fit: checkpoint holds {values.Length} values for a tensor of {t.numel()}.");
        using var _ = torch.no_grad();
        using var src = torch.tensor(values, t.shape, dtype: t.dtype, device: t.device);
        t.copy_(src);
    }

    internal static double[] Host(Tensor t) => t.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

    /// <summary>A hash of the connectome's labels, weights and tract lengths (a checkpoint belongs to one connectome).</summary>
    public static string Fingerprint(Connectome c)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var l in c.Labels) sha.AppendData(System.Text.Encoding.UTF8.GetBytes(l + "\n"));
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.Weights));
        if (c.HasTractLengths) sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.TractLengths));
        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }
}

/// <summary>Test hooks (per thread): replace a window's BOLD before the loss; inspect or alter gradients after backpropagation.</summary>
internal static class FitHooks
{
    [ThreadStatic] internal static Func<Tensor, Tensor>? Bold;
    [ThreadStatic] internal static Action<IReadOnlyDictionary<string, Tensor>>? AfterBackward;
}

/// <summary>The checkpoint of a fit (JSON): everything needed to continue bit for bit.</summary>
internal sealed class Checkpoint
{
    /// <summary>Version 2 records every setting (<see cref="Settings"/>); version 1 recorded only some and cannot be checked.</summary>
    public const string CurrentFormat = "fwbm-fit-checkpoint/2";
    /// <summary>Empty when the file has none (so a file without it, e.g. <c>{}</c>, is rejected); set when saving.</summary>
    public string Format { get; set; } = "";
    public string Model { get; set; } = "";
    public string ConnectomeName { get; set; } = "";
    public int Regions { get; set; }
    public string ConnectomeHash { get; set; } = "";
    public List<string> Fit { get; set; } = [];
    /// <summary>The fit's settings fingerprint (<see cref="FitOptions.Settings"/>): name → value.</summary>
    public Dictionary<string, string> Settings { get; set; } = [];
    public int EpochsDone { get; set; }
    public long AdamStep { get; set; }
    public Dictionary<string, double[]> Values { get; set; } = [];
    public Dictionary<string, double[]> M { get; set; } = [];
    public Dictionary<string, double[]> V { get; set; } = [];
    public List<FitEpoch> History { get; set; } = [];
    public FitEvaluation? Before { get; set; }
    /// <summary>The epoch with the lowest loss so far (0: none) and the parameters it started from.</summary>
    public int BestEpoch { get; set; }
    public Dictionary<string, double[]>? BestValues { get; set; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Format = CurrentFormat;
            File.WriteAllText(tmp, JsonSerializer.Serialize(this, Json));
            File.Move(tmp, full, overwrite: true);
        }
        finally { if (File.Exists(tmp)) File.Delete(tmp); }
    }

    public static Checkpoint Load(string path)
    {
        Checkpoint? cp;
        try { cp = JsonSerializer.Deserialize<Checkpoint>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new FwbmException($"Fit checkpoint '{path}' is not a valid checkpoint ({e.Message})."); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new FwbmException($"Fit checkpoint '{path}' cannot be read: {e.Message}"); }
        if (cp is null || cp.Format != CurrentFormat)
            throw new FwbmException($"Fit checkpoint '{path}': " + (cp is null || cp.Format.Length == 0 ? "no format field; not a fit checkpoint" : $"unknown format '{cp.Format}'")
                + $"; expected {CurrentFormat}." + (cp?.Format == "fwbm-fit-checkpoint/1" ? " Version 1 checkpoints did not record every setting, so a resume cannot be checked: start the fit again." : ""));
        return cp;
    }

    public void CheckCompatible(string path, string model, Connectome conn, string hash, List<FitParameter> fit, IReadOnlyList<(string Key, string Value)> settings)
    {
        if (Model != model) throw new FwbmException($"Fit checkpoint '{path}' is for model '{Model}', but this fit runs model '{model}'.");
        if (Regions != conn.Count || ConnectomeHash != hash)
            throw new FwbmException($"Fit checkpoint '{path}' was made on connectome '{ConnectomeName}' ({Regions} regions, fingerprint {ConnectomeHash}), but this fit uses '{conn.Name}' ({conn.Count} regions, fingerprint {hash}).");
        var names = fit.Select(f => f.ToString()).ToList();
        if (!names.SequenceEqual(Fit)) throw new FwbmException($"Fit checkpoint '{path}' fits [{string.Join(", ", Fit)}], but this fit asks for [{string.Join(", ", names)}].");
        var diffs = new List<string>();
        foreach (var (key, now) in settings)
            if (!Settings.TryGetValue(key, out var was)) diffs.Add($"{key}: not recorded, now {now}");
            else if (was != now) diffs.Add($"{key}: was {was}, now {now}");
        foreach (var key in Settings.Keys.Where(k => !settings.Any(s => s.Key == k))) diffs.Add($"{key}: was {Settings[key]}, not a setting of this fit");
        if (diffs.Count > 0)
            throw new FwbmException($"Fit checkpoint '{path}' was made with different settings — {string.Join("; ", diffs)}. Resume with the same settings (only --epochs and --device may change).");
        foreach (var n in names)
            if (!Values.ContainsKey(n) || !M.ContainsKey(n) || !V.ContainsKey(n)) throw new FwbmException($"Fit checkpoint '{path}' lacks the state of parameter '{n}'.");
        if (BestEpoch < 0 || BestEpoch > EpochsDone) throw new FwbmException($"Fit checkpoint '{path}' is inconsistent: best epoch {BestEpoch} of {EpochsDone}.");
        if (History.Count != EpochsDone) throw new FwbmException($"Fit checkpoint '{path}' is inconsistent: {History.Count} epochs of history, {EpochsDone} done.");
    }
}
