using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fwbm.Core.Numerics;

/// <summary>
/// Two <see cref="Vector{T}"/> of doubles evaluated side by side: the same element-wise arithmetic as <see cref="RealVec"/> on
/// 2·<see cref="Vector{T}.Count"/> lanes, giving the CPU two independent dependency chains (model equations are long chains of
/// exp/divide latency). Each lane's bits equal those of <see cref="RealVec"/> and <see cref="Real"/>-free SIMD evaluation.
/// </summary>
public readonly struct RealVec2 : IReal<RealVec2>
{
    public readonly Vector<double> A, B;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public RealVec2(Vector<double> a, Vector<double> b) { A = a; B = b; }
    public static int Count => 2 * Vector<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RealVec2 Load(ref double src, nuint at) => new(Vector.LoadUnsafe(ref src, at), Vector.LoadUnsafe(ref src, at + (nuint)Vector<double>.Count));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref double dst, nuint at) { A.StoreUnsafe(ref dst, at); B.StoreUnsafe(ref dst, at + (nuint)Vector<double>.Count); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 Const(double value) { var v = new Vector<double>(value); return new(v, v); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 operator +(RealVec2 a, RealVec2 b) => new(a.A + b.A, a.B + b.B);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 operator -(RealVec2 a, RealVec2 b) => new(a.A - b.A, a.B - b.B);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 operator *(RealVec2 a, RealVec2 b) => new(a.A * b.A, a.B * b.B);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 operator /(RealVec2 a, RealVec2 b) => new(a.A / b.A, a.B / b.B);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 operator -(RealVec2 a) => new(-a.A, -a.B);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 operator +(RealVec2 a, double b) { var v = new Vector<double>(b); return new(a.A + v, a.B + v); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 operator +(double a, RealVec2 b) { var v = new Vector<double>(a); return new(v + b.A, v + b.B); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 operator -(RealVec2 a, double b) { var v = new Vector<double>(b); return new(a.A - v, a.B - v); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 operator -(double a, RealVec2 b) { var v = new Vector<double>(a); return new(v - b.A, v - b.B); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 operator *(RealVec2 a, double b) => new(a.A * b, a.B * b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 operator *(double a, RealVec2 b) => new(a * b.A, a * b.B);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 operator /(RealVec2 a, double b) => new(a.A / b, a.B / b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 operator /(double a, RealVec2 b) { var v = new Vector<double>(a); return new(v / b.A, v / b.B); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 Exp(RealVec2 x) => new(VecMath.Exp(x.A), VecMath.Exp(x.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 Log(RealVec2 x) => new(VecMath.Log(x.A), VecMath.Log(x.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 Tanh(RealVec2 x) => new(RealVec.Tanh(new RealVec(x.A)).V, RealVec.Tanh(new RealVec(x.B)).V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 Sqrt(RealVec2 x) => new(Vector.SquareRoot(x.A), Vector.SquareRoot(x.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 Sin(RealVec2 x) => new(VecMath.SinCos(x.A).Sin, VecMath.SinCos(x.B).Sin);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 Cos(RealVec2 x) => new(VecMath.SinCos(x.A).Cos, VecMath.SinCos(x.B).Cos);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 Abs(RealVec2 x) => new(Vector.Abs(x.A), Vector.Abs(x.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 Min(RealVec2 a, RealVec2 b) => new(Vector.Min(a.A, b.A), Vector.Min(a.B, b.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 Max(RealVec2 a, RealVec2 b) => new(Vector.Max(a.A, b.A), Vector.Max(a.B, b.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RealVec2 IfNegative(RealVec2 c, RealVec2 n, RealVec2 o) =>
        new(Vector.ConditionalSelect(Vector.LessThan(c.A, Vector<double>.Zero), n.A, o.A), Vector.ConditionalSelect(Vector.LessThan(c.B, Vector<double>.Zero), n.B, o.B));
}
