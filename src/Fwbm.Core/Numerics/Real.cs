using System.Runtime.CompilerServices;

namespace Fwbm.Core.Numerics;

/// <summary>One lane of double precision: the scalar evaluation path of the model equations.</summary>
public readonly record struct Real(double Value) : IReal<Real>
{
    public static implicit operator Real(double v) => new(v);
    public static implicit operator double(Real v) => v.Value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Real Const(double value) => new(value);
    public static Real operator +(Real a, Real b) => new(a.Value + b.Value);
    public static Real operator -(Real a, Real b) => new(a.Value - b.Value);
    public static Real operator *(Real a, Real b) => new(a.Value * b.Value);
    public static Real operator /(Real a, Real b) => new(a.Value / b.Value);
    public static Real operator -(Real a) => new(-a.Value);
    public static Real operator +(Real a, double b) => new(a.Value + b);
    public static Real operator +(double a, Real b) => new(a + b.Value);
    public static Real operator -(Real a, double b) => new(a.Value - b);
    public static Real operator -(double a, Real b) => new(a - b.Value);
    public static Real operator *(Real a, double b) => new(a.Value * b);
    public static Real operator *(double a, Real b) => new(a * b.Value);
    public static Real operator /(Real a, double b) => new(a.Value / b);
    public static Real operator /(double a, Real b) => new(a / b.Value);
    public static Real Exp(Real x) => new(Math.Exp(x.Value));
    public static Real Log(Real x) => new(Math.Log(x.Value));
    public static Real Tanh(Real x) => new(Math.Tanh(x.Value));
    public static Real Sqrt(Real x) => new(Math.Sqrt(x.Value));
    public static Real Sin(Real x) => new(Math.Sin(x.Value));
    public static Real Cos(Real x) => new(Math.Cos(x.Value));
    public static Real Abs(Real x) => new(Math.Abs(x.Value));
    public static Real Min(Real a, Real b) => new(Math.Min(a.Value, b.Value));
    public static Real Max(Real a, Real b) => new(Math.Max(a.Value, b.Value));
    public static Real IfNegative(Real c, Real n, Real o) => c.Value < 0 ? n : o;
    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
