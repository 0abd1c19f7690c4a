using Fwbm.Core.Numerics;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Models;

/// <summary>
/// Jansen–Rit cortical column (pyramidal cells, excitatory and inhibitory interneurons) per region, as in
/// Jansen BH, Rit VG (1995) "Electroencephalogram and visual evoked potential generation in a mathematical model of coupled cortical
/// columns", Biol Cybern 73:357–366, with the defaults and coupling of TVB's <c>JansenRit</c> / <c>SigmoidalJansenRit</c> except the
/// firing threshold v₀ = 6 mV of the paper (TVB uses 5.52 mV, with which the deterministic column oscillates at ≈ 6.8 Hz instead of
/// the paper's alpha rhythm; TVB's coupling midpoint is 6 mV). With the default input p = 220 Hz the column is on an alpha limit
/// cycle (≈ 10.9 Hz). Time unit: milliseconds.
/// <code>
/// dy0/dt = y3,  dy3/dt = A a S(y1 − y2) − 2a y3 − a² y0
/// dy1/dt = y4,  dy4/dt = A a (μ + α₂ J S(α₁ J y0) + c) − 2a y4 − a² y1
/// dy2/dt = y5,  dy5/dt = B b α₄ J S(α₃ J y0) − 2b y5 − b² y2
/// S(v) = 2 ν_max / (1 + exp(r (v₀ − v)))
/// </code>
/// A region sends y1 − y2 (the pyramidal membrane potential, the EEG-like signal); the network input is TVB's sigmoidal Jansen–Rit
/// coupling c = G Σ_j W_ij σ(y1_j − y2_j), σ(v) = cmin + (cmax − cmin)/(1 + exp(r (midpoint − v))) with cmin 0, cmax 2·0.0025 /ms,
/// midpoint 6 mV, r 0.56 /mV (<see cref="ModelSpec.DefaultCouplingSpec"/>). Noise (σ) enters y4 only, i.e. the input p(t) of the
/// pyramidal cells (Jansen &amp; Rit drive p with random 120–320 Hz).
/// </summary>
public readonly struct JansenRit : INeuralMass
{
    public const int Y0 = 0, Y1 = 1, Y2 = 2, Y3 = 3, Y4 = 4, Y5 = 5;
    public const int A = 0, B = 1, a = 2, b = 3, V0 = 4, NuMax = 5, R = 6, J = 7, A1 = 8, A2 = 9, A3 = 10, A4 = 11, Mu = 12, Sigma = 13;
    public const int Eeg = 0, PyramidalRate = 1;

    public static ModelSpec Spec { get; } = new()
    {
        Name = "jansen_rit",
        Title = "Jansen–Rit cortical column",
        Citation = "Jansen BH, Rit VG (1995) Electroencephalogram and visual evoked potential generation in a mathematical model of coupled cortical columns. Biol Cybern 73:357–366. Defaults and coupling: TVB JansenRit / SigmoidalJansenRit (v0 = 6 mV as in the paper).",
        // stimuli go to y4 unless told: external input p(t) enters y4 = dy1/dt, the pyramidal cells' excitatory input (Jansen & Rit 1995, TVB)
        InputVariable = "y4",
        StateVariables =
        [
            new("y0", -1, 1, "PSP of the pyramidal cells' output onto the interneurons (mV).") { Unit = "mV" },
            new("y1", -5, 5, "Excitatory PSP onto the pyramidal cells (mV).") { Unit = "mV" },
            new("y2", -5, 5, "Inhibitory PSP onto the pyramidal cells (mV).") { Unit = "mV" },
            new("y3", -1, 1, "dy0/dt (mV/ms).") { Unit = "mV/ms" },
            new("y4", -1, 1, "dy1/dt (mV/ms); receives the noise (input p(t)).") { Unit = "mV/ms" },
            new("y5", -1, 1, "dy2/dt (mV/ms).") { Unit = "mV/ms" },
        ],
        Parameters =
        [
            new("A", 3.25, "mV", 2.6, 9.75, "Maximum amplitude of the excitatory PSP (average synaptic gain)."),
            new("B", 22.0, "mV", 17.6, 110, "Maximum amplitude of the inhibitory PSP."),
            new("a", 0.1, "1/ms", 0.05, 0.15, "Reciprocal of the excitatory membrane/dendritic time constant."),
            new("b", 0.05, "1/ms", 0.025, 0.075, "Reciprocal of the inhibitory membrane/dendritic time constant."),
            new("v0", 6.0, "mV", 3.12, 8.0, "Firing threshold: PSP at which half the maximum rate is reached (Jansen & Rit 1995: 6; TVB 5.52 gives ≈ 6.8 Hz instead of alpha)."),
            new("nu_max", 0.0025, "1/ms", 0.00125, 0.00375, "Half of the maximum firing rate (S saturates at 2·ν_max)."),
            new("r", 0.56, "1/mV", 0.28, 0.84, "Steepness of the sigmoid."),
            new("J", 135.0, "", 65, 1350, "Average number of synapses between populations."),
            new("a_1", 1.0, "", 0.5, 1.5, "Probability of synaptic contacts in the excitatory feedback loop (α₁)."),
            new("a_2", 0.8, "", 0.4, 1.2, "Probability of synaptic contacts in the slow excitatory feedback loop (α₂)."),
            new("a_3", 0.25, "", 0.125, 0.375, "Probability of synaptic contacts in the inhibitory feedback loop (α₃)."),
            new("a_4", 0.25, "", 0.125, 0.375, "Probability of synaptic contacts in the slow inhibitory feedback loop (α₄)."),
            new("mu", 0.22, "1/ms", 0, 0.4, "Mean input firing rate p (0.22 /ms = 220 Hz, inside Jansen & Rit's 120–320 Hz).") { FitMin = 0.12, FitMax = 0.32 },
            new("sigma", 0.0, "mV/ms/√ms", 0, 10, "Additive noise on y4 (equivalent to a fluctuating input p)."),
        ],
        CouplingChannels = ["y1-y2"],
        Noise = [new NoiseSpec("sigma", ["y4"], "Additive white noise on y4 (a fluctuating input rate p(t), as Jansen & Rit 1995).")],
        DefaultFit = ["mu"],
        CouplingFitRange = (0, 1),
        DefaultCouplingSpec = new CouplingSpec(CouplingKind.Sigmoidal)
        {
            SigmoidMin = 0.0, SigmoidMax = 2 * 0.0025, SigmoidMidpoint = 6.0, SigmoidSlope = 0.56,
        },
        Observables =
        [
            new("eeg", "mV", "Pyramidal membrane potential y1 − y2 (the EEG-like signal)."),
            new("rate_pyr", "Hz", "Firing rate of the pyramidal cells 1000·S(y1 − y2)."),
        ],
        TimeUnitMs = 1.0,
        MaxDtMs = 1.0,
        DefaultDtMs = 0.1,
        BoldDriveDoc = "pyramidal firing rate 1000·S(y1 − y2) in Hz (Jansen & Rit 1995 has no BOLD; a rate in Hz keeps the Balloon input O(1))",
    };

    /// <summary>The Jansen–Rit sigmoid S(v) = 2 ν_max / (1 + exp(r (v₀ − v))) in 1/ms.</summary>
    public static T S<T>(T v, ReadOnlySpan<T> p) where T : IReal<T> => 2.0 * p[NuMax] / (1.0 + T.Exp(p[R] * (p[V0] - v)));

    public static void Drift<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> dx) where T : IReal<T>
    {
        T ea = p[a], ib = p[b], jj = p[J];
        T y0 = x[Y0];
        dx[Y0] = x[Y3];
        dx[Y1] = x[Y4];
        dx[Y2] = x[Y5];
        dx[Y3] = p[A] * ea * S(x[Y1] - x[Y2], p) - 2.0 * ea * x[Y3] - ea * ea * y0;
        dx[Y4] = p[A] * ea * (p[Mu] + p[A2] * jj * S(p[A1] * jj * y0, p) + c[0]) - 2.0 * ea * x[Y4] - ea * ea * x[Y1];
        dx[Y5] = p[B] * ib * (p[A4] * jj * S(p[A3] * jj * y0, p)) - 2.0 * ib * x[Y5] - ib * ib * x[Y2];
    }

    public static void Output<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> channels) where T : IReal<T> => channels[0] = x[Y1] - x[Y2];

    public static T BoldDrive<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p) where T : IReal<T> => 1000.0 * S(x[Y1] - x[Y2], p);

    public static void Observe<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> observables) where T : IReal<T>
    {
        T v = x[Y1] - x[Y2];
        observables[Eeg] = v;
        observables[PyramidalRate] = 1000.0 * S(v, p);
    }
}
