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

    /// <summary>A standard normal for lane key <paramref name="key"/> at step <paramref name="step"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Normal(ulong key, long step)
    {
        ulong h = Mix(key + (ulong)step * Golden);
        // two 32-bit uniforms in (0, 1]
        double u1 = ((h >> 32) + 1.0) * (1.0 / 4294967296.0);
        double u2 = ((h & 0xFFFFFFFFUL) + 0.5) * (1.0 / 4294967296.0);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Standard normals for <see cref="Vector{T}.Count"/> lane keys at one step.</summary>
    /// <remarks>The vector path uses the vectorised Log/Cos, which may differ from Math.Log/Math.Cos in the last bits; the
    /// engine therefore always uses this path for every lane so results never depend on the layout.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> NormalVec(Vector<ulong> keys, long step)
    {
        var z = keys + new Vector<ulong>((ulong)step * Golden);
        z = (z ^ (z >>> 30)) * new Vector<ulong>(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 27)) * new Vector<ulong>(0x94D049BB133111EBUL);
        z ^= z >>> 31;
        var hi = Vector.ConvertToDouble(z >>> 32);
        var lo = Vector.ConvertToDouble(z & new Vector<ulong>(0xFFFFFFFFUL));
        var u1 = (hi + Vector<double>.One) * (1.0 / 4294967296.0);
        var u2 = (lo + new Vector<double>(0.5)) * (1.0 / 4294967296.0);
        return Vector.SquareRoot(new Vector<double>(-2.0) * Vector.Log(u1)) * Vector.Cos(u2 * (2.0 * Math.PI));
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
