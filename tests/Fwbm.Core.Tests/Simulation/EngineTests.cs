using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Simulation;

public class EngineTests
{
    [Theory]
    [InlineData(IntegratorKind.EulerMaruyama, 1.0)]
    [InlineData(IntegratorKind.Heun, 2.0)]
    public void Integrators_show_their_convergence_order_on_a_linear_ode(IntegratorKind scheme, double order)
    {
        // dx/dt = −λx, x(0) = 1  ⇒  x(T) = e^{−λT}
        double lambda = 0.3, T = 10;
        var conn = new Connectome([0.0], ["A"]);
        double Error(double dt)
        {
            var sim = new Simulator(Relay.Handle, conn, new SimulationOptions { DtMs = dt, DurationMs = T, Integrator = scheme, InitialState = [1.0], Monitors = [new RawMonitorSpec(T)] });
            var x = sim.Run(ParameterSet.Defaults(Relay.Spec).With("k", lambda)).Get("raw:x");
            return Math.Abs(x[0, 0] - Math.Exp(-lambda * T));
        }
        double e1 = Error(0.1), e2 = Error(0.05), e3 = Error(0.025);
        Assert.InRange(Math.Log2(e1 / e2), order - 0.05, order + 0.05);
        Assert.InRange(Math.Log2(e2 / e3), order - 0.05, order + 0.05);
    }

    [Theory]
    [InlineData(IntegratorKind.EulerMaruyama, 1.0)]
    [InlineData(IntegratorKind.Heun, 2.0)]
    public void Integrators_keep_their_order_on_a_coupled_network_without_delays(IntegratorKind scheme, double order)
    {
        // x0' = −k x0 + g x1, x1' = −k x1 + g x0, x(0) = (1, 0)  ⇒  x0 = e^{−kt} cosh(gt), x1 = e^{−kt} sinh(gt).
        // The coupling is part of the right-hand side: Heun must evaluate it at the predictor too to stay second order.
        double k = 0.3, g = 0.8, T = 5;
        var conn = new Connectome([0.0, 1.0, 1.0, 0.0], ["A", "B"]);
        double Error(double dt)
        {
            var sim = new Simulator(Relay.Handle, conn, new SimulationOptions { DtMs = dt, DurationMs = T, Integrator = scheme, InitialState = [1.0, 0.0], Monitors = [new RawMonitorSpec(T)] });
            var x = sim.Run(ParameterSet.Defaults(Relay.Spec, coupling: g).With("k", k)).Get("raw:x");
            return Math.Abs(x[0, 0] - Math.Exp(-k * T) * Math.Cosh(g * T)) + Math.Abs(x[0, 1] - Math.Exp(-k * T) * Math.Sinh(g * T));
        }
        double e1 = Error(0.1), e2 = Error(0.05), e3 = Error(0.025);
        Assert.InRange(Math.Log2(e1 / e2), order - 0.05, order + 0.05);
        Assert.InRange(Math.Log2(e2 / e3), order - 0.05, order + 0.05);
    }

    [Theory]
    [InlineData(IntegratorKind.EulerMaruyama, 1.0, 1, false)]
    [InlineData(IntegratorKind.Heun, 2.0, 1, false)]
    [InlineData(IntegratorKind.Heun, 2.0, 5, false)]
    [InlineData(IntegratorKind.Heun, 2.0, 1, true)]
    [InlineData(IntegratorKind.Heun, 2.0, 5, true)]
    public void Integrators_keep_their_order_with_delays(IntegratorKind scheme, double order, int batch, bool selfLoops)
    {
        // x_i' = −k x_i + g Σ_j W_ij x_j(t − τ_ij), τ = 1 ms between regions (10, 20, 40 steps) and, with self loops, an undelayed
        // W_ii (length 0: the corrector then needs every predictor first). Constant initial history; the delay is a whole number of
        // steps at every dt, so the derivative's kinks at t = 0, τ, 2τ… fall on the grid. Reference: the same scheme at dt/64.
        double k = 0.3, g = 0.6, T = 6;
        var w = new double[] { selfLoops ? 0.5 : 0, 1.0, 0.7, 1.0, selfLoops ? 0.3 : 0, 0.2, 0.4, 0.9, 0 };
        var len = new double[] { 0, 1, 1, 1, 0, 1, 1, 1, 0 };
        var conn = new Connectome(w, ["A", "B", "C"], len);
        double[] At(double dt)
        {
            var sim = new Simulator(Relay.Handle, conn, new SimulationOptions { DtMs = dt, DurationMs = T, Integrator = scheme, VelocityMPerS = 1, InitialState = [1.0, 0.0, -0.5], Monitors = [new RawMonitorSpec(T)] });
            Assert.Equal(selfLoops, sim.HasInstantaneousCoupling);
            var reqs = Enumerable.Range(0, batch).Select(b => new SimulationRequest(ParameterSet.Defaults(Relay.Spec, coupling: g).With("k", k + 0.01 * b), 0)).ToArray();
            var x = sim.RunBatch(reqs)[0].Get("raw:x");
            return [x[0, 0], x[0, 1], x[0, 2]];
        }
        var reference = At(0.1 / 64);
        double Error(double dt) => At(dt).Zip(reference, (a, b) => Math.Abs(a - b)).Sum();
        double e1 = Error(0.1), e2 = Error(0.05), e3 = Error(0.025);
        Assert.InRange(Math.Log2(e1 / e2), order - 0.1, order + 0.1);
        Assert.InRange(Math.Log2(e2 / e3), order - 0.1, order + 0.1);
    }

