using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Fwbm.Torch.Tests;

/// <summary>
/// The two ways the Torch simulator reads delayed coupling from its time-major history — the gather of R·R rows (small batches) and
/// the sparse product over the history (large batches) — compute the same trajectories and the same gradients.
/// </summary>
public class DelayCouplingTests(ITestOutputHelper output)
{
    private static TorchSimulator Sim(string model, int regions, int sparseFromBatch, double velocity = 0)
    {
        TestSupport.Init();
        var m = ModelRegistry.Get(model);
        double dt = m.Spec.DefaultDtMs;
        var sim = new TorchSimulator(m, TestSupport.Random(regions, 11), new SimulationOptions
        {
            DtMs = dt, DurationMs = 200 * dt, Integrator = IntegratorKind.Heun, VelocityMPerS = velocity > 0 ? velocity : 80.0 / (20 * dt),
            Monitors = [new RawMonitorSpec(dt)],
        }, TorchPlacement.CpuFloat64) { SparseCouplingFromBatch = sparseFromBatch };
        Assert.True(sim.Core.HasDelays);
        return sim;
    }

    /// <summary>
    /// Every model, Heun with its default noise and delays of 4 steps and more, a batch of 3 members with different couplings: every raw
    /// state of every step agrees between the gather and the sparse product within 1e-12 relative (float64; the two sum the same
    /// products in different orders).
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Sparse_and_gather_coupling_give_the_same_trajectory(string model)
    {
        var gather = Sim(model, 6, int.MaxValue);
        var sparse = Sim(model, 6, 1);
        double g0 = ModelRegistry.Get(model).Spec.DefaultCoupling == CouplingKind.Diffusive ? 0.3 : 0.05;
        var sets = new[] { 0.5, 1.0, 1.5 }.Select(f => gather.Core.DefaultParameters(g0 * f)).ToArray();
        using var scope = torch.NewDisposeScope();
        using var a = gather.Run(gather.Parameters(sets), [1, 2, 3]);
        using var b = sparse.Run(sparse.Parameters(sets), [1, 2, 3]);
        int checkedValues = 0;
        foreach (var (key, ta) in a.Raw)
        {
            var x = TestSupport.Host(ta);
            var y = TestSupport.Host(b.Raw[key]);
            Assert.Equal(x.Length, y.Length);
            double scale = x.Max(Math.Abs);
            for (int i = 0; i < x.Length; i++) TestSupport.AssertClose(x[i], y[i], 1e-12, 1e-12 * scale, $"{model} {key}[{i}]");
            checkedValues += x.Length;
        }
        Assert.True(checkedValues >= 200 * 3 * 6, $"{checkedValues} values compared");
    }

    public static IEnumerable<object[]> Models() => ModelRegistry.All.Select(m => new object[] { m.Name });

    /// <summary>
    /// A finite-difference check of the sparse path's backward pass: DMF and Wilson–Cowan on 5 regions with delays, a batch of 2, Heun
    /// with noise (fixed seeds), L = Σ w·x over every raw state: dL/dG from backpropagation through the sparse product agrees with central
    /// differences (h = 1e-6) within 1e-5 relative, and equals the gather path's gradient within 1e-10 relative.
    /// </summary>
    [Theory]
    [InlineData("dmf")]
    [InlineData("wilson_cowan")]
    public void Sparse_coupling_gradient_matches_central_differences(string model)
    {
        var sparse = Sim(model, 5, 1);
        var gather = Sim(model, 5, int.MaxValue);
        const double g0 = 0.05;
        using var scope = torch.NewDisposeScope();
        var spec = sparse.Model;
        var rng = new Random(3);
        var w = torch.tensor(Enumerable.Range(0, spec.StateCount * 200 * 2 * 5).Select(_ => rng.NextDouble() - 0.5).ToArray(),
            [spec.StateCount, 200, 2, 5], dtype: ScalarType.Float64);
        var sets = new[] { sparse.Core.DefaultParameters(g0), sparse.Core.DefaultParameters(g0) };
        Tensor Objective(TorchSimulator sim, Tensor g)
        {
            using var s = sim.Run(sim.Parameters(sets).With("coupling", g), [7, 8]);
            var x = torch.stack(spec.StateVariables.Select(v => s.Raw[$"raw:{v.Name}"]).ToArray());   // [vars, samples, 2, regions]
            return (x * w).sum().MoveToOuterDisposeScope();
        }
        double L(double g) { using var _ = torch.no_grad(); using var sc = torch.NewDisposeScope(); return Objective(sparse, torch.tensor(g, dtype: ScalarType.Float64)).item<double>(); }
        double Grad(TorchSimulator sim)
        {
            var gt = torch.tensor(g0, dtype: ScalarType.Float64).requires_grad_(true);
            Objective(sim, gt).backward();
            return gt.grad!.item<double>();
        }
        double dSparse = Grad(sparse), dGather = Grad(gather);
        double h = 1e-6, l0 = L(g0);
        double fd = (L(g0 + h) - L(g0 - h)) / (2 * h);
        output.WriteLine($"{model}: L = {l0:G6}; dL/dG sparse {dSparse:G12}, gather {dGather:G12}, FD {fd:G12}");
        double noise = 1e-10 * Math.Max(1, Math.Abs(l0));
        Assert.True(Math.Abs(fd) > 1e3 * noise, $"dL/dG = {fd:G3} is too small to check");
        TestSupport.AssertClose(fd, dSparse, 1e-5, noise, $"{model} dL/dG (sparse) vs FD");
        TestSupport.AssertClose(dGather, dSparse, 1e-10, 1e-14, $"{model} dL/dG sparse vs gather");
    }
}
