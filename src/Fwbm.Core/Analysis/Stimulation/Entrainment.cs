using System.Globalization;
using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Fwbm.Core.Analysis.Stimulation;

/// <summary>The entrainment of one region at the stimulation frequency f.</summary>
/// <param name="Label">Region label.</param>
/// <param name="PowerAtF">Welch PSD (units²/Hz) of the stimulated stretch at the bin nearest f.</param>
/// <param name="RelativePower">PowerAtF divided by the mean PSD of the neighbouring bins (see <see cref="Entrainment"/>); NaN when they are all 0.</param>
/// <param name="BaselinePowerAtF">The same PSD bin before the stimulus (NaN when the recording before the onset is shorter than one segment).</param>
/// <param name="Plv">Phase locking value between the region's phase in the band f ± half-width and the stimulus phase 2πf·t: |mean e^{i(φ_r − φ_s)}|, in [0, 1]; NaN for a flat signal.</param>
/// <param name="PhaseLagRad">arg of that mean: the region's phase minus 2πf(t − t₀) (t₀ the start of the stretch), in (−π, π].</param>
public sealed record EntrainmentRegion(string Label, double PowerAtF, double RelativePower, double BaselinePowerAtF, double Plv, double PhaseLagRad);

/// <summary>
/// Entrainment per region at the stimulation frequency f, over the stimulated stretch: from the first sample at or after the first
/// onset to the end of the recording, cut to a whole number of cycles of f. Power: Welch PSD (periodic Hann, segments of a whole
/// number of cycles near <see cref="StimulationAnalysisOptions.SegmentMs"/>, half overlap) at the bin nearest f, and relative to the
/// mean of the <see cref="StimulationAnalysisOptions.NeighbourBins"/> bins on each side beyond the two next to it (the Hann window's
/// main lobe); also at the same bin before the onset when the recording holds one segment there. Phase locking: the analytic signal of
/// the stretch band-passed to f ± half-width (FFT, bins outside the band zeroed), whose phase is compared with 2πf·t.
/// </summary>
public sealed class Entrainment
{
    private Entrainment(IReadOnlyList<EntrainmentRegion> regions, double f, double binHz, double resolution, double halfWidth, double startMs, double stretchMs, int cycles)
    {
        Regions = regions; FrequencyHz = f; BinFrequencyHz = binHz; ResolutionHz = resolution; BandHalfWidthHz = halfWidth;
        StretchStartMs = startMs; StretchMs = stretchMs; Cycles = cycles;
    }

    public IReadOnlyList<EntrainmentRegion> Regions { get; }
    /// <summary>The stimulation frequency f (Hz).</summary>
    public double FrequencyHz { get; }
    /// <summary>The frequency of the PSD bin nearest f.</summary>
    public double BinFrequencyHz { get; }
    /// <summary>The PSD's frequency resolution (Hz).</summary>
    public double ResolutionHz { get; }
    public double BandHalfWidthHz { get; }
    /// <summary>Start (simulation time, ms) and length (ms) of the stimulated stretch analysed.</summary>
    public double StretchStartMs { get; }
    public double StretchMs { get; }
    /// <summary>Whole cycles of f in the stretch.</summary>
    public int Cycles { get; }

    /// <summary>Entrainment of every region of <paramref name="signal"/> at <paramref name="frequencyHz"/>, stimulated from <paramref name="onsetMs"/> on.</summary>
    /// <exception cref="FwbmException">f at or above the Nyquist rate, or a stimulated stretch shorter than one cycle.</exception>
    public static Entrainment Compute(TimeSeries signal, double frequencyHz, double onsetMs, StimulationAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signal);
        options ??= new StimulationAnalysisOptions();
        double dt = signal.SamplePeriodMs, fs = 1000.0 / dt;
        if (!(frequencyHz > 0) || !double.IsFinite(frequencyHz))
            throw new FwbmException($"Entrainment frequency = {F(frequencyHz)} Hz; expected a positive frequency.");
        if (frequencyHz >= fs / 2)
            throw new FwbmException($"Entrainment frequency = {F(frequencyHz)} Hz is at or above the Nyquist rate {F(fs / 2)} Hz of the recording (one sample every {F(dt)} ms); record more often (--raw) or analyse a lower frequency.");
        double half = options.BandHalfWidthHz ?? 0.2 * frequencyHz;
        if (!(half > 0) || !double.IsFinite(half))
            throw new FwbmException($"Entrainment band half-width = {F(half)} Hz; expected a positive width (default 20 % of f).");
        if (options.NeighbourBins < 1) throw new FwbmException($"Entrainment neighbour bins = {options.NeighbourBins}; expected at least 1 (default 3).");
        if (!(options.SegmentMs > 0) || !double.IsFinite(options.SegmentMs))
            throw new FwbmException($"Entrainment segment = {F(options.SegmentMs)} ms; expected a positive duration (default 1000 ms).");

