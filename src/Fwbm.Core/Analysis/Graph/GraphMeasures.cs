using Fwbm.Core.Connectivity;

namespace Fwbm.Core.Analysis.Graph;

/// <summary>
/// Graph measures of a structural connectome (Rubinov &amp; Sporns 2010): node strength, global efficiency and characteristic path
/// length on weights turned into lengths, Onnela's weighted clustering, Louvain modularity with its communities, and the participation
/// coefficient of those communities. Per-region arrays are in the connectome's region order (<see cref="Labels"/>).
/// </summary>
/// <param name="Labels">Region labels, in the order of every per-region array.</param>
/// <param name="InStrength">Σ_j W[i,j]: the total weight into region i.</param>
/// <param name="OutStrength">Σ_j W[j,i]: the total weight out of region i.</param>
/// <param name="Strength">In + out (bctpy strengths_dir); twice the undirected strength for a symmetric connectome.</param>
/// <param name="Degree">Number of regions connected to i (in or out, W &gt; 0, self excluded).</param>
/// <param name="Edges">Number of connected unordered pairs (W[i,j] &gt; 0 or W[j,i] &gt; 0, i ≠ j).</param>
/// <param name="GlobalEfficiency">Mean over ordered pairs i ≠ j of 1/d_ij on lengths from the scaled weights.</param>
/// <param name="CharacteristicPathLength">Mean of the finite off-diagonal d_ij (NaN when no pair is connected).</param>
/// <param name="UnreachablePairs">Ordered pairs with no path (0: the graph is strongly connected).</param>
/// <param name="Clustering">Onnela's weighted clustering coefficient per region, on the scaled weights.</param>
/// <param name="MeanClustering">Mean of <paramref name="Clustering"/> over regions.</param>
/// <param name="Modularity">Q of the Louvain partition.</param>
/// <param name="Communities">Louvain community of each region (0, 1, … in the order of their first region).</param>
/// <param name="CommunityCount">Number of communities.</param>
/// <param name="Participation">Participation coefficient of each region in <paramref name="Communities"/>.</param>
/// <param name="Seed">The Louvain seed.</param>
/// <param name="WeightScale">The scale the weights were divided by (see <see cref="GraphOptions.WeightScale"/>).</param>
/// <param name="Options">The options used.</param>
public sealed record GraphMeasures(
    IReadOnlyList<string> Labels,
    IReadOnlyList<double> InStrength, IReadOnlyList<double> OutStrength, IReadOnlyList<double> Strength, IReadOnlyList<int> Degree, int Edges,
    double GlobalEfficiency, double CharacteristicPathLength, int UnreachablePairs,
    IReadOnlyList<double> Clustering, double MeanClustering,
    double Modularity, IReadOnlyList<int> Communities, int CommunityCount, IReadOnlyList<double> Participation,
    int Seed, double WeightScale, GraphOptions Options)
{
    /// <summary>Number of regions.</summary>
    public int Count => Labels.Count;

    /// <summary>Mean participation coefficient over regions.</summary>
    public double MeanParticipation => Participation.Count == 0 ? 0 : Participation.Average();

    /// <summary>The graph measures of a connectome's weights (see <see cref="GraphMeasures"/>); <paramref name="seed"/> seeds Louvain.</summary>
    public static GraphMeasures Compute(Connectome connectome, int seed, GraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        if (connectome.AllowNegativeWeights && HasNegative(connectome.Weights))
            throw new FwbmException($"Graph measures of '{connectome.Name}': the connectome has negative weights; graph measures need weights ≥ 0.");
        return Compute(connectome.Weights, connectome.Count, connectome.Labels, seed, options);
    }

    /// <summary>The graph measures of a row-major n×n weight matrix (rows are targets).</summary>
    public static GraphMeasures Compute(ReadOnlySpan<double> weights, int n, IReadOnlyList<string> labels, int seed, GraphOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        options ??= new GraphOptions();
        GraphMatrix.CheckWeights(weights, n, "Graph measures");
        if (labels.Count != n) throw new FwbmException($"Graph measures: {labels.Count} labels for {n} regions; expected one per region.");
        double max = GraphMatrix.MaxOffDiagonal(weights, n);
        double scale = options.WeightScale ?? (max > 0 ? max : 1.0);
        if (!(scale > 0) || !double.IsFinite(scale))
            throw new FwbmException($"Graph measures: weight scale = {scale}; expected a finite number > 0 (the weights are divided by it).");

        var (sIn, sOut, sTotal) = NodeStrength.Compute(weights, n);
        var degree = new int[n];
        int edges = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (weights[i * n + j] > 0 || weights[j * n + i] > 0) { degree[i]++; degree[j]++; edges++; }

        var d = ShortestPaths.AllPairsFromWeights(weights, n, options.Conversion, scale);
        double eff = Efficiency.Global(d, n);
        var (cpl, unreachable) = Efficiency.CharacteristicPathLength(d, n);
        var clustering = Graph.Clustering.Onnela(weights, n, scale);
        var partition = Louvain.Compute(weights, n, seed, options.Resolution);
        var participation = Graph.Participation.Compute(weights, n, partition.Communities);
        return new GraphMeasures(labels.ToArray(), sIn, sOut, sTotal, degree, edges, eff, cpl, unreachable,
            clustering, n > 0 ? clustering.Average() : 0, partition.Q, partition.Communities, partition.Count, participation,
            seed, scale, options);
    }

    private static bool HasNegative(ReadOnlySpan<double> w)
    {
        foreach (var v in w) if (v < 0) return true;
        return false;
    }
}
