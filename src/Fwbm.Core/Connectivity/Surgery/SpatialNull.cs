using Fwbm.Core.Grammar;

namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// A spatially embedded null connectome that keeps the degree sequence and the length–weight relation, in the style of Roberts et al.
/// 2016 and Betzel &amp; Bassett 2018: the binary graph is rewired with degree-preserving swaps (as <see cref="RewiredNull"/>), then the
/// original weights are dealt to the new edges by length — both edge lists are sorted by tract length and cut into
/// <see cref="Bins"/> bins of equal count (by rank), and the weights of the k-th bin of the original edges are shuffled (seeded) onto
/// the edges of the k-th bin of the new ones. So every region's degree and the multiset of weights are kept exactly, each length bin
/// keeps its weights (the length–weight relation at the resolution of the bins, as Betzel's binned shuffle) and, unlike a pure rank
/// match, a complete graph (every pair connected, e.g. hcp), whose topology cannot change, still gets a different null. Lengths: tract
/// lengths, else centre distances (one of them is needed). Symmetric connectomes stay symmetric. Seeded: same seed, same null.
/// </summary>
public sealed record SpatialNull : NullConnectome
{
    public SpatialNull(int swapsPerEdge = DefaultSwaps, ulong seed = 0) : base(swapsPerEdge, seed) { }

    /// <summary>The number of equal-count length bins within which the weights are shuffled.</summary>
    public const int Bins = 10;

    private protected override string Kind => "spatial";

    private protected override Connectome Transform(Connectome connectome)
    {
        int n = connectome.Count;
        if (!connectome.HasTractLengths && connectome.Centres is null)
            throw Fail(connectome, "a spatial null needs tract lengths or region centres (the weights follow the lengths), and this connectome has neither; use --null rewire");
        var lengths = connectome.LengthsOrDistances();
        var original = connectome.Weights.ToArray();
        bool symmetric = DegreePreservingRewiring.IsSymmetric(original, n);
        // the original edges (in the order the rewiring lists them), sorted by length
        var before = new List<(int T, int S)>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < (symmetric ? i : n); j++)
                if (i != j && original[i * n + j] != 0) before.Add((i, j));
        var weightsByLength = before.Select((e, k) => (L: lengths[e.T * n + e.S], W: original[e.T * n + e.S], K: k))
            .OrderBy(x => x.L).ThenBy(x => x.K).Select(x => x.W).ToArray();
        var w = DegreePreservingRewiring.Rewire(original, n, SwapsPerEdge, Seed, out var edges);
        var newLengths = connectome.HasTractLengths ? NullLengths.ForNewEdges(connectome, edges)! : lengths;
        var order = edges.Select((e, k) => (L: newLengths[e.Target * n + e.Source], K: k)).OrderBy(x => x.L).ThenBy(x => x.K).Select(x => x.K).ToArray();
        // shuffle the weights within each length bin (Fisher–Yates, a stream of its own so the swaps above do not depend on it)
        var rng = new DegreePreservingRewiring.SplitMix(Seed ^ 0x5DEECE66DUL);
        int count = weightsByLength.Length;
        for (int b = 0; b < Bins; b++)
        {
            int lo = (int)((long)b * count / Bins), hi = (int)((long)(b + 1) * count / Bins);
            for (int k = hi - 1; k > lo; k--)
            {
                int m = lo + rng.Next(k - lo + 1);
                (weightsByLength[k], weightsByLength[m]) = (weightsByLength[m], weightsByLength[k]);
            }
        }
        for (int r = 0; r < order.Length; r++)
        {
            var (t, s) = edges[order[r]];
            w[t * n + s] = weightsByLength[r];
            if (symmetric) w[s * n + t] = weightsByLength[r];
        }
        return connectome.With(weights: w, tractLengths: connectome.HasTractLengths ? newLengths : null);
    }
}
