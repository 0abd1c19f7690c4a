using Fwbm.Core.Analysis;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Torch;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Fwbm.Torch.Tests;

/// <summary>Gradients through simulation + BOLD + FC agree with central finite differences.</summary>
public class GradientTests(ITestOutputHelper output)
{
    private static (TorchSimulator Sim, Tensor Target) Setup()
    {
        TestSupport.Init();
        var m = ModelRegistry.Get("hopf");
        var conn = TestSupport.Random(5, 3);
        var opts = new SimulationOptions
        {
            DtMs = 10, DurationMs = 40_000, TransientMs = 0, Integrator = IntegratorKind.Heun, VelocityMPerS = 4.0,
            Monitors = [new BoldMonitorSpec(1000) { IntegrationStepMs = 10 }],
        };
        var sim = new TorchSimulator(m, conn, opts, TorchPlacement.CpuFloat64);
        // a target FC: the FC of another run (different seed and coupling)
        var p = sim.Parameters(sim.Core.DefaultParameters(0.8).With("a", -0.05));
        using var s = sim.Run(p, [99]);
        return (sim, TorchFc.Pearson(s.Bold!).select(0, 0).detach());
    }

    private static double Loss(TorchSimulator sim, Tensor target, Tensor g, Tensor a)
    {
        using var scope = torch.NewDisposeScope();
        var p = sim.Parameters(sim.Core.DefaultParameters(0.5)).With("coupling", g).With("a", a);
        using var s = sim.Run(p, [5]);
        return TorchFc.Loss(TorchFc.Pearson(s.Bold!), target).item<double>();
    }

    /// <summary>
    /// Hopf on 5 regions with delays (Heun, dt 10 ms, 40 s, BOLD every 1 s → 40 samples), loss = 1 − FC similarity to a target FC.
    /// d(loss)/dG and d(loss)/da_r (per-region bifurcation parameter, two regions) from backpropagation agree with central
    /// differences (h = 1e-5) within 1e-5 relative (float64).
    /// </summary>
    [Fact]
    public void Gradient_of_FC_loss_matches_central_differences()
    {
        var (sim, target) = Setup();
        using var scope = torch.NewDisposeScope();
        double g0 = 0.5;
        double[] a0 = [-0.02, 0.01, -0.05, 0.03, -0.01];
        var g = torch.tensor(g0, dtype: ScalarType.Float64).requires_grad_(true);
        var a = torch.tensor(a0, dtype: ScalarType.Float64).requires_grad_(true);
        var p = sim.Parameters(sim.Core.DefaultParameters(0.5)).With("coupling", g).With("a", a);
        using (var s = sim.Run(p, [5]))
        {
            var loss = TorchFc.Loss(TorchFc.Pearson(s.Bold!), target);
            loss.backward();
        }
        double dG = g.grad!.item<double>();
        var da = TestSupport.Host(a.grad!);
        const double h = 1e-5;
        using (torch.no_grad())
        {
            double fd = (Loss(sim, target, torch.tensor(g0 + h, dtype: ScalarType.Float64), torch.tensor(a0, dtype: ScalarType.Float64))
                       - Loss(sim, target, torch.tensor(g0 - h, dtype: ScalarType.Float64), torch.tensor(a0, dtype: ScalarType.Float64))) / (2 * h);
            output.WriteLine($"dL/dG: autograd {dG:R}, central difference {fd:R}");
            Assert.True(Math.Abs(fd) > 1e-4, "the loss must depend on G for the check to mean anything");
            TestSupport.AssertClose(fd, dG, 1e-5, 1e-9, "dL/dG");
            foreach (int r in new[] { 1, 3 })
            {
                var up = (double[])a0.Clone(); up[r] += h;
                var dn = (double[])a0.Clone(); dn[r] -= h;
                double fdr = (Loss(sim, target, torch.tensor(g0, dtype: ScalarType.Float64), torch.tensor(up, dtype: ScalarType.Float64))
                            - Loss(sim, target, torch.tensor(g0, dtype: ScalarType.Float64), torch.tensor(dn, dtype: ScalarType.Float64))) / (2 * h);
                output.WriteLine($"dL/da[{r}]: autograd {da[r]:R}, central difference {fdr:R}");
                Assert.True(Math.Abs(fdr) > 1e-5, $"the loss must depend on a[{r}]");
                TestSupport.AssertClose(fdr, da[r], 1e-5, 1e-9, $"dL/da[{r}]");
            }
        }
    }

