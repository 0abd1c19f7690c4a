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
    public void The_stretch_ends_where_the_stimulus_stops()
    {
        // a 10 Hz sinusoid from 1 s to 3 s, nothing after (5 s at 1 ms): the stretch is the 2 s of drive, so its PLV stays 1
        var ts = Signal(5000, 1, t => t >= 1 && t < 3 ? Math.Sin(2 * Math.PI * 10 * t) : 0);
        var whole = Entrainment.Compute(ts, 10, 1000);
        var driven = Entrainment.Compute(ts, 10, 1000, offsetMs: 3000);
        Assert.Equal(2000, driven.StretchMs, 9);
        Assert.Equal(20, driven.Cycles);
        Assert.Equal(1, driven.Regions[0].Plv, 9);
        Assert.Equal(4000, whole.StretchMs, 9);   // up to the end of the recording
        var sine = new Fwbm.Core.Simulation.SinusoidStimulus("x", [0], 10, 1, OnsetMs: 1000, OffsetMs: 3000);
        Assert.Equal(3000, StimulationAnalysis.OffsetMs(sine));
        Assert.Null(StimulationAnalysis.OffsetMs(sine with { OffsetMs = double.PositiveInfinity }));
        Assert.Null(StimulationAnalysis.OffsetMs(CombinedStimulusEvents.Of([sine, sine with { OffsetMs = double.PositiveInfinity }])));
        Assert.Equal(3000, StimulationAnalysis.OffsetMs(CombinedStimulusEvents.Of([sine, sine with { OffsetMs = 2000 }])));
    }

    [Fact]
    public void White_noise_has_a_PLV_of_order_one_over_root_the_independent_windows()
    {
        // the phase is the demodulated signal averaged over windows of c = f/h = 4 cycles (0.2 s); a 4 s stretch holds K = T·h = 20
        // independent windows, and the mean of K random unit phasors has E|·| = √π / (2√K) ≈ 0.886/√K. Overlapping windows make it
        // only approximately so: averaged over 40 seeds (each PLV's own spread ≈ 0.46/√K, so ± 0.07/√K for the mean), expect
        // 0.886/√K within 25 % (measured: 1.07 × it); and a stretch 4× longer halves it (within 25 %).
        const double f = 20, h = 5;
        double Mean(int samples, int seeds)
        {
            double mean = 0;
            for (int seed = 0; seed < seeds; seed++)
            {
                var rng = new Random(100 + seed);
                var ts = Signal(samples, 1, _ => SignalFactory.Gaussian(rng));
                mean += Entrainment.Compute(ts, f, 0, new StimulationAnalysisOptions { BandHalfWidthHz = h }).Regions[0].Plv / seeds;
            }
            return mean;
        }
        double shortRun = Mean(4000, 40), longRun = Mean(16000, 40);
        double K = 4 * h;
        Assert.InRange(shortRun * Math.Sqrt(K), 0.886 * 0.75, 0.886 * 1.25);
        Assert.InRange(shortRun / longRun, 2 * 0.75, 2 * 1.25);
    }

    [Fact]
    public void The_power_at_f_and_its_neighbours_are_the_Welch_PSD_bins()
    {
        var rng = new Random(21);
        var noise = Enumerable.Range(0, 3 * 3001).Select(_ => SignalFactory.Gaussian(rng)).ToArray();
        var ts = new TimeSeries(noise, 3, 0.5); // 3001 samples at 2 kHz
        var e = Entrainment.Compute(ts, 40, onsetMs: 100, new StimulationAnalysisOptions { SegmentMs = 250, NeighbourBins = 2 });
        // from sample 200 (100 ms): 2801 samples = 56 cycles of 50 samples → 2800; segments of 10 cycles = 500 samples, Δf = 4 Hz, f in bin 10
        Assert.Equal(56, e.Cycles);
        Assert.Equal(4, e.ResolutionHz, 12);
        var psd = PowerSpectrum.Welch(ts.Slice(200, 2800), new WelchOptions { SegmentSamples = 500 });
        var before = PowerSpectrum.Welch(ts.Slice(0, 200), new WelchOptions { SegmentSamples = 200 });
        for (int r = 0; r < 3; r++)
        {
            var p = psd.Of(r);
            Assert.Equal(p[10], e.Regions[r].PowerAtF, 1e-12 * p[10]);
            double neighbours = (p[8] + p[12] + p[7] + p[13]) / 4;
            Assert.Equal(p[10] / neighbours, e.Regions[r].RelativePower, 1e-9);
            Assert.True(double.IsNaN(e.Regions[r].BaselinePowerAtF)); // 200 samples before the onset: shorter than one 500-sample segment
            Assert.True(before.Frequencies.Length > 0);
        }
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
