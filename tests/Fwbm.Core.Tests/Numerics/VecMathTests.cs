using System.Numerics;
using FsCheck;
using FsCheck.Xunit;
using Fwbm.Core.Numerics;
using Xunit;

namespace Fwbm.Core.Tests.Numerics;

public class VecMathTests
{
    private static double Ulps(double got, double want)
    {
        if (got == want) return 0;
        double ulp = Math.Max(Math.BitIncrement(Math.Abs(want)) - Math.Abs(want), double.Epsilon);
        return Math.Abs(got - want) / ulp;
    }

    private static double[] Apply(Func<Vector<double>, Vector<double>> f, double[] x)
    {
        int w = Vector<double>.Count;
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i += w) f(new Vector<double>(x, i)).CopyTo(y, i);
        return y;
    }

    [Theory]
    [InlineData("exp", -745.0, 709.7)]
    [InlineData("exp", -20.0, 20.0)]
    [InlineData("log", 1e-300, 1e300)]
    [InlineData("log", 0.001, 10.0)]
    [InlineData("sin", -10.0, 10.0)]
    [InlineData("cos", -10.0, 10.0)]
    [InlineData("sin", -1e5, 1e5)]
    [InlineData("cos", 0.0, 6.283185307179586)]
    public void Within_2_ulp_of_the_system_libm(string fn, double lo, double hi)
    {
        var rng = new Random(3);
        int n = 1 << 16;
        var x = new double[n];
        bool logScale = fn == "log" && hi / lo > 1e6;
        for (int i = 0; i < n; i++) x[i] = logScale ? Math.Exp(Math.Log(lo) + (Math.Log(hi) - Math.Log(lo)) * rng.NextDouble()) : lo + (hi - lo) * rng.NextDouble();
        Func<Vector<double>, Vector<double>> f = fn switch { "exp" => VecMath.Exp, "log" => VecMath.Log, "sin" => v => VecMath.SinCos(v).Sin, _ => v => VecMath.SinCos(v).Cos };
        Func<double, double> g = fn switch { "exp" => Math.Exp, "log" => Math.Log, "sin" => Math.Sin, _ => Math.Cos };
        var y = Apply(f, x);
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            double want = g(x[i]);
            // near zeros of sin/cos the relative error is meaningless: compare absolutely there (|y| < 1e-3)
            double err = (fn is "sin" or "cos") && Math.Abs(want) < 1e-3 ? Math.Abs(y[i] - want) / 1.1e-16 : Ulps(y[i], want);
            worst = Math.Max(worst, err);
        }
        Assert.InRange(worst, 0, 2.0);
    }

    /// <summary>A vector holding <paramref name="v"/> in its first lanes (the rest repeat the last value), for any vector width.</summary>
    private static Vector<double> V(params double[] v) =>
        new(Enumerable.Range(0, Vector<double>.Count).Select(i => v[Math.Min(i, v.Length - 1)]).ToArray());

    [Fact]
    public void Special_values()
    {
        var e = VecMath.Exp(V(0, -800, 800, double.NaN));
        Assert.Equal(1.0, e[0]); Assert.Equal(0.0, e[1]); Assert.Equal(double.PositiveInfinity, e[2]); Assert.True(double.IsNaN(e[3]));
        var l = VecMath.Log(V(1, 0, -1, double.PositiveInfinity));
        Assert.Equal(0.0, l[0]); Assert.Equal(double.NegativeInfinity, l[1]); Assert.True(double.IsNaN(l[2])); Assert.Equal(double.PositiveInfinity, l[3]);
        Assert.Equal(Math.Log(5e-324), VecMath.Log(new Vector<double>(5e-324))[0], 12);
        var (s, c) = VecMath.SinCos(V(0, Math.PI / 2, double.PositiveInfinity, -Math.PI));
        Assert.Equal(0.0, s[0]); Assert.Equal(1.0, c[0]); Assert.Equal(1.0, s[1]); Assert.True(double.IsNaN(s[2])); Assert.Equal(-1.0, c[3]);
    }

    /// <summary>A lane's result never depends on the other lanes (the BCL's Vector.SinCos and Vector.Exp fail this).</summary>
    [Property(MaxTest = 300)]
    public bool Each_lane_depends_on_its_own_input_only(NormalFloat a, NormalFloat b, NormalFloat c, NormalFloat d, NormalFloat probe)
    {
        int w = Vector<double>.Count;
        double p = probe.Get % 50;
        var mixed = new double[w];
        double[] others = [a.Get % 800, b.Get % 800, c.Get % 1e4, d.Get];
        for (int k = 0; k < w; k++) mixed[k] = others[k % 4];
        mixed[w - 1] = p;
        var alone = new Vector<double>(p); var v = new Vector<double>(mixed);
        bool Same(double x, double y) => x.Equals(y);
        return Same(VecMath.Exp(v)[w - 1], VecMath.Exp(alone)[0])
            && Same(VecMath.Log(Vector.Abs(v))[w - 1], VecMath.Log(Vector.Abs(alone))[0])
            && Same(VecMath.SinCos(v).Sin[w - 1], VecMath.SinCos(alone).Sin[0])
            && Same(VecMath.SinCos(v).Cos[w - 1], VecMath.SinCos(alone).Cos[0]);
    }
}
