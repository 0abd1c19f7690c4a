using Fwbm.Core.Analysis;
using Fwbm.Core.Models;
using Fwbm.Core.Numerics;
using Fwbm.Core.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Core.Tests.Models;

public class KuramotoTests(ITestOutputHelper output)
{
    private static readonly ModelHandle Model = ModelRegistry.Get("kuramoto");

    private static TimeSeries Phases(Fwbm.Core.Connectivity.Connectome conn, ParameterSet p, double durationMs, double transientMs, double dtMs = 1.0,
        double? velocity = null, ulong seed = 1, IntegratorKind integrator = IntegratorKind.Heun)
    {
        var sim = new Simulator(Model, conn, new SimulationOptions
        {
            DtMs = dtMs, DurationMs = durationMs, TransientMs = transientMs, VelocityMPerS = velocity, Integrator = integrator, Monitors = [new RawMonitorSpec(10 * dtMs)],
        });
        return sim.Run(p, seed).Get("raw:theta");
    }

    [Fact]
    public void All_to_all_with_identical_frequencies_synchronises()
    {
        // W_ij = 1/N (i ≠ j), G = K = 20 /s, ω = 2π·10 rad/s for all: the in-phase state attracts almost every initial condition
        // (phases drawn in [0, 2π)); the distance to it decays like e^{−K t}, so r ≥ 1 − 1e-6 after 4 s.
        int n = 32;
        var p = ParameterSet.Defaults(Model.Spec, coupling: 20).With("omega", 2 * Math.PI * 10);
        var theta = Phases(ModelTestUtil.AllToAll(n, 1.0 / n), p, durationMs: 1000, transientMs: 3000);
        var s = Synchrony.Compute(theta);
        double r0 = Synchrony.OrderParameter(Phases(ModelTestUtil.AllToAll(n, 1.0 / n), p, durationMs: 10, transientMs: 0))[0];
        output.WriteLine($"r at t=10 ms: {r0:F4}; r over the last second: min {s.OrderParameter.Min():F9}, mean {s.Synchrony:F9}");
        Assert.InRange(r0, 0, 0.5);                       // it did start incoherent
        Assert.InRange(s.OrderParameter.Min(), 1 - 1e-6, 1.0);
        Assert.InRange(s.Metastability, 0, 1e-6);
    }

