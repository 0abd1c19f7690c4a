using Fwbm.Core.Analysis;
using Fwbm.Core.Exploration;

namespace Fwbm.Core.Measures;

/// <summary>fcd_ks: KS distance between the FCD distributions of the simulated and the empirical BOLD (minimise).</summary>
public sealed class FcdKsMeasure : IMeasure
{
    public static MeasureDefinition Info { get; } = new("fcd_ks", MeasureGoal.Minimise, "KS D (0…1)",
        "Kolmogorov–Smirnov distance between the FCD distributions (upper triangles) of the simulated and the empirical BOLD, mean over targets.",
        MeasureNeeds.Bold | MeasureNeeds.EmpiricalBold,
        "A distance: 0 means the same distribution of FC changes over time as the data; smaller is closer.")
    {
        Settings =
        [
            "EmpiricalBold: empirical BOLD time series, e.g. one per subject (their FCDs are computed once)",
            "EmpiricalFcd: empirical FCDs computed elsewhere",
            "FcdWindows: window and step (default 60 s every 2 s; with only EmpiricalFcd, the first one's windows)",
        ],
        Reference = "Hansen et al. 2015 NeuroImage 108:1; Deco et al. 2017 Sci Rep 7:3095",
    };

    public MeasureDefinition Definition => Info;

    /// <summary>Mean KS distance between the FCD distribution of <paramref name="bold"/> and each target distribution.</summary>
    public static double Compute(TimeSeries bold, IReadOnlyList<double[]> targetFcdTriangles, FcdWindows windows)
    {
        ArgumentNullException.ThrowIfNull(targetFcdTriangles);
        if (targetFcdTriangles.Count == 0) throw new FwbmException("Measure 'fcd_ks': no empirical FCD to compare with.");
        var sim = Fcd.Compute(bold, windows).UpperTriangleValues();
        double s = 0;
        foreach (var t in targetFcdTriangles) s += KolmogorovSmirnov.Statistic(sim, t);
        return s / targetFcdTriangles.Count;
    }

    public SweepMeasure Bind(MeasureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string name = settings.Column ?? Info.Name;
        int bolds = settings.EmpiricalBold?.Count ?? 0, fcds = settings.EmpiricalFcd?.Count ?? 0;
        if (bolds + fcds == 0)
            throw new FwbmException($"Measure '{name}' needs the empirical BOLD (MeasureSettings.EmpiricalBold, e.g. the subjects of a dataset) or its FCD (EmpiricalFcd); none was given.");
        var windows = settings.FcdWindows
            ?? (bolds == 0 ? FcdWindows.InSamples(settings.EmpiricalFcd![0].WindowSamples, settings.EmpiricalFcd[0].StepSamples) : FcdWindows.Default);
        var targets = new List<double[]>();
        for (int k = 0; k < bolds; k++)
        {
            try { targets.Add(Fcd.Compute(settings.EmpiricalBold![k], windows).UpperTriangleValues()); }
            catch (FwbmException e) { throw new FwbmException($"Measure '{name}': empirical BOLD {k}: {e.Message}"); }
        }
        foreach (var f in settings.EmpiricalFcd ?? []) targets.Add(f.UpperTriangleValues());
        var sets = targets.ToArray();
        return new SweepMeasure(name, c => Compute(c.Result.Bold, sets, windows)) { Goal = Info.GoalWith(settings.Target) };
    }
}
