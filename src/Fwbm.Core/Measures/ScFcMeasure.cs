using Fwbm.Core.Analysis;
using Fwbm.Core.Exploration;

namespace Fwbm.Core.Measures;

/// <summary>sc_fc: Pearson r of the upper triangles of the structural connectivity and the simulated BOLD FC (descriptive).</summary>
public sealed class ScFcMeasure : IMeasure
{
    public static MeasureDefinition Info { get; } = new("sc_fc", MeasureGoal.None, "r (−1…1)",
        "Pearson r between the upper triangles of the connectome's weights (SC) and the simulated BOLD FC: structure–function coupling.",
        MeasureNeeds.Bold | MeasureNeeds.Sc,
        "Descriptive: FC that copies SC is not better; give a target (e.g. the empirical SC–FC r) to rank by it.")
    {
        Settings = ["Target: an SC–FC correlation to come close to (optional)"],
        Reference = "Honey et al. 2009 PNAS 106:2035",
    };

    public MeasureDefinition Definition => Info;

    /// <summary>r between the upper triangle (i &lt; j) of <paramref name="weights"/> (n×n) and that of the FC of <paramref name="bold"/>.</summary>
    public static double Compute(TimeSeries bold, ReadOnlySpan<double> weights) =>
        FcSimilarity.Compute(FunctionalConnectivity.Compute(bold), weights, bold.Regions);

    public SweepMeasure Bind(MeasureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SweepMeasure(settings.Column ?? Info.Name, c => Compute(c.Result.Bold, c.Connectome.Weights)) { Goal = Info.GoalWith(settings.Target) };
    }
}
