using FsCheck;
using FsCheck.Xunit;
using Fwbm.Core.Analysis;
using Xunit;

namespace Fwbm.Core.Tests.Analysis;

public class SynchronyTests
{
    private static TimeSeries Series(int regions, Func<int, int, double> phase, int length = 50, IReadOnlyList<string>? labels = null)
    {
        var d = new double[length * regions];
        for (int t = 0; t < length; t++) for (int j = 0; j < regions; j++) d[t * regions + j] = phase(t, j);
        return new TimeSeries(d, regions, 1.0, 0, labels);
    }

    [Fact]
    public void Identical_phases_give_r_1_and_a_splay_state_gives_r_0()
    {
        var same = Synchrony.Compute(Series(7, (t, j) => 0.3 * t + 2 * Math.PI * j)); // multiples of 2π apart: same phase
        Assert.All(same.OrderParameter, r => Assert.Equal(1.0, r, 12));
        Assert.Equal(1.0, same.Synchrony, 12);
        Assert.Equal(0.0, same.Metastability, 12);
        var splay = Synchrony.Compute(Series(8, (t, j) => 0.1 * t + 2 * Math.PI * j / 8));
        Assert.All(splay.OrderParameter, r => Assert.Equal(0.0, r, 12));
    }

    [Fact]
    public void The_order_parameter_keeps_the_time_axis_of_the_phases()
    {
        var d = new double[10 * 3];
        var s = Synchrony.Compute(new TimeSeries(d, 3, 2.5, 100));
        Assert.Equal(2.5, s.SamplePeriodMs);
        Assert.Equal(100, s.StartMs);
        Assert.Equal(100 + 9 * 2.5, s.TimeMs(9));
        Assert.Equal(4, new SynchronyResult([1, 1, 1, 1, 1], 1, 0, [0]).TimeMs(4)); // period unknown: the sample index
    }

    [Fact]
    public void Two_clusters_give_the_cosine_of_half_their_distance_and_metastability_is_the_std_of_r()
    {
        // half the regions at 0, half at Δ(t): r = |cos(Δ/2)|. Δ alternates between 0 and π ⇒ r alternates 1, 0: mean 0.5, std 0.5.
        var ts = Series(6, (t, j) => j < 3 ? 0 : (t % 2 == 0 ? 0 : Math.PI), length: 40);
        var s = Synchrony.Compute(ts);
        Assert.Equal(0.5, s.Synchrony, 12);
        Assert.Equal(0.5, s.Metastability, 12);
        var d = 1.234;
        Assert.Equal(Math.Abs(Math.Cos(d / 2)), Synchrony.OrderParameter(Series(4, (t, j) => j % 2 == 0 ? 5.0 : 5.0 + d))[0], 12);
    }

    [Fact]
    public void Groups_are_computed_separately_by_index_or_label()
    {
        // regions 0-2 locked, 3-5 splayed
        var labels = new[] { "a", "b", "c", "d", "e", "f" };
        var ts = Series(6, (t, j) => j < 3 ? 0.2 * t : 0.2 * t + 2 * Math.PI * (j - 3) / 3, labels: labels);
        var byIndex = Synchrony.ForGroups(ts, new Dictionary<string, IReadOnlyList<int>> { ["locked"] = [0, 1, 2], ["splay"] = [3, 4, 5] });
        Assert.Equal(1.0, byIndex["locked"].Synchrony, 12);
        Assert.Equal(0.0, byIndex["splay"].Synchrony, 12);
        var byLabel = Synchrony.ForGroups(ts, new Dictionary<string, IReadOnlyList<string>> { ["locked"] = ["a", "b", "c"] });
        Assert.Equal(1.0, byLabel["locked"].Synchrony, 12);
        Assert.Contains("no region labelled 'zz'", Assert.Throws<FwbmException>(() => Synchrony.ForGroups(ts, new Dictionary<string, IReadOnlyList<string>> { ["x"] = ["zz"] })).Message);
    }

    [Fact]
    public void Bad_input_is_a_clear_error()
    {
        var ts = Series(3, (t, j) => t == 4 && j == 1 ? double.NaN : 0.0);
        Assert.Contains("region 1 at time index 4", Assert.Throws<FwbmException>(() => Synchrony.Compute(ts)).Message);
        var ok = Series(3, (t, j) => 0.0);
        Assert.Contains("outside 0..2", Assert.Throws<FwbmException>(() => Synchrony.Compute(ok, [0, 3])).Message);
        Assert.Contains("empty", Assert.Throws<FwbmException>(() => Synchrony.Compute(ok, [])).Message);
        Assert.Contains("twice", Assert.Throws<FwbmException>(() => Synchrony.Compute(ok, [1, 1])).Message);
    }

    [Property(MaxTest = 100)]
    public bool Order_parameter_is_in_0_1_and_invariant_to_a_common_phase_shift(int seed, NormalFloat shift)
    {
        var rng = new Random(seed);
        int n = 1 + rng.Next(20);
        var phases = Enumerable.Range(0, n * 10).Select(_ => (rng.NextDouble() - 0.5) * 100).ToArray();
        var a = new TimeSeries(phases, n, 1.0);
        double s = shift.Get % 1000;
        var b = new TimeSeries(phases.Select(p => p + s).ToArray(), n, 1.0);
        var ra = Synchrony.OrderParameter(a); var rb = Synchrony.OrderParameter(b);
        return ra.Zip(rb).All(p => p.First >= 0 && p.First <= 1 && Math.Abs(p.First - p.Second) < 1e-9);
    }
}
