using Xunit;
using Fwbm.Core.Analysis;
using Fwbm.Core.Analysis.Stimulation;

namespace Fwbm.Core.Tests.Analysis.Stimulation;

/// <summary>Power and phase locking at f on sinusoids and noise.</summary>
public class EntrainmentTests
{
    private static TimeSeries Signal(int length, double periodMs, params Func<double, double>[] regions)
    {
        int R = regions.Length;
        var data = new double[length * R];
        for (int t = 0; t < length; t++)
            for (int r = 0; r < R; r++) data[t * R + r] = regions[r](t * periodMs / 1000.0);
        return new TimeSeries(data, R, periodMs);
    }

    [Fact]
    public void A_sinusoid_at_f_locks_with_PLV_1_at_its_phase_and_its_power_is_A2_over_3_df_in_the_bin()
    {
        const double f = 10, A = 0.7, phi = 0.9;
        var ts = Signal(4000, 1, t => A * Math.Cos(2 * Math.PI * f * t + phi), t => -2 * Math.Cos(2 * Math.PI * f * t));
        var e = Entrainment.Compute(ts, f, onsetMs: 0, new StimulationAnalysisOptions { SegmentMs = 1000 });
        Assert.Equal(40, e.Cycles);
        Assert.Equal(1, e.ResolutionHz, 12);
        Assert.Equal(10, e.BinFrequencyHz, 12);
        Assert.Equal(1, e.Regions[0].Plv, 9);
        Assert.Equal(phi, e.Regions[0].PhaseLagRad, 9);
        Assert.Equal(Math.PI, Math.Abs(e.Regions[1].PhaseLagRad), 9);
        // periodic Hann on a bin-aligned sinusoid: 2/3 of the power A²/2 falls in the centre bin, so P = A²/(3 Δf)
        Assert.Equal(A * A / 3, e.Regions[0].PowerAtF, 9);
        Assert.Equal(4.0 / 3, e.Regions[1].PowerAtF, 9);
        // nothing but rounding at ±2 bins and beyond
        Assert.True(e.Regions[0].RelativePower > 1e12, $"relative power {e.Regions[0].RelativePower}");
        Assert.True(double.IsNaN(e.Regions[0].BaselinePowerAtF)); // no recording before the onset
    }

    [Fact]
    public void The_stretch_starts_at_the_onset_and_the_power_before_it_is_the_baseline()
    {
        const double f = 8;
        var rng = new Random(11);
        var noise = Enumerable.Range(0, 5000).Select(_ => SignalFactory.Gaussian(rng)).ToArray();
        // noise throughout, an 8 Hz sinusoid of amplitude 1 from 2 s on (samples every 2 ms)
        var ts = Signal(2500, 2, t => 0.1 * noise[(int)Math.Round(t * 500)] + (t >= 2 ? Math.Sin(2 * Math.PI * f * t) : 0));
        var e = Entrainment.Compute(ts, f, onsetMs: 2000);
        Assert.Equal(2000, e.StretchStartMs);
        Assert.Equal(3000, e.StretchMs, 9);
        var r = e.Regions[0];
        Assert.True(r.Plv > 0.95, $"PLV {r.Plv}");
        // white noise of SD 0.1 at 500 Hz: PSD 2σ²/fs = 4e-5 per Hz; the sinusoid's bin holds ≈ A²/(3Δf) = 0.33 (Δf = 1 Hz)
        Assert.InRange(r.PowerAtF, 0.30, 0.37);
        Assert.InRange(r.BaselinePowerAtF, 1e-6, 4e-4);
        Assert.True(r.RelativePower > 1000, $"relative power {r.RelativePower}");
    }

    [Fact]
    public void White_noise_has_a_PLV_of_order_one_over_root_the_independent_samples()
    {
        // the band f ± h over T seconds holds K = 2hT + 1 independent complex bins; the mean of K random unit phasors has
        // E|·| = √π / (2√K) ≈ 0.886/√K. Averaged over 40 seeds (each PLV's spread ≈ 0.46/√K), expect 0.886/√K within 25 %.
        const double f = 20, h = 5, T = 4;
        double K = 2 * h * T + 1;
        double mean = 0;
        for (int seed = 0; seed < 40; seed++)
        {
            var rng = new Random(100 + seed);
            var ts = Signal(4000, 1, _ => SignalFactory.Gaussian(rng));
            mean += Entrainment.Compute(ts, f, 0, new StimulationAnalysisOptions { BandHalfWidthHz = h }).Regions[0].Plv / 40;
        }
        Assert.InRange(mean * Math.Sqrt(K), 0.886 * 0.75, 0.886 * 1.25);
    }

    [Fact]
    public void A_frequency_at_Nyquist_or_a_stretch_shorter_than_a_cycle_is_an_error()
    {
        var ts = Signal(100, 1, t => t);
        Assert.Contains("Nyquist", Assert.Throws<FwbmException>(() => Entrainment.Compute(ts, 500, 0)).Message);
        Assert.Contains("less than one cycle", Assert.Throws<FwbmException>(() => Entrainment.Compute(ts, 5, 0)).Message);
        Assert.Contains("half-width", Assert.Throws<FwbmException>(() => Entrainment.Compute(ts, 50, 0, new StimulationAnalysisOptions { BandHalfWidthHz = 0 })).Message);
    }
}
