namespace Fwbm.Core.Analysis;

/// <summary>The global signal (mean over regions at each time point) and global signal regression.</summary>
public static class GlobalSignal
{
    /// <summary>g(t) = mean over regions of x_r(t).</summary>
    public static double[] Mean(TimeSeries ts)
    {
        ArgumentNullException.ThrowIfNull(ts);
        int n = ts.Regions, T = ts.Length;
        var g = new double[T];
        for (int t = 0; t < T; t++)
        {
            double s = 0;
            for (int r = 0; r < n; r++) s += ts.Data[t * n + r];
            g[t] = s / n;
        }
        return g;
    }

    /// <summary>
    /// A copy with the global signal regressed out of every region: x_r − β_r (g − ḡ) with β_r = cov(x_r, g) / var(g) (ordinary least
    /// squares with an intercept; the regional means are kept). A constant global signal leaves the data unchanged.
    /// </summary>
    public static TimeSeries Regress(TimeSeries ts)
    {
        ArgumentNullException.ThrowIfNull(ts);
        int n = ts.Regions, T = ts.Length;
        if (T < 2) throw new FwbmException($"Global signal regression needs at least 2 time points (got {T}).");
        var g = Mean(ts);
        double gm = g.Average(), gg = 0;
        foreach (var v in g) gg += (v - gm) * (v - gm);
        var mean = new double[n];
        for (int t = 0; t < T; t++) for (int r = 0; r < n; r++) mean[r] += ts.Data[t * n + r];
        for (int r = 0; r < n; r++) mean[r] /= T;
        var beta = new double[n];
        if (gg > 0)
        {
            for (int t = 0; t < T; t++)
                for (int r = 0; r < n; r++) beta[r] += (ts.Data[t * n + r] - mean[r]) * (g[t] - gm);
            for (int r = 0; r < n; r++) beta[r] /= gg;
        }
        var outData = new double[T * n];
        for (int t = 0; t < T; t++)
            for (int r = 0; r < n; r++) outData[t * n + r] = ts.Data[t * n + r] - beta[r] * (g[t] - gm);
        return new TimeSeries(outData, n, ts.SamplePeriodMs, ts.StartMs, ts.Labels, ts.Variable);
    }
}
