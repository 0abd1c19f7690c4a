namespace Fwbm.Core.Measures;

/// <summary>What a measure needs from a run and from the data (flags; a measure may need several).</summary>
[Flags]
public enum MeasureNeeds
{
    Nothing = 0,
    /// <summary>The simulated BOLD signal (a BOLD monitor).</summary>
    Bold = 1,
    /// <summary>A recorded state variable or observable (raw or temporally averaged, e.g. "tavg:x", "raw:theta").</summary>
    RawState = 2,
    /// <summary>An empirical FC matrix (the connectome's, or a target given with the measure).</summary>
    EmpiricalFc = 4,
    /// <summary>The structural connectivity (the connectome's weights).</summary>
    Sc = 8,
    /// <summary>Empirical BOLD time series (or their FCD), e.g. every subject of a dataset.</summary>
    EmpiricalBold = 16,
    /// <summary>A target power spectrum (frequencies and power).</summary>
    TargetSpectrum = 32,
    /// <summary>A target value given by the user.</summary>
    TargetValue = 64,
}

/// <summary>Names of <see cref="MeasureNeeds"/> flags as the CLI, the docs and JSON show them.</summary>
public static class MeasureNeedsText
{
    private static readonly (MeasureNeeds Flag, string Name)[] Names =
    [
        (MeasureNeeds.Bold, "bold"), (MeasureNeeds.RawState, "raw-state"), (MeasureNeeds.EmpiricalFc, "empirical-fc"), (MeasureNeeds.Sc, "sc"),
        (MeasureNeeds.EmpiricalBold, "empirical-bold"), (MeasureNeeds.TargetSpectrum, "target-spectrum"), (MeasureNeeds.TargetValue, "target-value"),
    ];

    /// <summary>The flags as names, e.g. ["bold", "empirical-fc"].</summary>
    public static IReadOnlyList<string> List(MeasureNeeds needs) => Names.Where(n => needs.HasFlag(n.Flag)).Select(n => n.Name).ToArray();

    /// <summary>The flags joined with " + " ("—" for none).</summary>
    public static string Describe(MeasureNeeds needs) => List(needs) is { Count: > 0 } l ? string.Join(" + ", l) : "—";
}
