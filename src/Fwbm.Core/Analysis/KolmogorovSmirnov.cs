namespace Fwbm.Core.Analysis;

/// <summary>The two-sample Kolmogorov–Smirnov statistic: the largest distance between two empirical distribution functions.</summary>
public static class KolmogorovSmirnov
{
    /// <summary>
    /// D = sup_x |F_a(x) − F_b(x)| over the pooled sample values (ties handled as in scipy.stats.ks_2samp: both ECDFs are evaluated
    /// after all samples equal to x). 0 for identical samples, 1 when every value of one sample lies below every value of the other.
    /// </summary>
    public static double Statistic(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length == 0 || b.Length == 0) throw new FwbmException($"KS distance needs two non-empty samples (got {a.Length} and {b.Length} values).");
        var x = a.ToArray(); var y = b.ToArray();
        foreach (var v in x) if (double.IsNaN(v)) throw new FwbmException("KS distance: the first sample contains NaN.");
        foreach (var v in y) if (double.IsNaN(v)) throw new FwbmException("KS distance: the second sample contains NaN.");
        Array.Sort(x); Array.Sort(y);
        int i = 0, j = 0; double d = 0;
        while (i < x.Length && j < y.Length)
        {
            double v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v) i++;
            while (j < y.Length && y[j] <= v) j++;
            d = Math.Max(d, Math.Abs((double)i / x.Length - (double)j / y.Length));
        }
        return d;
    }
}
