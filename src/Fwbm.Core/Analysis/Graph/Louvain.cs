namespace Fwbm.Core.Analysis.Graph;

/// <summary>A partition of the regions into communities and its modularity.</summary>
/// <param name="Communities">Community of each region, numbered 0, 1, … in the order of their first region.</param>
/// <param name="Q">Newman's modularity of that partition at the resolution used.</param>
/// <param name="Count">Number of communities.</param>
public sealed record CommunityPartition(IReadOnlyList<int> Communities, double Q, int Count);

/// <summary>
/// Modularity maximisation by the Louvain method (Blondel et al. 2008) on a weighted undirected graph: (1) each node in turn, in an
/// order drawn from the seed, moves to the neighbouring community that raises the modularity most (it stays unless a move gains
/// more than 1e-12 of its strength), until a full pass moves none; (2) the communities become the nodes of a new graph; repeat until
/// nothing moves. Modularity Q = 1/(2m) Σ_ij (A_ij − γ k_i k_j / (2m)) δ(c_i, c_j) (Newman 2006; bctpy <c>community_louvain</c>,
/// <c>B='modularity'</c>). A pure function of (weights, seed, γ): the same seed gives the same communities on every machine.
/// A directed connectome is first made symmetric as (W + Wᵀ)/2; the diagonal is ignored.
/// </summary>
public static class Louvain
{
    /// <summary>Communities of the weighted graph found by Louvain from <paramref name="seed"/> at resolution γ (default 1).</summary>
    public static CommunityPartition Compute(ReadOnlySpan<double> weights, int n, int seed, double resolution = 1.0)
    {
        GraphMatrix.CheckWeights(weights, n, "Louvain modularity");
        CheckResolution(resolution);
        var a = GraphMatrix.Undirected(weights, n);
        double m2 = 0;
        foreach (var v in a) m2 += v;
        if (m2 == 0) // no edges: every region is its own community and Q = 0
            return new CommunityPartition(Enumerable.Range(0, n).ToArray(), 0, n);

        // level-0 graph: neighbour lists of the original nodes
        var level0 = Level.FromDense(a, n);
        var graph = level0;
        var membership = Enumerable.Range(0, n).ToArray(); // original node -> node of the current level
        var rng = new Random(seed);
        for (int round = 0; round < 1000; round++)
        {
            var community = MoveNodes(graph, null, m2, resolution, rng, out bool moved);
            if (moved)
            {
                int k = Renumber(community);
                for (int i = 0; i < n; i++) membership[i] = community[membership[i]];
                if (k < graph.Count) { graph = graph.Aggregate(community, k); continue; }
            }
            // the hierarchy is stuck: let single regions move once more from the partition found (this can only raise Q and makes
            // the result a local optimum for single-region moves); carry on aggregating if any moved
            if (graph == level0) break;
            var refined = MoveNodes(level0, membership, m2, resolution, rng, out bool refinedMoved);
            if (!refinedMoved) break;
            membership = refined;
            int count0 = Renumber(membership);
            graph = level0.Aggregate(membership, count0);
        }
        int count = Renumber(membership);
        return new CommunityPartition(membership, Modularity(weights, n, membership, resolution), count);
    }

