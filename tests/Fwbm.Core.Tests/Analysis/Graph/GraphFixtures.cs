namespace Fwbm.Core.Tests.Analysis.Graph;

/// <summary>Small graphs whose measures are computed by hand in the tests.</summary>
internal static class GraphFixtures
{
    /// <summary>A symmetric n×n matrix from a list of undirected edges (i, j, w).</summary>
    public static double[] Undirected(int n, params (int I, int J, double W)[] edges)
    {
        var m = new double[n * n];
        foreach (var (i, j, w) in edges) { m[i * n + j] = w; m[j * n + i] = w; }
        return m;
    }

    /// <summary>Two 4-cliques {0,1,2,3} and {4,5,6,7} of unit weights joined by the single edge 3–4.</summary>
    public static double[] TwoCliques()
    {
        var e = new List<(int, int, double)>();
        for (int a = 0; a < 4; a++) for (int b = a + 1; b < 4; b++) { e.Add((a, b, 1)); e.Add((a + 4, b + 4, 1)); }
        e.Add((3, 4, 1));
        return Undirected(8, [.. e]);
    }

    /// <summary>All-pairs distances by Floyd–Warshall (i ← j convention: d[i, j] is the distance from j to i), the reference for QuikGraph.</summary>
    public static double[] FloydWarshall(double[] lengths, double[] weights, int n)
    {
        var d = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                d[i * n + j] = i == j ? 0 : weights[i * n + j] > 0 ? lengths[i * n + j] : double.PositiveInfinity;
        for (int k = 0; k < n; k++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (d[i * n + k] + d[k * n + j] < d[i * n + j]) d[i * n + j] = d[i * n + k] + d[k * n + j]; // j → k → i
        return d;
    }
}
