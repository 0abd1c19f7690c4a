using Fwbm.Core.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>
/// The tensor evaluation path of the model equations: an <see cref="IReal{T}"/> over TorchSharp tensors, element-wise with
/// broadcasting (typically [batch, regions]) and differentiable. A value is either a tensor or a plain constant (a number that
/// has no dtype or device yet): constants combine with each other in double precision and enter tensor arithmetic as scalars,
/// so <c>T.Const(…)</c> and literals in the equations never allocate and the same generic code runs on CPU, CUDA, float32 and float64.
/// </summary>
/// <remarks>Every operation on tensors creates a new tensor; run equations inside a <c>torch.NewDisposeScope()</c> and keep only
/// what must survive (<c>MoveToOuterDisposeScope</c>) so native memory does not grow over a long loop.</remarks>
public readonly struct TReal : IReal<TReal>
{
    private readonly Tensor? _t;
    private readonly double _c;

    public TReal(Tensor tensor) { _t = tensor ?? throw new ArgumentNullException(nameof(tensor)); _c = 0; }
    private TReal(double constant) { _t = null; _c = constant; }

    /// <summary>True when this value is a constant rather than a tensor.</summary>
    public bool IsConstant => _t is null;
    /// <summary>The constant (only when <see cref="IsConstant"/>).</summary>
    public double Constant => _t is null ? _c : throw new InvalidOperationException("TReal holds a tensor, not a constant.");
    /// <summary>The tensor (only when not <see cref="IsConstant"/>).</summary>
    public Tensor Tensor => _t ?? throw new InvalidOperationException("TReal holds a constant, not a tensor; use ToTensor(like).");

    /// <summary>This value as a tensor: itself, or the constant filled into the shape, dtype and device of <paramref name="like"/>.</summary>
    public Tensor ToTensor(Tensor like) => _t ?? SafeOps.FullLike(like, _c);

    public static implicit operator TReal(Tensor t) => new(t);

    public static TReal Const(double value) => new(value);

    public static TReal operator +(TReal a, TReal b) => a._t is null ? (b._t is null ? new(a._c + b._c) : new(SafeOps.Add(b._t, a._c))) : b._t is null ? new(SafeOps.Add(a._t, b._c)) : new(SafeOps.Add(a._t, b._t));
    public static TReal operator -(TReal a, TReal b) => a._t is null ? (b._t is null ? new(a._c - b._c) : new(SafeOps.RSub(a._c, b._t))) : b._t is null ? new(SafeOps.Sub(a._t, b._c)) : new(SafeOps.Sub(a._t, b._t));
    public static TReal operator *(TReal a, TReal b) => a._t is null ? (b._t is null ? new(a._c * b._c) : new(SafeOps.Mul(b._t, a._c))) : b._t is null ? new(SafeOps.Mul(a._t, b._c)) : new(a._t.mul(b._t));
    public static TReal operator /(TReal a, TReal b) => a._t is null ? (b._t is null ? new(a._c / b._c) : new(Scalar0(a._c, b._t).div(b._t))) : b._t is null ? new(SafeOps.Div(a._t, b._c)) : new(a._t.div(b._t));
    public static TReal operator -(TReal a) => a._t is null ? new(-a._c) : new(a._t.neg());
    public static TReal operator +(TReal a, double b) => a + new TReal(b);
    public static TReal operator +(double a, TReal b) => new TReal(a) + b;
    public static TReal operator -(TReal a, double b) => a - new TReal(b);
    public static TReal operator -(double a, TReal b) => new TReal(a) - b;
    public static TReal operator *(TReal a, double b) => a * new TReal(b);
    public static TReal operator *(double a, TReal b) => new TReal(a) * b;
    public static TReal operator /(TReal a, double b) => a / new TReal(b);
    public static TReal operator /(double a, TReal b) => new TReal(a) / b;

    public static TReal Exp(TReal x) => x._t is null ? new(Math.Exp(x._c)) : new(x._t.exp());
    public static TReal Log(TReal x) => x._t is null ? new(Math.Log(x._c)) : new(x._t.log());
    public static TReal Tanh(TReal x) => x._t is null ? new(Math.Tanh(x._c)) : new(x._t.tanh());
    public static TReal Sqrt(TReal x) => x._t is null ? new(Math.Sqrt(x._c)) : new(x._t.sqrt());
    public static TReal Sin(TReal x) => x._t is null ? new(Math.Sin(x._c)) : new(x._t.sin());
    public static TReal Cos(TReal x) => x._t is null ? new(Math.Cos(x._c)) : new(x._t.cos());
    public static TReal Abs(TReal x) => x._t is null ? new(Math.Abs(x._c)) : new(x._t.abs());

    public static TReal Min(TReal a, TReal b) => a._t is null ? (b._t is null ? new(Math.Min(a._c, b._c)) : new(SafeOps.ClampMax(b._t, a._c))) : b._t is null ? new(SafeOps.ClampMax(a._t, b._c)) : new(torch.minimum(a._t, b._t));
    public static TReal Max(TReal a, TReal b) => a._t is null ? (b._t is null ? new(Math.Max(a._c, b._c)) : new(SafeOps.ClampMin(b._t, a._c))) : b._t is null ? new(SafeOps.ClampMin(a._t, b._c)) : new(torch.maximum(a._t, b._t));

    public static TReal IfNegative(TReal condition, TReal whenNegative, TReal otherwise)
    {
        if (condition._t is null) return condition._c < 0 ? whenNegative : otherwise;
        var mask = SafeOps.Lt(condition._t, 0);
        var like = whenNegative._t ?? otherwise._t ?? condition._t;
        return new(torch.where(mask, whenNegative._t ?? Scalar0(whenNegative._c, like), otherwise._t ?? Scalar0(otherwise._c, like)));
    }

    /// <summary>A 0-dimensional tensor holding <paramref name="value"/> with the dtype and device of <paramref name="like"/> (broadcasts).</summary>
    private static Tensor Scalar0(double value, Tensor like) => torch.tensor(value, dtype: like.dtype, device: like.device);

    public override string ToString() => _t is null ? _c.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : _t.ToString();
}
