using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fwbm.Core.Numerics;

/// <summary>
/// <see cref="Vector{T}.Count"/> lanes of double precision (SIMD): the vectorised evaluation path of the model equations.
/// Lanes are regions of one simulation or members of a batch, depending on the engine's layout. Transcendentals go through
/// <see cref="VecMath"/>, whose lanes never influence each other (the engine's determinism rests on that).
/// </summary>
public readonly struct RealVec : IReal<RealVec>
{
    public readonly Vector<double> V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public RealVec(Vector<double> v) => V = v;
    public static int Count => Vector<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec Const(double value) => new(new Vector<double>(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec operator +(RealVec a, RealVec b) => new(a.V + b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec operator -(RealVec a, RealVec b) => new(a.V - b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec operator *(RealVec a, RealVec b) => new(a.V * b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec operator /(RealVec a, RealVec b) => new(a.V / b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec operator -(RealVec a) => new(-a.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec operator +(RealVec a, double b) => new(a.V + new Vector<double>(b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec operator +(double a, RealVec b) => new(new Vector<double>(a) + b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec operator -(RealVec a, double b) => new(a.V - new Vector<double>(b));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec operator -(double a, RealVec b) => new(new Vector<double>(a) - b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec operator *(RealVec a, double b) => new(a.V * b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec operator *(double a, RealVec b) => new(a * b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec operator /(RealVec a, double b) => new(a.V / b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec operator /(double a, RealVec b) => new(new Vector<double>(a) / b.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec Exp(RealVec x) => new(VecMath.Exp(x.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec Log(RealVec x) => new(VecMath.Log(x.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RealVec Tanh(RealVec x)
    {
        // tanh(x) = sign(x) (1 - e^{-2|x|}) / (1 + e^{-2|x|}), stable for large |x|.
        var ax = Vector.Abs(x.V);
        var e = VecMath.Exp(-2.0 * ax);
        var t = (Vector<double>.One - e) / (Vector<double>.One + e);
        return new(Vector.ConditionalSelect(Vector.LessThan(x.V, Vector<double>.Zero), -t, t));
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec Sqrt(RealVec x) => new(Vector.SquareRoot(x.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec Sin(RealVec x) => new(VecMath.SinCos(x.V).Sin);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec Cos(RealVec x) => new(VecMath.SinCos(x.V).Cos);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec Abs(RealVec x) => new(Vector.Abs(x.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec Min(RealVec a, RealVec b) => new(Vector.Min(a.V, b.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec Max(RealVec a, RealVec b) => new(Vector.Max(a.V, b.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RealVec IfNegative(RealVec c, RealVec n, RealVec o) => new(Vector.ConditionalSelect(Vector.LessThan(c.V, Vector<double>.Zero), n.V, o.V));
}
