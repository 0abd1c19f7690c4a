namespace Fwbm.Core.Analysis.Graph;

/// <summary>Global efficiency and characteristic path length of a distance matrix (Latora &amp; Marchiori 2001; Rubinov &amp; Sporns
/// 2010; bctpy <c>efficiency_wei</c> (global) and <c>charpath</c>).</summary>
public static class Efficiency
{
    /// <summary>E = 1/(n(n−1)) Σ_{i≠j} 1/d_ij, with 1/∞ = 0 (a disconnected pair adds nothing). 0 for a single region.</summary>
    public static double Global(ReadOnlySpan<double> distances, int n)
    {
        ShortestPaths.CheckSize(distances, n, "distances");
        if (n < 2) return 0;
        double s = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j) s += Inverse(distances[i * n + j], i, j);
        return s / ((double)n * (n - 1));
    }

    /// <summary>The characteristic path length: the mean of the finite off-diagonal distances (bctpy <c>charpath(D,
    /// include_infinite=False)</c>, the BCT's default in MATLAB), and the number of ordered pairs that are not connected (excluded from
    /// the mean; the graph is connected when it is 0). NaN when no pair is connected.</summary>
    public static (double Length, int UnreachablePairs) CharacteristicPathLength(ReadOnlySpan<double> distances, int n)
    {
        ShortestPaths.CheckSize(distances, n, "distances");
        double s = 0; int finite = 0, unreachable = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double d = distances[i * n + j];
                if (double.IsPositiveInfinity(d)) { unreachable++; continue; }
                Inverse(d, i, j);
                s += d; finite++;
            }
        return (finite > 0 ? s / finite : double.NaN, unreachable);
    }

    private static double Inverse(double d, int i, int j)
    {
        if (double.IsNaN(d) || d < 0) throw new FwbmException($"Efficiency: distance[{i},{j}] = {d}; expected a distance ≥ 0 (+∞ when unreachable).");
        return double.IsPositiveInfinity(d) ? 0 : 1.0 / d;
    }
}
