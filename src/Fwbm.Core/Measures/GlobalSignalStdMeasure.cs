using Fwbm.Core.Analysis;
using Fwbm.Core.Exploration;

namespace Fwbm.Core.Measures;

/// <summary>gs_std: the standard deviation over time of the global signal (descriptive).</summary>
public sealed class GlobalSignalStdMeasure : IMeasure
{
    public static MeasureDefinition Info { get; } = new("gs_std", MeasureGoal.None, "signal units",
        "Standard deviation over time of the global signal (the mean over regions) of a recorded signal (BOLD by default: fractional change).",
        MeasureNeeds.Bold,
        "Descriptive: a larger (or smaller) global fluctuation is not better in itself; give a target (e.g. the empirical value) to rank by it.")
    {
        Settings = ["Output: the recorded signal (default \"bold\")", "Target: a value to come close to (optional)"],
    };

    public MeasureDefinition Definition => Info;

    /// <summary>Population standard deviation of the global mean of <paramref name="signal"/>.</summary>
    public static double Compute(TimeSeries signal)
    {
        var g = GlobalSignal.Mean(signal);
        double m = g.Average(), ss = 0;
        foreach (var v in g) ss += (v - m) * (v - m);
        return Math.Sqrt(ss / g.Length);
    }

    public SweepMeasure Bind(MeasureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string output = settings.Output ?? "bold";
        return new SweepMeasure(settings.Column ?? Info.Name, c => Compute(c.Result.Get(output))) { Goal = Info.GoalWith(settings.Target) };
    }
}
