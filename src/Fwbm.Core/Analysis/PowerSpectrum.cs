using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Fwbm.Core.Analysis;

/// <summary>Options of Welch's method. Segment length in samples or ms (default: 256 samples, or the whole signal when shorter).</summary>
public sealed record WelchOptions
{
    /// <summary>Segment length in samples.</summary>
    public int? SegmentSamples { get; init; }
    /// <summary>Segment length in ms (rounded to whole samples); the frequency resolution is 1000 / SegmentMs Hz.</summary>
    public double? SegmentMs { get; init; }
    /// <summary>Fraction of a segment shared with the next one, in [0, 1) (default 0.5, as scipy.signal.welch).</summary>
    public double Overlap { get; init; } = 0.5;
    /// <summary>Subtract each segment's mean before the FFT (scipy's detrend='constant'; default true).</summary>
    public bool RemoveMean { get; init; } = true;

    internal (int Segment, int Step) Resolve(int length, double samplePeriodMs)
    {
        if (SegmentSamples is not null && SegmentMs is not null) throw new FwbmException("Welch: give the segment length in samples or in ms, not both.");
        int seg = SegmentSamples ?? (SegmentMs is double ms
            ? (ms > 0 && double.IsFinite(ms) ? (int)Math.Round(ms / samplePeriodMs) : throw new FwbmException($"Welch segment = {ms} ms; expected a positive duration."))
            : Math.Min(256, length));
        if (seg < 2) throw new FwbmException($"Welch segment = {seg} samples; expected at least 2.");
        if (seg > length) throw new FwbmException($"Welch segment of {seg} samples is longer than the signal ({length} samples); use a shorter segment.");
        if (!(Overlap >= 0 && Overlap < 1)) throw new FwbmException($"Welch overlap = {Overlap}; expected a fraction in [0, 1).");
        int step = Math.Max(1, seg - (int)Math.Floor(Overlap * seg));
        return (seg, step);
    }
}

/// <summary>
/// One-sided power spectral densities of every region (units²/Hz), by Welch's method with a periodic Hann window, scaled so that
/// Σ_f P(f)·Δf equals the signal's variance (Parseval; scipy.signal.welch with scaling='density').
/// </summary>
public sealed class PowerSpectrum
{
    internal PowerSpectrum(double[] frequencies, double[] power, int regions, IReadOnlyList<string>? labels, int segments, int segmentSamples)
    {
        Frequencies = frequencies; Power = power; Regions = regions; Labels = labels; Segments = segments; SegmentSamples = segmentSamples;
    }

    /// <summary>Frequencies in Hz, 0 … fs/2 in steps of fs / segment length.</summary>
    public double[] Frequencies { get; }
    /// <summary>Row-major [region][frequency] PSD in units²/Hz.</summary>
    public double[] Power { get; }
    public int Regions { get; }
    public IReadOnlyList<string>? Labels { get; }
    /// <summary>Number of averaged segments.</summary>
    public int Segments { get; }
    public int SegmentSamples { get; }
    /// <summary>Frequency resolution Δf in Hz.</summary>
    public double Resolution => Frequencies.Length > 1 ? Frequencies[1] - Frequencies[0] : 0;

    /// <summary>PSD of one region.</summary>
    public ReadOnlySpan<double> Of(int region) => Power.AsSpan(region * Frequencies.Length, Frequencies.Length);

    /// <summary>The PSD averaged over regions.</summary>
    public double[] Mean()
    {
        int F = Frequencies.Length;
        var m = new double[F];
        for (int r = 0; r < Regions; r++) for (int f = 0; f < F; f++) m[f] += Power[r * F + f];
        for (int f = 0; f < F; f++) m[f] /= Regions;
        return m;
    }

    /// <summary>Σ P(f)·Δf of one region (its variance when the mean was removed).</summary>
    public double TotalPower(int region)
    {
        double s = 0;
        foreach (var p in Of(region)) s += p;
        return s * Resolution;
    }

