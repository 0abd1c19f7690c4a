using System.Numerics;
using System.Runtime.CompilerServices;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>
/// How the step loads and stores lanes: one vector or two at a time, of doubles (<see cref="RealVec"/>, <see cref="RealVec2"/>) or
/// floats (<see cref="RealVecF"/>, <see cref="RealVec2F"/>). Each block is used only in the instantiation whose number type it
/// matches (the reinterpretation of <typeparamref name="TNum"/> is then the identity).
/// </summary>
internal sealed partial class BlockEngine<TModel, TNum>
{
    private interface ILaneBlock<T> where T : unmanaged, IReal<T>
    {
        static abstract int Width { get; }
        static abstract T Load(ref TNum src, nuint at);
        static abstract void Store(T v, ref TNum dst, nuint at);
    }

    private readonly struct Block1 : ILaneBlock<RealVec>
    {
        public static int Width => Vector<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec Load(ref TNum src, nuint at) => new(Vector.LoadUnsafe(ref Unsafe.As<TNum, double>(ref src), at));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(RealVec v, ref TNum dst, nuint at) => v.V.StoreUnsafe(ref Unsafe.As<TNum, double>(ref dst), at);
    }

    private readonly struct Block2 : ILaneBlock<RealVec2>
    {
        public static int Width => 2 * Vector<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 Load(ref TNum src, nuint at) => RealVec2.Load(ref Unsafe.As<TNum, double>(ref src), at);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(RealVec2 v, ref TNum dst, nuint at) => v.Store(ref Unsafe.As<TNum, double>(ref dst), at);
    }

    private readonly struct Block1F : ILaneBlock<RealVecF>
    {
        public static int Width => Vector<float>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVecF Load(ref TNum src, nuint at) => RealVecF.Load(ref Unsafe.As<TNum, float>(ref src), at);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(RealVecF v, ref TNum dst, nuint at) => v.Store(ref Unsafe.As<TNum, float>(ref dst), at);
    }

    private readonly struct Block2F : ILaneBlock<RealVec2F>
    {
        public static int Width => 2 * Vector<float>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2F Load(ref TNum src, nuint at) => RealVec2F.Load(ref Unsafe.As<TNum, float>(ref src), at);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(RealVec2F v, ref TNum dst, nuint at) => v.Store(ref Unsafe.As<TNum, float>(ref dst), at);
    }
}
