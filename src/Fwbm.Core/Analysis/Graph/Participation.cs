namespace Fwbm.Core.Analysis.Graph;

/// <summary>Participation coefficient of Guimerà &amp; Amaral 2005 (bctpy <c>participation_coef</c>, weighted, undirected):
/// P_i = 1 − Σ_s (k_is / k_i)², where k_i is the strength of region i and k_is its strength into community s. 0 for a region
/// with no connections or with all of them inside one community; it approaches 1 − 1/S when they spread evenly over S communities.
/// A directed connectome is first made symmetric as (W + Wᵀ)/2; the diagonal is ignored.</summary>
public static class Participation
{
    public static double[] Compute(ReadOnlySpan<double> weights, int n, IReadOnlyList<int> communities)
    {
        GraphMatrix.CheckWeights(weights, n, "Participation coefficient");
        ArgumentNullException.ThrowIfNull(communities);
        if (communities.Count != n) throw new FwbmException($"Participation coefficient: {communities.Count} community labels for {n} regions; expected one per region.");
        int count = 0;
        foreach (int c in communities)
        {
            if (c < 0) throw new FwbmException($"Participation coefficient: community label {c}; expected labels ≥ 0.");
            count = Math.Max(count, c + 1);
        }
        var a = GraphMatrix.Undirected(weights, n);
        var p = new double[n];
        var ks = new double[count];
        for (int i = 0; i < n; i++)
        {
            Array.Clear(ks);
            double k = 0;
            for (int j = 0; j < n; j++) { double w = a[i * n + j]; ks[communities[j]] += w; k += w; }
            if (k == 0) continue;
            double sum = 0;
            foreach (double x in ks) sum += (x / k) * (x / k);
            p[i] = Math.Max(0.0, 1.0 - sum);
        }
        return p;
    }
}
