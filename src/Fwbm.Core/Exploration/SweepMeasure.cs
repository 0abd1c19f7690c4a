using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Exploration;

/// <summary>What a measure sees: one finished simulation of the sweep and where it sits in the grid.</summary>
public sealed record SweepContext(SimulationResult Result, Connectome Connectome, IReadOnlyList<string> ParameterNames, IReadOnlyList<double> ParameterValues);

/// <summary>A number computed from each run of a sweep (a column of the result table). Measures run on worker threads and must not
/// share mutable state.</summary>
public sealed record SweepMeasure(string Name, Func<SweepContext, double> Evaluate)
{
    /// <summary>FC similarity (Pearson of upper triangles) of the simulated BOLD FC to <paramref name="target"/>, or to the
    /// connectome's empirical FC when no target is given.</summary>
    public static SweepMeasure FcSimilarity(double[]? target = null, string name = "fc_similarity") => new(name, c =>
    {
        var t = target ?? (c.Connectome.HasEmpiricalFc ? c.Connectome.EmpiricalFc.ToArray()
            : throw new FwbmException($"Measure '{name}': connectome '{c.Connectome.Name}' has no empirical FC; pass a target FC."));
        return Analysis.FcSimilarity.Compute(c.Result.BoldFc(), t, c.Connectome.Count);
    });

    /// <summary>KS distance between the FCD distribution of the simulated BOLD and that of <paramref name="target"/> (same windows).</summary>
    public static SweepMeasure FcdKs(FcdResult target, FcdWindows? windows = null, string name = "fcd_ks")
    {
        ArgumentNullException.ThrowIfNull(target);
        var tri = target.UpperTriangleValues();
        var w = windows ?? FcdWindows.InSamples(target.WindowSamples, target.StepSamples);
        return new(name, c => KolmogorovSmirnov.Statistic(Fcd.Compute(c.Result.Bold, w).UpperTriangleValues(), tri));
    }

    /// <summary>KS distance between the simulated BOLD's FCD and the FCD of an empirical BOLD signal.</summary>
    public static SweepMeasure FcdKs(TimeSeries empiricalBold, FcdWindows windows, string name = "fcd_ks") => FcdKs(Fcd.Compute(empiricalBold, windows), windows, name);

    /// <summary>Mean over time and regions of a recorded output (e.g. "tavg:r_E" for a mean rate, or "bold").</summary>
    public static SweepMeasure Mean(string outputKey, string? name = null) => new(name ?? $"mean({outputKey})", c => c.Result.Get(outputKey).Data.Average());

    /// <summary>Standard deviation over time of the global mean of a recorded output.</summary>
    public static SweepMeasure GlobalSignalStd(string outputKey = "bold", string? name = null) => new(name ?? $"std(global {outputKey})", c =>
    {
        var g = GlobalSignal.Mean(c.Result.Get(outputKey));
        double m = g.Average();
        return Math.Sqrt(g.Sum(v => (v - m) * (v - m)) / g.Length);
    });

    /// <summary>Mean FC (upper triangle) of the simulated BOLD: a simple index of global synchrony.</summary>
    public static SweepMeasure MeanFc(string name = "mean_fc") => new(name, c => UpperTriangle.Of(c.Result.BoldFc()).Average());

    /// <summary>Peak frequency (Hz) of the region-averaged Welch spectrum of a recorded output.</summary>
    public static SweepMeasure PeakFrequency(string outputKey, WelchOptions? welch = null, double lowHz = 0, double highHz = double.PositiveInfinity, string? name = null)
        => new(name ?? $"peak_hz({outputKey})", c => PowerSpectrum.Welch(c.Result.Get(outputKey), welch).PeakFrequency(null, lowHz, highHz));

    /// <summary>Any function of the result.</summary>
    public static SweepMeasure Of(string name, Func<SimulationResult, double> f) => new(name, c => f(c.Result));
}
