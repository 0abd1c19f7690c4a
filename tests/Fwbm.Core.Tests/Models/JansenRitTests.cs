using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Numerics;
using Fwbm.Core.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Core.Tests.Models;

public class JansenRitTests(ITestOutputHelper output)
{
    private static readonly ModelHandle Model = ModelRegistry.Get("jansen_rit");

    private static double[] Eeg(ParameterSet p, double durationMs, double transientMs, double dtMs = 0.1, ulong seed = 1)
    {
        var sim = new Simulator(Model, ModelTestUtil.Uncoupled(1), new SimulationOptions { DtMs = dtMs, DurationMs = durationMs, TransientMs = transientMs, Monitors = [new RawMonitorSpec(1.0, ["eeg"])] });
        return sim.Run(p, seed).Get("raw:eeg").Region(0);
    }

    [Fact]
    public void Default_input_gives_an_alpha_rhythm()
    {
        // Jansen & Rit 1995: p = 120–320 Hz produces alpha. Deterministic p = 220 Hz sits on the alpha limit cycle; with a noisy
        // input the spectral peak stays in the alpha band.
        var p = ParameterSet.Defaults(Model.Spec);
        var eeg = Eeg(p, durationMs: 4000, transientMs: 2000);
        double fCross = ModelTestUtil.CrossingFrequencyHz(eeg, 1.0), fPeak = ModelTestUtil.DftPeakHz(eeg, 1.0, 1, 40);
        var noisy = Eeg(p.With("sigma", 0.05), durationMs: 8000, transientMs: 1000);
        double fNoisy = ModelTestUtil.DftPeakHz(noisy, 1.0, 1, 40);
        output.WriteLine($"y1−y2 in [{eeg.Min():F3}, {eeg.Max():F3}] mV; crossings {fCross:F3} Hz, DFT peak {fPeak:F2} Hz; noisy input: peak {fNoisy:F2} Hz");
        Assert.InRange(fCross, 8, 13);
        Assert.InRange(fPeak, fCross - 0.1, fCross + 0.1);
        Assert.InRange(eeg.Max() - eeg.Min(), 1, 10);
        Assert.InRange(fNoisy, 8, 13);
    }

    // the sigmoid and steady-state equations written out independently of the model file (defaults: JR 1995 / TVB)
    private const double A = 3.25, B = 22, a = 0.1, b = 0.05, V0 = 6.0, E0 = 0.0025, R = 0.56, C = 135, A1 = 1, A2 = 0.8, A3 = 0.25, A4 = 0.25;
    private static double S(double v) => 2 * E0 / (1 + Math.Exp(R * (V0 - v)));

    [Fact]
    public void Low_input_settles_on_an_analytic_fixed_point()
    {
        // With dy/dt = 0: y0 = (A/a) S(v), y1 = (A/a)(μ + α₂C S(α₁C y0)), y2 = (B/b) α₄C S(α₃C y0), v = y1 − y2: one equation in v.
        double mu = 0.09;
        double Residual(double v) { double y0 = A / a * S(v); return A / a * (mu + A2 * C * S(A1 * C * y0)) - B / b * A4 * C * S(A3 * C * y0) - v; }
        var roots = new List<double>();
        for (double v = -30; v < 30; v += 0.01)
            if (Math.Sign(Residual(v)) != Math.Sign(Residual(v + 0.01)))
            {
                double lo = v, hi = v + 0.01;
                for (int it = 0; it < 80; it++) { double m = 0.5 * (lo + hi); if (Math.Sign(Residual(m)) == Math.Sign(Residual(lo))) lo = m; else hi = m; }
                roots.Add(0.5 * (lo + hi));
            }
        var eeg = Eeg(ParameterSet.Defaults(Model.Spec).With("mu", mu), durationMs: 20, transientMs: 3000);
        double nearest = roots.MinBy(r => Math.Abs(r - eeg[^1]));
        output.WriteLine($"fixed points v = {string.Join(", ", roots.Select(r => r.ToString("F8")))}; simulated {eeg[^1]:F8} (spread {eeg.Max() - eeg.Min():E1})");
        Assert.Equal(nearest, eeg[^1], 1e-8);
        Assert.InRange(eeg.Max() - eeg.Min(), 0, 1e-8);
    }

    [Fact]
    public void Network_input_is_TVBs_sigmoidal_jansen_rit_coupling_of_y1_minus_y2()
    {
        // one-way 0 → 1 with weight 0.7 and G = 2; reference: a hand-written Euler loop with c_1 = G·w·σ(y1_0 − y2_0),
        // σ(v) = 2·0.0025/(1 + exp(0.56 (6 − v))), using the model's own Drift for the local dynamics.
        var w = new double[4]; w[1 * 2 + 0] = 0.7;
        var conn = new Connectome(w, ["A", "B"]);
        double g = 2.0, h = 0.1;
        var init = new double[] { 0.1, 0.05, 12, 8, 3, 2, 0.01, -0.02, 0.05, 0.03, 0.1, -0.1 }; // [variable][region]
        var sim = new Simulator(Model, conn, new SimulationOptions { DtMs = h, DurationMs = 500, Integrator = IntegratorKind.EulerMaruyama, InitialState = init, Monitors = [new RawMonitorSpec(h)] });
        Assert.Equal(Model.Spec.DefaultCouplingSpec, sim.Coupling);
        Assert.Equal(CouplingKind.Sigmoidal, sim.Coupling.Kind);
        var p = ParameterSet.Defaults(Model.Spec, g);
        var res = sim.Run(p, 0);
        var pv = Enumerable.Range(0, Model.Spec.ParameterCount).Select(k => (Real)p[k].Scalar).ToArray();
        var x = new double[2][] { Enumerable.Range(0, 6).Select(v => init[v * 2]).ToArray(), Enumerable.Range(0, 6).Select(v => init[v * 2 + 1]).ToArray() };
        double maxErr = 0;
        for (int n = 0; n < 5000; n++)
        {
            double sigma0 = 2 * 0.0025 / (1 + Math.Exp(0.56 * (6.0 - (x[0][1] - x[0][2]))));
            var c = new[] { 0.0, g * 0.7 * sigma0 };
            var next = new double[2][];
            for (int r = 0; r < 2; r++)
            {
                var dx = new Real[6];
                JansenRit.Drift<Real>(x[r].Select(v => (Real)v).ToArray(), [c[r]], pv, dx);
                next[r] = Enumerable.Range(0, 6).Select(v => x[r][v] + h * dx[v].Value).ToArray();
            }
            x = next;
            for (int v = 0; v < 6; v++)
                for (int r = 0; r < 2; r++)
                    maxErr = Math.Max(maxErr, Math.Abs(res.Get($"raw:y{v}")[n, r] - x[r][v]) / (1 + Math.Abs(x[r][v])));
        }
        output.WriteLine($"max relative deviation from the reference loop over 5000 steps: {maxErr:E2}");
        Assert.InRange(maxErr, 0, 1e-9);
        // and the coupling matters: region 1 differs from an uncoupled run
        var alone = new Simulator(Model, conn, new SimulationOptions { DtMs = h, DurationMs = 500, Integrator = IntegratorKind.EulerMaruyama, InitialState = init, Monitors = [new RawMonitorSpec(h)] })
            .Run(ParameterSet.Defaults(Model.Spec, 0), 0).Get("raw:y1");
        Assert.True(Math.Abs(alone[4999, 1] - res.Get("raw:y1")[4999, 1]) > 0.1);
    }
}
