using Fwbm.Core.Analysis;
using Xunit;

namespace Fwbm.Core.Tests.Analysis;

/// <summary>The Welford accumulator against the two-pass FC of the stored series.</summary>
public class OnlineCorrelationTests
{
    private static double[] Series(int T, int n, int seed, double offset)
    {
        var rng = new Random(seed);
        var x = new double[T * n];
        var common = 0.0;
        for (int t = 0; t < T; t++)
        {
            common = 0.9 * common + rng.NextDouble() - 0.5;                  // a shared slow component, so the correlations are not ~0
            for (int r = 0; r < n; r++) x[t * n + r] = offset + (r % 3 == 0 ? common : 0) + (r + 1) * 0.1 * (rng.NextDouble() - 0.5);
        }
        return x;
    }

    private static double[] Online(double[] x, int n)
    {
        var acc = new OnlineCorrelation(n);
        for (int t = 0; t < x.Length / n; t++) acc.Add(x.AsSpan(t * n, n));
        Assert.Equal(x.Length / n, acc.Count);
        return acc.Correlation();
    }

    [Theory]
    [InlineData(2, 5, 0.0)]
    [InlineData(1000, 7, 0.0)]
    [InlineData(5000, 13, 3.0)]
    public void Equals_the_FC_of_the_stored_series(int T, int n, double offset)
    {
        var x = Series(T, n, 11, offset);
        var want = FunctionalConnectivity.Compute(x, n);
        var got = Online(x, n);
        for (int k = 0; k < want.Length; k++) Assert.Equal(want[k], got[k], 1e-12);
    }

    /// <summary>A mean 1e8 times the fluctuations: the naive E[xy] − E[x]E[y] loses every digit here; Welford keeps the correlation
    /// of the fluctuations (computed exactly from the series without the offset) to 1e-6.</summary>
    [Fact]
    public void Is_stable_for_a_large_mean()
    {
        int n = 6, T = 20_000;
        var centred = Series(T, n, 5, 0.0);
        var shifted = centred.Select(v => v + 1e8).ToArray();
        var want = FunctionalConnectivity.Compute(centred, n);
        var got = Online(shifted, n);
        for (int k = 0; k < want.Length; k++) Assert.Equal(want[k], got[k], 1e-6);
    }

    [Fact]
    public void A_constant_channel_has_zero_correlations_and_bad_input_is_an_error()
    {
        int n = 3, T = 50;
        var x = Series(T, n, 3, 0.0);
        for (int t = 0; t < T; t++) x[t * n + 1] = 0.25;
        var got = Online(x, n);
        var want = FunctionalConnectivity.Compute(x, n);
        for (int k = 0; k < want.Length; k++) Assert.Equal(want[k], got[k], 1e-12);
        Assert.Equal(1.0, got[1 * n + 1]);
        Assert.Equal(0.0, got[0 * n + 1]);
        Assert.Equal(0.0, got[2 * n + 1]);

        var one = new OnlineCorrelation(n);
        one.Add([1.0, 2.0, 3.0]);
        Assert.Contains("at least 2 samples", Assert.Throws<FwbmException>(() => one.Correlation()).Message);
        Assert.Contains("expected 3", Assert.Throws<FwbmException>(() => one.Add([1.0, 2.0])).Message);
        one.Add([double.NaN, 2.0, 3.0]);
        Assert.Contains("channel 0", Assert.Throws<FwbmException>(() => one.Correlation()).Message);
    }
}
