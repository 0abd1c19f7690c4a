using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fwbm.Core.Numerics;

/// <summary>
/// Two <see cref="Vector{T}"/> of floats evaluated side by side: the arithmetic of <see cref="RealVecF"/> on 2·<see cref="Vector{T}.Count"/>
/// lanes, two independent dependency chains (the float counterpart of <see cref="RealVec2"/>). Each lane's bits equal those of
/// <see cref="RealVecF"/> and <see cref="RealF"/>.
/// </summary>
public readonly struct RealVec2F : IReal<RealVec2F>
{
    public readonly Vector<float> A, B;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public RealVec2F(Vector<float> a, Vector<float> b) { A = a; B = b; }
    public static int Count => 2 * Vector<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RealVec2F Load(ref float src, nuint at) => new(Vector.LoadUnsafe(ref src, at), Vector.LoadUnsafe(ref src, at + (nuint)Vector<float>.Count));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float dst, nuint at) { A.StoreUnsafe(ref dst, at); B.StoreUnsafe(ref dst, at + (nuint)Vector<float>.Count); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F Const(double value) { var v = new Vector<float>((float)value); return new(v, v); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F operator +(RealVec2F a, RealVec2F b) => new(a.A + b.A, a.B + b.B);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F operator -(RealVec2F a, RealVec2F b) => new(a.A - b.A, a.B - b.B);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F operator *(RealVec2F a, RealVec2F b) => new(a.A * b.A, a.B * b.B);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F operator /(RealVec2F a, RealVec2F b) => new(a.A / b.A, a.B / b.B);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F operator -(RealVec2F a) => new(-a.A, -a.B);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F operator +(RealVec2F a, double b) { var v = new Vector<float>((float)b); return new(a.A + v, a.B + v); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F operator +(double a, RealVec2F b) { var v = new Vector<float>((float)a); return new(v + b.A, v + b.B); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F operator -(RealVec2F a, double b) { var v = new Vector<float>((float)b); return new(a.A - v, a.B - v); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F operator -(double a, RealVec2F b) { var v = new Vector<float>((float)a); return new(v - b.A, v - b.B); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F operator *(RealVec2F a, double b) { var f = (float)b; return new(a.A * f, a.B * f); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F operator *(double a, RealVec2F b) { var f = (float)a; return new(f * b.A, f * b.B); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F operator /(RealVec2F a, double b) { var v = new Vector<float>((float)b); return new(a.A / v, a.B / v); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F operator /(double a, RealVec2F b) { var v = new Vector<float>((float)a); return new(v / b.A, v / b.B); }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F Exp(RealVec2F x) => new(VecMathF.Exp(x.A), VecMathF.Exp(x.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F Log(RealVec2F x) => new(VecMathF.Log(x.A), VecMathF.Log(x.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F Tanh(RealVec2F x) => new(VecMathF.Tanh(x.A), VecMathF.Tanh(x.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F Sqrt(RealVec2F x) => new(Vector.SquareRoot(x.A), Vector.SquareRoot(x.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F Sin(RealVec2F x) => new(VecMathF.SinCos(x.A).Sin, VecMathF.SinCos(x.B).Sin);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F Cos(RealVec2F x) => new(VecMathF.SinCos(x.A).Cos, VecMathF.SinCos(x.B).Cos);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F Abs(RealVec2F x) => new(Vector.Abs(x.A), Vector.Abs(x.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F Min(RealVec2F a, RealVec2F b) => new(Vector.Min(a.A, b.A), Vector.Min(a.B, b.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F Max(RealVec2F a, RealVec2F b) => new(Vector.Max(a.A, b.A), Vector.Max(a.B, b.B));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RealVec2F IfNegative(RealVec2F c, RealVec2F n, RealVec2F o) =>
        new(Vector.ConditionalSelect(Vector.LessThan(c.A, Vector<float>.Zero), n.A, o.A), Vector.ConditionalSelect(Vector.LessThan(c.B, Vector<float>.Zero), n.B, o.B));
}