        double samplesPerCycle = fs / frequencyHz;
        int T = signal.Length, R = signal.Regions;
        int i0 = (int)Math.Max(0, Math.Ceiling((onsetMs - signal.StartMs) / dt - 1e-9));
        int available = T - i0;
        int cycles = (int)Math.Floor(available / samplesPerCycle + 1e-9);
        int n = (int)Math.Round(cycles * samplesPerCycle);
        if (cycles < 1 || n < 4)
            throw new FwbmException($"Entrainment at {F(frequencyHz)} Hz: the recording holds {F(available * dt)} ms after the onset ({F(onsetMs)} ms), less than one cycle ({F(1000 / frequencyHz)} ms); run longer.");
        int segCycles = Math.Clamp((int)Math.Round(options.SegmentMs * frequencyHz / 1000), 1, cycles);
        int seg = (int)Math.Round(segCycles * samplesPerCycle);
        var welch = new WelchOptions { SegmentSamples = seg };
        var stretch = signal.Slice(i0, n);
        var psd = PowerSpectrum.Welch(stretch, welch);
        int bin = (int)Math.Round(frequencyHz / psd.Resolution);
        bin = Math.Clamp(bin, 0, psd.Frequencies.Length - 1);
        PowerSpectrum? before = null;
        if (i0 >= seg)
        {
            int pre = (int)Math.Round(Math.Floor(i0 / samplesPerCycle + 1e-9) * samplesPerCycle);
            if (pre >= seg) before = PowerSpectrum.Welch(signal.Slice(i0 - pre, pre), welch);
        }
        var regions = new EntrainmentRegion[R];
        var buf = new Complex[n];
        for (int r = 0; r < R; r++)
        {
            var p = psd.Of(r);
            double neighbours = 0; int count = 0;
            for (int d = 2; d < 2 + options.NeighbourBins; d++)
                foreach (int k in (int[])[bin - d, bin + d])
                    if (k >= 1 && k < p.Length) { neighbours += p[k]; count++; }
            double rel = count > 0 && neighbours > 0 ? p[bin] / (neighbours / count) : double.NaN;
            double baseline = before is null ? double.NaN : before.Of(r)[bin];
            var (plv, lag) = PhaseLocking(stretch, r, frequencyHz, half, buf);
            regions[r] = new EntrainmentRegion(signal.Labels?[r] ?? $"R{r}", p[bin], rel, baseline, plv, lag);
        }
        return new Entrainment(regions, frequencyHz, psd.Frequencies[bin], psd.Resolution, half, signal.TimeMs(i0), n * dt, cycles);
    }

    /// <summary>PLV and mean phase lag of region <paramref name="r"/> of <paramref name="x"/> against 2πf·t (t from its first sample).</summary>
    private static (double Plv, double Lag) PhaseLocking(TimeSeries x, int r, double f, double half, Complex[] buf)
    {
        int n = x.Length;
        double dt = x.SamplePeriodMs / 1000.0;
        for (int t = 0; t < n; t++) buf[t] = new Complex(x[t, r], 0);
        Fourier.Forward(buf, FourierOptions.NoScaling);
        // analytic signal of the band f ± half: positive-frequency bins inside the band doubled, everything else (DC, negatives) zeroed
        double df = 1.0 / (n * dt);
        for (int k = 0; k < n; k++)
        {
            double fk = k <= n / 2 ? k * df : (k - n) * df;
            buf[k] = fk > 0 && Math.Abs(fk - f) <= half + 1e-9 * df ? 2 * buf[k] : Complex.Zero;
        }
        Fourier.Inverse(buf, FourierOptions.NoScaling);
        Complex sum = Complex.Zero;
        int used = 0;
        for (int t = 0; t < n; t++)
        {
            double m = buf[t].Magnitude;
            if (!(m > 0)) continue;
            double ph = -2 * Math.PI * f * t * dt;
            sum += buf[t] / m * new Complex(Math.Cos(ph), Math.Sin(ph));
            used++;
        }
        if (used == 0) return (double.NaN, double.NaN);
        sum /= used;
        return (Math.Min(1, sum.Magnitude), sum.Phase);
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
