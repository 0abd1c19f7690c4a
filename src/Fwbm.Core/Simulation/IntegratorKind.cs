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
