using System.Numerics;
using System.Runtime.CompilerServices;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>How the step loads and stores lanes: one vector (<see cref="RealVec"/>) or two (<see cref="RealVec2"/>) at a time.</summary>
internal sealed partial class BlockEngine<TModel>
{
    private interface ILaneBlock<T> where T : unmanaged, IReal<T>
    {
        static abstract int Width { get; }
        static abstract T Load(ref double src, nuint at);
        static abstract void Store(T v, ref double dst, nuint at);
    }

    private readonly struct Block1 : ILaneBlock<RealVec>
    {
        public static int Width => Vector<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec Load(ref double src, nuint at) => new(Vector.LoadUnsafe(ref src, at));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(RealVec v, ref double dst, nuint at) => v.V.StoreUnsafe(ref dst, at);
    }

    private readonly struct Block2 : ILaneBlock<RealVec2>
    {
        public static int Width => 2 * Vector<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 Load(ref double src, nuint at) => RealVec2.Load(ref src, at);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(RealVec2 v, ref double dst, nuint at) => v.Store(ref dst, at);
    }
}
