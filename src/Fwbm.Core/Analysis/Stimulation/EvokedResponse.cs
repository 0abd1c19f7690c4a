using System.Globalization;

namespace Fwbm.Core.Analysis.Stimulation;

/// <summary>
/// The response of every region trial-averaged over a stimulus' trials: an epoch from −baseline to +window around each trial onset,
/// baseline-corrected per trial (the mean of that trial's pre-stimulus samples subtracted), then averaged, with the standard error of
/// the mean across trials at each time. Sample k = 0 of an epoch is the first sample at or after the onset (its state precedes the
/// input's first effect: a raw sample holds the state after the step that ends at its time); <see cref="TimeMs"/> counts from it in
/// sample periods. Epochs that run off the recording are dropped and counted in <see cref="DroppedTrials"/>.
/// </summary>
public sealed class EvokedResponse
{
    private EvokedResponse(double[] mean, double[] standardError, int regions, int baselineSamples, int windowSamples, double samplePeriodMs,
        IReadOnlyList<double> onsetsMs, int dropped, IReadOnlyList<string>? labels, string variable, double[] scale)
    {
        _scale = scale;
        Mean = mean; StandardError = standardError; Regions = regions; BaselineSamples = baselineSamples; WindowSamples = windowSamples;
        SamplePeriodMs = samplePeriodMs; OnsetsMs = onsetsMs; DroppedTrials = dropped; Labels = labels; Variable = variable;
    }

    /// <summary>Trial-averaged, baseline-corrected response, time-major: <c>Mean[k * Regions + r]</c>, k = 0 … <see cref="Length"/> − 1.</summary>
    public double[] Mean { get; }
    /// <summary>Standard error of the mean across trials (SD / √trials), same layout; NaN with a single trial.</summary>
    public double[] StandardError { get; }
    public int Regions { get; }
    public IReadOnlyList<string>? Labels { get; }
    /// <summary>The state variable (or signal) averaged.</summary>
    public string Variable { get; }
    /// <summary>Samples before the onset in each epoch (the baseline).</summary>
    public int BaselineSamples { get; }
    /// <summary>Samples after the onset sample in each epoch.</summary>
    public int WindowSamples { get; }
    /// <summary>Samples per epoch: baseline + onset sample + window.</summary>
    public int Length => BaselineSamples + 1 + WindowSamples;
    public double SamplePeriodMs { get; }
    /// <summary>The onsets (ms, simulation time) of the trials averaged.</summary>
    public IReadOnlyList<double> OnsetsMs { get; }
    /// <summary>Number of trials averaged.</summary>
    public int Trials => OnsetsMs.Count;
    /// <summary>Trials whose epoch ran off the start or end of the recording (not averaged).</summary>
    public int DroppedTrials { get; }

    private readonly double[] _scale;

    /// <summary>The largest |value| of a region's recording in the averaged epochs (before baseline correction): the scale of the
    /// rounding error of the correction.</summary>
    public double Scale(int region) => _scale[region];

    /// <summary>Time of epoch sample <paramref name="k"/> relative to the onset sample, in ms (negative in the baseline).</summary>
    public double TimeMs(int k) => (k - BaselineSamples) * SamplePeriodMs;

    public double this[int k, int region] => Mean[k * Regions + region];

    /// <summary>One region's averaged response as a new array (<see cref="Length"/> samples).</summary>
    public double[] Of(int region)
    {
        var a = new double[Length];
        for (int k = 0; k < a.Length; k++) a[k] = Mean[k * Regions + region];
        return a;
    }

    /// <summary>Standard deviation of the averaged response over the baseline samples of one region (0 for a flat baseline).</summary>
    public double BaselineSd(int region)
    {
        double m = 0;
        for (int k = 0; k < BaselineSamples; k++) m += Mean[k * Regions + region];
        m /= BaselineSamples;
        double s = 0;
        for (int k = 0; k < BaselineSamples; k++) { double d = Mean[k * Regions + region] - m; s += d * d; }
        return Math.Sqrt(s / (BaselineSamples - 1));
    }

