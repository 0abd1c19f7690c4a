using Fwbm.Core.Numerics;

namespace Fwbm.Core.Models;

/// <summary>
/// Reduced Wong–Wang dynamic mean field (DMF) with an excitatory and an inhibitory pool per region and local feedback inhibition
/// control (FIC), as in Deco G, Ponce-Alvarez A, Hagmann P, Romani GL, Mantini D, Corbetta M (2014) "How local excitation–inhibition
/// ratio impacts the whole brain dynamics", J Neurosci 34:7886–7898 (reduction of Wong &amp; Wang 2006). Defaults as in that paper,
/// fastDMF (<c>cpp/DMF.hpp</c>, <c>dmf_api.py</c>) and TVB's <c>ReducedWongWangExcInh</c>. Time unit: milliseconds.
/// <code>
/// I_E = W_E·I_0 + w₊·J_N·S_E + J_N·c − J_i·S_I + I_ext          (nA; c = G Σ_j C_ij S_E,j(t − d_ij))
/// I_I = W_I·I_0 + J_N·S_E − S_I + λ·J_N·c                        (nA)
/// r_X = H_X(I_X) = y / (1 − exp(−d_X·y)),  y = gain_X·(a_X·I_X − b_X)      (Hz)
/// dS_E/dt = −S_E/τ_E + (1 − S_E)·γ_E·r_E/1000
/// dS_I/dt = −S_I/τ_I + γ_I·r_I/1000
/// </code>
/// J_i (per region) is the FIC weight: <see cref="FeedbackInhibitionControl"/> computes it so that every region fires ≈ 3 Hz.
/// gain_e / gain_i are the neuromodulatory gain hook of fastDMF, <c>(1 + receptors·wgain)</c> (Deco et al. 2018 Curr Biol 28:3065):
/// a per-region multiplicative gain of the transfer functions, 1 = unmodulated. It multiplies y, i.e. steepens H around its
/// threshold b/a: at the sub-threshold 3 Hz state a gain &gt; 1 lowers the rate, above threshold it raises it.
/// </summary>
/// <remarks>
/// H has a removable singularity at y = 0 (limit 1/d); it is evaluated with its Taylor series where |d·y| &lt; 1e-4 through
/// <see cref="IReal{T}.IfNegative"/>, and the other branch is fed a safe argument there, so no lane ever computes 0/0
/// (important for the Torch backend, where a NaN in the unselected branch of <c>where</c> poisons the gradient).
/// </remarks>
public readonly struct DynamicMeanField : INeuralMass
{
    public const int SE = 0, SI = 1;
    public const int AE = 0, BE = 1, DE = 2, GammaE = 3, TauE = 4, WPlus = 5, JN = 6, WE = 7,
        AI = 8, BI = 9, DI = 10, GammaI = 11, TauI = 12, WI = 13, JI = 14, I0 = 15, IExt = 16, Lambda = 17, GainE = 18, GainI = 19, Sigma = 20;
    public const int RateE = 0, RateI = 1, CurrentE = 2;

    public static ModelSpec Spec { get; } = new()
    {
        Name = "dmf",
        Title = "Reduced Wong–Wang dynamic mean field (E–I pools, feedback inhibition control)",
        Citation = "Deco G, Ponce-Alvarez A, Hagmann P, Romani GL, Mantini D, Corbetta M (2014) How local excitation–inhibition ratio impacts the whole brain dynamics. J Neurosci 34:7886–7898; Wong KF, Wang XJ (2006) J Neurosci 26:1314–1328. Receptor gain: Deco G et al. (2018) Curr Biol 28:3065; Herzog R et al. (2022) fastDMF.",
        // stimuli go to S_E unless told: external input enters the excitatory gating S_E (TVB's stimulus convention; Deco 2014's I_ext acts through the excitatory pool)
        InputVariable = "S_E",
        StateVariables =
        [
            new("S_E", 0, 0.02, "NMDA gating variable of the excitatory pool (0–1; drives BOLD and the network).") { LowerBound = 0, UpperBound = 1 },
            new("S_I", 0, 0.02, "GABA gating variable of the inhibitory pool (0–1).") { LowerBound = 0, UpperBound = 1 },
        ],
        Parameters =
        [
            new("a_e", 310, "1/nC", 1, 500, "Gain of the excitatory transfer function."),
            new("b_e", 125, "Hz", 0, 500, "Threshold of the excitatory transfer function."),
            new("d_e", 0.16, "s", 0.001, 1, "Curvature of the excitatory transfer function.") { Aliases = ["de"] },
            new("gamma_e", 0.641, "", 0, 2, "Kinetic parameter of the NMDA gating (rate in Hz is divided by 1000 for ms).") { Aliases = ["gamma"] },
            new("tau_e", 100, "ms", 10, 500, "NMDA decay time constant τ_E.") { Aliases = ["taon", "tau_nmda"] },
            new("w_p", 1.4, "", 0, 5, "Local excitatory recurrence w₊.") { Aliases = ["w", "w_plus"], FitMin = 1.0, FitMax = 1.8 },
            new("J_N", 0.15, "nA", 0.001, 1, "NMDA synaptic coupling J_NMDA (scales local recurrence and the network input).") { Aliases = ["JN", "J_NMDA"] },
            new("W_e", 1.0, "", 0, 5, "Scaling of the external input I_0 to the excitatory pool.") { Aliases = ["Jexte"] },
            new("a_i", 615, "1/nC", 1, 1000, "Gain of the inhibitory transfer function."),
            new("b_i", 177, "Hz", 0, 500, "Threshold of the inhibitory transfer function."),
            new("d_i", 0.087, "s", 0.001, 1, "Curvature of the inhibitory transfer function.") { Aliases = ["di"] },
            new("gamma_i", 1.0, "", 0, 2, "Kinetic parameter of the GABA gating (rate in Hz is divided by 1000 for ms)."),
            new("tau_i", 10, "ms", 2, 100, "GABA decay time constant τ_I.") { Aliases = ["taog", "tau_gaba"] },
            new("W_i", 0.7, "", 0, 5, "Scaling of the external input I_0 to the inhibitory pool.") { Aliases = ["Jexti"] },
            new("J_i", 1.0, "nA", 0, 20, "Feedback inhibition weight (I→E); per region after feedback inhibition control.") { Aliases = ["J", "J_fic"] },
            new("I_0", 0.382, "nA", 0, 2, "Effective external input current.") { Aliases = ["I0", "I_o"] },
            new("I_ext", 0.0, "nA", -2, 2, "Additional external (stimulus) current to the excitatory pool."),
            new("lambda", 0.0, "", 0, 1, "Fraction of the network input that also reaches the inhibitory pool (TVB λ; 0 in Deco 2014).") { Aliases = ["lamda"] },
            new("gain_e", 1.0, "", 0, 3, "Neuromodulatory gain of the excitatory transfer function (fastDMF 1 + receptors·wgain_e; 1 = none)."),
            new("gain_i", 1.0, "", 0, 3, "Neuromodulatory gain of the inhibitory transfer function (fastDMF 1 + receptors·wgain_i; 1 = none)."),
            new("sigma", 0.01, "1/√ms", 0, 1, "Additive noise on S_E and S_I (fastDMF/Deco 2014 code: 0.01, with dt in ms)."),
        ],
        CouplingChannels = ["S_E"],
        Noise = [new NoiseSpec("sigma", ["S_E", "S_I"], "Independent additive white noise on the gating variables S_E and S_I.")],
        DefaultFit = ["w_p"],
        CouplingFitRange = (0, 3),
        DefaultCoupling = CouplingKind.Linear,
        Observables =
        [
            new("r_E", "Hz", "Firing rate of the excitatory pool H_E(I_E) (≈ 3 Hz with feedback inhibition control)."),
            new("r_I", "Hz", "Firing rate of the inhibitory pool H_I(I_I)."),
            new("I_E", "nA", "Total input current to the excitatory pool (Deco 2014's FIC criterion is I_E − b_E/a_E ≈ −0.026 nA)."),
        ],
        TimeUnitMs = 1.0,
        // Stiffest rate: 1/τ_I + γ_I·gain_I·a_I·H'/1000 with H' ≤ 1, ≈ 0.7/ms at the defaults in the high-activity state (explicit
        // limit ≈ 2.8 ms); 0.5 ms keeps that margin for gains up to ≈ 3. fastDMF and Deco 2014 integrate at 0.1 ms.
        MaxDtMs = 0.5,
        DefaultDtMs = 0.1,
        BoldDriveDoc = "S_E (excitatory NMDA gating, as in Deco 2013/2014; fastDMF drives BOLD with r_E instead)",
    };

    /// <summary>Input currents to both pools (nA).</summary>
    private static (T IE, T II) Currents<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p) where T : IReal<T>
    {
        T jnSe = p[JN] * x[SE];
        T net = p[JN] * c[0];
        T ie = p[WE] * p[I0] + p[WPlus] * jnSe + net - p[JI] * x[SI] + p[IExt];
        T ii = p[WI] * p[I0] + jnSe - x[SI] + p[Lambda] * net;
        return (ie, ii);
    }

    /// <summary>Population transfer function H = y / (1 − exp(−d·y)), y = gain·(a·I − b) (Hz), with the removable singularity handled.</summary>
    public static T Transfer<T>(T current, T a, T b, T d, T gain) where T : IReal<T>
    {
        T dy = d * gain * (a * current - b);
        T small = T.Abs(dy) - 1e-4;                         // < 0: use the series 1/d · (1 + dy/2 + dy²/12)
        T safe = T.IfNegative(small, T.Const(1.0), dy);      // never 0/0 in the unselected branch
        T direct = safe / (d * (1.0 - T.Exp(-safe)));
        T series = (1.0 + dy * 0.5 + dy * dy * (1.0 / 12.0)) / d;
        return T.IfNegative(small, series, direct);
    }

    public static void Drift<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> dx) where T : IReal<T>
    {
        var (ie, ii) = Currents(x, c, p);
        T re = Transfer(ie, p[AE], p[BE], p[DE], p[GainE]);
        T ri = Transfer(ii, p[AI], p[BI], p[DI], p[GainI]);
        T se = x[SE], si = x[SI];
        dx[SE] = -se / p[TauE] + (1.0 - se) * p[GammaE] * re * 1e-3;
        dx[SI] = -si / p[TauI] + p[GammaI] * ri * 1e-3;
    }

    public static void Output<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> channels) where T : IReal<T> => channels[0] = x[SE];

    public static T BoldDrive<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p) where T : IReal<T> => x[SE];

    public static void Observe<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> observables) where T : IReal<T>
    {
        var (ie, ii) = Currents(x, c, p);
        observables[RateE] = Transfer(ie, p[AE], p[BE], p[DE], p[GainE]);
        observables[RateI] = Transfer(ii, p[AI], p[BI], p[DI], p[GainI]);
        observables[CurrentE] = ie;
    }
}
