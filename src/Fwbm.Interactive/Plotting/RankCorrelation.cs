namespace Fwbm.Interactive.Plotting;

/// <summary>Spearman's rank correlation for chart titles (ties get their average rank; pairs with a non-finite value are left out).</summary>
public static class RankCorrelation
{
    /// <summary>Pearson r of the ranks of the finite pairs of <paramref name="x"/> and <paramref name="y"/>; NaN with fewer than 3 pairs or a constant side.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"Spearman: {x.Count} x values but {y.Count} y values.");
        var keep = Enumerable.Range(0, x.Count).Where(i => double.IsFinite(x[i]) && double.IsFinite(y[i])).ToArray();
        if (keep.Length < 3) return double.NaN;
        var rx = Ranks(keep.Select(i => x[i]).ToArray());
        var ry = Ranks(keep.Select(i => y[i]).ToArray());
        double mx = rx.Average(), my = ry.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int k = 0; k < rx.Length; k++)
        {
            sxy += (rx[k] - mx) * (ry[k] - my); sxx += (rx[k] - mx) * (rx[k] - mx); syy += (ry[k] - my) * (ry[k] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }

    /// <summary>1-based ranks, ties averaged.</summary>
    public static double[] Ranks(double[] v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var order = Enumerable.Range(0, v.Length).OrderBy(i => v[i]).ToArray();
        var r = new double[v.Length];
        for (int a = 0; a < order.Length;)
        {
            int b = a;
            while (b + 1 < order.Length && v[order[b + 1]] == v[order[a]]) b++;
            double rank = (a + b) / 2.0 + 1;
            for (int k = a; k <= b; k++) r[order[k]] = rank;
            a = b + 1;
        }
        return r;
    }
}
