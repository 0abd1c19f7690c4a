using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fwbm.Core.Noise;

/// <summary>
/// Counter-based Gaussian noise: the value for (seed, region key, state variable, step) is a pure function of those four
/// numbers (a SplitMix64-style hash and Box–Muller), so a simulation is identical whatever the thread count, batch size,
/// position in the batch or order in which lanes are computed. The Torch backend draws from the same stream.
/// </summary>
public static class NoiseStream
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The per-lane key: hash of (seed, region key, variable). Step counters are added to it.</summary>
    public static ulong LaneKey(ulong seed, int regionKey, int variable)
        => Mix(Mix(Mix(seed + Golden) + (ulong)(uint)regionKey * 0xD1B54A32D192ED03UL) + (ulong)(uint)variable * 0x8CB92BA72F3D8DD7UL);

    /// <summary>A uniform number in [0, 1) for lane key <paramref name="key"/> at counter <paramref name="counter"/> (initial conditions use counter −1).</summary>
    public static double Uniform(ulong key, long counter) => (Mix(key + (ulong)counter * Golden) >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>
    /// A standard normal for lane key <paramref name="key"/> at step <paramref name="step"/>. Steps 2m and 2m+1 share one hash and
    /// one Box–Muller transform (the cosine and the sine branch), which halves the cost; the value is still a pure function of
    /// (key, step). Evaluated through the vector path so scalar and SIMD callers get identical bits.
    /// </summary>
    public static double Normal(ulong key, long step) => NormalVec(new Vector<ulong>(key), step)[0];

    /// <summary>Standard normals for <see cref="Vector{T}.Count"/> lane keys at one step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> NormalVec(Vector<ulong> keys, long step)
    {
        var (c, s) = NormalPairVec(keys, step >> 1);
        return (step & 1) == 0 ? c : s;
    }

    /// <summary>The normals of steps 2·<paramref name="pair"/> (first) and 2·<paramref name="pair"/>+1 (second).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector<double> Even, Vector<double> Odd) NormalPairVec(Vector<ulong> keys, long pair)
    {
        var z = keys + new Vector<ulong>((ulong)pair * Golden);
        z = (z ^ (z >>> 30)) * new Vector<ulong>(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 27)) * new Vector<ulong>(0x94D049BB133111EBUL);
        z ^= z >>> 31;
        var hi = Vector.ConvertToDouble(z >>> 32);
        var lo = Vector.ConvertToDouble(z & new Vector<ulong>(0xFFFFFFFFUL));
        var u1 = (hi + Vector<double>.One) * (1.0 / 4294967296.0);          // (0, 1]
        var u2 = (lo + new Vector<double>(0.5)) * (1.0 / 4294967296.0);     // (0, 1)
        var r = Vector.SquareRoot(new Vector<double>(-2.0) * Numerics.VecMath.Log(u1));
        var (sin, cos) = Numerics.VecMath.SinCos(u2 * (2.0 * Math.PI));
        return (r * cos, r * sin);
    }

    /// <summary>Fill <paramref name="dst"/> with the normals for the given keys at one step (vector path, any length).</summary>
    public static void Fill(ReadOnlySpan<ulong> keys, long step, Span<double> dst)
    {
        int w = Vector<double>.Count, i = 0;
        for (; i + w <= keys.Length; i += w) NormalVec(new Vector<ulong>(keys.Slice(i, w)), step).CopyTo(dst.Slice(i, w));
        if (i < keys.Length)
        {
            Span<ulong> k = stackalloc ulong[w];
            Span<double> o = stackalloc double[w];
            keys[i..].CopyTo(k);
            NormalVec(new Vector<ulong>(k), step).CopyTo(o);
            o[..(keys.Length - i)].CopyTo(dst[i..]);
        }
    }
}
