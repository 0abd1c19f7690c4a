using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Measures;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Exploration;

/// <summary>What a measure sees: one finished simulation of the sweep and where it sits in the grid.</summary>
public sealed record SweepContext(SimulationResult Result, Connectome Connectome, IReadOnlyList<string> ParameterNames, IReadOnlyList<double> ParameterValues);

/// <summary>
/// A number computed from each run of a sweep (a column of the result table) and its goal. Measures of the catalogue come from
/// <see cref="MeasureCatalog.Bind"/> (or the shortcuts below); a measure made by hand takes the goal the catalogue declares for its name,
/// or none (descriptive) when the name is not in the catalogue — set <see cref="Goal"/> to rank by it. Measures run on worker threads and
/// must not share mutable state.
/// </summary>
public sealed record SweepMeasure(string Name, Func<SweepContext, double> Evaluate)
{
    /// <summary>Which value is best (decides <see cref="SweepResult.Best(string)"/> and chart stars).</summary>
    public MeasureGoal Goal { get; init; } = MeasureCatalog.DeclaredGoal(Name);

    /// <summary>fc_similarity against <paramref name="target"/>, or the connectome's empirical FC when no target is given.</summary>
    public static SweepMeasure FcSimilarity(double[]? target = null, string name = "fc_similarity") =>
        new FcSimilarityMeasure().Bind(new MeasureSettings { TargetFc = target, Column = name });

    /// <summary>fcd_ks against one FCD (with its windows unless <paramref name="windows"/> is given).</summary>
    public static SweepMeasure FcdKs(FcdResult target, FcdWindows? windows = null, string name = "fcd_ks")
    {
        ArgumentNullException.ThrowIfNull(target);
        return new FcdKsMeasure().Bind(new MeasureSettings { EmpiricalFcd = [target], FcdWindows = windows, Column = name });
    }

    /// <summary>fcd_ks against the FCD of an empirical BOLD signal.</summary>
    public static SweepMeasure FcdKs(TimeSeries empiricalBold, FcdWindows windows, string name = "fcd_ks") =>
        new FcdKsMeasure().Bind(new MeasureSettings { EmpiricalBold = [empiricalBold], FcdWindows = windows, Column = name });

    /// <summary>Mean over time and regions of a recorded output (e.g. "tavg:r_E" for a mean rate); descriptive.</summary>
    public static SweepMeasure Mean(string outputKey, string? name = null) => new(name ?? $"mean({outputKey})", c => c.Result.Get(outputKey).Data.Average());

    /// <summary>gs_std of a recorded output.</summary>
    public static SweepMeasure GlobalSignalStd(string outputKey = "bold", string? name = null) =>
        new GlobalSignalStdMeasure().Bind(new MeasureSettings { Output = outputKey, Column = name ?? GlobalSignalStdMeasure.Info.Name });

    /// <summary>mean_fc of the simulated BOLD.</summary>
    public static SweepMeasure MeanFc(string name = "mean_fc") => new MeanFcMeasure().Bind(new MeasureSettings { Column = name });

    /// <summary>psd_peak of a recorded output (Hz), with an optional target frequency.</summary>
    public static SweepMeasure PeakFrequency(string outputKey, WelchOptions? welch = null, double lowHz = 0, double highHz = double.PositiveInfinity,
        string? name = null, double? targetHz = null) =>
        new PsdPeakMeasure().Bind(new MeasureSettings { Output = outputKey, Welch = welch, LowHz = lowHz, HighHz = highHz, Column = name ?? PsdPeakMeasure.Info.Name, Target = targetHz });

    /// <summary>Any function of the result; its goal is the catalogue's for <paramref name="name"/>, else <paramref name="goal"/> (default none).</summary>
    public static SweepMeasure Of(string name, Func<SimulationResult, double> f, MeasureGoal? goal = null) =>
        new(name, c => f(c.Result)) { Goal = goal ?? MeasureCatalog.DeclaredGoal(name) };
}
