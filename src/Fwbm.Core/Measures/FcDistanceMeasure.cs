using Fwbm.Core.Analysis;
using Fwbm.Core.Exploration;

namespace Fwbm.Core.Measures;

/// <summary>fc_distance: 1 − fc_similarity (minimise) — the same comparison written as a loss.</summary>
public sealed class FcDistanceMeasure : IMeasure
{
    public static MeasureDefinition Info { get; } = new("fc_distance", MeasureGoal.Minimise, "1 − r (0…2)",
        "1 minus the Pearson r between the upper triangles of the simulated BOLD FC and the empirical FC.",
        MeasureNeeds.Bold | MeasureNeeds.EmpiricalFc,
        "A loss: 0 reproduces the empirical FC pattern; smaller is closer to the data (what a fit minimises).")
    {
        Settings = ["TargetFc: the empirical FC, row-major n×n (default: the connectome's empirical FC)"],
    };

    public MeasureDefinition Definition => Info;

    /// <summary>1 − r between the FC of <paramref name="bold"/> and <paramref name="empiricalFc"/>.</summary>
    public static double Compute(TimeSeries bold, ReadOnlySpan<double> empiricalFc) => 1.0 - FcSimilarityMeasure.Compute(bold, empiricalFc);

    public SweepMeasure Bind(MeasureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string name = settings.Column ?? Info.Name;
        var target = settings.TargetFc;
        return new SweepMeasure(name, c => Compute(c.Result.Bold, FcSimilarityMeasure.EmpiricalFc(c.Connectome, target, name))) { Goal = Info.GoalWith(settings.Target) };
    }
}
