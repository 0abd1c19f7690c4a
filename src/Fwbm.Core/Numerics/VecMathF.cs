using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fwbm.Core.Numerics;

/// <summary>
/// Single-precision element-wise exp, log, sin/cos and tanh over <see cref="Vector{T}"/> of float, written like
/// <see cref="VecMath"/>: plain IEEE arithmetic with explicit fused multiply-adds (never MultiplyAddEstimate), no data-dependent
/// branches, and each lane's result depending on that lane's input alone — so the bits are identical at every JIT tier, on every
/// x64/Arm64 CPU, whatever the neighbouring lanes hold (a lane is a region in one layout and a batch member in the other).
/// Accuracy against the correctly rounded result (measured by VecMathFTests over dense samples of each range):
/// <list type="bullet">
/// <item>Exp: ≤ 1 ulp on [−87.3, 88.7] (normal results); subnormal results ≤ 1 ulp of the subnormal spacing; +∞ above 88.73, 0 below −103.98.</item>
/// <item>Log: ≤ 2 ulp on every positive float, subnormals included (the worst cases close to 1, where the result is small); −∞ at 0, NaN below 0.</item>
/// <item>Sin, Cos: ≤ 2 ulp for |x| &lt; 2^30 (relative, also near the zeros); the argument is reduced in double
///   (three-part π/2 with FMAs), so large phases (e.g. Kuramoto's unwrapped θ) keep full accuracy.</item>
/// <item>Tanh: ≤ 2 ulp everywhere (odd polynomial below |x| = 0.5, exp formula above); exactly ±1 for |x| ≥ 9.01.</item>
/// </list>
/// The scalar entry points (<see cref="Exp(float)"/> …) run the same vector code on a broadcast, so scalar and SIMD callers agree bit for bit.
/// </summary>
public static class VecMathF
{
    private const float Shifter = 12582912f;          // 1.5·2^23: (x + S) − S rounds x to the nearest integer for |x| < 2^22
    private const int ShifterBits = 0x4B400000;
    private const double ShifterD = 6755399441055744.0; // 1.5·2^52

    /// <summary>e^x (0 below −103.98, +∞ above 88.73, NaN for NaN; never NaN from overflow).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Exp(Vector<float> x)
    {
        // MinNative/MaxNative are single instructions, lane by lane; a NaN lane is restored at the end
        var xc = Vector.MinNative(Vector.MaxNative(x, new Vector<float>(-104f)), new Vector<float>(89f));
        var t = Vector.FusedMultiplyAdd(xc, new Vector<float>(1.44269504f), new Vector<float>(Shifter));
        var k = t - new Vector<float>(Shifter);
        // Cody–Waite: ln2 = C1 + C2 with C1 = 355/512 (9 bits), so k·C1 is exact and x − k·C1 is exact
        var r = Vector.FusedMultiplyAdd(-k, new Vector<float>(0.693359375f), xc);
        r = Vector.FusedMultiplyAdd(-k, new Vector<float>(-2.12194440e-4f), r);
        // e^r = 1 + r + r²·P(r), P the Taylor series Σ_{j=0..5} r^j/(j+2)! (|r| ≤ 0.3466, truncation < 6e-9), Estrin's scheme
        var r2 = r * r;
        var r4 = r2 * r2;
        var q0 = Vector.FusedMultiplyAdd(new Vector<float>(1f / 6f), r, new Vector<float>(0.5f));
        var q1 = Vector.FusedMultiplyAdd(new Vector<float>(1f / 120f), r, new Vector<float>(1f / 24f));
        var q2 = Vector.FusedMultiplyAdd(new Vector<float>(1f / 5040f), r, new Vector<float>(1f / 720f));
        var p = Vector.FusedMultiplyAdd(q2, r4, Vector.FusedMultiplyAdd(q1, r2, q0));
        p = Vector.FusedMultiplyAdd(p, r2, r) + Vector<float>.One;
        // 2^k as two factors so that k in [−150, 128] never leaves the normal exponent range (one rounding, in the last product)
        var ki = Vector.AsVectorInt32(t) - new Vector<int>(ShifterBits);
        var k1 = ki >> 1;
        var k2 = ki - k1;
        var bias = new Vector<int>(127);
        var s1 = Vector.AsVectorSingle((k1 + bias) << 23);
        var s2 = Vector.AsVectorSingle((k2 + bias) << 23);
        var y = p * s1 * s2;
        return Vector.ConditionalSelect(Vector.Equals(x, x), y, x); // NaN stays NaN
    }