    /// <summary>The differentiable FC and FC similarity equal the Core's (1e-12).</summary>
    [Fact]
    public void Torch_FC_and_similarity_equal_Core()
    {
        TestSupport.Init();
        var rng = new Random(4);
        int T = 40, R = 6;
        var data = Enumerable.Range(0, T * R).Select(_ => rng.NextDouble()).ToArray();
        for (int t = 0; t < T; t++) data[t * R + 5] = 1.0;      // a constant region
        var core = FunctionalConnectivity.Compute(data, R);
        using var scope = torch.NewDisposeScope();
        var fc = TorchFc.Pearson(torch.tensor(data, [T, 1, R], dtype: ScalarType.Float64));
        var got = TestSupport.Host(fc.select(0, 0));
        for (int i = 0; i < R * R; i++) TestSupport.AssertClose(core[i], got[i], 1e-12, 1e-12, $"FC[{i / R},{i % R}]");
        var other = FunctionalConnectivity.Compute(data.Select((v, i) => v + Math.Sin(i)).ToArray(), R);
        double want = FcSimilarity.Compute(core, other, R);
        double sim = TorchFc.Similarity(fc, torch.tensor(other, [R, R], dtype: ScalarType.Float64)).item<double>();
        TestSupport.AssertClose(want, sim, 1e-12, 1e-12, "FC similarity");
    }

    // ------------------------------------------------------------------ every model, both integrators, and a truncated window

    /// <summary>The per-region parameter checked for each model (one that acts on the dynamics directly).</summary>
    private static readonly Dictionary<string, string> Regional = new()
    {
        ["wilson_cowan"] = "c_ee", ["dmf"] = "w_p", ["jansen_rit"] = "A", ["kuramoto"] = "omega", ["epileptor2d"] = "x0", ["hopf"] = "a",
    };

    public static IEnumerable<object[]> ModelCases() =>
        from m in ModelRegistry.All
        where m.Name != "hopf"   // Hopf is checked above through BOLD and FC
        from integ in new[] { IntegratorKind.EulerMaruyama, IntegratorKind.Heun }
        select new object[] { m.Name, integ };