    /// <summary>Frequency (Hz) of the largest PSD value of a region (or of the region mean when null), optionally within [lowHz, highHz].</summary>
    public double PeakFrequency(int? region = null, double lowHz = 0, double highHz = double.PositiveInfinity)
    {
        if (!(highHz >= lowHz)) throw new FwbmException($"Peak frequency band [{lowHz}, {highHz}] Hz is empty; expected low ≤ high.");
        ReadOnlySpan<double> p = region is int r
            ? (r >= 0 && r < Regions ? Of(r) : throw new FwbmException($"Region {r} is out of range; expected 0…{Regions - 1}."))
            : Mean();
        int best = -1;
        for (int f = 0; f < Frequencies.Length; f++)
        {
            if (Frequencies[f] < lowHz || Frequencies[f] > highHz) continue;
            if (best < 0 || p[f] > p[best]) best = f;
        }
        if (best < 0) throw new FwbmException($"No frequency of the spectrum (0…{Frequencies[^1]:G4} Hz, Δf = {Resolution:G4} Hz) lies in [{lowHz}, {highHz}] Hz.");
        return Frequencies[best];
    }

    /// <summary>Welch PSD of every region of a time-major signal (sampling rate from its sample period).</summary>
    public static PowerSpectrum Welch(TimeSeries ts, WelchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ts);
        return Welch(ts.Data, ts.Regions, 1000.0 / ts.SamplePeriodMs, options, ts.Labels);
    }

    /// <summary>Welch PSD of a single signal sampled at <paramref name="samplingHz"/>.</summary>
    public static PowerSpectrum Welch(ReadOnlySpan<double> signal, double samplingHz, WelchOptions? options = null) => Welch(signal, 1, samplingHz, options, null);

    /// <summary>Welch PSD of a time-major multichannel signal (<c>data[t * regions + r]</c>).</summary>
    public static PowerSpectrum Welch(ReadOnlySpan<double> timeMajor, int regions, double samplingHz, WelchOptions? options = null, IReadOnlyList<string>? labels = null)
    {
        options ??= new WelchOptions();
        if (regions < 1) throw new FwbmException($"Welch: regions = {regions}; expected ≥ 1.");
        if (!(samplingHz > 0) || !double.IsFinite(samplingHz)) throw new FwbmException($"Welch: sampling rate {samplingHz} Hz; expected > 0.");
        if (timeMajor.Length % regions != 0) throw new FwbmException($"Welch: {timeMajor.Length} values do not split into rows of {regions} regions.");
        int T = timeMajor.Length / regions;
        var (seg, step) = options.Resolve(T, 1000.0 / samplingHz);
        int segments = (T - seg) / step + 1;
        int F = seg / 2 + 1;
        // periodic Hann window (scipy's default 'hann' for spectral analysis)
        var win = new double[seg];
        double s2 = 0;
        for (int k = 0; k < seg; k++) { win[k] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * k / seg); s2 += win[k] * win[k]; }
        double scale = 1.0 / (samplingHz * s2);
        var power = new double[regions * F];
        var data = timeMajor.ToArray();
        Parallel.For(0, regions, () => new Complex[seg], (r, _, buf) =>
        {
            var acc = power.AsSpan(r * F, F);
            for (int sgi = 0; sgi < segments; sgi++)
            {
                int start = sgi * step;
                double mean = 0;
                if (options.RemoveMean)
                {
                    for (int k = 0; k < seg; k++) mean += data[(start + k) * regions + r];
                    mean /= seg;
                }
                for (int k = 0; k < seg; k++) buf[k] = new Complex((data[(start + k) * regions + r] - mean) * win[k], 0);
                Fourier.Forward(buf, FourierOptions.NoScaling);
                for (int f = 0; f < F; f++)
                {
                    double p = (buf[f].Real * buf[f].Real + buf[f].Imaginary * buf[f].Imaginary) * scale;
                    // one-sided: double every bin except DC and (for even lengths) Nyquist
                    if (f != 0 && !(seg % 2 == 0 && f == seg / 2)) p *= 2;
                    acc[f] += p;
                }
            }
            for (int f = 0; f < F; f++) acc[f] /= segments;
            return buf;
        }, _ => { });
        var freqs = new double[F];
        for (int f = 0; f < F; f++) freqs[f] = f * samplingHz / seg;
        return new PowerSpectrum(freqs, power, regions, labels, segments, seg);
    }
}
