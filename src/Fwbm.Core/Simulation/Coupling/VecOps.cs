using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fwbm.Core.Simulation.Coupling;

/// <summary>Fused multiply–add on <see cref="Vector{T}"/> for float or double: the type test is a JIT constant, so each
/// instantiation compiles to the one hardware FMA (a·b + c rounded once).</summary>
internal static class VecOps<TNum> where TNum : unmanaged, IBinaryFloatingPointIeee754<TNum>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<TNum> Fma(Vector<TNum> a, Vector<TNum> b, Vector<TNum> c)
    {
        if (typeof(TNum) == typeof(double))
            return Vector.FusedMultiplyAdd(a.As<TNum, double>(), b.As<TNum, double>(), c.As<TNum, double>()).As<double, TNum>();
        if (typeof(TNum) == typeof(float))
            return Vector.FusedMultiplyAdd(a.As<TNum, float>(), b.As<TNum, float>(), c.As<TNum, float>()).As<float, TNum>();
        throw new NotSupportedException($"{typeof(TNum).Name}: the coupling computes in float or double.");
    }

    /// <summary>Scalar a·b + c rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TNum Fma(TNum a, TNum b, TNum c) => TNum.FusedMultiplyAdd(a, b, c);
}
