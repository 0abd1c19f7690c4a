using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fwbm.Core.Numerics;

/// <summary>
/// Element-wise exp, log, sin and cos over <see cref="Vector{T}"/> whose result in each lane depends on that lane's input alone.
/// The BCL's <c>Vector.SinCos</c> and <c>Vector.Exp</c> pick a code path for the whole vector (e.g. a reduction step when any lane
/// exceeds π/4, a scalar fallback when any |x| &gt; ~700), so a lane's bits change with its neighbours — which would break "batch member
/// = single run" (lanes are regions in one layout and batch members in the other). These are written with plain IEEE arithmetic
/// and explicit fused multiply-adds (exactly rounded everywhere; never the tier-dependent MultiplyAddEstimate), with no
/// data-dependent branches, so they are also identical at every JIT tier and on every x64/Arm64 CPU.
/// Accuracy: within 2 ulp of the correctly rounded result on the ranges the engine uses.
/// </summary>
public static class VecMath
{
    private const double Shifter = 6755399441055744.0; // 1.5·2^52: (x + S) − S rounds x to the nearest integer for |x| < 2^51

    /// <summary>e^x (0 below −745, +∞ above 709.78, NaN for NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Exp(Vector<double> x)
    {
        // MinNative/MaxNative are single instructions, lane by lane; a NaN lane is restored at the end
        var xc = Vector.MinNative(Vector.MaxNative(x, new Vector<double>(-746.0)), new Vector<double>(710.0));
        // t = x·log2(e) + 1.5·2^52 rounds to an integer k in the low mantissa bits: k = t − S as a double, bits(t) − bits(S) as an integer
        var t = xc * new Vector<double>(1.4426950408889634) + new Vector<double>(Shifter);
        var k = t - new Vector<double>(Shifter);
        // Cody–Waite: ln2 = hi + lo with hi exact in 32 bits, so k·hi is exact for |k| < 2^21
        var r = (xc - k * new Vector<double>(0.693147180369123816490)) - k * new Vector<double>(1.90821492927058770002e-10);
        // e^r = 1 + r + r²·P(r), P the Taylor series Σ_{k=0..11} r^k/(k+2)! (|r| ≤ 0.3466, truncation < 5e-18), evaluated by
        // Estrin's scheme: the same FMAs as Horner in a shallow tree (4 levels instead of 12), so the latency chain is short
        var r2 = r * r;
        var r4 = r2 * r2;
        var r8 = r4 * r4;
        var q0 = Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 6.0), r, new Vector<double>(0.5));
        var q1 = Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 120.0), r, new Vector<double>(1.0 / 24.0));
        var q2 = Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 5040.0), r, new Vector<double>(1.0 / 720.0));
        var q3 = Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 362880.0), r, new Vector<double>(1.0 / 40320.0));
        var q4 = Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 39916800.0), r, new Vector<double>(1.0 / 3628800.0));
        var q5 = Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 6227020800.0), r, new Vector<double>(1.0 / 479001600.0));
        var e0 = Vector.FusedMultiplyAdd(q1, r2, q0);
        var e1 = Vector.FusedMultiplyAdd(q3, r2, q2);
        var e2 = Vector.FusedMultiplyAdd(q5, r2, q4);
        var p = Vector.FusedMultiplyAdd(e2, r8, Vector.FusedMultiplyAdd(e1, r4, e0));
        p = Vector.FusedMultiplyAdd(p, r2, r) + Vector<double>.One;
        // 2^k as two factors so that k in [−1076, 1024] never leaves the normal exponent range
        var ki = Vector.AsVectorInt64(t) - new Vector<long>(0x4338000000000000L);
        var k1 = ki >> 1;
        var k2 = ki - k1;
        var bias = new Vector<long>(1023);
        var s1 = Vector.AsVectorDouble((k1 + bias) << 52);
        var s2 = Vector.AsVectorDouble((k2 + bias) << 52);
        var y = p * s1 * s2;
        return Vector.ConditionalSelect(Vector.Equals(x, x), y, x); // NaN stays NaN
    }

    /// <summary>Natural logarithm (−∞ at 0, NaN below 0 and for NaN, +∞ at +∞).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Log(Vector<double> x)
    {
        // scale subnormals into the normal range
        var tiny = Vector.LessThan(x, new Vector<double>(2.2250738585072014e-308));
        var xs = Vector.ConditionalSelect(tiny, x * new Vector<double>(18014398509481984.0), x); // ·2^54
        var bits = Vector.AsVectorInt64(xs);
        var e = ((bits >> 52) & new Vector<long>(0x7FF)) - new Vector<long>(1023);
        var m = Vector.AsVectorDouble((bits & new Vector<long>(0x000FFFFFFFFFFFFFL)) | new Vector<long>(0x3FF0000000000000L)); // [1, 2)
        var big = Vector.GreaterThan(m, new Vector<double>(1.4142135623730951));
        m = Vector.ConditionalSelect(big, m * new Vector<double>(0.5), m);                 // [√½, √2)
        e = e + Vector.ConditionalSelect(big, Vector<long>.One, Vector<long>.Zero) - Vector.ConditionalSelect(Vector.AsVectorInt64(tiny), new Vector<long>(54), Vector<long>.Zero);
        var s = (m - Vector<double>.One) / (m + Vector<double>.One);                            // |s| ≤ 0.1716
        var s2 = s * s;
        // log m = 2 atanh s = 2(s + s³/3 + … + s^21/21) (truncation < 1e-18)
        // Estrin: u = s², P(u) = Σ_{k=0..9} u^k / (2k + 3)
        var u2 = s2 * s2;
        var u4 = u2 * u2;
        var u8 = u4 * u4;
        var q0 = Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 5), s2, new Vector<double>(1.0 / 3));
        var q1 = Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 9), s2, new Vector<double>(1.0 / 7));
        var q2 = Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 13), s2, new Vector<double>(1.0 / 11));
        var q3 = Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 17), s2, new Vector<double>(1.0 / 15));
        var q4 = Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 21), s2, new Vector<double>(1.0 / 19));
        var p = Vector.FusedMultiplyAdd(q4, u8, Vector.FusedMultiplyAdd(Vector.FusedMultiplyAdd(q3, u2, q2), u4, Vector.FusedMultiplyAdd(q1, u2, q0)));
        var logm = new Vector<double>(2.0) * s + new Vector<double>(2.0) * s * s2 * p;
        var ed = Vector.ConvertToDouble(e);
        var y = ed * new Vector<double>(0.693147180369123816490) + (logm + ed * new Vector<double>(1.90821492927058770002e-10));
        y = Vector.ConditionalSelect(Vector.Equals(x, Vector<double>.Zero), new Vector<double>(double.NegativeInfinity), y);
        y = Vector.ConditionalSelect(Vector.Equals(x, new Vector<double>(double.PositiveInfinity)), x, y);
        y = Vector.ConditionalSelect(Vector.LessThan(x, Vector<double>.Zero), new Vector<double>(double.NaN), y);
        return Vector.ConditionalSelect(Vector.Equals(x, x), y, x);
    }

    /// <summary>sin x and cos x (accurate for |x| &lt; 2^20·π/2 ≈ 1.6e6; NaN for ±∞ and NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector<double> Sin, Vector<double> Cos) SinCos(Vector<double> x)
    {
        var t = x * new Vector<double>(0.63661977236758134) + new Vector<double>(Shifter); // x · 2/π, rounded: k = t − S
        var k = t - new Vector<double>(Shifter);
        // π/2 in three parts (the first two with trailing zero bits so that k·part is exact for |k| < 2^20)
        var r = x - k * new Vector<double>(1.57079632673412561417);
        r = r - k * new Vector<double>(6.07710050630396597660e-11);
        r = r - k * new Vector<double>(2.02226624879595063154e-21);
        var r2 = r * r;
        // Taylor series on |r| ≤ π/4: sin to r^17, cos to r^18 (truncation < 1e-17)
        // Estrin in u = r²: sin r = r + r·u·S(u), cos r = 1 − u/2 + u²·C(u)
        var u2 = r2 * r2;
        var u4 = u2 * u2;
        var ps = Vector.FusedMultiplyAdd(
            Vector.FusedMultiplyAdd(
                Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 355687428096000.0), r2, new Vector<double>(-1.0 / 1307674368000.0)), u2,
                Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 6227020800.0), r2, new Vector<double>(-1.0 / 39916800.0))), u4,
            Vector.FusedMultiplyAdd(
                Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 362880.0), r2, new Vector<double>(-1.0 / 5040.0)), u2,
                Vector.FusedMultiplyAdd(new Vector<double>(1.0 / 120.0), r2, new Vector<double>(-1.0 / 6.0))));
        var sin = r + r * r2 * ps;
        var pc = Vector.FusedMultiplyAdd(
            Vector.FusedMultiplyAdd(
                Vector.FusedMultiplyAdd(new Vector<double>(-1.0 / 6402373705728000.0), r2, new Vector<double>(1.0 / 20922789888000.0)), u2,
                Vector.FusedMultiplyAdd(new Vector<double>(-1.0 / 87178291200.0), r2, new Vector<double>(1.0 / 479001600.0))), u4,
            Vector.FusedMultiplyAdd(
                Vector.FusedMultiplyAdd(new Vector<double>(-1.0 / 3628800.0), r2, new Vector<double>(1.0 / 40320.0)), u2,
                Vector.FusedMultiplyAdd(new Vector<double>(-1.0 / 720.0), r2, new Vector<double>(1.0 / 24.0))));
        var cos = (Vector<double>.One - new Vector<double>(0.5) * r2) + r2 * r2 * pc;
        // quadrant q = k mod 4: (sin, cos) of x = (s, c), (c, −s), (−s, −c), (−c, s)
        var q = Vector.AsVectorInt64(t) & new Vector<long>(3);                // the low bits of t are k (S has zeros there)
        var swap = Vector.AsVectorDouble(Vector.Equals(q & Vector<long>.One, Vector<long>.One));
        var s0 = Vector.ConditionalSelect(Vector.AsVectorInt64(swap), cos, sin);
        var c0 = Vector.ConditionalSelect(Vector.AsVectorInt64(swap), sin, cos);
        var negS = Vector.GreaterThanOrEqual(q, new Vector<long>(2));
        var negC = Vector.Equals(q, Vector<long>.One) | Vector.Equals(q, new Vector<long>(2));
        var sOut = Vector.ConditionalSelect(negS, -s0, s0);
        var cOut = Vector.ConditionalSelect(negC, -c0, c0);
        var finite = Vector.LessThan(Vector.Abs(x), new Vector<double>(double.PositiveInfinity));
        return (Vector.ConditionalSelect(finite, sOut, new Vector<double>(double.NaN)), Vector.ConditionalSelect(finite, cOut, new Vector<double>(double.NaN)));
    }
}
