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
}