    [Fact]
    public void Ornstein_uhlenbeck_noise_has_the_stationary_variance_sigma2_over_2k()
    {
        // dx = −k x dt + σ dW  ⇒  Var = σ²/(2k) (Euler–Maruyama at k·dt = 0.01 biases it by ~0.5 %)
        double k = 0.1, sigma = 0.2, dt = 0.1;
        int n = 64;
        var conn = new Connectome(new double[n * n], Enumerable.Range(0, n).Select(i => $"R{i}").ToArray());
        var sim = new Simulator(Relay.Handle, conn, new SimulationOptions
        {
            DtMs = dt, DurationMs = 20000, TransientMs = 100, Integrator = IntegratorKind.EulerMaruyama, InitialState = new double[n],
            Monitors = [new RawMonitorSpec(10)],
        });
        var x = sim.Run(ParameterSet.Defaults(Relay.Spec).With("k", k).With("sigma", sigma), seed: 42).Get("raw:x");
        double s = 0, ss = 0; int m = x.Data.Length;
        foreach (var v in x.Data) { s += v; ss += v * v; }
        double variance = ss / m - (s / m) * (s / m);
        double expected = sigma * sigma / (2 * k) / (1 - k * dt / 2); // exact EM stationary variance
        Assert.InRange(variance / expected, 0.95, 1.05);
        Assert.InRange(Math.Abs(s / m), 0, 0.05);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_pulse_reaches_the_target_exactly_round_L_over_v_dt_steps_later(int batch)
    {
        // region 0 → region 1 only, length 12.34 mm at 2 m/s, dt 0.1 ms: 61.7 → 62 steps
        var w = new double[9]; var len = new double[9];
        w[1 * 3 + 0] = 1.0; len[1 * 3 + 0] = 12.34;
        for (int k = 0; k < 9; k++) if (len[k] == 0 && k % 4 != 0) len[k] = 40;
        var conn = new Connectome(w, ["A", "B", "C"], len);
        var sim = new Simulator(Relay.Handle, conn, new SimulationOptions
        {
            DtMs = 0.1, DurationMs = 30, VelocityMPerS = 2.0, Integrator = IntegratorKind.EulerMaruyama, InitialState = new double[3],
            Stimulus = new PulseStimulus("x", [0], OnsetMs: 10, WidthMs: 0.1, Amplitude: 1.0), Monitors = [new RawMonitorSpec(0.1)],
        });
        Assert.Equal(62, sim.Delays[1 * 3 + 0]);
        var p = ParameterSet.Defaults(Relay.Spec, coupling: 1.0);
        var results = sim.RunBatch(Enumerable.Range(0, batch).Select(b => new SimulationRequest(p, (ulong)b)).ToArray());
        foreach (var r in results)
        {
            var x = r.Get("raw:x");
            int First(int reg) { for (int t = 0; t < x.Length; t++) if (x[t, reg] != 0) return t; return -1; }
            int src = First(0), dst = First(1);
            Assert.Equal(100, src); // sample t holds the state after step t+1; the pulse acts in step 100 (t = 10 ms)
            // the input reaches B 62 steps after A changed; B's state moves one integration step later
            Assert.Equal(src + 62 + 1, dst);
            Assert.Equal(-1, First(2));
        }
    }

    [Fact]
    public void Blow_up_names_step_region_and_parameter_set()
    {
        var conn = new Connectome(new double[4], ["A", "B"]);
        var sim = new Simulator(Relay.Handle, conn, new SimulationOptions { DtMs = 1, DurationMs = 10000, InitialState = [1, 1], Monitors = [] });
        var ok = ParameterSet.Defaults(Relay.Spec);
        var bad = ok.With("k", new[] { 0.0, -50.0 });
        var e = Assert.Throws<SimulationDivergedException>(() => sim.RunBatch([new(ok, 0), new(bad, 0)]));
        Assert.Equal(1, e.ParameterSet);
        Assert.Equal(1, e.Region);
        Assert.Equal("B", e.RegionLabel);
        // Heun multiplies x by 1 + 50 + 50·51/2 = 1301 per step: overflow when 1301^n > 1.8e308, n = 709.8 / ln 1301 ≈ 99
        Assert.InRange(e.Step, 98, 101);
        Assert.Contains("region 1 ('B')", e.Message);
        Assert.Contains("parameter set 1", e.Message);
    }

    [Fact]
    public void Bad_options_are_clear_errors()
    {
        var conn = TestConnectomes.Random(4, 1);
        var hopf = ModelRegistry.Get("hopf");
        Assert.Contains("max dt", Assert.Throws<FwbmException>(() => new Simulator(hopf, conn, new SimulationOptions { DtMs = 500 })).Message);
        Assert.Contains("velocity", Assert.Throws<FwbmException>(() => new Simulator(hopf, conn, new SimulationOptions { VelocityMPerS = 0 })).Message);
        Assert.Contains("whole number", Assert.Throws<FwbmException>(() => new Simulator(hopf, conn, new SimulationOptions { DtMs = 0.3, DurationMs = 1000 })).Message);
        var sim = new Simulator(hopf, conn, new SimulationOptions { DtMs = 1, DurationMs = 2000 });
        var e = Assert.Throws<FwbmException>(() => sim.Run(sim.DefaultParameters().With("a", new double[] { 0, 0, 0 })));
        Assert.Contains("3 per-region values", e.Message);
        Assert.Contains("no parameter 'b'", Assert.Throws<FwbmException>(() => sim.DefaultParameters().With("b", 1.0)).Message);
        Assert.Contains("outside its valid range", Assert.Throws<FwbmException>(() => sim.DefaultParameters().With("a", 99999.0)).Message);
        Assert.Contains("TR", Assert.Throws<FwbmException>(() => new Simulator(hopf, conn, new SimulationOptions { DtMs = 1, DurationMs = 100, Monitors = [new BoldMonitorSpec(720)] })
            .Run(sim.DefaultParameters())).Message);
    }
}
