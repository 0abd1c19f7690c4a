using QuikGraph;
using QuikGraph.Algorithms.ShortestPath;

namespace Fwbm.Core.Analysis.Graph;

/// <summary>
/// Shortest weighted paths through a structural connectome (Dijkstra 1959, by QuikGraph's
/// <see cref="DijkstraShortestPathAlgorithm{TVertex, TEdge}"/>). Matrices are row-major n×n in the connectome's convention:
/// entry [i, j] is the connection <b>from j to i</b> (rows are targets). There is an edge j → i where <c>weights[i, j] &gt; 0</c>
/// (i ≠ j; self-loops never shorten a path) and its length is <c>lengths[i, j]</c>, which must be ≥ 0 and not NaN.
/// Unreachable regions are at +∞. Lengths are whatever the caller chooses: tract lengths in mm (path distance along the tracts) or
/// weights turned into lengths by <see cref="WeightsToLengths"/> (topological distance, for efficiency and path length).
/// </summary>
public static class ShortestPaths
{
    /// <summary>Distances from <paramref name="source"/> to every region (index = target; 0 at the source, +∞ when unreachable).</summary>
    public static double[] FromSource(ReadOnlySpan<double> lengths, ReadOnlySpan<double> weights, int n, int source)
    {
        if (source < 0 || source >= n) throw new FwbmException($"Shortest paths: source region {source} is out of range; expected 0…{n - 1}.");
        var graph = Build(lengths, weights, n);
        return Run(graph, n, source);
    }

    /// <summary>Distances between all pairs: row-major n×n, entry [i, j] = the distance <b>from j to i</b> (the connectome's
    /// convention, so a symmetric graph gives a symmetric matrix); 0 on the diagonal, +∞ when i cannot be reached from j.
    /// One Dijkstra per source, run in parallel (each writes its own column; the result does not depend on the thread count).</summary>
    public static double[] AllPairs(ReadOnlySpan<double> lengths, ReadOnlySpan<double> weights, int n)
    {
        var graph = Build(lengths, weights, n);
        var d = new double[n * n];
        Parallel.For(0, n, s =>
        {
            var row = Run(graph, n, s);
            for (int t = 0; t < n; t++) d[t * n + s] = row[t];
        });
        return d;
    }

    /// <summary>All-pairs distances of a weight matrix whose lengths come from its weights (<see cref="WeightsToLengths.Convert"/>).</summary>
    public static double[] AllPairsFromWeights(ReadOnlySpan<double> weights, int n, LengthConversion conversion = LengthConversion.Inverse, double scale = 1.0)
        => AllPairs(WeightsToLengths.Convert(weights, n, conversion, scale), weights, n);

    private sealed record Graph(AdjacencyGraph<int, SEquatableEdge<int>> G, Dictionary<SEquatableEdge<int>, double> Length);

    private static Graph Build(ReadOnlySpan<double> lengths, ReadOnlySpan<double> weights, int n)
    {
        if (n < 1) throw new FwbmException($"Shortest paths: n = {n} regions; expected at least 1.");
        CheckSize(weights, n, "weights");
        CheckSize(lengths, n, "lengths");
        var g = new AdjacencyGraph<int, SEquatableEdge<int>>(allowParallelEdges: false, vertexCapacity: n, edgeCapacity: -1);
        for (int v = 0; v < n; v++) g.AddVertex(v);
        var len = new Dictionary<SEquatableEdge<int>, double>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double w = weights[i * n + j];
                if (double.IsNaN(w)) throw new FwbmException($"Shortest paths: weights[{i},{j}] is NaN; expected a number (an edge where it is > 0).");
                if (!(w > 0)) continue;
                double l = lengths[i * n + j];
                if (double.IsNaN(l) || l < 0)
                    throw new FwbmException($"Shortest paths: lengths[{i},{j}] = {l} on the edge {j} → {i}; expected a length ≥ 0 (Dijkstra needs non-negative lengths).");
                if (double.IsPositiveInfinity(l)) continue; // an infinitely long edge is no edge
                var e = new SEquatableEdge<int>(j, i);
                g.AddEdge(e);
                len[e] = l;
            }
        return new Graph(g, len);
    }

    private static double[] Run(Graph graph, int n, int source)
    {
        var length = graph.Length;
        var dijkstra = new DijkstraShortestPathAlgorithm<int, SEquatableEdge<int>>(graph.G, e => length[e]);
        dijkstra.Compute(source);
        var d = new double[n];
        for (int v = 0; v < n; v++)
            d[v] = dijkstra.TryGetDistance(v, out double x) && x < double.MaxValue ? x : double.PositiveInfinity;
        d[source] = 0;
        return d;
    }

    internal static void CheckSize(ReadOnlySpan<double> m, int n, string what)
    {
        if (m.Length != n * n)
            throw new FwbmException($"Shortest paths: '{what}' has {m.Length} values; expected an {n}×{n} matrix ({n * n} values).");
    }
}
