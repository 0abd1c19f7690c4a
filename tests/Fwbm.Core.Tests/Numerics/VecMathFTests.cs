using System.Numerics;
using FsCheck;
using FsCheck.Xunit;
using Fwbm.Core.Numerics;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Core.Tests.Numerics;

/// <summary>
/// The single-precision transcendentals against the double-precision system libm (Math.*, accurate to ~1e-16, i.e. exact at float
/// resolution): the error is measured in ulps of the float result, so a correctly rounded function scores ≤ 0.5.
/// </summary>
public class VecMathFTests(ITestOutputHelper output)
{
    /// <summary>Error of <paramref name="got"/> in units of the float spacing at <paramref name="want"/> (subnormal spacing 2^−149 below 2^−126).</summary>
    private static double Ulps(float got, double want)
    {
        if (got == want || (double.IsNaN(want) && float.IsNaN(got))) return 0;
        if (double.IsInfinity(want) || float.IsInfinity(got)) return double.PositiveInfinity;
        float w = (float)Math.Abs(want);
        double ulp = float.IsInfinity(w) ? Math.Pow(2, 104) : Math.Max((double)MathF.BitIncrement(w) - w, Math.Pow(2, -149));
        return Math.Abs(got - want) / ulp;
    }

    /// <summary>Floats evenly spaced in their bit patterns from <paramref name="lo"/> to <paramref name="hi"/> (every binade equally dense), ~<paramref name="n"/> of them, ends included.</summary>
    private static float[] Dense(float lo, float hi, int n)
    {
        static long Ord(float f) { int b = BitConverter.SingleToInt32Bits(f); return b >= 0 ? b : -(long)(b & 0x7FFFFFFF); }
        static float FromOrd(long o) => o >= 0 ? BitConverter.Int32BitsToSingle((int)o) : BitConverter.Int32BitsToSingle((int)(-o) | unchecked((int)0x80000000));
        long a = Ord(lo), b = Ord(hi), stride = Math.Max(1, (b - a) / n);
        var list = new List<float>();
        for (long o = a; o <= b; o += stride) list.Add(FromOrd(o));
        list.Add(hi);
        while (list.Count % Vector<float>.Count != 0) list.Add(hi);
        return [.. list];
    }

    private static float[] Apply(Func<Vector<float>, Vector<float>> f, float[] x)
    {
        int w = Vector<float>.Count;
        var y = new float[x.Length];
        for (int i = 0; i < x.Length; i += w) f(new Vector<float>(x, i)).CopyTo(y, i);
        return y;
    }

    private static Func<Vector<float>, Vector<float>> Fn(string fn) => fn switch
    {
        "exp" => VecMathF.Exp, "log" => VecMathF.Log, "sin" => v => VecMathF.SinCos(v).Sin, "cos" => v => VecMathF.SinCos(v).Cos, _ => VecMathF.Tanh,
    };

    private static Func<double, double> Ref(string fn) => fn switch
    {
        "exp" => Math.Exp, "log" => Math.Log, "sin" => Math.Sin, "cos" => Math.Cos, _ => Math.Tanh,
    };

