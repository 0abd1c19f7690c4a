using Fwbm.Core.Analysis;
using Xunit;

namespace Fwbm.Core.Tests.Analysis;

public class FcdTests
{
    [Fact]
    public void Ks_distance_of_identical_samples_is_0_and_of_disjoint_samples_is_1()
    {
        double[] a = [0.3, -1, 2, 2, 5];
        Assert.Equal(0.0, KolmogorovSmirnov.Statistic(a, a));
        Assert.Equal(0.0, KolmogorovSmirnov.Statistic(a, a.Reverse().ToArray()));
        Assert.Equal(1.0, KolmogorovSmirnov.Statistic(a, [5.1, 6, 7]));
        Assert.Equal(1.0, KolmogorovSmirnov.Statistic([5.1, 6, 7], a));
        // ECDFs of {1,2,3} and {2.5}: largest gap 2/3 at x ∈ [2, 2.5)
        Assert.Equal(2.0 / 3, KolmogorovSmirnov.Statistic([1, 2, 3], [2.5]), 15);
        // ties across samples: {1,2,2,3} vs {2,2,2,4}: at x = 2 both ECDFs jump; largest gap |3/4 − 3/4| … = 1/4 at x = 1 and x = 3
        Assert.Equal(0.25, KolmogorovSmirnov.Statistic([1, 2, 2, 3], [2, 2, 2, 4]), 15);
    }

    private static int Blocks(int t, int r) => r < 5 ? 0 : 1;
    private static int Parity(int t, int r) => r % 2;

    [Fact]
    public void Fcd_of_a_stationary_signal_is_uniformly_high_and_a_switch_splits_it_into_two_blocks()
    {
        int n = 10, T = 2000;
        var windows = FcdWindows.InSamples(100, 20);
        var stationary = Fcd.Compute(SignalFactory.Grouped(n, T, Blocks, 0.5, 1), windows);
        var switching = Fcd.Compute(SignalFactory.Grouped(n, T, (t, r) => t < T / 2 ? Blocks(t, r) : Parity(t, r), 0.5, 2), windows);
        Assert.Equal((T - 100) / 20 + 1, stationary.Windows);
        int W = stationary.Windows;
        for (int a = 0; a < W; a++)
        {
            Assert.Equal(1.0, stationary.Matrix[a * W + a]);
            for (int b = 0; b < W; b++)
            {
                // within-group r = 0.8 in 100-sample windows: the FC patterns correlate ≈ 0.95
                Assert.InRange(stationary.Matrix[a * W + b], 0.8, 1.0);
                bool firstA = (a * 20 + 100) <= T / 2, firstB = (b * 20 + 100) <= T / 2;
                bool secondA = a * 20 >= T / 2, secondB = b * 20 >= T / 2;
                double m = switching.Matrix[a * W + b];
                Assert.Equal(m, switching.Matrix[b * W + a]);
                if ((firstA && firstB) || (secondA && secondB)) Assert.InRange(m, 0.8, 1.0);
                // block vs parity grouping: the pattern correlation is (8/45 − (20/45)²)/((20/45)(25/45)) = −0.08
                if ((firstA && secondB) || (secondA && firstB)) Assert.InRange(m, -0.35, 0.2);
            }
        }
        // the FCD distributions differ a lot; two stationary runs with other noise do not
        var stationary2 = Fcd.Compute(SignalFactory.Grouped(n, T, Blocks, 0.5, 3), windows);
        Assert.InRange(Fcd.KsDistance(stationary, switching), 0.4, 1.0);
        Assert.InRange(Fcd.KsDistance(stationary, stationary2), 0.0, 0.15);
    }

    [Fact]
    public void Windows_in_ms_are_converted_with_the_sample_period()
    {
        var ts = SignalFactory.Grouped(6, 500, Blocks, 1, 4, periodMs: 2000);
        var byMs = Fcd.Compute(ts, FcdWindows.InMs(60_000, 4_000));
        var bySamples = Fcd.Compute(ts, FcdWindows.InSamples(30, 2));
        Assert.Equal(bySamples.Matrix, byMs.Matrix);
        Assert.Equal(2000 * 2.0, byMs.WindowStartsMs[1] - byMs.WindowStartsMs[0]);
        Assert.Contains("longer than the signal", Assert.Throws<FwbmException>(() => Fcd.Compute(ts, FcdWindows.InSamples(600, 2))).Message);
        Assert.Contains("not both", Assert.Throws<FwbmException>(() => Fcd.Compute(ts, new FcdWindows { WindowSamples = 3, WindowMs = 3, StepSamples = 1 })).Message);
    }
}