    private static double[] NormalFrequencies(int n, double mean, double sd, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
            return mean + sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }).ToArray();
    }

    [Fact]
    public void Spread_frequencies_well_below_critical_coupling_stay_incoherent_and_well_above_lock()
    {
        // ω_j ~ N(2π·10, (2π·1)²) rad/s ⇒ g(0) = 1/(σ√(2π)), K_c = 2/(π g(0)) = σ√(8/π) ≈ 10.0 /s.
        int n = 128;
        double sigmaW = 2 * Math.PI * 1.0, kc = sigmaW * Math.Sqrt(8 / Math.PI);
        var omega = NormalFrequencies(n, 2 * Math.PI * 10, sigmaW, seed: 4);
        var conn = ModelTestUtil.AllToAll(n, 1.0 / n);
        double Mean(double k) => Synchrony.Mean(Phases(conn, ParameterSet.Defaults(Model.Spec, k).With("omega", omega), durationMs: 8000, transientMs: 2000));
        double weak = Mean(0.25 * kc), strong = Mean(4 * kc);
        output.WriteLine($"K_c = {kc:F3} /s; mean r at 0.25 K_c = {weak:F4} (1/√N = {1 / Math.Sqrt(n):F4}); at 4 K_c = {strong:F4}");
        // incoherent: r is a finite-size fluctuation of order 1/√N (random phases give E r ≈ 0.886/√N = 0.078)
        Assert.InRange(weak, 0, 2.0 / Math.Sqrt(n));
        // locked: for a Lorentzian g the N → ∞ value is √(1 − K_c/K) = 0.87; the Gaussian locks at least as strongly
        Assert.InRange(strong, 0.85, 1.0);
    }

    [Fact]
    public void Delayed_pair_locks_in_phase_at_the_frequency_of_the_delay_equation()
    {
        // Two oscillators, W_01 = W_10 = 1, delay τ = 10 ms (10 mm at 1 m/s = 100 steps of 0.1 ms). The in-phase solution θ = Ωt
        // of dθ/dt = ω + K sin(θ(t − τ) − θ(t)) has Ω = ω − K sin(Ωτ) and is stable when K cos(Ωτ) > 0. Euler–Maruyama reproduces
        // that solution exactly (Ωh = h(ω − K sin(Ω·d·h)) is the same equation), so the tolerance is round-off only. (The engine's
        // Heun holds the coupling input at its start-of-step value in both stages, as TVB does, which shifts Ω by ≈ K·h/2·Ω.)
        double omega = 2 * Math.PI * 10, k = 10, tau = 0.010;
        double big = omega;
        for (int it = 0; it < 100; it++) big -= (big - omega + k * Math.Sin(big * tau)) / (1 + k * tau * Math.Cos(big * tau));
        Assert.True(k * Math.Cos(big * tau) > 0);
        var conn = ModelTestUtil.AllToAll(2, 1.0, lengthMm: 10);
        var p = ParameterSet.Defaults(Model.Spec, k).With("omega", omega);
        var sim = new Simulator(Model, conn, new SimulationOptions
        {
            DtMs = 0.1, DurationMs = 2000, TransientMs = 3000, VelocityMPerS = 1.0, Integrator = IntegratorKind.EulerMaruyama, Monitors = [new RawMonitorSpec(1)],
        });
        Assert.Equal(100, sim.Delays[1]);
        var theta = sim.Run(p, seed: 2).Get("raw:theta");
        int last = theta.Length - 1;
        double measured = (theta[last, 0] - theta[0, 0]) / ((theta.TimeMs(last) - theta.TimeMs(0)) / 1000);
        double lag = Math.IEEERemainder(theta[last, 0] - theta[last, 1], 2 * Math.PI);
        var noDelay = Phases(conn, p, durationMs: 2000, transientMs: 3000, dtMs: 0.1, integrator: IntegratorKind.EulerMaruyama);
        double undelayed = (noDelay[noDelay.Length - 1, 0] - noDelay[0, 0]) / ((noDelay.TimeMs(noDelay.Length - 1) - noDelay.TimeMs(0)) / 1000);
        output.WriteLine($"Ω theory {big:F6} rad/s, measured {measured:F6}; phase lag {lag:E2}; without delay {undelayed:F6} (= ω {omega:F6})");
        Assert.InRange(measured, big * (1 - 1e-9), big * (1 + 1e-9));
        Assert.InRange(Math.Abs(lag), 0, 1e-6);
        Assert.InRange(undelayed, omega * (1 - 1e-9), omega * (1 + 1e-9));
    }

    [Fact]
    public void Sin_cos_channels_reproduce_the_pairwise_sine_coupling_exactly()
    {
        // drift = ω + c_sin cos θ_i − c_cos sin θ_i with c = G Σ_j W_ij (sin θ_j, cos θ_j) equals ω + G Σ_j W_ij sin(θ_j − θ_i)
        var rng = new Random(5);
        for (int trial = 0; trial < 100; trial++)
        {
            int n = 5;
            var th = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 40 - 20).ToArray();
            var w = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
            double g = 3 * rng.NextDouble(), om = 50 * rng.NextDouble();
            double cs = 0, cc = 0, direct = om;
            for (int j = 0; j < n; j++) { cs += g * w[j] * Math.Sin(th[j]); cc += g * w[j] * Math.Cos(th[j]); direct += g * w[j] * Math.Sin(th[j] - th[0]); }
            var dx = new Real[1];
            Kuramoto.Drift<Real>([th[0]], [cs, cc], [om, 0.0], dx);
            Assert.Equal(direct, dx[0].Value, 1e-12);
        }
    }
}