    [Theory]
    [InlineData("exp", -103.97f, 88.72f, 1.0)]        // the whole finite range, subnormal results included
    [InlineData("exp", -1f, 1f, 1.0)]
    [InlineData("log", 1.4e-45f, 3.4e38f, 2.0)]       // every binade, subnormals included
    [InlineData("log", 0.5f, 2f, 2.0)]                // around 1, where log is smallest
    [InlineData("sin", -10f, 10f, 2.0)]
    [InlineData("cos", -10f, 10f, 2.0)]
    [InlineData("sin", -1e6f, 1e6f, 2.0)]             // large unwrapped phases
    [InlineData("cos", -1e9f, 1e9f, 2.0)]
    [InlineData("sin", -1e-30f, 1e-30f, 2.0)]
    [InlineData("tanh", -20f, 20f, 2.0)]
    [InlineData("tanh", -0.6f, 0.6f, 2.0)]             // the switch between the polynomial and the exp formula at 0.5
    [InlineData("tanh", -1e-20f, 1e-20f, 2.0)]
    public void Within_stated_ulp_of_the_correctly_rounded_result(string fn, float lo, float hi, double maxUlp)
    {
        var x = Dense(lo, hi, 1 << 20);
        var y = Apply(Fn(fn), x);
        var g = Ref(fn);
        double worst = 0; float at = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double err = Ulps(y[i], g(x[i]));
            if (err > worst) { worst = err; at = x[i]; }
        }
        output.WriteLine($"{fn} [{lo}, {hi}]: {x.Length} points, worst {worst:F3} ulp at {at:R}");
        Assert.InRange(worst, 0, maxUlp);
    }

    /// <summary>A vector holding <paramref name="v"/> in its first lanes (the rest repeat the last value), for any vector width.</summary>
    private static Vector<float> V(params float[] v) =>
        new(Enumerable.Range(0, Vector<float>.Count).Select(i => v[Math.Min(i, v.Length - 1)]).ToArray());

    [Fact]
    public void Exp_saturates_to_infinity_and_zero_without_NaN()
    {
        foreach (float x in new[] { 88.7229f, 89f, 100f, 1e10f, 3.4e38f, float.PositiveInfinity })
            Assert.Equal(float.PositiveInfinity, VecMathF.Exp(x));
        foreach (float x in new[] { -103.98f, -104f, -200f, -1e10f, -3.4e38f, float.NegativeInfinity })
            Assert.Equal(0f, VecMathF.Exp(x));
        Assert.True(float.IsFinite(VecMathF.Exp(88.7228f)));
        Assert.Equal(float.Epsilon, VecMathF.Exp(-103.27893f)); // the smallest subnormal, e^(−149 ln 2)
        Assert.Equal(1f, VecMathF.Exp(0f));
        Assert.Equal(1f, VecMathF.Exp(-0f));
        Assert.True(float.IsNaN(VecMathF.Exp(float.NaN)));
        // the model idiom 1/(1 + e^−x) stays in [0, 1] for every input
        foreach (float x in new[] { -1e30f, -90f, 0f, 90f, 1e30f }) Assert.InRange(1f / (1f + VecMathF.Exp(-x)), 0f, 1f);
    }

    [Fact]
    public void Special_values_of_log_sin_cos_and_tanh()
    {
        var l = VecMathF.Log(V(1, 0, -1, float.PositiveInfinity));
        Assert.Equal(0f, l[0]); Assert.Equal(float.NegativeInfinity, l[1]); Assert.True(float.IsNaN(l[2])); Assert.Equal(float.PositiveInfinity, l[3 % Vector<float>.Count]);
        Assert.Equal(float.NegativeInfinity, VecMathF.Log(-0f));
        Assert.True(float.IsNaN(VecMathF.Log(float.NaN)));
        Assert.Equal((float)Math.Log(float.Epsilon), VecMathF.Log(float.Epsilon));
        var (s, c) = VecMathF.SinCos(V(0, MathF.PI / 2, float.PositiveInfinity, -MathF.PI));
        Assert.Equal(0f, s[0]); Assert.Equal(1f, c[0]); Assert.Equal(1f, s[1]); Assert.True(float.IsNaN(s[2])); Assert.Equal(-1f, c[3 % Vector<float>.Count]);
        Assert.True(float.IsNaN(VecMathF.Cos(float.NegativeInfinity)));
        Assert.True(float.IsNaN(VecMathF.Sin(float.NaN)));
        Assert.Equal(1f, VecMathF.Tanh(float.PositiveInfinity));
        Assert.Equal(-1f, VecMathF.Tanh(float.NegativeInfinity));
        Assert.Equal(1f, VecMathF.Tanh(9.1f));
        Assert.Equal(-1f, VecMathF.Tanh(-1e30f));
        Assert.Equal(0f, VecMathF.Tanh(0f));
        Assert.True(float.IsNegative(VecMathF.Tanh(-0f)));
        Assert.True(float.IsNaN(VecMathF.Tanh(float.NaN)));
    }

    [Property(MaxTest = 300)]
    public bool Sin_cos_and_tanh_are_odd_or_even_bit_for_bit(NormalFloat a)
    {
        float x = (float)(a.Get % 1e4);
        return VecMathF.Sin(-x).Equals(-VecMathF.Sin(x)) && VecMathF.Cos(-x).Equals(VecMathF.Cos(x)) && VecMathF.Tanh(-x).Equals(-VecMathF.Tanh(x));
    }

    /// <summary>A lane's result never depends on the other lanes, whatever extremes they hold.</summary>
    [Property(MaxTest = 300)]
    public bool Each_lane_depends_on_its_own_input_only(NormalFloat a, NormalFloat b, NormalFloat c, NormalFloat d, NormalFloat probe)
    {
        int w = Vector<float>.Count;
        float p = (float)(probe.Get % 50);
        var mixed = new float[w];
        float[] others = [(float)(a.Get % 200), (float)b.Get, (float)(c.Get % 1e7), (float)d.Get, float.NaN, float.PositiveInfinity, 0f, -1e-40f];
        for (int k = 0; k < w; k++) mixed[k] = others[k % others.Length];
        for (int lane = 0; lane < w; lane++)
        {
            var m = (float[])mixed.Clone();
            m[lane] = p;
            Vector<float> v = new(m), alone = new(p);
            if (!VecMathF.Exp(v)[lane].Equals(VecMathF.Exp(alone)[0])) return false;
            if (!VecMathF.Log(Vector.Abs(v))[lane].Equals(VecMathF.Log(Vector.Abs(alone))[0])) return false;
            if (!VecMathF.SinCos(v).Sin[lane].Equals(VecMathF.SinCos(alone).Sin[0])) return false;
            if (!VecMathF.SinCos(v).Cos[lane].Equals(VecMathF.SinCos(alone).Cos[0])) return false;
            if (!VecMathF.Tanh(v)[lane].Equals(VecMathF.Tanh(alone)[0])) return false;
        }
        return true;
    }

    /// <summary>The scalar lane type, the one-vector and the two-vector lane types give the same bits for every operation.</summary>
    [Property(MaxTest = 200)]
    public bool Scalar_and_SIMD_lane_types_agree_bit_for_bit(NormalFloat a, NormalFloat b)
    {
        int w = Vector<float>.Count;
        var xs = new float[2 * w];
        var rng = new System.Random(unchecked((int)BitConverter.DoubleToInt64Bits(a.Get)));
        for (int i = 0; i < xs.Length; i++) xs[i] = (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-3, 3)) * 200 + b.Get % 3);
        var x1 = RealVecF.Load(ref xs[0], 0);
        var x2 = RealVec2F.Load(ref xs[0], 0);
        var y2 = new float[2 * w];
        foreach (var (name, f1, f2, fs) in Ops())
        {
            var y1 = f1(x1).V;
            f2(x2).Store(ref y2[0], 0);
            for (int i = 0; i < xs.Length; i++)
            {
                float s = fs(new RealF(xs[i])).Value;
                if (!s.Equals(y2[i])) return false;
                if (i < w && !s.Equals(y1[i])) return false;
            }
        }
        return true;
    }

    private static IEnumerable<(string, Func<RealVecF, RealVecF>, Func<RealVec2F, RealVec2F>, Func<RealF, RealF>)> Ops() =>
    [
        ("exp", RealVecF.Exp, RealVec2F.Exp, RealF.Exp),
        ("log", x => RealVecF.Log(RealVecF.Abs(x)), x => RealVec2F.Log(RealVec2F.Abs(x)), x => RealF.Log(RealF.Abs(x))),
        ("sin", RealVecF.Sin, RealVec2F.Sin, RealF.Sin),
        ("cos", RealVecF.Cos, RealVec2F.Cos, RealF.Cos),
        ("tanh", RealVecF.Tanh, RealVec2F.Tanh, RealF.Tanh),
        ("sqrt", x => RealVecF.Sqrt(RealVecF.Abs(x)), x => RealVec2F.Sqrt(RealVec2F.Abs(x)), x => RealF.Sqrt(RealF.Abs(x))),
        ("sigmoid", RealMath.Sigmoid, RealMath.Sigmoid, RealMath.Sigmoid),
        ("arith", x => (x * 0.3 - 1.5) / (2.0 + x * x) + RealVecF.Max(x, RealVecF.Const(0.25)) - RealVecF.Min(x, RealVecF.Const(-0.5)),
                  x => (x * 0.3 - 1.5) / (2.0 + x * x) + RealVec2F.Max(x, RealVec2F.Const(0.25)) - RealVec2F.Min(x, RealVec2F.Const(-0.5)),
                  x => (x * 0.3 - 1.5) / (2.0 + x * x) + RealF.Max(x, RealF.Const(0.25)) - RealF.Min(x, RealF.Const(-0.5))),
        ("ifneg", x => RealVecF.IfNegative(x, -x, x * 2.0), x => RealVec2F.IfNegative(x, -x, x * 2.0), x => RealF.IfNegative(x, -x, x * 2.0)),
    ];
}
