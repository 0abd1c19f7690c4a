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

    /// <summary>
    /// Single precision: the standard normal for lane key <paramref name="key"/> at step <paramref name="step"/>, through the float
    /// vector path (bit-identical to every lane of <see cref="NormalPairVecF"/>).
    /// </summary>
    public static float NormalF(ulong key, long step) => NormalVecF(new Vector<ulong>(key), new Vector<ulong>(key), step)[0];

    /// <summary>Single-precision standard normals for 2·<see cref="Vector{T}.Count"/> (of ulong) = <see cref="Vector{T}.Count"/> (of float) lane keys at one step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> NormalVecF(Vector<ulong> keysLow, Vector<ulong> keysHigh, long step)
    {
        var (c, s) = NormalPairVecF(keysLow, keysHigh, step >> 1);
        return (step & 1) == 0 ? c : s;
    }

    /// <summary>
    /// The single-precision normals of steps 2·<paramref name="pair"/> (first) and 2·<paramref name="pair"/>+1 (second) for the
    /// <see cref="Vector{T}.Count"/> float lanes whose keys are <paramref name="keysLow"/> (lanes 0 … n/2−1) then <paramref name="keysHigh"/>.
    /// It is the double stream computed in float: the same 64-bit hash per (key, pair), the same two uniforms u1 = (hi + 1)·2^−32 and
    /// u2 = (lo + 0.5)·2^−32 (each rounded to float once), the same Box–Muller pair (√(−2 ln u1)·cos 2πu2, √(−2 ln u1)·sin 2πu2), so a
    /// float value differs from the double value of the same (key, step) by float rounding only (|z_f − z_d| ≤ 1e-6·(1 + |z|) + 2e-7/|z|,
    /// the last term from u1 just below 1, where z is tiny) and single and double runs with one seed see the same noise. Tails reach
    /// |z| = √(64 ln 2) ≈ 6.66 as in double. The distribution is checked in NoiseStreamFloatTests (mean, variance, Kolmogorov–Smirnov
    /// against Φ, tails, independence, with stated tolerances).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector<float> Even, Vector<float> Odd) NormalPairVecF(Vector<ulong> keysLow, Vector<ulong> keysHigh, long pair)
    {
        var g = new Vector<ulong>((ulong)pair * Golden);
        var z0 = MixVec(keysLow + g);
        var z1 = MixVec(keysHigh + g);
        var hi = Vector.AsVectorInt32(Vector.Narrow(z0 >>> 32, z1 >>> 32));
        var lo = Vector.AsVectorInt32(Vector.Narrow(z0, z1));
        // a 32-bit unsigned value v as float = (v >>> 16)·2^16 + (v & 0xFFFF), each half exact; one FMA rounds the sum once
        var mask16 = new Vector<int>(0xFFFF);
        var hiHigh = Vector.ConvertToSingle(hi >>> 16);
        var hiLow = Vector.ConvertToSingle(hi & mask16);
        var loHigh = Vector.ConvertToSingle(lo >>> 16);
        var loLow = Vector.ConvertToSingle(lo & mask16);
        var scale = new Vector<float>(1f / 4294967296f);
        var u1 = Vector.FusedMultiplyAdd(hiHigh, new Vector<float>(65536f), hiLow + Vector<float>.One) * scale;       // (0, 1]
        var u2 = Vector.FusedMultiplyAdd(loHigh, new Vector<float>(65536f), loLow + new Vector<float>(0.5f)) * scale; // (0, 1]
        var r = Vector.SquareRoot(new Vector<float>(-2f) * Numerics.VecMathF.Log(u1));
        var (sin, cos) = Numerics.VecMathF.SinCosTurns(u2);
        return (r * cos, r * sin);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<ulong> MixVec(Vector<ulong> z)
    {
        z = (z ^ (z >>> 30)) * new Vector<ulong>(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 27)) * new Vector<ulong>(0x94D049BB133111EBUL);
        return z ^ (z >>> 31);
    }

    /// <summary>Fill <paramref name="dst"/> with the single-precision normals for the given keys at one step (vector path, any length).</summary>
    public static void FillF(ReadOnlySpan<ulong> keys, long step, Span<float> dst)
    {
        int w = Vector<float>.Count, h = Vector<ulong>.Count, i = 0;
        for (; i + w <= keys.Length; i += w)
            NormalVecF(new Vector<ulong>(keys.Slice(i, h)), new Vector<ulong>(keys.Slice(i + h, h)), step).CopyTo(dst.Slice(i, w));
        if (i < keys.Length)
        {
            Span<ulong> k = stackalloc ulong[w];
            Span<float> o = stackalloc float[w];
            keys[i..].CopyTo(k);
            NormalVecF(new Vector<ulong>(k[..h]), new Vector<ulong>(k[h..]), step).CopyTo(o);
            o[..(keys.Length - i)].CopyTo(dst[i..]);
        }
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
