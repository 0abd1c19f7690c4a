using System.Globalization;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Torch.Fitting;

/// <summary>How to fit (an options record: change with <c>with</c>).</summary>
public sealed record FitOptions
{
    /// <summary>Registered model name.</summary>
    public string Model { get; init; } = "hopf";
    /// <summary>Parameters to fit; empty = the model's default fit (<see cref="FitDefaults.Fit"/>: coupling G and
    /// <see cref="ModelSpec.DefaultFit"/>, e.g. Hopf's a per region as Deco et al. 2017).</summary>
    public IReadOnlyList<string> Fit { get; init; } = [];
    /// <summary>Starting values of parameters (name → value, including "coupling"); everything else is the model default, and the
    /// coupling when not named starts at <see cref="FitDefaults.InitialCoupling"/>.</summary>
    public IReadOnlyDictionary<string, double> Initial { get; init; } = new Dictionary<string, double>();
    /// <summary>Bounds for fitted parameters (name → (min, max)), each inside the parameter's declared valid range; every optimiser step
    /// is projected onto them. A fitted parameter not named here is bounded by its fit range (<see cref="FitDefaults.Bounds"/>:
    /// <see cref="ParameterSpec.FitRange"/>, <see cref="ModelSpec.CouplingFitRange"/> for the coupling).</summary>
    public IReadOnlyDictionary<string, (double Min, double Max)> Bounds { get; init; } = new Dictionary<string, (double, double)>();
    /// <summary>Epochs (one simulated run of every realisation each); null = the model's default (<see cref="FitDefaults.Epochs"/>: 8 for
    /// Hopf, 3 for the models that need dt ≤ 1 ms).</summary>
    public int? Epochs { get; init; }
    /// <summary>The optimiser's (initial) learning rate.</summary>
    public double LearningRate { get; init; } = 0.02;
    /// <summary>TorchSharp optimiser: "adam" (default), "adamw" (decoupled weight decay) or "sgd" (with <see cref="Momentum"/>).</summary>
    public string Optimizer { get; init; } = "adam";
    /// <summary>Learning-rate schedule, stepped once per epoch (see <see cref="LearningRateSchedule"/>): "none", "step:N[:gamma]",
    /// "cosine[:T[:min]]" or "plateau[:patience[:factor]]".</summary>
    public string LrSchedule { get; init; } = "none";
    /// <summary>Adam/AdamW β₁ and β₂ and ε.</summary>
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Epsilon { get; init; } = 1e-8;
    /// <summary>Weight decay (L2 for adam and sgd, decoupled for adamw); 0 by default — it pulls parameters towards 0, which a
    /// physical parameter has no reason to prefer.</summary>
    public double WeightDecay { get; init; }
    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;
    /// <summary>Noise seed: epoch e simulates with its own seed derived from this one; evaluation uses another.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>"cpu", "cuda", "cuda:N" or "auto".</summary>
    public string Device { get; init; } = "auto";
    /// <summary>"float32" or "float64"; null = the model's default (<see cref="FitDefaults.DType"/>: float32).</summary>
    public string? DType { get; init; }
    /// <summary>The simulated run of every epoch (dt, duration, transient, delays, integrator, BOLD TR); null = the model's
    /// quickstart-sized run (<see cref="FitDefaults.Simulation"/>); given without dt, the fit's default dt (<see cref="FitDefaults.DtMs"/>).</summary>
    public SimulationOptions? Simulation { get; init; }
    /// <summary>BOLD samples per truncated-backpropagation window (the state is detached between windows and the optimiser steps once per
    /// window); 0 = the whole run is one window (one step per epoch); null = the model's default (<see cref="FitDefaults.WindowSamples"/>).</summary>
    public int? WindowSamples { get; init; }
    /// <summary>Noise realisations simulated together as a batch in every epoch and evaluation (the loss averages over them;
    /// more realisations = a less noisy gradient at little extra cost on small connectomes).</summary>
    public int Realisations { get; init; } = 4;

    /// <summary>The integration step a fit uses unless told otherwise (<see cref="FitDefaults.DtMs"/>).</summary>
    public static double DefaultDtMs(ModelSpec model) => FitDefaults.DtMs(model);

    /// <summary>
    /// Every setting that changes what a fit computes, as (name, value) pairs in a fixed order: the fingerprint a checkpoint records
    /// and a resume compares (only <see cref="Epochs"/> and <see cref="Device"/> may change). Includes the effective initial value of
    /// every parameter, the simulation (dt, duration, transient, delays, integrator, coupling function, BOLD TR, hemodynamic step
    /// and constants) and the subjects (ids and a hash of their FCs: the target and the "before" scores depend on them).
    /// </summary>
    internal static IReadOnlyList<(string Key, string Value)> Settings(FitOptions o, FitData data, ParameterSet initial, SimulationOptions sim, string dtype,
        IReadOnlyList<FitParameter> fit)
    {
        var ci = CultureInfo.InvariantCulture;
        string N(double v) => v.ToString("R", ci);
        var bold = sim.Monitors.OfType<BoldMonitorSpec>().First();
        var list = new List<(string, string)>
        {
            ("model", o.Model), ("fit", string.Join(",", o.Fit)),
            ("optimizer", o.Optimizer.ToLowerInvariant()), ("learning rate", N(o.LearningRate)), ("lr schedule", o.LrSchedule),
            ("Adam beta1", N(o.Beta1)), ("Adam beta2", N(o.Beta2)), ("Adam epsilon", N(o.Epsilon)), ("weight decay", N(o.WeightDecay)), ("momentum", N(o.Momentum)),
            ("seed", o.Seed.ToString(ci)), ("dtype", dtype),
            ("window", (o.WindowSamples ?? 0).ToString(ci)), ("realisations", o.Realisations.ToString(ci)),
            ("bounds", string.Join(",", fit.Select(f => f.Range(initial.Model, o)).Zip(fit, (b, f) => $"{f.Name}:{N(b.Min)}:{N(b.Max)}"))),
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
