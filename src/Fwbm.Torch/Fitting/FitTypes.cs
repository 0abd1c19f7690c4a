using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Torch.Fitting;

/// <summary>One subject's empirical FC (row-major R×R in the connectome's region order).</summary>
public sealed record FitSubject(string Id, double[] Fc);

/// <summary>What a fit fits to: a connectome and empirical FC of training subjects (their average is the target) and held-out subjects.</summary>
public sealed record FitData(Connectome Connectome, IReadOnlyList<FitSubject> Train, IReadOnlyList<FitSubject> Test)
{
    /// <summary>Check sizes and values; errors name the subject.</summary>
    public void Validate()
    {
        int R = Connectome.Count;
        if (Train.Count == 0) throw new FwbmException("Fit: no training subjects; expected at least one empirical FC to fit.");
        foreach (var s in Train.Concat(Test))
        {
            if (s.Fc.Length != R * R)
                throw new FwbmException($"Fit: subject '{s.Id}' has an FC of {s.Fc.Length} values; expected {R}×{R} = {R * R} to match connectome '{Connectome.Name}'.");
            for (int i = 0; i < s.Fc.Length; i++)
                if (!double.IsFinite(s.Fc[i])) throw new FwbmException($"Fit: subject '{s.Id}' FC[{i / R},{i % R}] is not finite.");
        }
    }

    /// <summary>The average FC of the training subjects (the fit target).</summary>
    public double[] TargetFc()
    {
        int n = Connectome.Count * Connectome.Count;
        var t = new double[n];
        foreach (var s in Train) for (int i = 0; i < n; i++) t[i] += s.Fc[i];
        for (int i = 0; i < n; i++) t[i] /= Train.Count;
        return t;
    }
}

/// <summary>A fitted parameter: a model parameter or "coupling" (alias G), one value or one per region.</summary>
public sealed record FitParameter(string Name, bool PerRegion)
{
    /// <summary>"coupling" / "G" (always one value), "a" (per region), "a:scalar" (one value), "a:region" (per region).</summary>
    public static FitParameter Parse(string text, ModelSpec model)
    {
        var t = (text ?? "").Trim();
        var parts = t.Split(':', 2);
        int k = model.IndexOf(parts[0]);
        string name = k < 0 ? ModelSpec.CouplingParameter.Name : model.Parameters[k].Name;
        bool perRegion = k >= 0;
        if (parts.Length == 2)
        {
            perRegion = parts[1].ToLowerInvariant() switch
            {
                "region" or "regions" or "per-region" => true,
                "scalar" or "global" => false,
                _ => throw new FwbmException($"Fit parameter '{text}': expected name, name:region or name:scalar."),
            };
            if (k < 0 && perRegion) throw new FwbmException($"Fit parameter '{text}': the global coupling is one number, not a per-region vector.");
        }
        return new FitParameter(name, perRegion);
    }

    public ParameterSpec Spec(ModelSpec model) => model.IndexOf(Name) is var k && k < 0 ? ModelSpec.CouplingParameter : model.Parameters[k];

    /// <summary>The interval Adam steps are projected onto: the declared range, narrowed by <see cref="FitOptions.Bounds"/>.</summary>
    public (double Min, double Max) Range(ModelSpec model, FitOptions o)
    {
        var s = Spec(model);
        foreach (var (name, b) in o.Bounds)
        {
            if (!s.Accepts(name)) continue;
            if (!(b.Min <= b.Max) || b.Min < s.Min || b.Max > s.Max)
                throw new FwbmException($"Fit: bounds of '{s.Name}' [{b.Min}, {b.Max}] must be an interval inside its declared range [{s.Min}, {s.Max}] {s.Unit}.");
            return b;
        }
        return (s.Min, s.Max);
    }
    public override string ToString() => PerRegion ? $"{Name}:region" : Name;
}

/// <summary>How to fit (an options record: change with <c>with</c>).</summary>
public sealed record FitOptions
{
    /// <summary>Registered model name.</summary>
    public string Model { get; init; } = "hopf";
    /// <summary>Parameters to fit (default: coupling G and the Hopf bifurcation parameter a per region, as Deco et al. 2017).</summary>
    public IReadOnlyList<string> Fit { get; init; } = ["coupling", "a"];
    /// <summary>Starting values of parameters (name → value, including "coupling"); everything else is the model default.</summary>
    public IReadOnlyDictionary<string, double> Initial { get; init; } = new Dictionary<string, double> { ["coupling"] = 0.5 };
    /// <summary>Bounds for fitted parameters (name → (min, max)), within the declared ranges; Adam steps are projected onto them.
    /// Default for Hopf's a: [−0.2, 0.05] (near the bifurcation, where the BOLD drive x stays small enough for the Balloon model).</summary>
    public IReadOnlyDictionary<string, (double Min, double Max)> Bounds { get; init; } = new Dictionary<string, (double, double)> { ["a"] = (-0.2, 0.05) };
    public int Epochs { get; init; } = 30;
    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 0.02;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Epsilon { get; init; } = 1e-8;
    /// <summary>Noise seed: epoch e simulates with its own seed derived from this one; evaluation uses another.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>"cpu", "cuda", "cuda:N" or "auto".</summary>
    public string Device { get; init; } = "auto";
    /// <summary>"float32" or "float64".</summary>
    public string DType { get; init; } = "float64";
    /// <summary>The simulated run of every epoch (dt, duration, transient, delays, integrator, BOLD TR).</summary>
    public SimulationOptions Simulation { get; init; } = new()
    {
        DtMs = 10, DurationMs = 300_000, TransientMs = 20_000, Integrator = IntegratorKind.Heun,
        Monitors = [new BoldMonitorSpec(720) { IntegrationStepMs = 10 }],
    };
    /// <summary>BOLD samples per truncated-backpropagation window (the state is detached between windows and Adam steps once per
    /// window); 0 = the whole run is one window (one Adam step per epoch).</summary>
    public int WindowSamples { get; init; }
    /// <summary>Noise realisations simulated together as a batch in every epoch and evaluation (the loss averages over them;
    /// more realisations = a less noisy gradient at little extra cost on small connectomes).</summary>
    public int Realisations { get; init; } = 4;

