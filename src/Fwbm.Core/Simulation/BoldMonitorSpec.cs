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
    /// <summary>Step of the hemodynamic integration in ms, driven by the mean neural drive over that step (default 1 ms; the
    /// hemodynamics evolve over seconds). Falls back to dt when it is not a whole number of steps dividing TR and the transient.</summary>
    public double IntegrationStepMs { get; init; } = 1.0;
    public override IMonitor Create() => new BoldMonitor(this);
}
