using Fwbm.Core.Numerics;

namespace Fwbm.Core.Models;

/// <summary>
/// Kuramoto phase oscillators on the connectome with conduction delays, as in Kuramoto Y (1984) "Chemical Oscillations, Waves, and
/// Turbulence" (Springer) and Cabral J, Hugues E, Sporns O, Deco G (2011) "Role of local network oscillations in resting-state
/// functional connectivity", NeuroImage 57:130–139. Time unit: seconds (ω in rad/s, so ω/2π is the frequency in Hz).
/// <code>
/// dθ_i/dt = ω_i + G Σ_j W_ij sin(θ_j(t − d_ij) − θ_i(t))
/// </code>
/// The sum goes through the engine's linear coupling with the exact identity
/// sin(θ_j − θ_i) = sin θ_j cos θ_i − cos θ_j sin θ_i: a region sends (sin θ, cos θ), the engine returns
/// c_sin = G Σ_j W_ij sin θ_j(t − d_ij) and c_cos = G Σ_j W_ij cos θ_j(t − d_ij), and the drift is ω + c_sin cos θ_i − c_cos sin θ_i —
/// exact, delays included. With W_ij = 1/N (i ≠ j), G is Kuramoto's K; for a frequency density g the incoherent state loses
/// stability at K_c = 2/(π g(0)) (N → ∞, no delays).
/// </summary>
/// <remarks>θ is not wrapped (no value branches): it grows by ω·t. The SIMD sin/cos (<see cref="VecMath.SinCos"/>) are accurate for
/// |θ| &lt; 1.6e6 rad, i.e. ≈ 1.7 h of simulated time at 40 Hz (≈ 1.5e5 rad after 10 min). Use <see cref="Analysis.Synchrony"/> for
/// the order parameter (it needs θ only modulo 2π). The engine's Heun holds the coupling input at its start-of-step value in
/// both stages (as TVB does), which shifts a locked frequency by ≈ K·h/2 relative; Euler–Maruyama is exact for locked rotations.</remarks>
public readonly struct Kuramoto : INeuralMass
{
    public const int Theta = 0;
    public const int Omega = 0, Sigma = 1;

    public static ModelSpec Spec { get; } = new()
    {
        Name = "kuramoto",
        Title = "Kuramoto phase oscillators",
        Citation = "Kuramoto Y (1984) Chemical Oscillations, Waves, and Turbulence. Springer; Cabral J, Hugues E, Sporns O, Deco G (2011) Role of local network oscillations in resting-state functional connectivity. NeuroImage 57:130–139.",
        // stimuli go to theta unless told: external input enters the phase theta
        InputVariable = "theta",
        StateVariables =
        [
            new("theta", 0, 2 * Math.PI, "Phase θ (rad, not wrapped).") { Unit = "rad" },
        ],
        Parameters =
        [
            new("omega", 2 * Math.PI * 40, "rad/s", -2 * Math.PI * 200, 2 * Math.PI * 200, "Natural angular frequency ω (Cabral 2011: 2π·40 Hz, gamma band).") { FitMin = 2 * Math.PI * 30, FitMax = 2 * Math.PI * 50 , Plausible = new(2 * Math.PI * 0.5, 2 * Math.PI * 200, "brain rhythms from 0.5 Hz (delta) to 200 Hz") },
            new("sigma", 0.0, "rad/√s", 0, 100, "Additive phase-noise intensity."),
        ],
        CouplingChannels = ["sin(theta)", "cos(theta)"],
        Noise = [new NoiseSpec("sigma", ["theta"], "Additive white phase noise.")],
        DefaultFit = ["omega"],
        CouplingFitRange = (0, 50),
        DefaultCoupling = CouplingKind.Linear,
        TimeUnitMs = 1000.0,
        MaxDtMs = 1.0,
        // the coupling sin(θj − θi) and the BOLD drive sin θ are evaluated once per step: resolve each cycle with ≥ 20 steps
        DtLimits = [new DtLimit("omega", 2 * Math.PI / 20, "at least 20 steps per cycle, so the coupling and sin θ resolve the oscillation")],
        DefaultDtMs = 0.1,
        BoldDriveDoc = "sin θ (Cabral 2011)",
    };

    public static void Drift<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> dx) where T : IReal<T>
    {
        T th = x[Theta];
        dx[Theta] = p[Omega] + c[0] * T.Cos(th) - c[1] * T.Sin(th);
    }

    public static void Output<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> channels) where T : IReal<T>
    {
        channels[0] = T.Sin(x[Theta]);
        channels[1] = T.Cos(x[Theta]);
    }

    public static T BoldDrive<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p) where T : IReal<T> => T.Sin(x[Theta]);
}
