using System.Runtime.CompilerServices;

namespace Fwbm.Core.Numerics;

/// <summary>
/// One lane of single precision: the scalar path of the float engine (remainders, tests). Unlike <see cref="Real"/>, whose
/// transcendentals are the system libm, these go through <see cref="VecMathF"/> on a broadcast, so a scalar lane has exactly the
/// bits of the same lane computed with <see cref="RealVecF"/> or <see cref="RealVec2F"/>.
/// </summary>
public readonly record struct RealF(float Value) : IReal<RealF>
{
    public static implicit operator RealF(float v) => new(v);
    public static implicit operator float(RealF v) => v.Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealF Const(double value) => new((float)value);
    public static RealF operator +(RealF a, RealF b) => new(a.Value + b.Value);
    public static RealF operator -(RealF a, RealF b) => new(a.Value - b.Value);
    public static RealF operator *(RealF a, RealF b) => new(a.Value * b.Value);
    public static RealF operator /(RealF a, RealF b) => new(a.Value / b.Value);
    public static RealF operator -(RealF a) => new(-a.Value);
    public static RealF operator +(RealF a, double b) => new(a.Value + (float)b);
    public static RealF operator +(double a, RealF b) => new((float)a + b.Value);
    public static RealF operator -(RealF a, double b) => new(a.Value - (float)b);
    public static RealF operator -(double a, RealF b) => new((float)a - b.Value);
    public static RealF operator *(RealF a, double b) => new(a.Value * (float)b);
    public static RealF operator *(double a, RealF b) => new((float)a * b.Value);
    public static RealF operator /(RealF a, double b) => new(a.Value / (float)b);
    public static RealF operator /(double a, RealF b) => new((float)a / b.Value);
    public static RealF Exp(RealF x) => new(VecMathF.Exp(x.Value));
    public static RealF Log(RealF x) => new(VecMathF.Log(x.Value));
    public static RealF Tanh(RealF x) => new(VecMathF.Tanh(x.Value));
    public static RealF Sqrt(RealF x) => new(MathF.Sqrt(x.Value));
    public static RealF Sin(RealF x) => new(VecMathF.Sin(x.Value));
    public static RealF Cos(RealF x) => new(VecMathF.Cos(x.Value));
    public static RealF Abs(RealF x) => new(MathF.Abs(x.Value));
    public static RealF Min(RealF a, RealF b) => new(System.Numerics.Vector.Min(new System.Numerics.Vector<float>(a.Value), new System.Numerics.Vector<float>(b.Value))[0]);
    public static RealF Max(RealF a, RealF b) => new(System.Numerics.Vector.Max(new System.Numerics.Vector<float>(a.Value), new System.Numerics.Vector<float>(b.Value))[0]);
    public static RealF IfNegative(RealF c, RealF n, RealF o) => c.Value < 0 ? n : o;
    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
