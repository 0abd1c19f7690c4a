using System.Numerics;

namespace Fwbm.Core.Numerics;

/// <summary>
/// The numeric interface every model equation is written against. A model's drift is written once as a generic
/// method over <typeparamref name="T"/> and evaluated by the CPU engine with <see cref="Real"/> (one lane) or
/// <see cref="RealVec"/> (SIMD lanes over regions or batch members), and by the Torch backend with a tensor-backed
/// implementation (element-wise over [batch, regions], differentiable).
/// </summary>
/// <remarks>Only element-wise operations belong here: the equations of a neural mass are local to one lane.</remarks>
public interface IReal<T> :
    IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>,
    IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
    IUnaryNegationOperators<T, T>
    where T : IReal<T>
{
    /// <summary>A constant broadcast to every lane.</summary>
    static abstract T Const(double value);

    static abstract T operator +(T a, double b);
    static abstract T operator +(double a, T b);
    static abstract T operator -(T a, double b);
    static abstract T operator -(double a, T b);
    static abstract T operator *(T a, double b);
    static abstract T operator *(double a, T b);
    static abstract T operator /(T a, double b);
    static abstract T operator /(double a, T b);

    static abstract T Exp(T x);
    static abstract T Log(T x);
    static abstract T Tanh(T x);
    static abstract T Sqrt(T x);
    static abstract T Sin(T x);
    static abstract T Cos(T x);
    static abstract T Abs(T x);
    static abstract T Min(T a, T b);
    static abstract T Max(T a, T b);

    /// <summary>Element-wise <c>condition &lt; 0 ? whenNegative : otherwise</c> (piecewise model terms).</summary>
    static abstract T IfNegative(T condition, T whenNegative, T otherwise);
}

/// <summary>Helpers built from <see cref="IReal{T}"/> primitives, shared by all numeric paths.</summary>
public static class RealMath
{
    /// <summary>Logistic sigmoid 1 / (1 + exp(-x)).</summary>
    public static T Sigmoid<T>(T x) where T : IReal<T> => 1.0 / (1.0 + T.Exp(-x));

    /// <summary>x²</summary>
    public static T Sq<T>(T x) where T : IReal<T> => x * x;

    /// <summary>x³</summary>
    public static T Cube<T>(T x) where T : IReal<T> => x * x * x;
}