    /// <summary>L = Σ w·x over every raw sample of every state variable (a fixed random weighting: smooth in the parameters).</summary>
    private static Tensor Objective(TorchSimulator sim, TorchParameters p, Tensor w)
    {
        using var s = sim.Run(p, [5]);
        var x = torch.stack(sim.Model.StateVariables.Select(v => s.Raw[$"raw:{v.Name}"]).ToArray());   // [vars, samples, 1, regions]
        return (x * w).sum().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Every other model on 4 regions with delays (conduction 4 steps and more), Euler–Maruyama and Heun, 300 steps at the model's
    /// default dt with its default noise (the same seed in every run, so the objective is a deterministic function of the parameters),
    /// objective L = Σ w·x over all raw states: dL/dG and dL/dp_r for a per-region parameter p (region 1) from backpropagation agree with
    /// central differences within 1e-5 relative (float64).
    /// </summary>
    [Theory]
    [MemberData(nameof(ModelCases))]
    public void Gradient_matches_central_differences_for_every_model(string model, IntegratorKind integrator)
    {
        TestSupport.Init();
        var m = ModelRegistry.Get(model);
        var conn = TestSupport.Random(4, 7);
        double dt = m.Spec.DefaultDtMs;
        var sim = new TorchSimulator(m, conn, new SimulationOptions
        {
            DtMs = dt, DurationMs = 300 * dt, Integrator = integrator, VelocityMPerS = 80.0 / (20 * dt), Monitors = [new RawMonitorSpec(dt)],
        }, TorchPlacement.CpuFloat64);
        Assert.True(sim.Core.HasDelays);
        string name = Regional.TryGetValue(model, out var n) ? n : m.Spec.Parameters.First(q => q.Name != "sigma").Name;
        var spec = m.Spec.Parameters[m.Spec.IndexOf(name)];
        double g0 = m.Spec.DefaultCoupling == CouplingKind.Diffusive ? 0.3 : 0.05;
        var p0 = Enumerable.Range(0, 4).Select(r => spec.Default * (1 + 0.02 * (r - 1.5))).ToArray();
        using var scope = torch.NewDisposeScope();
        var rng = new Random(1);
        var w = torch.tensor(Enumerable.Range(0, m.Spec.StateCount * 300 * 4).Select(_ => rng.NextDouble() - 0.5).ToArray(),
            [m.Spec.StateCount, 300, 1, 4], dtype: ScalarType.Float64);
        var baseP = sim.Parameters(sim.Core.DefaultParameters(g0));
        double L(double g, double[] pv) { using var _ = torch.no_grad(); using var sc = torch.NewDisposeScope();
            return Objective(sim, baseP.With("coupling", torch.tensor(g, dtype: ScalarType.Float64)).With(name, torch.tensor(pv, dtype: ScalarType.Float64)), w).item<double>(); }

        var gt = torch.tensor(g0, dtype: ScalarType.Float64).requires_grad_(true);
        var pt = torch.tensor(p0, dtype: ScalarType.Float64).requires_grad_(true);
        var loss = Objective(sim, baseP.With("coupling", gt).With(name, pt), w);
        double l0 = loss.item<double>();
        loss.backward();
        double dG = gt.grad!.item<double>(), dP = TestSupport.Host(pt.grad!)[1];

        double hG = 1e-6, hP = 1e-6 * Math.Max(1, Math.Abs(p0[1]));
        double fdG = (L(g0 + hG, p0) - L(g0 - hG, p0)) / (2 * hG);
        var up = (double[])p0.Clone(); up[1] += hP;
        var dn = (double[])p0.Clone(); dn[1] -= hP;
        double fdP = (L(g0, up) - L(g0, dn)) / (2 * hP);
        output.WriteLine($"{model} {integrator}: L = {l0:G6}; dL/dG autograd {dG:G10} vs FD {fdG:G10}; dL/d{name}[1] autograd {dP:G10} vs FD {fdP:G10}");
        // the check must mean something: both derivatives are well above the finite-difference rounding (≈ |L|·1e-16/h = |L|·1e-10)
        double noise = 1e-10 * Math.Max(1, Math.Abs(l0));
        Assert.True(Math.Abs(fdG) > 1e3 * noise, $"dL/dG = {fdG:G3} is too small to check");
        Assert.True(Math.Abs(fdP) > 1e3 * noise / Math.Max(1, Math.Abs(p0[1])), $"dL/d{name} = {fdP:G3} is too small to check");
        TestSupport.AssertClose(fdG, dG, 1e-5, noise, $"{model} {integrator} dL/dG");
        TestSupport.AssertClose(fdP, dP, 1e-5, noise / Math.Max(1, Math.Abs(p0[1])), $"{model} {integrator} dL/d{name}[1]");
    }

    /// <summary>
    /// Truncated backpropagation: the fit detaches the state between windows, so the gradient of window 2's loss is the derivative of
    /// the <em>windowed objective</em> — window 2's FC loss as a function of G with window 2's starting state held fixed (computed with
    /// the unperturbed G). The finite differences here are of exactly that objective (window 1 always simulated with G₀, window 2 with
    /// G₀ ± h), not of the whole-run loss; they agree within 1e-5 relative. The full-BPTT derivative of the same loss (no detach) differs,
    /// which shows the check distinguishes the two.
    /// </summary>
    [Fact]
    public void Truncated_window_gradient_matches_central_differences_of_the_windowed_objective()
    {
        var (sim, target) = Setup();
        using var scope = torch.NewDisposeScope();
        double g0 = 0.5;
        long w1 = 1200, w2 = 1200;   // 12 s each: 12 BOLD samples per window
        var baseP = sim.Parameters(sim.Core.DefaultParameters(g0));
        double Window2(Tensor g, bool detach, out Tensor loss)
        {
            var state = sim.Initial(baseP, [5]);
            var p1 = detach ? baseP : baseP.With("coupling", g);
            using (var s1 = sim.Advance(state, p1, w1)) { }
            if (detach) state.Detach();
            using var s2 = sim.Advance(state, baseP.With("coupling", g), w2);
            loss = TorchFc.Loss(TorchFc.Pearson(s2.Bold!), target).MoveToOuterDisposeScope();
            state.Dispose();
            return loss.item<double>();
        }
        var gt = torch.tensor(g0, dtype: ScalarType.Float64).requires_grad_(true);
        Window2(gt, detach: true, out var lw);
        lw.backward();
        double dWindowed = gt.grad!.item<double>();
        var gf = torch.tensor(g0, dtype: ScalarType.Float64).requires_grad_(true);
        Window2(gf, detach: false, out var lf);
        lf.backward();
        double dFull = gf.grad!.item<double>();
        const double h = 1e-5;
        double fd;
        using (torch.no_grad())
            fd = (Window2(torch.tensor(g0 + h, dtype: ScalarType.Float64), true, out _) - Window2(torch.tensor(g0 - h, dtype: ScalarType.Float64), true, out _)) / (2 * h);
        output.WriteLine($"window 2: truncated-BPTT dL/dG {dWindowed:R}, central difference of the windowed objective {fd:R}, full BPTT {dFull:R}");
        Assert.True(Math.Abs(fd) > 1e-4, "the window's loss must depend on G");
        TestSupport.AssertClose(fd, dWindowed, 1e-5, 1e-9, "windowed dL/dG");
        Assert.True(Math.Abs(dFull - dWindowed) > 1e-3 * Math.Abs(dWindowed), $"full BPTT {dFull} should differ from the truncated gradient {dWindowed}");
    }
}
