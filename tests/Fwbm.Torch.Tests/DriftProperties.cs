using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Fwbm.Core.Models;
using Fwbm.Torch;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Fwbm.Torch.Tests;

/// <summary>The tensor path evaluates exactly the Core equations: Torch drift = Core drift (Real) for every registered model.</summary>
public class DriftProperties
{
    public DriftProperties() => TestSupport.Init();

    public static IEnumerable<object[]> Models => ModelRegistry.All.Select(m => new object[] { m.Name });

    /// <summary>
    /// For random states (the model's initial-condition range widened by its own width on each side), random coupling inputs and
    /// random parameters within their declared ranges (a different value per lane, as per-region tensors), the Torch drift and observables (float64,
    /// [batch 3, regions 5]) equals the Core scalar drift lane by lane within 1e-12 relative + 1e-12 absolute.
    /// </summary>
    [Property(MaxTest = 25)]
    public Property Torch_drift_equals_Core_drift(NonNegativeInt modelIndex, int seed)
    {
        var models = ModelRegistry.All;
        var m = models[modelIndex.Get % models.Count];
        CheckModel(m, seed);
        return true.ToProperty();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_model_matches_at_fixed_seeds(string name)
    {
        foreach (int seed in new[] { 1, 2, 3 }) CheckModel(ModelRegistry.Get(name), seed);
    }

    private static void CheckModel(ModelHandle m, int seed)
    {
        var s = m.Spec;
        var rng = new Random(seed);
        const int B = 3, R = 5, L = B * R;
        int NV = s.StateCount, NC = s.ChannelCount, NP = s.ParameterCount;
        double[][] x = new double[NV][], c = new double[NC][], p = new double[NP][];
        for (int v = 0; v < NV; v++)
        {
            var sv = s.StateVariables[v];
            double w = Math.Max(sv.InitMax - sv.InitMin, 1e-3);
            double lo = sv.InitMin - w, hi = sv.InitMax + w;
            if (sv.LowerBound is { } lb) lo = Math.Max(lo, lb);
            if (sv.UpperBound is { } ub) hi = Math.Min(hi, ub);
            x[v] = Enumerable.Range(0, L).Select(_ => lo + (hi - lo) * rng.NextDouble()).ToArray();
        }
        for (int k = 0; k < NC; k++) c[k] = Enumerable.Range(0, L).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        for (int k = 0; k < NP; k++)
        {
            var ps = s.Parameters[k];
            p[k] = Enumerable.Range(0, L).Select(_ => ps.Min + (ps.Max - ps.Min) * rng.NextDouble()).ToArray();
        }
        using var scope = torch.NewDisposeScope();
        TReal T(double[] a) => torch.tensor(a, [B, R], dtype: ScalarType.Float64);
        var xt = x.Select(T).ToArray(); var ct = c.Select(T).ToArray(); var pt = p.Select(T).ToArray();
        var dt = new TReal[NV];
        ModelKernel.For(m).Drift(xt, ct, pt, dt);
        var got = dt.Select(d => d.IsConstant ? Enumerable.Repeat(d.Constant, L).ToArray() : TestSupport.Host(d.Tensor.expand(B, R))).ToArray();
        var ot = new TReal[s.ObservableCount];
        ModelKernel.For(m).Observe(xt, ct, pt, ot);
        var gotObs = ot.Select(d => d.IsConstant ? Enumerable.Repeat(d.Constant, L).ToArray() : TestSupport.Host(d.Tensor.expand(B, R))).ToArray();
        for (int l = 0; l < L; l++)
        {
            var want = TestSupport.CoreDrift(m, x.Select(a => a[l]).ToArray(), c.Select(a => a[l]).ToArray(), p.Select(a => a[l]).ToArray());
            for (int v = 0; v < NV; v++)
                TestSupport.AssertClose(want[v], got[v][l], 1e-12, 1e-12, $"model {s.Name}, seed {seed}, lane {l}, d{s.StateVariables[v].Name}/dt");
            var wantObs = TestSupport.CoreObserve(m, x.Select(a => a[l]).ToArray(), c.Select(a => a[l]).ToArray(), p.Select(a => a[l]).ToArray());
            for (int k = 0; k < wantObs.Length; k++)
                TestSupport.AssertClose(wantObs[k], gotObs[k][l], 1e-12, 1e-12, $"model {s.Name}, seed {seed}, lane {l}, observable {s.Observables[k].Name}");
        }
    }
}