    /// <summary>Newman's modularity Q of a given partition (weights made undirected as (W + Wᵀ)/2, diagonal ignored); 0 for a graph
    /// without edges.</summary>
    public static double Modularity(ReadOnlySpan<double> weights, int n, IReadOnlyList<int> communities, double resolution = 1.0)
    {
        GraphMatrix.CheckWeights(weights, n, "Modularity");
        CheckResolution(resolution);
        ArgumentNullException.ThrowIfNull(communities);
        if (communities.Count != n) throw new FwbmException($"Modularity: {communities.Count} community labels for {n} regions; expected one per region.");
        var a = GraphMatrix.Undirected(weights, n);
        var k = new double[n];
        double m2 = 0;
        for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) k[i] += a[i * n + j]; m2 += k[i]; }
        if (m2 == 0) return 0;
        // Q = 1/2m [ Σ_c (internal weight of c) − γ Σ_c (total strength of c)² / 2m ]
        var tot = new Dictionary<int, double>();
        double inside = 0;
        for (int i = 0; i < n; i++)
        {
            tot[communities[i]] = tot.GetValueOrDefault(communities[i]) + k[i];
            for (int j = 0; j < n; j++) if (communities[i] == communities[j]) inside += a[i * n + j];
        }
        double expected = 0;
        foreach (var t in tot.OrderBy(p => p.Key)) expected += t.Value * t.Value;
        return (inside - resolution * expected / m2) / m2;
    }

    private static void CheckResolution(double resolution)
    {
        if (!(resolution > 0) || !double.IsFinite(resolution))
            throw new FwbmException($"Louvain modularity: resolution γ = {resolution}; expected a finite number > 0 (1 is Newman's modularity).");
    }

    /// <summary>Phase 1: local moves until a full pass moves no node, from the given communities (labels &lt; node count; null:
    /// every node alone). Returns each node's community.</summary>
    private static int[] MoveNodes(Level g, int[]? start, double m2, double gamma, Random rng, out bool movedAny)
    {
        int n = g.Count;
        var community = start is null ? Enumerable.Range(0, n).ToArray() : (int[])start.Clone();
        var total = new double[n]; // Σ_tot of each community
        for (int i = 0; i < n; i++) total[community[i]] += g.Strength[i];
        var order = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(order);
        var linkTo = new double[n];   // weight from the current node to each community
        var seen = new bool[n];       // communities already in 'touched'
        var touched = new List<int>(); // communities with a link, in the order first met
        movedAny = false;
        for (int pass = 0; pass < 10_000; pass++)
        {
            bool moved = false;
            foreach (int i in order)
            {
                int own = community[i];
                double ki = g.Strength[i];
                touched.Clear();
                foreach (var (j, w) in g.Neighbours[i])
                {
                    if (j == i) continue; // a self-loop is inside whatever community i joins
                    int c = community[j];
                    if (!seen[c]) { seen[c] = true; touched.Add(c); }
                    linkTo[c] += w;
                }
                total[own] -= ki; // take i out of its community
                // gain of joining c (up to a constant factor): k_i,c − γ Σ_tot(c) k_i / 2m
                double ownGain = linkTo[own] - gamma * total[own] * ki / m2;
                int best = own; double bestGain = ownGain;
                foreach (int c in touched)
                {
                    double gain = linkTo[c] - gamma * total[c] * ki / m2;
                    if (gain > bestGain) { best = c; bestGain = gain; }
                }
                if (best != own && bestGain - ownGain <= 1e-12 * ki) best = own;
                total[best] += ki;
                if (best != own) { community[i] = best; moved = true; movedAny = true; }
                foreach (int c in touched) { linkTo[c] = 0; seen[c] = false; }
            }
            if (!moved) break;
        }
        return community;
    }

    /// <summary>Renumber labels 0, 1, … in the order of their first occurrence; returns the number of labels.</summary>
    private static int Renumber(int[] labels)
    {
        var map = new Dictionary<int, int>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (!map.TryGetValue(labels[i], out int m)) { m = map.Count; map[labels[i]] = m; }
            labels[i] = m;
        }
        return map.Count;
    }

    /// <summary>One level of the Louvain hierarchy: a weighted undirected graph with self-loops (A_cc = the sum of the entries of the
    /// community's block, so that Q of the aggregated graph equals Q of the partition it stands for).</summary>
    private sealed class Level
    {
        public required List<(int Node, double Weight)>[] Neighbours { get; init; }
        public required double[] Strength { get; init; }
        public int Count => Strength.Length;

        public static Level FromDense(double[] a, int n)
        {
            var nb = new List<(int, double)>[n];
            var k = new double[n];
            for (int i = 0; i < n; i++)
            {
                nb[i] = [];
                for (int j = 0; j < n; j++) if (a[i * n + j] > 0) { nb[i].Add((j, a[i * n + j])); k[i] += a[i * n + j]; }
            }
            return new Level { Neighbours = nb, Strength = k };
        }

        public Level Aggregate(int[] community, int count)
        {
            var acc = new SortedDictionary<int, double>[count];
            for (int c = 0; c < count; c++) acc[c] = [];
            for (int i = 0; i < Count; i++)
                foreach (var (j, w) in Neighbours[i])
                {
                    int ci = community[i], cj = community[j];
                    acc[ci][cj] = acc[ci].GetValueOrDefault(cj) + w;
                }
            var nb = new List<(int, double)>[count];
            var k = new double[count];
            for (int c = 0; c < count; c++)
            {
                nb[c] = acc[c].Select(p => (p.Key, p.Value)).ToList();
                foreach (var (_, w) in nb[c]) k[c] += w;
            }
            return new Level { Neighbours = nb, Strength = k };
        }
    }
}