    /// <summary>
    /// Epoch <paramref name="signal"/> around <paramref name="onsetsMs"/> (ms on the signal's clock, <see cref="TimeSeries.TimeMs"/>),
    /// correct each epoch by its baseline mean and average.
    /// </summary>
    /// <exception cref="FwbmException">A baseline shorter than 2 samples, an empty window, no onsets, or no epoch that fits the recording.</exception>
    public static EvokedResponse Compute(TimeSeries signal, IReadOnlyList<double> onsetsMs, double baselineMs, double windowMs)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(onsetsMs);
        double dt = signal.SamplePeriodMs;
        if (!(baselineMs >= 0) || !double.IsFinite(baselineMs))
            throw new FwbmException($"Evoked baseline = {F(baselineMs)} ms; expected a finite duration ≥ 2 sample periods ({F(2 * dt)} ms).");
        if (!(windowMs > 0) || !double.IsFinite(windowMs))
            throw new FwbmException($"Evoked window = {F(windowMs)} ms; expected a positive, finite duration (e.g. 200 ms).");
        int B = (int)Math.Round(baselineMs / dt), W = (int)Math.Round(windowMs / dt);
        if (B < 2) throw new FwbmException($"Evoked baseline = {F(baselineMs)} ms is {B} sample(s) of {F(dt)} ms; expected at least 2 samples ({F(2 * dt)} ms) to measure the baseline's spread.");
        if (W < 1) throw new FwbmException($"Evoked window = {F(windowMs)} ms is shorter than one sample ({F(dt)} ms); expected a longer window.");
        if (onsetsMs.Count == 0) throw new FwbmException("Evoked response: the stimulus has no trial onset inside the run; expected a stimulus that starts before the run ends.");

        int R = signal.Regions, L = B + 1 + W, T = signal.Length;
        var used = new List<double>();
        var mean = new double[L * R];
        var m2 = new double[L * R];
        var baseline = new double[R];
        var scale = new double[R];
        var data = signal.Data;
        int dropped = 0;
        foreach (double onset in onsetsMs)
        {
            long i0 = (long)Math.Ceiling((onset - signal.StartMs) / dt - 1e-9);
            if (i0 - B < 0 || i0 + W > T - 1) { dropped++; continue; }
            int first = (int)(i0 - B);
            Array.Clear(baseline);
            for (int k = 0; k < B; k++)
                for (int r = 0; r < R; r++) baseline[r] += data[(first + k) * R + r];
            for (int r = 0; r < R; r++) baseline[r] /= B;
            for (int k = 0; k < L; k++)
                for (int r = 0; r < R; r++) scale[r] = Math.Max(scale[r], Math.Abs(data[(first + k) * R + r]));
            used.Add(onset);
            int n = used.Count;
            for (int k = 0; k < L; k++)
                for (int r = 0; r < R; r++)
                {
                    // Welford's running mean and sum of squared deviations across trials
                    double x = data[(first + k) * R + r] - baseline[r];
                    int at = k * R + r;
                    double d = x - mean[at];
                    mean[at] += d / n;
                    m2[at] += d * (x - mean[at]);
                }
        }
        if (used.Count == 0)
            throw new FwbmException($"Evoked response: none of the {onsetsMs.Count} trial(s) has a whole epoch [−{F(baselineMs)}, +{F(windowMs)}] ms inside the recording " +
                $"({F(signal.StartMs)}–{F(signal.TimeMs(T - 1))} ms); start the stimulus at least the baseline after the recording starts, run longer or shorten the window.");
        var se = new double[L * R];
        int trials = used.Count;
        for (int i = 0; i < se.Length; i++) se[i] = trials > 1 ? Math.Sqrt(m2[i] / (trials - 1) / trials) : double.NaN;
        return new EvokedResponse(mean, se, R, B, W, dt, used, dropped, signal.Labels, signal.Variable, scale);
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
