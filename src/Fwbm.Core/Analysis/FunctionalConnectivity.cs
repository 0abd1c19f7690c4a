namespace Fwbm.Core.Analysis;

/// <summary>Functional connectivity: Pearson correlation between regional time series.</summary>
public static class FunctionalConnectivity
{
    /// <summary>Row-major R×R Pearson correlation matrix of a time-major signal (symmetric, unit diagonal).</summary>
    /// <param name="fisherZ">Return atanh(r) off the diagonal (diagonal set to 0).</param>
    /// <remarks>A constant region has no defined correlation: its row and column are 0 (diagonal 1) and no NaN is produced. A NaN or
    /// infinite value is an error (<see cref="FwbmException"/> naming the region and time point), never a 0.</remarks>
    public static double[] Compute(TimeSeries ts, bool fisherZ = false) => Compute(ts.Data, ts.Regions, fisherZ);

    /// <inheritdoc cref="Compute(TimeSeries, bool)"/>
    public static double[] Compute(ReadOnlySpan<double> timeMajor, int regions, bool fisherZ = false)
    {
        int n = regions, T = timeMajor.Length / regions;
        if (T < 2) throw new FwbmException($"FC: need at least 2 time points, got {T}.");
        for (int k = 0; k < T * n; k++)
            if (!double.IsFinite(timeMajor[k]))
                throw new FwbmException($"FC: the signal of region {k % n} is {timeMajor[k]} at time point {k / n}; expected finite values (a NaN or infinite signal has no correlation).");
        var mean = new double[n];
        for (int t = 0; t < T; t++) for (int r = 0; r < n; r++) mean[r] += timeMajor[t * n + r];
        for (int r = 0; r < n; r++) mean[r] /= T;
        var z = new double[T * n];
        var ss = new double[n];
        for (int t = 0; t < T; t++)
            for (int r = 0; r < n; r++) { double d = timeMajor[t * n + r] - mean[r]; z[t * n + r] = d; ss[r] += d * d; }
        var sd = new double[n];
        for (int r = 0; r < n; r++) sd[r] = Math.Sqrt(ss[r]);
        var c = new double[n * n];
        for (int t = 0; t < T; t++)
        {
            var row = z.AsSpan(t * n, n);
            for (int i = 0; i < n; i++)
            {
                double zi = row[i];
                if (zi == 0) continue;
                var ci = c.AsSpan(i * n, n);
                for (int j = i + 1; j < n; j++) ci[j] += zi * row[j];
            }
        }
        for (int i = 0; i < n; i++)
        {
            c[i * n + i] = fisherZ ? 0.0 : 1.0;
            for (int j = i + 1; j < n; j++)
            {
                double den = sd[i] * sd[j];
                double r = den > 0 ? Math.Clamp(c[i * n + j] / den, -1.0, 1.0) : 0.0;
                if (fisherZ) r = Math.Atanh(Math.Clamp(r, -0.9999999, 0.9999999));
                c[i * n + j] = r; c[j * n + i] = r;
            }
        }
        return c;
    }
}
