using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Numerics;
using Fwbm.Core.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Core.Tests.Models;

public class Epileptor2DTests(ITestOutputHelper output)
{
    private static readonly ModelHandle Model = ModelRegistry.Get("epileptor2d");
    private const double Iext = 3.1, C = 1.0, Rr = 0.00035;

    /// <summary>Fixed point on the x1 &lt; 0 branch: the real root of x³ + 2x² + 4x = c + I_ext + 4x0 (the left side is increasing).</summary>
    private static double FixedX(double x0)
    {
        double rhs = C + Iext + 4 * x0, x = -1;
        for (int it = 0; it < 100; it++) x -= (x * x * x + 2 * x * x + 4 * x - rhs) / (3 * x * x + 4 * x + 4);
        return x;
    }

    /// <summary>Critical x0: the fixed point loses stability where the trace −3x² − 4x − r of the Jacobian [[−3x² − 4x, −1], [4r, −r]] is 0.</summary>
    private static double CriticalX0()
    {
        double xc = (-4 - Math.Sqrt(16 - 12 * Rr)) / 6;
        return (xc * xc * xc + 2 * xc * xc + 4 * xc - C - Iext) / 4;
    }

    private static (double[] X1, double[] Z) Run(Connectome conn, ParameterSet p, double durationMs, double transientMs, int region = 0, ulong seed = 1)
    {
        var sim = new Simulator(Model, conn, new SimulationOptions { DtMs = 0.1, DurationMs = durationMs, TransientMs = transientMs, Monitors = [new RawMonitorSpec(1.0)] });
        var r = sim.Run(p, seed);
        return (r.Get("raw:x1").Region(region), r.Get("raw:z").Region(region));
    }

    private static int Onsets(double[] x1) { int k = 0; for (int t = 1; t < x1.Length; t++) if (x1[t - 1] < 0 && x1[t] >= 0) k++; return k; }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(-2.5)]
    public void Healthy_excitability_settles_on_the_fixed_point_of_the_cubic(double x0)
    {
        double x = FixedX(x0), z = 4 * (x - x0);
        var (x1, zz) = Run(ModelTestUtil.Uncoupled(1), ParameterSet.Defaults(Model.Spec).With("x0", x0), durationMs: 100, transientMs: 30_000);
        output.WriteLine($"x0 {x0}: analytic (x1, z) = ({x:F9}, {z:F9}); simulated ({x1[^1]:F9}, {zz[^1]:F9})");
        Assert.Equal(x, x1[^1], 1e-6);
        Assert.Equal(z, zz[^1], 1e-6);
    }

    [Fact]
    public void Seizures_start_above_the_analytic_critical_excitability()
    {
        double x0c = CriticalX0();
        var p = ParameterSet.Defaults(Model.Spec);
        var (below, _) = Run(ModelTestUtil.Uncoupled(1), p.With("x0", x0c - 0.05), durationMs: 10_000, transientMs: 10_000);
        var (above, zAbove) = Run(ModelTestUtil.Uncoupled(1), p.With("x0", x0c + 0.05), durationMs: 10_000, transientMs: 10_000);
        var (dflt, _) = Run(ModelTestUtil.Uncoupled(1), p, durationMs: 10_000, transientMs: 10_000);
        output.WriteLine($"x0_c = {x0c:F5}; onsets in 10 s: {Onsets(below)} at x0_c − 0.05 (x1 ≤ {below.Max():F4}), {Onsets(above)} at x0_c + 0.05 (x1 ≤ {above.Max():F3}, z in [{zAbove.Min():F3}, {zAbove.Max():F3}]), {Onsets(dflt)} at the default x0 = −1.6");
        Assert.InRange(x0c, -2.07, -2.05);
        Assert.Equal(0, Onsets(below));
        Assert.InRange(below.Max(), FixedX(x0c - 0.05) - 1e-6, FixedX(x0c - 0.05) + 1e-6);
        Assert.True(Onsets(above) >= 3, "expected recurrent seizures above x0_c");
        Assert.True(above.Max() > 0.3, "seizure state: x1 on the upper branch");
        Assert.True(Onsets(dflt) >= 4);
    }

    [Fact]
    public void Coupling_lowers_z_and_recruits_a_healthy_region()
    {
        // sign convention of Proix 2014 / VEP: ż = r(4(x1 − x0) − z − K), K = G Σ_j W_ij (x1_j − x1_i) ⇒ ∂ż/∂K = −r
        var p = ParameterSet.Defaults(Model.Spec);
        var pv = Enumerable.Range(0, Model.Spec.ParameterCount).Select(k => (Real)p[k].Scalar).ToArray();
        var d0 = new Real[2]; var d1 = new Real[2];
        Epileptor2D.Drift<Real>([-1.5, 3.0], [0.0], pv, d0);
        Epileptor2D.Drift<Real>([-1.5, 3.0], [1.0], pv, d1);
        Assert.Equal(-Rr, d1[1] - d0[1], 1e-15);
        Assert.Equal(d0[0].Value, d1[0].Value);

        // region 0 epileptogenic (x0 = −1.6), region 1 healthy (x0 = −2.4): recruited only through the connection 0 → 1
        var w = new double[4]; w[1 * 2 + 0] = 1.0;
        var conn = new Connectome(w, ["EZ", "PZ"]);
        var x0 = new[] { -1.6, -2.4 };
        var (alone, _) = Run(conn, ParameterSet.Defaults(Model.Spec, 0).With("x0", x0), durationMs: 20_000, transientMs: 5000, region: 1);
        var (coupled, _) = Run(conn, ParameterSet.Defaults(Model.Spec, 1.0).With("x0", x0), durationMs: 20_000, transientMs: 5000, region: 1);
        output.WriteLine($"propagation zone: {Onsets(alone)} onsets uncoupled, {Onsets(coupled)} with G = 1");
        Assert.Equal(0, Onsets(alone));
        Assert.True(Onsets(coupled) >= 3);
    }
}
