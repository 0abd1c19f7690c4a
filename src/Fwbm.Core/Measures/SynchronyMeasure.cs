using Fwbm.Core.Analysis;
using Fwbm.Core.Exploration;

namespace Fwbm.Core.Measures;

/// <summary>synchrony: the time mean of the Kuramoto order parameter of the regions' phases (descriptive).</summary>
public sealed class SynchronyMeasure : IMeasure
{
    public static MeasureDefinition Info { get; } = new("synchrony", MeasureGoal.None, "r (0…1)",
        "Mean over time of the Kuramoto order parameter r(t) = |mean_j exp(iθ_j(t))| of the regions' phases.",
        MeasureNeeds.RawState,
        "Descriptive: full synchrony (1) is no better than none (0); give a target to rank by it.")
    {
        Settings = ["Output: the recorded phases in radians (default \"raw:theta\", the Kuramoto model's phase)", "Target: a synchrony to come close to (optional)"],
        Reference = "Kuramoto 1984; Shanahan 2010 Chaos 20:013108",
    };

    public MeasureDefinition Definition => Info;

    /// <summary>⟨r⟩ of a phase time series (radians).</summary>
    public static double Compute(TimeSeries phases) => Synchrony.Compute(phases).Synchrony;

    public SweepMeasure Bind(MeasureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string output = settings.Output ?? "raw:theta";
        return new SweepMeasure(settings.Column ?? Info.Name, c => Compute(c.Result.Get(output))) { Goal = Info.GoalWith(settings.Target) };
    }
}
