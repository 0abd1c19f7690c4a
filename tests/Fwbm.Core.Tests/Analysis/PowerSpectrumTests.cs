using Fwbm.Core.Analysis;
using Xunit;

namespace Fwbm.Core.Tests.Analysis;

public class PowerSpectrumTests
{
    [Theory]
    [InlineData(40.0, 2.0, 1e-9)]   // exactly on a bin (Δf = 1 Hz): Hann leakage stays inside the bins summed
    [InlineData(12.3, 0.7, 1e-3)]   // between bins: the integral over all bins still equals the variance
    public void Sinusoid_peaks_at_its_frequency_and_integrates_to_its_variance(double f0, double amplitude, double relTol)
    {
        double fs = 1000; int n = 20_000;
        var x = new double[n];
        for (int t = 0; t < n; t++) x[t] = amplitude * Math.Sin(2 * Math.PI * f0 * t / fs + 0.3);
        var psd = PowerSpectrum.Welch(x, fs, new WelchOptions { SegmentSamples = 1000 });
        Assert.Equal(1.0, psd.Resolution, 12);
        Assert.Equal(Math.Round(f0), psd.PeakFrequency());
        double variance = amplitude * amplitude / 2; // of A sin over whole periods
        Assert.InRange(psd.TotalPower(0) / variance, 1 - relTol, 1 + relTol);
    }

    [Fact]
    public void Peak_frequency_within_a_band_ignores_stronger_peaks_outside_it()
    {
        double fs = 200; int n = 8000;
        var x = new double[n];
        for (int t = 0; t < n; t++) x[t] = 3 * Math.Sin(2 * Math.PI * 10 * t / fs) + 0.5 * Math.Sin(2 * Math.PI * 40 * t / fs);
        var psd = PowerSpectrum.Welch(x, fs, new WelchOptions { SegmentMs = 2000 });
        Assert.Equal(0.5, psd.Resolution, 12);
        Assert.Equal(10.0, psd.PeakFrequency());
        Assert.Equal(40.0, psd.PeakFrequency(0, lowHz: 30, highHz: 60));
        Assert.Throws<FwbmException>(() => psd.PeakFrequency(0, lowHz: 150, highHz: 160));
    }

    [Fact]
    public void White_noise_is_flat_at_two_sigma_squared_over_fs()
    {
        double fs = 500, sigma = 2; int n = 1 << 18;
        var rng = new Random(7);
        var x = new double[n];
        for (int t = 0; t < n; t++) x[t] = sigma * SignalFactory.Gaussian(rng);
        var psd = PowerSpectrum.Welch(x, fs, new WelchOptions { SegmentSamples = 256 });
        double expected = sigma * sigma * 2 / fs;
        var p = psd.Of(0);
        double mean = 0;
        // bins 0 and 1 are excluded: removing each segment's mean before the Hann window also removes the part of bin 1 that the
        // window's leakage shares with DC (as in scipy's detrend='constant')
        for (int f = 2; f < p.Length - 1; f++)
        {
            // ~2047 half-overlapping Hann segments: relative s.e. per bin ≈ 3 %; 15 % is > 5 s.e.
            Assert.InRange(p[f] / expected, 0.85, 1.15);
            mean += p[f];
        }
        mean /= p.Length - 3;
        Assert.InRange(mean / expected, 0.99, 1.01);
        // Parseval: integral = sample variance
        double v = x.Select(a => a * a).Average() - Math.Pow(x.Average(), 2);
        Assert.InRange(psd.TotalPower(0) / v, 0.98, 1.02);
    }

    [Fact]
    public void Regions_of_a_time_series_get_their_own_spectra()
    {
        int n = 4000; double period = 2; // 500 Hz
        var data = new double[n * 2];
        for (int t = 0; t < n; t++) { data[2 * t] = Math.Sin(2 * Math.PI * 25 * t * period / 1000); data[2 * t + 1] = Math.Sin(2 * Math.PI * 60 * t * period / 1000); }
        var psd = PowerSpectrum.Welch(new TimeSeries(data, 2, period), new WelchOptions { SegmentMs = 1000 });
        Assert.Equal(25.0, psd.PeakFrequency(0));
        Assert.Equal(60.0, psd.PeakFrequency(1));
        Assert.Equal(250.0, psd.Frequencies[^1]);
    }

    [Fact]
    public void Bad_options_name_the_option()
    {
        var x = new double[100];
        Assert.Contains("longer than the signal", Assert.Throws<FwbmException>(() => PowerSpectrum.Welch(x, 100, new WelchOptions { SegmentSamples = 200 })).Message);
        Assert.Contains("overlap", Assert.Throws<FwbmException>(() => PowerSpectrum.Welch(x, 100, new WelchOptions { Overlap = 1 })).Message);
        Assert.Contains("sampling rate", Assert.Throws<FwbmException>(() => PowerSpectrum.Welch(x, 0)).Message);
    }
}
