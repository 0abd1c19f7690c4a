using Fwbm.Core.Connectivity;

namespace Fwbm.Core.Analysis.Stimulation;

/// <summary>
/// How far every region is from the stimulated site(s) (the regions whose stimulus weight is not 0), in mm: the direct tract length
/// (the shortest tract from a site to the region, over edges site → region with weight &gt; 0; NaN when no site projects to it) and the
/// shortest-path distance (the shortest chain of tracts with weight &gt; 0, summed lengths; +∞ when no chain reaches it). Sites are 0.
/// Lengths are the connectome's tract lengths, else the distances between its centres; all NaN when it has neither.
/// </summary>
/// <param name="Sites">Indices of the stimulated regions.</param>
/// <param name="TractLengthMm">Per region: the direct tract length from the nearest site.</param>
/// <param name="PathDistanceMm">Per region: the shortest-path distance from the sites.</param>
public sealed record SiteDistances(IReadOnlyList<int> Sites, IReadOnlyList<double> TractLengthMm, IReadOnlyList<double> PathDistanceMm)
{
    /// <summary>Distances of every region of <paramref name="connectome"/> from the regions with a non-zero <paramref name="weights"/> entry.</summary>
    public static SiteDistances From(Connectome connectome, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        ArgumentNullException.ThrowIfNull(weights);
        int n = connectome.Count;
        if (weights.Count != n) throw new FwbmException($"Stimulus weights: {weights.Count} values for connectome '{connectome.Name}' with {n} regions; expected one per region.");
        var sites = Enumerable.Range(0, n).Where(i => weights[i] != 0).ToArray();
        if (sites.Length == 0) throw new FwbmException("Stimulus weights: every region's weight is 0, so there is no stimulated site to measure distances from.");
        double[]? len = connectome.HasTractLengths || connectome.Centres is not null ? connectome.LengthsOrDistances() : null;
        var direct = new double[n];
        var path = new double[n];
        var w = connectome.Weights;
        for (int j = 0; j < n; j++)
        {
            if (sites.Contains(j)) { direct[j] = 0; continue; }
            double best = double.NaN;
            if (len is not null)
                foreach (int s in sites)
                    if (w[j * n + s] > 0 && !(len[j * n + s] >= best)) best = len[j * n + s];
            direct[j] = best;
        }
        var p = len is null ? null : PathDistances(w, len, n, sites);
        for (int j = 0; j < n; j++) path[j] = p is null ? double.NaN : p[j];
        return new SiteDistances(sites, direct, path);
    }

    /// <summary>Shortest-path distances from the sites (<see cref="Graph.ShortestPaths"/>: edges j → i where W[i, j] &gt; 0, of length L[i, j]).</summary>
    private static double[] PathDistances(ReadOnlySpan<double> weights, double[] lengths, int n, int[] sites)
    {
        var d = new double[n];
        Array.Fill(d, double.PositiveInfinity);
        foreach (int s in sites)
        {
            var from = Graph.ShortestPaths.FromSource(lengths, weights, n, s);
            for (int j = 0; j < n; j++) d[j] = Math.Min(d[j], from[j]);
        }
        return d;
    }
}
