using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>
/// Tensor operations with numbers, written so that no TorchSharp <see cref="Scalar"/> can be finalized while native code uses it.
/// TorchSharp's convenience overloads (<c>t.add(u)</c> = <c>add(u, alpha: 1)</c>, <c>t.add(2.0)</c>, <c>1.0 - t</c> …) create
/// temporary Scalars whose only reference is the native handle; the GC may finalize them in the middle of the call (seen here as
/// "Expected false to be true … Scalar.h toDouble" after minutes of simulation). Here every Scalar is either a static (never collected)
/// or disposed after the call, which also keeps the finalizer queue empty in long loops.
/// </summary>
internal static class SafeOps
{
    private static readonly Scalar One = 1.0.ToScalar();

    public static Tensor Add(Tensor a, Tensor b) => a.add(b, One);
    public static Tensor Sub(Tensor a, Tensor b) => a.sub(b);   // no alpha: no Scalar
    public static Tensor Add(Tensor a, double v) { using var s = v.ToScalar(); return a.add(s, One); }
    public static Tensor Sub(Tensor a, double v) { using var s = v.ToScalar(); return a.sub(s); }
    /// <summary>v − a</summary>
    public static Tensor RSub(double v, Tensor a) { using var s = v.ToScalar(); using var n = a.neg(); return n.add(s, One); }
    public static Tensor Mul(Tensor a, double v) { using var s = v.ToScalar(); return a.mul(s); }
    public static Tensor Div(Tensor a, double v) { using var s = v.ToScalar(); return a.div(s); }
    public static Tensor ClampMin(Tensor a, double v) { using var s = v.ToScalar(); return a.clamp_min(s); }
    public static Tensor ClampMax(Tensor a, double v) { using var s = v.ToScalar(); return a.clamp_max(s); }
    public static Tensor Clamp(Tensor a, double? lo, double? hi)
    {
        using var l = lo?.ToScalar(); using var h = hi?.ToScalar();
        return a.clamp(l, h);
    }
    public static void ClampInPlace(Tensor a, double lo, double hi) { using var l = lo.ToScalar(); using var h = hi.ToScalar(); a.clamp_(l, h); }
    public static void MulInPlace(Tensor a, double v) { using var s = v.ToScalar(); a.mul_(s); }
    public static void AddInPlace(Tensor a, Tensor b) => a.add_(b, One);
    public static void SubInPlace(Tensor a, Tensor b) => a.sub_(b);
    public static Tensor Lt(Tensor a, double v) { using var s = v.ToScalar(); return a.lt(s); }
    public static Tensor Ne(Tensor a, double v) { using var s = v.ToScalar(); return a.ne(s); }
    public static Tensor Gt(Tensor a, double v) { using var s = v.ToScalar(); return a.gt(s); }
    public static Tensor FullLike(Tensor like, double v) { using var s = v.ToScalar(); return torch.full_like(like, s); }
}
