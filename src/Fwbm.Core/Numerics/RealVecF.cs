using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fwbm.Core.Numerics;

/// <summary>
/// <see cref="Vector{T}.Count"/> lanes of single precision (SIMD): the float counterpart of <see cref="RealVec"/>, twice the lanes
/// per vector. Constants and double operands are rounded to float once, where they meet a lane. Transcendentals go through
/// <see cref="VecMathF"/>, whose lanes never influence each other.
/// </summary>
public readonly struct RealVecF : IReal<RealVecF>
{
    public readonly Vector<float> V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public RealVecF(Vector<float> v) => V = v;
    public static int Count => Vector<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RealVecF Load(ref float src, nuint at) => new(Vector.LoadUnsafe(ref src, at));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float dst, nuint at) => V.StoreUnsafe(ref dst, at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF Const(double value) => new(new Vector<float>((float)value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF operator +(RealVecF a, RealVecF b) => new(a.V + b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF operator -(RealVecF a, RealVecF b) => new(a.V - b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF operator *(RealVecF a, RealVecF b) => new(a.V * b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF operator /(RealVecF a, RealVecF b) => new(a.V / b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF operator -(RealVecF a) => new(-a.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF operator +(RealVecF a, double b) => new(a.V + new Vector<float>((float)b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF operator +(double a, RealVecF b) => new(new Vector<float>((float)a) + b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF operator -(RealVecF a, double b) => new(a.V - new Vector<float>((float)b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF operator -(double a, RealVecF b) => new(new Vector<float>((float)a) - b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF operator *(RealVecF a, double b) => new(a.V * (float)b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF operator *(double a, RealVecF b) => new((float)a * b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF operator /(RealVecF a, double b) => new(a.V / new Vector<float>((float)b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF operator /(double a, RealVecF b) => new(new Vector<float>((float)a) / b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF Exp(RealVecF x) => new(VecMathF.Exp(x.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF Log(RealVecF x) => new(VecMathF.Log(x.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF Tanh(RealVecF x) => new(VecMathF.Tanh(x.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF Sqrt(RealVecF x) => new(Vector.SquareRoot(x.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF Sin(RealVecF x) => new(VecMathF.SinCos(x.V).Sin);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF Cos(RealVecF x) => new(VecMathF.SinCos(x.V).Cos);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF Abs(RealVecF x) => new(Vector.Abs(x.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF Min(RealVecF a, RealVecF b) => new(Vector.Min(a.V, b.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF Max(RealVecF a, RealVecF b) => new(Vector.Max(a.V, b.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RealVecF IfNegative(RealVecF c, RealVecF n, RealVecF o) => new(Vector.ConditionalSelect(Vector.LessThan(c.V, Vector<float>.Zero), n.V, o.V));
}
