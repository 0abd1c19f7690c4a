using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Fwbm.Core.Analysis;

/// <summary>
/// Instantaneous phases of band-limited signals: each region's signal is band-passed to [low, high] Hz by an ideal FFT filter (every
/// bin outside the band set to 0, the mean removed) and its analytic signal formed by the Hilbert transform (positive frequencies
/// doubled, negative ones removed); the phase is its angle in radians. This is how BOLD phases are obtained for phase synchrony and
/// metastability (Glerean et al. 2012; Deco et al. 2017 use 0.04–0.07 Hz; the default here is the wider BOLD band 0.01–0.1 Hz).
/// A cosine on an FFT bin inside the band gives its phase exactly; elsewhere the ideal filter rings near the ends of the series.
/// </summary>
public static class HilbertPhase
{
    /// <summary>The default band for BOLD: 0.01–0.1 Hz.</summary>
    public const double BoldLowHz = 0.01, BoldHighHz = 0.1;

    /// <summary>Phases (radians, in (−π, π]) of every region of <paramref name="signal"/> in [lowHz, highHz]; same shape and time axis.</summary>
    public static TimeSeries Compute(TimeSeries signal, double lowHz = BoldLowHz, double highHz = BoldHighHz)
    {
        ArgumentNullException.ThrowIfNull(signal);
        int T = signal.Length, R = signal.Regions;
        double fs = 1000.0 / signal.SamplePeriodMs;
        if (!(lowHz >= 0) || !(highHz > lowHz) || !double.IsFinite(highHz))
            throw new FwbmException($"Hilbert phase: band [{lowHz}, {highHz}] Hz; expected 0 ≤ low < high.");
        if (lowHz >= fs / 2)
            throw new FwbmException($"Hilbert phase: band [{lowHz}, {highHz}] Hz starts at or above the Nyquist frequency {fs / 2:G4} Hz of the signal (sample period {signal.SamplePeriodMs:G4} ms).");
        if (T < 4) throw new FwbmException($"Hilbert phase: {T} samples; expected at least 4.");
        // bins k = 1 … ⌊(T−1)/2⌋ are the positive frequencies k·fs/T (the Nyquist bin of an even T is left out: it has no phase)
        var inBand = new bool[T];
        int kept = 0;
        for (int k = 1; 2 * k < T; k++)
        {
            double f = k * fs / T;
            if (f >= lowHz && f <= highHz) { inBand[k] = true; kept++; }
        }
        if (kept == 0)
            throw new FwbmException($"Hilbert phase: no frequency of a {T}-sample signal (resolution {fs / T:G4} Hz) lies in [{lowHz}, {highHz}] Hz; use a longer signal or a wider band.");
        var phases = new double[T * R];
        var data = signal.Data;
        for (int k = 0; k < data.Length; k++) // checked here: an exception inside Parallel.For would arrive wrapped
            if (!double.IsFinite(data[k])) throw new FwbmException($"Hilbert phase: region {k % R} is {data[k]} at time index {k / R}; expected finite values.");
        Parallel.For(0, R, () => new Complex[T], (r, _, buf) =>
        {
            for (int t = 0; t < T; t++) buf[t] = new Complex(data[t * R + r], 0);
            Fourier.Forward(buf, FourierOptions.Matlab); // unscaled forward, 1/T on the inverse
            for (int k = 0; k < T; k++) buf[k] = inBand[k] ? 2 * buf[k] : Complex.Zero;
            Fourier.Inverse(buf, FourierOptions.Matlab);
            for (int t = 0; t < T; t++) phases[t * R + r] = Math.Atan2(buf[t].Imaginary, buf[t].Real);
            return buf;
        }, _ => { });
        return new TimeSeries(phases, R, signal.SamplePeriodMs, signal.StartMs, signal.Labels, $"phase({signal.Variable})");
    }
}