    /// <summary>Natural logarithm (−∞ at ±0, NaN below 0 and for NaN, +∞ at +∞).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Log(Vector<float> x)
    {
        // scale subnormals into the normal range
        var tiny = Vector.LessThan(x, new Vector<float>(1.17549435e-38f));
        var xs = Vector.ConditionalSelect(tiny, x * new Vector<float>(16777216f), x); // ·2^24
        var bits = Vector.AsVectorInt32(xs);
        var e = ((bits >> 23) & new Vector<int>(0xFF)) - new Vector<int>(127);
        var m = Vector.AsVectorSingle((bits & new Vector<int>(0x007FFFFF)) | new Vector<int>(0x3F800000)); // [1, 2)
        var big = Vector.GreaterThan(m, new Vector<float>(1.41421356f));
        m = Vector.ConditionalSelect(big, m * new Vector<float>(0.5f), m);                                  // [√½, √2)
        e = e - Vector.AsVectorInt32(big) - (Vector.AsVectorInt32(tiny) & new Vector<int>(24));                                                          // masks are −1 where true
        var s = (m - Vector<float>.One) / (m + Vector<float>.One);                                          // |s| ≤ 0.1716
        var s2 = s * s;
        // log m = 2 atanh s = 2s + 2s·s²·P(s²), P(u) = Σ_{k=0..4} u^k/(2k+3) (truncation < 3e-10), Estrin
        var u2 = s2 * s2;
        var q0 = Vector.FusedMultiplyAdd(new Vector<float>(1f / 5f), s2, new Vector<float>(1f / 3f));
        var q1 = Vector.FusedMultiplyAdd(new Vector<float>(1f / 9f), s2, new Vector<float>(1f / 7f));
        var p = Vector.FusedMultiplyAdd(Vector.FusedMultiplyAdd(new Vector<float>(1f / 11f), u2, q1), u2, q0);
        var twoS = s + s;
        var logm = Vector.FusedMultiplyAdd(twoS * s2, p, twoS);
        var ef = Vector.ConvertToSingle(e);
        // ln2 = C1 + C2 with C1 = 355/512: e·C1 is exact for |e| < 2^15
        var y = Vector.FusedMultiplyAdd(ef, new Vector<float>(0.693359375f), Vector.FusedMultiplyAdd(ef, new Vector<float>(-2.12194440e-4f), logm));
        y = Vector.ConditionalSelect(Vector.Equals(x, Vector<float>.Zero), new Vector<float>(float.NegativeInfinity), y);
        y = Vector.ConditionalSelect(Vector.Equals(x, new Vector<float>(float.PositiveInfinity)), x, y);
        y = Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), new Vector<float>(float.NaN), y);
        return Vector.ConditionalSelect(Vector.Equals(x, x), y, x);
    }

    /// <summary>sin x and cos x (≤ 2 ulp for |x| &lt; 2^30; NaN for ±∞ and NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector<float> Sin, Vector<float> Cos) SinCos(Vector<float> x)
    {
        // reduce in double: k = round(x·2/π), r = x − k·π/2 with π/2 in three parts (each product exact inside its FMA)
        Vector.Widen(x, out var xa, out var xb);
        var (ra, qa) = ReduceHalfPi(xa);
        var (rb, qb) = ReduceHalfPi(xb);
        var r = Vector.Narrow(ra, rb);
        var q = Vector.Narrow(qa, qb);
        var (s, c) = SinCosKernel(r, q);
        var finite = Vector.LessThan(Vector.Abs(x), new Vector<float>(float.PositiveInfinity));
        return (Vector.ConditionalSelect(finite, s, new Vector<float>(float.NaN)), Vector.ConditionalSelect(finite, c, new Vector<float>(float.NaN)));
    }

    /// <summary>
    /// sin 2πu and cos 2πu for u in [0, 1] (a fraction of a turn; the reduction is exact, so there is no error from rounding 2πu
    /// first). Used by the noise stream's Box–Muller transform.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector<float> Sin, Vector<float> Cos) SinCosTurns(Vector<float> u)
    {
        var t = Vector.FusedMultiplyAdd(u, new Vector<float>(4f), new Vector<float>(Shifter)); // 4u exact, rounded to an integer q
        var q = t - new Vector<float>(Shifter);
        var f = Vector.FusedMultiplyAdd(q, new Vector<float>(-0.25f), u);                      // u − q/4, exact, |f| ≤ 1/8
        var r = f * new Vector<float>(6.28318548f);                                            // |r| ≤ π/4
        return SinCosKernel(r, Vector.AsVectorInt32(t) - new Vector<int>(ShifterBits));
    }

    /// <summary>tanh x (≤ 2 ulp; ±1 for large |x| and ±∞, NaN for NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Tanh(Vector<float> x)
    {
        var ax = Vector.Abs(x);
        // |x| ≥ 0.5: tanh = (1 − e^{−2|x|}) / (1 + e^{−2|x|}), no cancellation there (e^{−2|x|} ≤ 0.37) and saturating to 1
        var e = Exp(new Vector<float>(-2f) * ax);
        var big = (Vector<float>.One - e) / (Vector<float>.One + e);
        // |x| < 0.5: the Taylor series x(1 + u·T(u)), u = x², to x^15 (truncation < 5e-9 relative)
        var u = ax * ax;
        var u2 = u * u;
        var u4 = u2 * u2;
        var t0 = Vector.FusedMultiplyAdd(new Vector<float>(2f / 15f), u, new Vector<float>(-1f / 3f));
        var t1 = Vector.FusedMultiplyAdd(new Vector<float>(62f / 2835f), u, new Vector<float>(-17f / 315f));
        var t2 = Vector.FusedMultiplyAdd(new Vector<float>(21844f / 6081075f), u, new Vector<float>(-1382f / 155925f));
        var t3 = Vector.FusedMultiplyAdd(new Vector<float>(6404582f / 10854718875f), u, new Vector<float>(-929569f / 638512875f));
        var tp = Vector.FusedMultiplyAdd(Vector.FusedMultiplyAdd(t3, u2, t2), u4, Vector.FusedMultiplyAdd(t1, u2, t0));
        var small = Vector.FusedMultiplyAdd(ax * u, tp, ax);
        var t = Vector.ConditionalSelect(Vector.LessThan(ax, new Vector<float>(0.5f)), small, big);
        // copy x's sign bit onto t (keeps −0 as −0; NaN stays NaN)
        var sign = Vector.AsVectorUInt32(x) & new Vector<uint>(0x80000000u);
        return Vector.AsVectorSingle(Vector.AsVectorUInt32(t) | sign);
    }

    /// <summary>Round-to-nearest quotient of x by π/2 (as the low bits of an integer) and the remainder r, |r| ≤ π/4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<double> R, Vector<long> Q) ReduceHalfPi(Vector<double> x)
    {
        var t = Vector.FusedMultiplyAdd(x, new Vector<double>(0.63661977236758134), new Vector<double>(ShifterD));
        var k = t - new Vector<double>(ShifterD);
        var r = Vector.FusedMultiplyAdd(-k, new Vector<double>(1.5707963267948966), x);
        r = Vector.FusedMultiplyAdd(-k, new Vector<double>(6.123233995736766e-17), r);
        r = Vector.FusedMultiplyAdd(-k, new Vector<double>(-1.4973849048591698e-33), r);
        return (r, Vector.AsVectorInt64(t)); // the low bits of t are k (S has zeros there)
    }

    /// <summary>sin and cos of q·π/2 + r from r (|r| ≤ π/4) and the quadrant in the low two bits of q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<float> Sin, Vector<float> Cos) SinCosKernel(Vector<float> r, Vector<int> q)
    {
        var r2 = r * r;
        var r4 = r2 * r2;
        var r8 = r4 * r4;
        // Taylor series on |r| ≤ π/4 in u = r²: sin r = r + r·u·S(u) to r^11, cos r = 1 − u/2 + u²·C(u) to r^12 (truncation < 2e-10), Estrin
        var sa = Vector.FusedMultiplyAdd(new Vector<float>(1f / 120f), r2, new Vector<float>(-1f / 6f));
        var sb = Vector.FusedMultiplyAdd(new Vector<float>(1f / 362880f), r2, new Vector<float>(-1f / 5040f));
        var ps = Vector.FusedMultiplyAdd(new Vector<float>(-1f / 39916800f), r8, Vector.FusedMultiplyAdd(sb, r4, sa));
        var sin = Vector.FusedMultiplyAdd(r * r2, ps, r);
        var ca = Vector.FusedMultiplyAdd(new Vector<float>(-1f / 720f), r2, new Vector<float>(1f / 24f));
        var cb = Vector.FusedMultiplyAdd(new Vector<float>(-1f / 3628800f), r2, new Vector<float>(1f / 40320f));
        var pc = Vector.FusedMultiplyAdd(new Vector<float>(1f / 479001600f), r8, Vector.FusedMultiplyAdd(cb, r4, ca));
        var cos = Vector.FusedMultiplyAdd(r4, pc, Vector.FusedMultiplyAdd(new Vector<float>(-0.5f), r2, Vector<float>.One));
        // quadrant q mod 4: (sin, cos) of x = (s, c), (c, −s), (−s, −c), (−c, s)
        var q3 = q & new Vector<int>(3);
        var swap = Vector.Equals(q3 & Vector<int>.One, Vector<int>.One);
        var s0 = Vector.ConditionalSelect(swap, cos, sin);
        var c0 = Vector.ConditionalSelect(swap, sin, cos);
        var negS = Vector.GreaterThanOrEqual(q3, new Vector<int>(2));
        var negC = Vector.Equals(q3, Vector<int>.One) | Vector.Equals(q3, new Vector<int>(2));
        return (Vector.ConditionalSelect(negS, -s0, s0), Vector.ConditionalSelect(negC, -c0, c0));
    }

    /// <summary>e^x of one float, through the vector code (bit-identical to every lane of <see cref="Exp(Vector{float})"/>).</summary>
    public static float Exp(float x) => Exp(new Vector<float>(x))[0];
    /// <summary>log x of one float, through the vector code.</summary>
    public static float Log(float x) => Log(new Vector<float>(x))[0];
    /// <summary>sin x of one float, through the vector code.</summary>
    public static float Sin(float x) => SinCos(new Vector<float>(x)).Sin[0];
    /// <summary>cos x of one float, through the vector code.</summary>
    public static float Cos(float x) => SinCos(new Vector<float>(x)).Cos[0];
    /// <summary>tanh x of one float, through the vector code.</summary>
    public static float Tanh(float x) => Tanh(new Vector<float>(x))[0];
}
