using Fwbm.Core.Grammar;

namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// A degree-preserving null connectome (Maslov &amp; Sneppen 2002): <see cref="NullConnectome.SwapsPerEdge"/> double-edge swaps per edge on the
/// binary graph, each edge carrying its weight, so every region's in- and out-degree (and the multiset of weights) is kept exactly and a
/// symmetric connectome stays symmetric (see <see cref="DegreePreservingRewiring"/>). Seeded: same seed, same null. Tract lengths are
/// those of the region pairs (a new edge a–d takes the length of a–d; where that is 0 and centres are known, their distance). A complete
/// graph (every pair connected, as the dense hcp connectome) cannot be rewired: that is an error.
/// </summary>
public sealed record RewiredNull : NullConnectome
{
    public RewiredNull(int swapsPerEdge = DefaultSwaps, ulong seed = 0) : base(swapsPerEdge, seed) { }

    private protected override string Kind => "rewire";

    private protected override Connectome Transform(Connectome connectome)
    {
        int n = connectome.Count;
        if (DegreePreservingRewiring.IsComplete(connectome.Weights, n))
            throw Fail(connectome, "every pair of regions is connected, so degree-preserving swaps cannot change the graph (the null would be the connectome itself); threshold the weights first, or use --null spatial, which reassigns the weights by tract length");
        var w = DegreePreservingRewiring.Rewire(connectome.Weights, n, SwapsPerEdge, Seed, out var edges);
        return connectome.With(weights: w, tractLengths: NullLengths.ForNewEdges(connectome, edges));
    }
}

/// <summary>Tract lengths of rewired edges.</summary>
internal static class NullLengths
{
    /// <summary>The connectome's lengths (null when it has none), with the 0-length entries of the new edges (both directions) set to
    /// the distance between the region centres when known.</summary>
    public static double[]? ForNewEdges(Connectome c, IReadOnlyList<(int Target, int Source)> edges)
    {
        if (!c.HasTractLengths) return null;
        var len = c.TractLengths.ToArray();
        if (c.Centres is null) return len;
        int n = c.Count;
        foreach (var (t, s) in edges)
        {
            double d = c.Centres[t].DistanceTo(c.Centres[s]);
            if (len[t * n + s] == 0) len[t * n + s] = d;
            if (len[s * n + t] == 0) len[s * n + t] = d;
        }
        return len;
    }
}
