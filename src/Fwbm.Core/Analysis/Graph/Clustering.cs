namespace Fwbm.Core.Analysis.Graph;

/// <summary>Weighted clustering coefficient of Onnela et al. 2005 (bctpy <c>clustering_coef_wu</c>): with ŵ = w / max w,
/// C_i = Σ_{j,k} (ŵ_ij ŵ_jk ŵ_ki)^{1/3} / (k_i (k_i − 1)), where k_i is the number of neighbours of i; 0 when k_i &lt; 2 or i closes
/// no triangle. Undirected: a directed connectome is first made symmetric as (W + Wᵀ)/2; the diagonal is ignored.</summary>
public static class Clustering
{
    /// <summary>C_i per region. <paramref name="scale"/> divides the weights (default: the largest off-diagonal weight, as Onnela; pass the
    /// intact connectome's maximum to compare an edited connectome on the same scale).</summary>
    public static double[] Onnela(ReadOnlySpan<double> weights, int n, double? scale = null)
    {
        GraphMatrix.CheckWeights(weights, n, "Clustering");
        double s = scale ?? GraphMatrix.MaxOffDiagonal(weights, n);
        var c = new double[n];
        if (s == 0) return c; // no edges: no triangles
        if (!(s > 0) || !double.IsFinite(s)) throw new FwbmException($"Clustering: scale = {s}; expected a finite number > 0.");
        var a = GraphMatrix.Undirected(weights, n, s);
        for (int k = 0; k < a.Length; k++) a[k] = Math.Cbrt(a[k]);
        var nbr = new int[n][];
        for (int i = 0; i < n; i++)
        {
            var l = new List<int>();
            for (int j = 0; j < n; j++) if (a[i * n + j] > 0) l.Add(j);
            nbr[i] = [.. l];
        }
        for (int i = 0; i < n; i++)
        {
            int k = nbr[i].Length;
            if (k < 2) continue;
            double cyc = 0;
            foreach (int j in nbr[i])
            {
                double aij = a[i * n + j];
                foreach (int m in nbr[j]) cyc += aij * a[j * n + m] * a[m * n + i];
            }
            c[i] = cyc / ((double)k * (k - 1));
        }
        return c;
    }
}
