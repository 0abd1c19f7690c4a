using System.Globalization;

namespace Fwbm.Core.Analysis.Stimulation;

/// <summary>
/// The CSV files of a <see cref="StimulationAnalysis"/> (invariant culture, round-trip numbers, NaN for "none", inf for unreachable):
/// evoked.csv and evoked_se.csv (time_ms, trials, one column per region label), latency.csv (label, latency_ms, tract_length_mm,
/// path_distance_mm, responded, stimulated), entrainment.csv (label, frequency_hz, power_at_f, relative_power, baseline_power_at_f, plv, phase_lag_rad).
/// </summary>
public static class StimulationCsv
{
    /// <summary>The file names, in the order <see cref="WriteAll"/> writes them.</summary>
    public static IReadOnlyList<string> Files(StimulationAnalysis a) =>
        a.Entrainment is null ? ["evoked.csv", "evoked_se.csv", "latency.csv"] : ["evoked.csv", "evoked_se.csv", "latency.csv", "entrainment.csv"];

    /// <summary>Write every file through <paramref name="write"/>(name, writer) — e.g. an atomic output directory's Write.</summary>
    public static void WriteAll(StimulationAnalysis a, Action<string, Action<TextWriter>> write)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(write);
        write("evoked.csv", w => WriteEvoked(w, a.Evoked, a.Labels, standardError: false));
        write("evoked_se.csv", w => WriteEvoked(w, a.Evoked, a.Labels, standardError: true));
        write("latency.csv", w => WriteLatency(w, a.Latency));
        if (a.Entrainment is { } e) write("entrainment.csv", w => WriteEntrainment(w, e));
    }

    /// <summary>time_ms (from the onset sample), trials, then the trial-averaged response (or its standard error) of each region.</summary>
    public static void WriteEvoked(TextWriter w, EvokedResponse e, IReadOnlyList<string> labels, bool standardError = false)
    {
        w.Write("time_ms,trials");
        foreach (var l in labels) { w.Write(','); w.Write(Field(l)); }
        w.WriteLine();
        var v = standardError ? e.StandardError : e.Mean;
        string trials = e.Trials.ToString(CultureInfo.InvariantCulture);
        for (int k = 0; k < e.Length; k++)
        {
            w.Write(F(e.TimeMs(k))); w.Write(','); w.Write(trials);
            for (int r = 0; r < e.Regions; r++) { w.Write(','); w.Write(F(v[k * e.Regions + r])); }
            w.WriteLine();
        }
    }

    public static void WriteLatency(TextWriter w, ResponseLatency l)
    {
        w.WriteLine("label,latency_ms,tract_length_mm,path_distance_mm,responded,stimulated");
        foreach (var r in l.Regions)
            w.WriteLine(string.Join(",", Field(r.Label), F(r.LatencyMs), F(r.TractLengthMm), F(r.PathDistanceMm), r.Responded ? "true" : "false", r.Stimulated ? "true" : "false"));
    }

    public static void WriteEntrainment(TextWriter w, Entrainment e)
    {
        w.WriteLine("label,frequency_hz,power_at_f,relative_power,baseline_power_at_f,plv,phase_lag_rad");
        foreach (var r in e.Regions)
            w.WriteLine(string.Join(",", Field(r.Label), F(e.FrequencyHz), F(r.PowerAtF), F(r.RelativePower), F(r.BaselinePowerAtF), F(r.Plv), F(r.PhaseLagRad)));
    }

    internal static string F(double v) => double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf"
        : v.ToString("R", CultureInfo.InvariantCulture);

    private static string Field(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
