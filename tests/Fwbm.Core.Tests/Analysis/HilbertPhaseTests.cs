using Fwbm.Core.Analysis;
using Xunit;

namespace Fwbm.Core.Tests.Analysis;

public class HilbertPhaseTests
{
    private static TimeSeries Cosines(int T, double periodMs, params (double Hz, double Phase)[] regions)
    {
        var d = new double[T * regions.Length];
        for (int t = 0; t < T; t++)
            for (int r = 0; r < regions.Length; r++)
                d[t * regions.Length + r] = 3 + Math.Cos(2 * Math.PI * regions[r].Hz * t * periodMs / 1000 + regions[r].Phase);
        return new TimeSeries(d, regions.Length, periodMs);
    }

    private static double Wrap(double a) => Math.IEEERemainder(a, 2 * Math.PI);

    [Fact]
    public void A_cosine_on_an_FFT_bin_in_the_band_has_its_exact_phase()
    {
        // T = 500 samples every 720 ms (360 s): bin k is at k/360 Hz; 18/360 = 0.05 Hz and 9/360 = 0.025 Hz are bins inside 0.01–0.1 Hz.
        // The analytic signal of cos(ωt + φ) is exp(i(ωt + φ)) (the mean 3 is removed), so the phase is ωt + φ wrapped to (−π, π].
        var ts = Cosines(500, 720, (18 / 360.0, 0.3), (9 / 360.0, -2.0));
        var ph = HilbertPhase.Compute(ts);
        for (int t = 0; t < 500; t++)
        {
            Assert.Equal(0, Wrap(ph[t, 0] - (2 * Math.PI * 18 / 360.0 * t * 0.72 + 0.3)), 1e-9);
            Assert.Equal(0, Wrap(ph[t, 1] - (2 * Math.PI * 9 / 360.0 * t * 0.72 - 2.0)), 1e-9);
        }
        Assert.Equal(720, ph.SamplePeriodMs);
        // two regions at the same frequency and a fixed lag Δ: r(t) = |cos(Δ/2)| at every sample
        var pair = HilbertPhase.Compute(Cosines(500, 720, (18 / 360.0, 0), (18 / 360.0, 1.0)));
        Assert.All(Synchrony.OrderParameter(pair), r => Assert.Equal(Math.Cos(0.5), r, 9));
    }

    [Fact]
    public void A_signal_outside_the_band_is_removed_and_a_band_without_bins_is_an_error()
    {
        // 0.2 Hz (bin 72) is outside 0.01–0.1 Hz; adding it changes no phase of the 0.05 Hz component
        var clean = HilbertPhase.Compute(Cosines(500, 720, (18 / 360.0, 0.3)));
        var mixed = Cosines(500, 720, (18 / 360.0, 0.3));
        for (int t = 0; t < 500; t++) mixed.Data[t] += 0.7 * Math.Sin(2 * Math.PI * 72 / 360.0 * t * 0.72);
        var ph = HilbertPhase.Compute(mixed);
        for (int t = 0; t < 500; t++) Assert.Equal(0, Wrap(ph[t, 0] - clean[t, 0]), 1e-9);
        var e = Assert.Throws<FwbmException>(() => HilbertPhase.Compute(Cosines(10, 720, (0.05, 0)), 0.01, 0.1));
        Assert.Contains("no frequency", e.Message);
        var bad = Cosines(100, 720, (0.05, 0), (0.05, 1));
        bad.Data[2 * 2 + 1] = double.NaN;
        Assert.Contains("region 1 is NaN at time index 2", Assert.Throws<FwbmException>(() => HilbertPhase.Compute(bad)).Message);
        Assert.Contains("band [0.2, 0.1]", Assert.Throws<FwbmException>(() => HilbertPhase.Compute(Cosines(100, 720, (0.05, 0)), 0.2, 0.1)).Message);
    }
}
