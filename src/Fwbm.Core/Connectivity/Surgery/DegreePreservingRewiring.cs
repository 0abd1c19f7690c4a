namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// Maslov–Sneppen double-edge swaps on the binary graph of the non-zero off-diagonal weights, each edge carrying its weight. Directed:
/// edges s₁→t₁, s₂→t₂ become s₂→t₁, s₁→t₂ (every in- and out-degree kept). Symmetric weights: undirected edges a–b, c–d become a–d,
/// c–b (every degree kept, the matrix stays symmetric). A swap that would make a self-loop or a double edge is skipped. Self-connections
/// stay where they are. <c>swapsPerEdge × edges</c> swaps are attempted with a SplitMix64 stream of the seed: same seed, same graph.
/// </summary>
internal static class DegreePreservingRewiring
{
    /// <summary>The rewired weights (row = target, column = source); <paramref name="edges"/> lists the (target, source) entries that
    /// are non-zero afterwards (off-diagonal; for a symmetric matrix each undirected edge once, as (larger, smaller) index).</summary>
    public static double[] Rewire(ReadOnlySpan<double> weights, int n, int swapsPerEdge, ulong seed, out (int Target, int Source)[] edges)
    {
        bool symmetric = IsSymmetric(weights, n);
        var w = weights.ToArray();
        var list = new List<(int T, int S)>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < (symmetric ? i : n); j++)
                if (i != j && w[i * n + j] != 0) list.Add((i, j));
        var e = list.ToArray();
        var rng = new SplitMix(seed);
        long attempts = (long)swapsPerEdge * e.Length;
        if (e.Length >= 2)
            for (long k = 0; k < attempts; k++)
            {
                int x = rng.Next(e.Length), y = rng.Next(e.Length);
                if (x == y) continue;
                var (t1, s1) = e[x];
                var (t2, s2) = e[y];
                if (symmetric && rng.Next(2) == 1) (t2, s2) = (s2, t2); // an undirected edge in either orientation
                // new edges: s2 → t1 and s1 → t2
                if (t1 == s2 || t2 == s1 || t1 == t2 || s1 == s2) continue;
                if (w[t1 * n + s2] != 0 || w[t2 * n + s1] != 0) continue;
                if (symmetric && (w[s2 * n + t1] != 0 || w[s1 * n + t2] != 0)) continue;
                double w1 = w[t1 * n + s1], w2 = w[t2 * n + s2];
                w[t1 * n + s1] = 0; w[t2 * n + s2] = 0;
                w[t1 * n + s2] = w1; w[t2 * n + s1] = w2;
                if (symmetric)
                {
                    w[s1 * n + t1] = 0; w[s2 * n + t2] = 0;
                    w[s2 * n + t1] = w1; w[s1 * n + t2] = w2;
                }
                e[x] = symmetric ? Ordered(t1, s2) : (t1, s2);
                e[y] = symmetric ? Ordered(t2, s1) : (t2, s1);
            }
        edges = e;
        return w;
    }

    private static (int, int) Ordered(int a, int b) => a > b ? (a, b) : (b, a);

    /// <summary>True when every off-diagonal entry is non-zero (no swap can change such a graph).</summary>
    public static bool IsComplete(ReadOnlySpan<double> w, int n)
    {
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j && w[i * n + j] == 0) return false;
        return true;
    }

    /// <summary>True when W = Wᵀ exactly.</summary>
    public static bool IsSymmetric(ReadOnlySpan<double> w, int n)
    {
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (w[i * n + j] != w[j * n + i]) return false;
        return true;
    }

    /// <summary>SplitMix64: a small seeded stream, the same on every machine and .NET version.</summary>
    internal struct SplitMix(ulong seed)
    {
        private ulong _state = seed;

        public ulong NextUInt64()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, bound) (Lemire's multiply-shift; the tiny bias of 2⁻⁶⁴·bound does not matter here).</summary>
        public int Next(int bound) => (int)(((UInt128)NextUInt64() * (ulong)bound) >> 64);
    }
}
