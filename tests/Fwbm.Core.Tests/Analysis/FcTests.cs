using FsCheck;
using FsCheck.Xunit;
using Fwbm.Core.Analysis;
using Xunit;

namespace Fwbm.Core.Tests.Analysis;

public class FcTests
{
    private static TimeSeries RandomSignal(int seed, int regions, int length, bool someConstant)
    {
        var rng = new Random(seed);
        var d = new double[regions * length];
        for (int k = 0; k < d.Length; k++) d[k] = SignalFactory.Gaussian(rng) * (1 + k % 3) + (k % regions) * 0.1 * (k / regions);
        if (someConstant) for (int t = 0; t < length; t++) d[t * regions] = 4.2; // region 0 constant
        return new TimeSeries(d, regions, 1);
    }

    [Property(MaxTest = 60)]
    public bool Fc_is_symmetric_with_unit_diagonal_and_entries_in_minus1_1(int seed, PositiveInt regions, PositiveInt length, bool constant)
    {
        int n = 1 + regions.Get % 12, T = 2 + length.Get % 60;
        var fc = FunctionalConnectivity.Compute(RandomSignal(seed, n, T, constant));
        for (int i = 0; i < n; i++)
        {
            if (fc[i * n + i] != 1.0) return false;
            for (int j = 0; j < n; j++)
            {
                double v = fc[i * n + j];
                if (double.IsNaN(v) || v < -1 || v > 1 || v != fc[j * n + i]) return false;
            }
        }
        return true;
    }

    [Property(MaxTest = 60)]
    public bool Fc_similarity_is_invariant_to_permuting_regions_in_both_matrices_alike(int seed, PositiveInt regions)
    {
        int n = 3 + regions.Get % 15;
        var a = FunctionalConnectivity.Compute(RandomSignal(seed, n, 40, false));
        var b = FunctionalConnectivity.Compute(RandomSignal(seed + 1, n, 40, false));
        var rng = new Random(seed);
        var perm = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray();
        double[] P(double[] m)
        {
            var r = new double[n * n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) r[i * n + j] = m[perm[i] * n + perm[j]];
            return r;
        }
        double s = FcSimilarity.Compute(a, b, n), sp = FcSimilarity.Compute(P(a), P(b), n);
        return Math.Abs(s - sp) <= 1e-12 && s >= -1 && s <= 1;
    }

    [Fact]
    public void Fc_similarity_of_known_matrices()
    {
        // upper triangles (0.5, 0.1, 0.2) and (0.5, 0.1, 0.2)·2 + 1 → r = 1; negated → r = −1
        double[] a = [1, 0.5, 0.1, 0.5, 1, 0.2, 0.1, 0.2, 1];
        double[] b = a.Select((v, k) => k % 4 == 0 ? 1 : 2 * v + 1).ToArray();
        double[] c = a.Select((v, k) => k % 4 == 0 ? 1 : -v).ToArray();
        Assert.Equal(1.0, FcSimilarity.Compute(a, b, 3), 14);
        Assert.Equal(-1.0, FcSimilarity.Compute(a, c, 3), 14);
        // (1, 2, 3) vs (1, 3, 2): r = 0.5
        double[] d = [0, 1, 2, 1, 0, 3, 2, 3, 0], e = [0, 1, 3, 1, 0, 2, 3, 2, 0];
        Assert.Equal(0.5, FcSimilarity.Compute(d, e), 14);
        Assert.Contains("3×3", Assert.Throws<FwbmException>(() => FcSimilarity.Compute(a, new double[4], 3)).Message);
    }

    [Fact]
    public void Fisher_z_is_atanh_of_r_off_the_diagonal()
    {
        var ts = RandomSignal(3, 4, 50, false);
        var r = FunctionalConnectivity.Compute(ts);
        var z = FunctionalConnectivity.Compute(ts, fisherZ: true);
        for (int k = 0; k < 16; k++) Assert.Equal(k % 5 == 0 ? 0.0 : Math.Atanh(r[k]), z[k], 12);
    }

    [Fact]
    public void Global_signal_regression_removes_the_global_signal_and_keeps_regional_means()
    {
        var ts = SignalFactory.Grouped(8, 300, (t, r) => 0, 1.0, 5); // one shared factor: strong global signal
        var g = GlobalSignal.Mean(ts);
        for (int t = 0; t < 3; t++) Assert.Equal(Enumerable.Range(0, 8).Average(r => ts[t, r]), g[t], 12);
        var clean = GlobalSignal.Regress(ts);
        for (int r = 0; r < 8; r++)
        {
            Assert.Equal(0.0, FcSimilarity.Pearson(clean.Region(r), g), 10);
            Assert.Equal(ts.Region(r).Average(), clean.Region(r).Average(), 10);
        }
        // before: all pairs correlate ≈ 0.5; after: the mean correlation is ≈ −1/(n−1)
        var before = UpperTriangle.Of(FunctionalConnectivity.Compute(ts)).Average();
        var after = UpperTriangle.Of(FunctionalConnectivity.Compute(clean)).Average();
        Assert.InRange(before, 0.4, 0.6);
        Assert.InRange(after, -0.2, -0.08);
    }
}
