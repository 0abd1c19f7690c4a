namespace Fwbm.Core.Analysis.Graph;

/// <summary>Checks and shapes shared by the graph measures (row-major n×n matrices, rows are targets).</summary>
internal static class GraphMatrix
{
    /// <summary>Throws unless <paramref name="w"/> is n×n with finite weights ≥ 0.</summary>
    public static void CheckWeights(ReadOnlySpan<double> w, int n, string measure)
    {
        if (n < 1) throw new FwbmException($"{measure}: n = {n} regions; expected at least 1.");
        if (w.Length != n * n) throw new FwbmException($"{measure}: the weights have {w.Length} values; expected an {n}×{n} matrix ({n * n} values).");
        for (int k = 0; k < w.Length; k++)
            if (!double.IsFinite(w[k]) || w[k] < 0)
                throw new FwbmException($"{measure}: weights[{k / n},{k % n}] = {w[k]}; expected finite weights ≥ 0 (graph measures are defined for non-negative connectomes).");
    }

    /// <summary>The undirected version (W + Wᵀ)/2 with a zero diagonal (self-connections are ignored), optionally divided by a scale.
    /// A symmetric matrix is returned unchanged apart from the diagonal and the scale.</summary>
    public static double[] Undirected(ReadOnlySpan<double> w, int n, double scale = 1.0)
    {
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j) a[i * n + j] = (w[i * n + j] == w[j * n + i] ? w[i * n + j] : 0.5 * (w[i * n + j] + w[j * n + i])) / scale;
        return a;
    }

    /// <summary>True when W[i,j] = W[j,i] for every pair.</summary>
    public static bool IsSymmetric(ReadOnlySpan<double> w, int n)
    {
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (w[i * n + j] != w[j * n + i]) return false;
        return true;
    }

    /// <summary>The largest off-diagonal weight (0 when there is none).</summary>
    public static double MaxOffDiagonal(ReadOnlySpan<double> w, int n)
    {
        double max = 0;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j && w[i * n + j] > max) max = w[i * n + j];
        return max;
    }
}
