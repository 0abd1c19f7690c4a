using System.Numerics;
using Fwbm.Core.Noise;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Core.Tests.Noise;

/// <summary>
/// The single-precision normal stream. Tolerances as in <see cref="NoiseStreamTests"/>: with n independent N(0, 1) samples the
/// sample mean has standard error 1/√n, the variance √(2/n), a correlation 1/√n, and every moment check allows 5 standard errors;
/// the Kolmogorov–Smirnov distance to Φ is held to 2.69/√n (the asymptotic critical value at α = 1e-6). The stream is deterministic,
/// so a pass is reproducible.
/// </summary>
public class NoiseStreamFloatTests(ITestOutputHelper output)
{
    private const int N = 200_000;
    private static readonly double Se = 1 / Math.Sqrt(N);

    private static float[] Series(ulong seed, int region, int variable = 0, int n = N)
    {
        ulong key = NoiseStream.LaneKey(seed, region, variable);
        var x = new float[n];
        for (int t = 0; t < n; t++) x[t] = NoiseStream.NormalF(key, t);
        return x;
    }

    private static double Corr(float[] a, float[] b, int lag = 0)
    {
        int n = a.Length - lag;
        double ma = a.Take(n).Average(v => (double)v), mb = b.Skip(lag).Average(v => (double)v), sab = 0, saa = 0, sbb = 0;
        for (int t = 0; t < n; t++) { double da = a[t] - ma, db = b[t + lag] - mb; sab += da * db; saa += da * da; sbb += db * db; }
        return sab / Math.Sqrt(saa * sbb);
    }

    /// <summary>erfc with fractional error &lt; 1.2e-7 (Chebyshev fit, Numerical Recipes §6.2) — far below the KS tolerance of 6e-3.</summary>
    private static double Erfc(double x)
    {
        double z = Math.Abs(x), t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807
            + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    private static double Phi(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    [Fact]
    public void Samples_have_zero_mean_unit_variance_normal_tails_and_no_lag1_autocorrelation()
    {
        var x = Series(7, 3);
        double mean = x.Average(v => (double)v), variance = x.Sum(v => (v - mean) * (v - mean)) / (N - 1);
        output.WriteLine($"mean {mean:E3} (se {Se:E3}), variance {variance:F5}, lag-1 {Corr(x, x, 1):E3}");
        Assert.InRange(mean, -5 * Se, 5 * Se);
        Assert.InRange(variance, 1 - 5 * Math.Sqrt(2.0 / N), 1 + 5 * Math.Sqrt(2.0 / N));
        Assert.InRange(Corr(x, x, 1), -5 * Se, 5 * Se);
        double tail = x.Count(v => Math.Abs(v) > 3) / (double)N;
        Assert.InRange(tail, 0.0027 - 5 * Math.Sqrt(0.0027 / N), 0.0027 + 5 * Math.Sqrt(0.0027 / N));
        Assert.All(x, v => Assert.True(float.IsFinite(v) && Math.Abs(v) <= 6.67f));
    }

    [Fact]
    public void Kolmogorov_Smirnov_distance_to_the_standard_normal_is_within_the_critical_value()
    {
        foreach (var (seed, region, variable) in new[] { (7UL, 3, 0), (1UL, 0, 1), (123456789UL, 79, 0) })
        {
            var x = Series(seed, region, variable).Select(v => (double)v).Order().ToArray();
            double d = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double f = Phi(x[i]);
                d = Math.Max(d, Math.Max((i + 1.0) / x.Length - f, f - (double)i / x.Length));
            }
            output.WriteLine($"seed {seed} region {region} variable {variable}: KS D = {d:E3} (critical {2.69 / Math.Sqrt(N):E3})");
            Assert.InRange(d, 0, 2.69 / Math.Sqrt(N));
        }
    }

    [Fact]
    public void Regions_variables_and_seeds_give_independent_streams()
    {
        var a = Series(7, 0);
        Assert.InRange(Corr(a, Series(7, 1)), -5 * Se, 5 * Se);
        Assert.InRange(Corr(a, Series(7, 0, 1)), -5 * Se, 5 * Se);
        Assert.InRange(Corr(a, Series(8, 0)), -5 * Se, 5 * Se);
        Assert.InRange(Corr(a, Series(7, 1), 1), -5 * Se, 5 * Se);
        Assert.Equal(a, Series(7, 0));
    }

    /// <summary>
    /// The float stream is the double stream rounded through float arithmetic: |z_f − z_d| ≤ 1e-6·(1 + |z_d|) + 2e-7/|z_d|. The last
    /// term covers u1 = 1 − ε rounded to float (|z| ≈ √(2ε) tiny, where rounding ε by 2^−25 moves z by ≈ 2^−25/|z|).
    /// </summary>
    [Fact]
    public void Float_normals_equal_the_double_stream_to_float_rounding()
    {
        double worst = 0;
        for (int region = 0; region < 8; region++)
        {
            ulong key = NoiseStream.LaneKey(42, region, 0);
            for (long t = 0; t < 100_000; t++)
            {
                double zd = NoiseStream.Normal(key, t), zf = NoiseStream.NormalF(key, t);
                double bound = 1e-6 * (1 + Math.Abs(zd)) + 2e-7 / Math.Abs(zd);
                worst = Math.Max(worst, Math.Abs(zf - zd) / bound);
                Assert.True(Math.Abs(zf - zd) <= bound, $"key {region} step {t}: float {zf:R} double {zd:R}");
            }
        }
        output.WriteLine($"worst |z_f − z_d| / bound = {worst:F3}");
    }

    [Fact]
    public void Vector_pair_and_fill_draws_equal_the_scalar_stream_whatever_the_neighbouring_keys()
    {
        int w = Vector<float>.Count, h = Vector<ulong>.Count;
        var keys = new ulong[w];
        for (int i = 0; i < w; i++) keys[i] = NoiseStream.LaneKey((ulong)(i % 3), i * 7, i % 2);
        for (long pair = 0; pair < 200; pair++)
        {
            var (even, odd) = NoiseStream.NormalPairVecF(new Vector<ulong>(keys, 0), new Vector<ulong>(keys, h), pair);
            for (int i = 0; i < w; i++)
            {
                Assert.Equal(NoiseStream.NormalF(keys[i], 2 * pair), even[i]);
                Assert.Equal(NoiseStream.NormalF(keys[i], 2 * pair + 1), odd[i]);
            }
        }
        var many = Enumerable.Range(0, 2 * w + 3).Select(i => NoiseStream.LaneKey(9, i, 0)).ToArray();
        var dst = new float[many.Length];
        NoiseStream.FillF(many, 17, dst);
        for (int i = 0; i < many.Length; i++) Assert.Equal(NoiseStream.NormalF(many[i], 17), dst[i]);
    }
}
