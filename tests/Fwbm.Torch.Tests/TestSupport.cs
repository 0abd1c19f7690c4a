using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Numerics;
using Fwbm.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch.Tests;

internal static class TestSupport
{
    static TestSupport() => TorchRuntime.EnsureLoaded();

    public static void Init() => TorchRuntime.EnsureLoaded();

    /// <summary>The Torch tests' random connectome: short tracts (5–80 mm, small delay buffers), no centres.</summary>
    public static Connectome Random(int n, int seed, double density = 0.7, double[]? fc = null) =>
        TestConnectomes.Random(n, seed, density, maxLengthMm: 80, withCentres: false, empiricalFc: fc);

    /// <summary>The Core (scalar, double) drift of a model at one lane.</summary>
    public static double[] CoreDrift(ModelHandle m, double[] x, double[] c, double[] p) => m.Accept(new DriftVisitor(x, c, p, false));

    /// <summary>The Core (scalar, double) observables of a model at one lane.</summary>
    public static double[] CoreObserve(ModelHandle m, double[] x, double[] c, double[] p) => m.Accept(new DriftVisitor(x, c, p, true));

    private sealed class DriftVisitor(double[] x, double[] c, double[] p, bool observe) : IModelVisitor<double[]>
    {
        public double[] Visit<TModel>() where TModel : INeuralMass
        {
            var s = TModel.Spec;
            var xr = x.Select(v => new Real(v)).ToArray();
            var cr = c.Select(v => new Real(v)).ToArray();
            var pr = p.Select(v => new Real(v)).ToArray();
            if (observe)
            {
                var o = new Real[s.ObservableCount];
                TModel.Observe<Real>(xr, cr, pr, o);
                return o.Select(v => v.Value).ToArray();
            }
            var d = new Real[s.StateCount];
            TModel.Drift<Real>(xr, cr, pr, d);
            return d.Select(v => v.Value).ToArray();
        }
    }

    public static double[] Host(Tensor t) => t.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

    public static void AssertClose(double expected, double actual, double rel, double abs, string what)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual)) return;
        double tol = abs + rel * Math.Abs(expected);
        if (!(Math.Abs(expected - actual) <= tol))
            throw new Xunit.Sdk.XunitException($"{what}: expected {expected:R}, got {actual:R} (|diff| {Math.Abs(expected - actual):G3} > {tol:G3})");
    }
}
