using Fwbm.Core.Analysis;
using Fwbm.Core.Exploration;

namespace Fwbm.Core.Measures;

/// <summary>mean_fc: the mean of the upper triangle of the simulated BOLD FC (descriptive).</summary>
public sealed class MeanFcMeasure : IMeasure
{
    public static MeasureDefinition Info { get; } = new("mean_fc", MeasureGoal.None, "r (−1…1)",
        "Mean of the upper triangle of the simulated BOLD FC: a simple index of global correlation.",
        MeasureNeeds.Bold,
        "Descriptive: a larger mean FC is not better; give a target (e.g. the empirical FC's mean) to rank by it.")
    {
        Settings = ["Target: a mean FC to come close to (optional)"],
    };

    public MeasureDefinition Definition => Info;

    /// <summary>Mean off-diagonal (upper-triangle) FC of a signal.</summary>
    public static double Compute(TimeSeries bold) => UpperTriangle.Of(FunctionalConnectivity.Compute(bold), bold.Regions).Average();

    public SweepMeasure Bind(MeasureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SweepMeasure(settings.Column ?? Info.Name, c => Compute(c.Result.Bold)) { Goal = Info.GoalWith(settings.Target) };
    }
}
