using System.Runtime.CompilerServices;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>
/// The Balloon–Windkessel equations written once over <see cref="IReal{T}"/>: used by the CPU monitor (<see cref="BalloonWindkessel"/>,
/// with <see cref="RealVec"/> and <see cref="Real"/>) and by the differentiable Torch backend (tensors). State: vasodilatory signal s,
/// inflow f, volume v, deoxyhemoglobin q (rest: s = 0, f = v = q = 1); time in seconds.
/// </summary>
public static class BalloonEquations
{
    /// <summary>The constants of <see cref="BalloonParameters"/> in the form the equations use (reciprocals and logs precomputed).</summary>
    public readonly record struct Constants(double Kappa, double Gamma, double InvAlpha, double LogOneMinusRho, double InvRho, double InvTau,
        double V0, double K1, double K2, double K3)
    {
        public static Constants Of(BalloonParameters p) =>
            new(p.Kappa, p.Gamma, 1.0 / p.Alpha, Math.Log(1 - p.Rho), 1.0 / p.Rho, 1.0 / p.Tau, p.V0, p.K1, p.K2, p.K3);
    }

    /// <summary>One forward-Euler step of length <paramref name="dtSeconds"/> driven by neural activity <paramref name="z"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step<T>(ref T s, ref T f, ref T v, ref T q, T z, double dtSeconds, in Constants c) where T : IReal<T>
    {
        T ds = z - c.Kappa * s - c.Gamma * (f - 1.0);
        T vPow = T.Exp(T.Log(v) * c.InvAlpha);               // v^(1/α)
        T extraction = 1.0 - T.Exp(c.LogOneMinusRho / f);    // 1 − (1 − ρ)^(1/f)
        T dv = (f - vPow) * c.InvTau;
        T dq = (f * extraction * c.InvRho - q * vPow / v) * c.InvTau;
        T s1 = s + dtSeconds * ds;
        T f1 = f + dtSeconds * s;
        v = v + dtSeconds * dv;
        q = q + dtSeconds * dq;
        s = s1; f = f1;
    }

    /// <summary>BOLD = V0·(k1(1 − q) + k2(1 − q/v) + k3(1 − v)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Signal<T>(T v, T q, in Constants c) where T : IReal<T>
        => c.V0 * (c.K1 * (1.0 - q) + c.K2 * (1.0 - q / v) + c.K3 * (1.0 - v));
}
