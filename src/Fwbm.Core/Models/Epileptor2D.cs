using Fwbm.Core.Numerics;

namespace Fwbm.Core.Models;

/// <summary>
/// Two-dimensional Epileptor (fast variable x1, slow permittivity z), the reduction of the Epileptor used in whole-brain seizure
/// propagation models: Proix T, Bartolomei F, Chauvel P, Bernard C, Jirsa VK (2014) "Permittivity coupling across brain regions
/// determines seizure recruitment in partial epilepsy", J Neurosci 34:15009–15021; Jirsa VK et al. (2017) "The Virtual Epileptic
/// Patient", NeuroImage 145:377–388. Equations and defaults of TVB's <c>Epileptor2D</c> (vbjax's <c>bvep_dfun</c> is the x1 &lt; 0
/// branch). Time unit: the model's dimensionless time, counted as milliseconds (TVB convention; r = 1/τ₀ sets the seizure time scale).
/// <code>
/// dx1/dt = c − z + I_ext − f(x1, z)·x1
///   f = a x1² + (d − b) x1                       if x1 &lt; 0
///   f = −slope − 0.6 (z − 4)² + d x1              otherwise
/// dz/dt  = r (4 (x1 − x0) − z + e(z) − K)          e(z) = −0.1 z⁷ if z &lt; 0, else 0
/// </code>
/// The network term is diffusive permittivity coupling on x1, K = G Σ_j W_ij (x1_j − x1_i), entering ż with the minus sign of
/// Proix et al. 2014 / the Virtual Epileptic Patient (a seizing neighbour, x1_j &gt; x1_i, lowers z and recruits region i).
/// For x1 &lt; 0 the fixed point solves x³ + 2x² + 4x = c + I_ext + 4x0 (one real root); it is stable while
/// −3x² − 4x &lt; r, i.e. for x0 below x0_c ≈ −2.06 at the defaults, and the region seizes (relaxation oscillation) above it.
/// </summary>
public readonly struct Epileptor2D : INeuralMass
{
    public const int X1 = 0, Z = 1;
    public const int X0 = 0, IExt = 1, Ap = 2, Bp = 3, Cp = 4, Dp = 5, Slope = 6, R = 7, Sigma = 8;

    public static ModelSpec Spec { get; } = new()
    {
        Name = "epileptor2d",
        Title = "2-D Epileptor (x1, z)",
        Citation = "Proix T, Bartolomei F, Chauvel P, Bernard C, Jirsa VK (2014) Permittivity coupling across brain regions determines seizure recruitment in partial epilepsy. J Neurosci 34:15009–15021; Jirsa VK et al. (2017) The Virtual Epileptic Patient: individualized whole-brain models of epilepsy spread. NeuroImage 145:377–388.",
        // stimuli go to x1 unless told: external input enters the fast population x1 (as I_ext does)
        InputVariable = "x1",
        StateVariables =
        [
            new("x1", -2, 1, "Fast population activity (the SEEG-like signal; > 0 during seizures)."),
            new("z", 2, 5, "Slow permittivity variable (seizures start when it is low, end when it is high)."),
        ],
        Parameters =
        [
            new("x0", -1.6, "", -6, 0, "Excitability (epileptogenicity): seizes above x0_c ≈ −2.06, healthy below.") { FitMin = -3, FitMax = -1.4 },
            new("I_ext", 3.1, "", 0, 6, "External input current to x1.") { Aliases = ["Iext", "I1"] },
            new("a", 1.0, "", 0, 5, "Coefficient of the cubic term of x1."),
            new("b", 3.0, "", 0, 10, "Coefficient of the squared term of x1."),
            new("c", 1.0, "", -5, 5, "Additive constant of x1 (y0 in Jirsa 2014)."),
            new("d", 5.0, "", 0, 10, "Coefficient of the squared term of the second branch."),
            new("slope", 0.0, "", -16, 6, "Linear coefficient of x1 in the second branch."),
            new("r", 0.00035, "1/ms", 0, 1, "Time-scale ratio 1/τ₀ of the slow variable z (vbjax BVEP: 0.1)."),
            new("sigma", 0.0, "1/√ms", 0, 1, "Additive noise on x1 and z."),
        ],
        CouplingChannels = ["x1"],
        Noise = [new NoiseSpec("sigma", ["x1", "z"], "Independent additive white noise on x1 and z.")],
        DefaultFit = ["x0"],
        CouplingFitRange = (0, 1),
        DefaultCoupling = CouplingKind.Diffusive,
        TimeUnitMs = 1.0,
        MaxDtMs = 0.2,   // seizure amplitude within 0.1 % of dt = 0.05 at 0.2 (Heun and Euler); 28 % off at 0.5
        DefaultDtMs = 0.05,
        BoldDriveDoc = "softplus(x1) = ln(1 + e^x1): the fast activity x1 smoothly rectified to a non-negative, rate-like level (≈ 0.17 at the healthy rest x1 ≈ −1.7, ≈ 1 on the seizure branch x1 ≈ 0.6), so seizures raise BOLD and the Balloon input never goes below 0",
    };

    public static void Drift<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> dx) where T : IReal<T>
    {
        T x1 = x[X1], z = x[Z];
        T zm4 = z - 4.0;
        T fNeg = p[Ap] * x1 * x1 + (p[Dp] - p[Bp]) * x1;
        T fPos = -p[Slope] - 0.6 * zm4 * zm4 + p[Dp] * x1;
        T f = T.IfNegative(x1, fNeg, fPos);
        dx[X1] = p[Cp] - z + p[IExt] - f * x1;
        T z2 = z * z;
        T energy = T.IfNegative(z, -0.1 * z2 * z2 * z2 * z, T.Const(0.0));
        dx[Z] = p[R] * (4.0 * (x1 - p[X0]) - z + energy - c[0]);
    }

    public static void Output<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> channels) where T : IReal<T> => channels[0] = x[X1];

    /// <summary>
    /// softplus(x1) = ln(1 + e^x1). x1 itself sits at ≈ −1.5 … −3 at rest and interictally, and a drive held below −γ (≈ −0.3) makes the
    /// Balloon model's blood inflow negative, so x1 cannot drive BOLD directly. BOLD follows metabolic demand, which is non-negative
    /// and grows with activity: the smooth rectification keeps the ordering of x1 (monotone), is ≈ e^x1 (small, still fluctuating
    /// with noise) on the interictal branch and ≈ x1 on the ictal branch, so a seizure is a large positive BOLD event, and a
    /// non-negative drive keeps the inflow positive (after a drive step D the inflow undershoots 1 by ≈ 0.12·D/γ ≈ 0.4 for D ≈ 1).
    /// </summary>
    public static T BoldDrive<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p) where T : IReal<T> => T.Log(1.0 + T.Exp(x[X1]));
}
