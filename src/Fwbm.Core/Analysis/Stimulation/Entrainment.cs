using System.Globalization;

namespace Fwbm.Core.Analysis.Stimulation;

/// <summary>The entrainment of one region at the stimulation frequency f.</summary>
/// <param name="Label">Region label.</param>
/// <param name="PowerAtF">Welch PSD (units²/Hz) of the stimulated stretch at the bin nearest f.</param>
/// <param name="RelativePower">PowerAtF divided by the mean PSD of the neighbouring bins (see <see cref="Entrainment"/>); NaN when they are all 0.</param>
/// <param name="BaselinePowerAtF">The same PSD bin before the stimulus (NaN when the recording before the onset is shorter than one segment).</param>
/// <param name="Plv">Phase locking value between the region's phase near f (complex demodulation) and the stimulus phase 2πf·t: |mean e^{i(φ_r − φ_s)}|, in [0, 1]; NaN for a flat signal.</param>
/// <param name="PhaseLagRad">arg of that mean: the region's phase minus 2πf(t − t₀) (t₀ the start of the stretch), in (−π, π].</param>
public sealed record EntrainmentRegion(string Label, double PowerAtF, double RelativePower, double BaselinePowerAtF, double Plv, double PhaseLagRad);

/// <summary>
/// Entrainment per region at the stimulation frequency f, over the stimulated stretch: from the first sample at or after the first
/// onset to the end of the stimulus (when it says, e.g. a window's end) or of the recording, cut to a whole number of cycles of f. Power: Welch PSD (periodic Hann, segments of a whole
/// number of cycles near <see cref="StimulationAnalysisOptions.SegmentMs"/>, half overlap) at the bin nearest f, and relative to the
/// mean of the <see cref="StimulationAnalysisOptions.NeighbourBins"/> bins on each side beyond the two next to it (the Hann window's
/// main lobe); also at the same bin before the onset when the recording holds one segment there (the same estimator as
/// <see cref="PowerSpectrum.Welch(TimeSeries, WelchOptions)"/>, evaluated at those bins only). Phase locking: complex demodulation —
/// the signal times e^{−i2πft}, averaged over a sliding window of c whole cycles (c = f / half-width rounded, so the band is f ± f/c and
/// the DC and 2f image cancel exactly) — whose phase is the region's phase relative to the stimulus 2πf·t.
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
    /// <summary>Half-width of the demodulation band: f / c for the c whole cycles averaged.</summary>
    public double BandHalfWidthHz { get; }
    /// <summary>Start (simulation time, ms) and length (ms) of the stimulated stretch analysed.</summary>
    public double StretchStartMs { get; }
    public double StretchMs { get; }
    /// <summary>Whole cycles of f in the stretch.</summary>
    public int Cycles { get; }

    /// <summary>Entrainment of every region of <paramref name="signal"/> at <paramref name="frequencyHz"/>, stimulated from <paramref name="onsetMs"/>
    /// until <paramref name="offsetMs"/> (null or beyond the recording: its end).</summary>
    /// <exception cref="FwbmException">f at or above the Nyquist rate, or a stimulated stretch shorter than one cycle.</exception>
    public static Entrainment Compute(TimeSeries signal, double frequencyHz, double onsetMs, StimulationAnalysisOptions? options = null, double? offsetMs = null)
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
        // samples from the onset sample up to (not including) the first at or after the offset
        int endExclusive = offsetMs is double off && off < signal.TimeMs(T - 1) ? (int)Math.Max(0, Math.Ceiling((off - signal.StartMs) / dt - 1e-9)) : T;
        int available = Math.Max(0, endExclusive - i0);
        int cycles = (int)Math.Floor(available / samplesPerCycle + 1e-9);
        int n = (int)Math.Round(cycles * samplesPerCycle);
        if (cycles < 1 || n < 4)
            throw new FwbmException($"Entrainment at {F(frequencyHz)} Hz: the recording holds {F(available * dt)} ms after the onset ({F(onsetMs)} ms), less than one cycle ({F(1000 / frequencyHz)} ms); run longer.");
        int segCycles = Math.Clamp((int)Math.Round(options.SegmentMs * frequencyHz / 1000), 1, cycles);
        int seg = (int)Math.Round(segCycles * samplesPerCycle);
        double resolution = fs / seg;
        int bin = Math.Clamp((int)Math.Round(frequencyHz / resolution), 0, seg / 2);
        var bins = new List<int> { bin };
        for (int d = 2; d < 2 + options.NeighbourBins; d++)
            foreach (int k in (int[])[bin - d, bin + d])
                if (k >= 1 && k <= seg / 2) bins.Add(k);
        var welch = new BinWelch(seg, fs, [.. bins]);
        int pre = i0 >= seg ? (int)Math.Round(Math.Floor(i0 / samplesPerCycle + 1e-9) * samplesPerCycle) : 0;
        // the phase: demodulate at f and average over a whole number of cycles c (≈ f / half-width): the boxcar's zeros at multiples of
        // f / c remove the DC and the 2f image exactly and pass f ± f/c
        int boxCycles = Math.Max(1, (int)Math.Round(frequencyHz / half));
        int box = (int)Math.Round(boxCycles * samplesPerCycle);
        if (box > n) { boxCycles = cycles; box = n; }
        var regions = new EntrainmentRegion[R];
        var x = new double[n];
        var xPre = new double[pre];
        var power = new double[bins.Count];
        for (int r = 0; r < R; r++)
        {
            for (int t = 0; t < n; t++) x[t] = signal[i0 + t, r];
            welch.Compute(x, power);
            double neighbours = 0;
            for (int b = 1; b < power.Length; b++) neighbours += power[b];
            double rel = power.Length > 1 && neighbours > 0 ? power[0] / (neighbours / (power.Length - 1)) : double.NaN;
            double baseline = double.NaN;
            if (pre >= seg)
            {
                for (int t = 0; t < pre; t++) xPre[t] = signal[i0 - pre + t, r];
                var pb = new double[bins.Count];
                welch.Compute(xPre, pb);
                baseline = pb[0];
            }
            var (plv, lag) = PhaseLocking(x, frequencyHz * dt / 1000, box);
            regions[r] = new EntrainmentRegion(signal.Labels?[r] ?? $"R{r}", power[0], rel, baseline, plv, lag);
        }
        return new Entrainment(regions, frequencyHz, bin * resolution, resolution, frequencyHz / boxCycles, signal.TimeMs(i0), n * dt, cycles);
    }

    /// <summary>
    /// PLV and mean phase lag of <paramref name="x"/> against 2π·<paramref name="cyclesPerSample"/>·t: D(t) = the mean of
    /// x(s)·e^{−iωs} over the <paramref name="box"/> samples from t, and the mean of D/|D| over every t where the box fits.
    /// </summary>
    private static (double Plv, double Lag) PhaseLocking(double[] x, double cyclesPerSample, int box)
    {
        int n = x.Length;
        double w = 2 * Math.PI * cyclesPerSample;
        // running sums of x·cos(ωt) and x·sin(ωt), rotated exactly per sample (no drift over long runs: angle from t)
        double re = 0, im = 0;
        var cr = new double[n]; var ci = new double[n];
        for (int t = 0; t < n; t++)
        {
            double a = w * t;
            cr[t] = x[t] * Math.Cos(a); ci[t] = -x[t] * Math.Sin(a);
        }
        for (int t = 0; t < box; t++) { re += cr[t]; im += ci[t]; }
        double sr = 0, si = 0; int used = 0;
        for (int t = 0; ; t++)
        {
            double m = Math.Sqrt(re * re + im * im);
            if (m > 0) { sr += re / m; si += im / m; used++; }
            if (t + box >= n) break;
            re += cr[t + box] - cr[t]; im += ci[t + box] - ci[t];
        }
        if (used == 0) return (double.NaN, double.NaN);
        sr /= used; si /= used;
        return (Math.Min(1, Math.Sqrt(sr * sr + si * si)), Math.Atan2(si, sr));
    }

    /// <summary>
    /// Welch's PSD (as <see cref="PowerSpectrum.Welch(TimeSeries, WelchOptions)"/>: periodic Hann, half overlap, segment mean removed,
    /// one-sided density) at a few bins only, by direct DFT sums: O(length × bins) instead of an FFT of every segment.
    /// </summary>
    private sealed class BinWelch
    {
        private readonly int _seg, _step;
        private readonly double[] _win, _cos, _sin;
        private readonly int[] _bins;
        private readonly double _scale;

        public BinWelch(int seg, double fs, int[] bins)
        {
            _seg = seg; _bins = bins;
            _step = Math.Max(1, seg - (int)Math.Floor(0.5 * seg));
            _win = new double[seg];
            double s2 = 0;
            for (int k = 0; k < seg; k++) { _win[k] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * k / seg); s2 += _win[k] * _win[k]; }
            _scale = 1.0 / (fs * s2);
            _cos = new double[bins.Length * seg]; _sin = new double[bins.Length * seg];
            for (int b = 0; b < bins.Length; b++)
                for (int k = 0; k < seg; k++)
                {
                    double a = 2 * Math.PI * ((long)bins[b] * k % seg) / seg;
                    _cos[b * seg + k] = Math.Cos(a) * _win[k]; _sin[b * seg + k] = Math.Sin(a) * _win[k];
                }
        }

        public void Compute(double[] x, double[] power)
        {
            Array.Clear(power);
            int segments = (x.Length - _seg) / _step + 1;
            for (int s = 0; s < segments; s++)
            {
                int start = s * _step;
                double mean = 0;
                for (int k = 0; k < _seg; k++) mean += x[start + k];
                mean /= _seg;
                for (int b = 0; b < _bins.Length; b++)
                {
                    double re = 0, im = 0;
                    var c = _cos.AsSpan(b * _seg, _seg); var sn = _sin.AsSpan(b * _seg, _seg);
                    for (int k = 0; k < _seg; k++) { double v = x[start + k] - mean; re += v * c[k]; im += v * sn[k]; }
                    double p = (re * re + im * im) * _scale;
                    if (_bins[b] != 0 && !(_seg % 2 == 0 && _bins[b] == _seg / 2)) p *= 2;
                    power[b] += p;
                }
            }
            for (int b = 0; b < power.Length; b++) power[b] /= segments;
        }
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
