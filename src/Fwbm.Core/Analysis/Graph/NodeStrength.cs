namespace Fwbm.Core.Analysis.Graph;

/// <summary>Node strengths (bctpy <c>strengths_dir</c>): in-strength Σ_j W[i,j] (the inputs of region i: its row), out-strength
/// Σ_j W[j,i] (its outputs: its column) and total = in + out. For a symmetric connectome in = out = the undirected strength
/// (bctpy <c>strengths_und</c>) and total is twice it. The diagonal (self-connections) counts in both, as in bctpy.</summary>
public static class NodeStrength
{
    public static (double[] In, double[] Out, double[] Total) Compute(ReadOnlySpan<double> weights, int n)
    {
        GraphMatrix.CheckWeights(weights, n, "Node strength");
        var si = new double[n]; var so = new double[n]; var st = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) { si[i] += weights[i * n + j]; so[j] += weights[i * n + j]; }
        for (int i = 0; i < n; i++) st[i] = si[i] + so[i];
        return (si, so, st);
    }
}