    /// <summary>The integration step a fit uses unless told otherwise: 10 ms, or the model's largest stable step when that is smaller
    /// (a fit runs many long simulations; Hopf is accurate at 10 ms, the DMF needs 0.5 ms).</summary>
    public static double DefaultDtMs(ModelSpec model) => Math.Min(10.0, model.MaxDtMs);

    /// <summary>
    /// Every setting that changes what a fit computes, as (name, value) pairs in a fixed order: the fingerprint a checkpoint records
    /// and a resume compares (only <see cref="Epochs"/> and <see cref="Device"/> may change). Includes the effective initial value of
    /// every parameter, the simulation (dt, duration, transient, delays, integrator, coupling function, BOLD TR, hemodynamic step
    /// and constants) and the subjects (ids and a hash of their FCs: the target and the "before" scores depend on them).
    /// </summary>
    internal static IReadOnlyList<(string Key, string Value)> Settings(FitOptions o, FitData data, ParameterSet initial, SimulationOptions sim, string dtype)
    {
        var ci = CultureInfo.InvariantCulture;
        string N(double v) => v.ToString("R", ci);
        var bold = sim.Monitors.OfType<BoldMonitorSpec>().First();
        var list = new List<(string, string)>
        {
            ("model", o.Model), ("fit", string.Join(",", o.Fit)),
            ("learning rate", N(o.LearningRate)), ("Adam beta1", N(o.Beta1)), ("Adam beta2", N(o.Beta2)), ("Adam epsilon", N(o.Epsilon)),
            ("seed", o.Seed.ToString(ci)), ("dtype", dtype),
            ("window", o.WindowSamples.ToString(ci)), ("realisations", o.Realisations.ToString(ci)),
            ("bounds", string.Join(",", o.Bounds.OrderBy(b => b.Key, StringComparer.OrdinalIgnoreCase).Select(b => $"{b.Key.ToLowerInvariant()}:{N(b.Value.Min)}:{N(b.Value.Max)}"))),
            ("dt (ms)", N(sim.DtMs)), ("duration (ms)", N(sim.DurationMs)), ("transient (ms)", N(sim.TransientMs)),
            ("velocity (m/s)", sim.VelocityMPerS is { } v ? N(v) : "none (no delays)"),
            ("integrator", sim.Integrator == IntegratorKind.Heun ? "heun" : "euler"),
            ("coupling function", sim.Coupling?.ToString() ?? "model default"),
            ("noise region keys", sim.NoiseRegionKeys is { } k ? string.Join(",", k) : "none"),
            ("initial state", sim.InitialState is { } x ? Hash(x) : "random (seeded)"),
            ("BOLD TR (ms)", N(bold.TrMs)), ("BOLD integration step (ms)", N(bold.IntegrationStepMs)), ("Balloon constants", bold.Balloon.ToString()),
            ("initial coupling", N(initial.Coupling)),
        };
        foreach (var p in initial.Model.Parameters)
        {
            var pv = initial[p.Name];
            list.Add(($"initial {p.Name}", pv.PerRegion is { } pr ? $"[{string.Join(",", pr.Select(N))}]" : N(pv.Scalar)));
        }
        list.Add(("train subjects", string.Join(",", data.Train.Select(s => s.Id))));
        list.Add(("train FC (hash)", Hash(data.Train.SelectMany(s => s.Fc).ToArray())));
        list.Add(("held-out subjects", string.Join(",", data.Test.Select(s => s.Id))));
        list.Add(("held-out FC (hash)", Hash(data.Test.SelectMany(s => s.Fc).ToArray())));
        return list;
    }

    private static string Hash(IReadOnlyList<double> values)
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.ToArray().AsSpan());
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16].ToLowerInvariant();
    }
}

/// <summary>One finished epoch.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="Loss">Mean over the epoch's windows of 1 − FC similarity (window FC vs target).</param>
/// <param name="Similarity">FC similarity of the whole epoch run (all windows' BOLD) with the target FC.</param>
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
public sealed class FitResult
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
