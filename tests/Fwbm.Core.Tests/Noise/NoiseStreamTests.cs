using Fwbm.Core.Noise;
using Xunit;

namespace Fwbm.Core.Tests.Noise;

/// <summary>Statistics of the counter-based normal stream. With n independent N(0, 1) samples the sample mean has standard error
/// 1/√n, the sample variance √(2/n), a lag-1 autocorrelation or a cross-correlation 1/√n; every tolerance below is 5 standard errors
/// (a false failure has probability ≈ 6e-7 per check, and the stream is deterministic, so a pass is reproducible).</summary>
public class NoiseStreamTests
{
    private const int N = 200_000;
    private static readonly double Se = 1 / Math.Sqrt(N);

    private static double[] Series(ulong seed, int region, int variable = 0)
    {
        ulong key = NoiseStream.LaneKey(seed, region, variable);
        var x = new double[N];
        for (int t = 0; t < N; t++) x[t] = NoiseStream.Normal(key, t);
        return x;
    }

    private static double Corr(double[] a, double[] b, int lag = 0)
    {
        int n = a.Length - lag;
        double ma = a.Take(n).Average(), mb = b.Skip(lag).Average(), sab = 0, saa = 0, sbb = 0;
        for (int t = 0; t < n; t++) { double da = a[t] - ma, db = b[t + lag] - mb; sab += da * db; saa += da * da; sbb += db * db; }
        return sab / Math.Sqrt(saa * sbb);
    }

    [Fact]
    public void Samples_have_zero_mean_unit_variance_and_no_lag1_autocorrelation()
    {
        var x = Series(7, 3);
        double mean = x.Average(), variance = x.Sum(v => (v - mean) * (v - mean)) / (N - 1);
        Assert.InRange(mean, -5 * Se, 5 * Se);
        Assert.InRange(variance, 1 - 5 * Math.Sqrt(2.0 / N), 1 + 5 * Math.Sqrt(2.0 / N));
        Assert.InRange(Corr(x, x, 1), -5 * Se, 5 * Se);
        // tails of a normal: P(|z| > 3) = 0.0027 (standard error √(p(1−p)/n))
        double tail = x.Count(v => Math.Abs(v) > 3) / (double)N;
        Assert.InRange(tail, 0.0027 - 5 * Math.Sqrt(0.0027 / N), 0.0027 + 5 * Math.Sqrt(0.0027 / N));
    }

    [Fact]
    public void Regions_variables_and_seeds_give_independent_streams()
    {
        var a = Series(7, 0);
        Assert.InRange(Corr(a, Series(7, 1)), -5 * Se, 5 * Se);       // another region
        Assert.InRange(Corr(a, Series(7, 0, 1)), -5 * Se, 5 * Se);    // another state variable
        Assert.InRange(Corr(a, Series(8, 0)), -5 * Se, 5 * Se);       // another seed
        Assert.InRange(Corr(a, Series(7, 1), 1), -5 * Se, 5 * Se);    // lagged across regions
        Assert.Equal(a, Series(7, 0));                                 // and the same key is the same stream
    }

    [Fact]
    public void Vector_and_pair_draws_equal_the_scalar_stream()
    {
        ulong k0 = NoiseStream.LaneKey(1, 0, 0), k1 = NoiseStream.LaneKey(1, 5, 0);
        var keys = new ulong[System.Numerics.Vector<ulong>.Count];
        for (int i = 0; i < keys.Length; i++) keys[i] = i % 2 == 0 ? k0 : k1;
        for (long pair = 0; pair < 50; pair++)
        {
            var (even, odd) = NoiseStream.NormalPairVec(new System.Numerics.Vector<ulong>(keys), pair);
            for (int i = 0; i < keys.Length; i++)
            {
                Assert.Equal(NoiseStream.Normal(keys[i], 2 * pair), even[i]);
                Assert.Equal(NoiseStream.Normal(keys[i], 2 * pair + 1), odd[i]);
            }
        }
    }
}
