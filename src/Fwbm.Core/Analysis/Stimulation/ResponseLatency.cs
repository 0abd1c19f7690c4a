using System.Globalization;
using MathNet.Numerics.Statistics;

namespace Fwbm.Core.Analysis.Stimulation;

/// <summary>The onset latency of one region and its distance from the stimulated site.</summary>
/// <param name="Label">Region label.</param>
/// <param name="LatencyMs">Time after the onset sample of the first of m consecutive samples outside the baseline band; NaN when none.</param>
/// <param name="TractLengthMm">Direct tract length from the nearest stimulated site (NaN: no direct tract; 0 for a site).</param>
/// <param name="PathDistanceMm">Shortest-path distance from the sites (+∞: unreachable; NaN: not computed; 0 for a site).</param>
/// <param name="Responded">True when the region left the baseline band within the window.</param>
/// <param name="Stimulated">True for a stimulated site (left out of the latency–distance correlation).</param>
/// <param name="BandHalfWidth">The band: max(k·SD of the baseline, floor, peak fraction × peak).</param>
public sealed record RegionLatency(string Label, double LatencyMs, double TractLengthMm, double PathDistanceMm, bool Responded, bool Stimulated, double BandHalfWidth);

/// <summary>
/// Onset latency per region of an <see cref="EvokedResponse"/>: the first time t ≥ 0 after the onset sample at which the averaged,
/// baseline-corrected response r leaves the baseline band, |r| &gt; max(k·SD_baseline, floor), and stays out of it for m consecutive
/// samples (k = <see cref="StimulationAnalysisOptions.ThresholdSd"/>, m = <see cref="StimulationAnalysisOptions.ConsecutiveSamples"/>,
/// floor = <see cref="StimulationAnalysisOptions.MinimumDeviation"/>; the band is also at least
/// <see cref="StimulationAnalysisOptions.PeakFraction"/> × the region's peak |r| after the onset, and never below
/// <see cref="RoundingFloor"/> × the region's scale). Regions that never do are NaN and listed in
/// <see cref="NonResponding"/>. The Spearman rank correlations of latency against the direct tract length and against the
/// shortest-path distance from the site are over the responding, non-stimulated regions at a finite distance (NaN below 3 such regions).
/// </summary>
public sealed class ResponseLatency
{
    private ResponseLatency(IReadOnlyList<RegionLatency> regions, StimulationAnalysisOptions options, (double Rho, int N) tract, (double Rho, int N) path)
    {
        Regions = regions; ThresholdSd = options.ThresholdSd; ConsecutiveSamples = options.ConsecutiveSamples; MinimumDeviation = options.MinimumDeviation;
        SpearmanTractLength = tract.Rho; TractLengthPairs = tract.N; SpearmanPathDistance = path.Rho; PathDistancePairs = path.N;
    }

    /// <summary>The band is never narrower than this fraction of the region's largest |value| (<see cref="EvokedResponse.Scale"/>), so
    /// the rounding of the baseline subtraction in a noise-free run never counts as a response.</summary>
    public const double RoundingFloor = 1e-12;

    /// <summary>One entry per region, in the connectome's order.</summary>
    public IReadOnlyList<RegionLatency> Regions { get; }
    public double ThresholdSd { get; }
    public int ConsecutiveSamples { get; }
    public double MinimumDeviation { get; }
    /// <summary>Spearman ρ of latency vs direct tract length (NaN when fewer than 3 regions qualify).</summary>
    public double SpearmanTractLength { get; }
    public int TractLengthPairs { get; }
    /// <summary>Spearman ρ of latency vs shortest-path distance (NaN when fewer than 3 regions qualify or no path distances).</summary>
    public double SpearmanPathDistance { get; }
    public int PathDistancePairs { get; }
    /// <summary>Labels of the regions that never left the baseline band.</summary>
    public IReadOnlyList<string> NonResponding => [.. Regions.Where(r => !r.Responded).Select(r => r.Label)];
    public int Responding => Regions.Count(r => r.Responded);

    /// <summary>Latencies of every region of <paramref name="evoked"/>, with their distances from the site when given.</summary>
    public static ResponseLatency Compute(EvokedResponse evoked, SiteDistances? distances, StimulationAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(evoked);
        options ??= new StimulationAnalysisOptions();
        Check(options);
        int R = evoked.Regions;
        if (distances is not null && distances.TractLengthMm.Count != R)
            throw new FwbmException($"Response latency: distances for {distances.TractLengthMm.Count} regions, evoked response of {R}; expected the same regions.");
        var response = new double[evoked.Length];
        var list = new RegionLatency[R];
        for (int r = 0; r < R; r++)
        {
            for (int k = 0; k < response.Length; k++) response[k] = evoked[k, r];
            double peak = 0;
            for (int k = evoked.BaselineSamples; k < response.Length; k++) peak = Math.Max(peak, Math.Abs(response[k]));
            double band = Math.Max(Math.Max(options.ThresholdSd * evoked.BaselineSd(r), options.MinimumDeviation),
                Math.Max(options.PeakFraction * peak, RoundingFloor * evoked.Scale(r)));
            double latency = Onset(response, evoked.BaselineSamples, band, options.ConsecutiveSamples, evoked.SamplePeriodMs);
            string label = evoked.Labels?[r] ?? $"R{r}";
            bool site = distances?.Sites.Contains(r) ?? false;
            list[r] = new RegionLatency(label, latency, distances?.TractLengthMm[r] ?? double.NaN, distances?.PathDistanceMm[r] ?? double.NaN,
                !double.IsNaN(latency), site, band);
        }
        return new ResponseLatency(list, options, Spearman(list, x => x.TractLengthMm), Spearman(list, x => x.PathDistanceMm));
    }

    /// <summary>
    /// The onset of one response: the time (ms after the onset sample, which is sample <paramref name="onsetSample"/>) of the first
    /// sample from the onset on that starts a run of <paramref name="consecutive"/> samples with |r| &gt; <paramref name="band"/>; NaN when none.
    /// </summary>
    public static double Onset(ReadOnlySpan<double> response, int onsetSample, double band, int consecutive, double samplePeriodMs)
    {
        int run = 0;
        for (int k = onsetSample; k < response.Length; k++)
        {
            run = Math.Abs(response[k]) > band ? run + 1 : 0;
            if (run == consecutive) return (k - consecutive + 1 - onsetSample) * samplePeriodMs;
        }
        return double.NaN;
    }

    /// <summary>Spearman's rank correlation of two equally long samples (average ranks for ties); NaN below 3 pairs or for a constant sample.</summary>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new FwbmException($"Spearman: {a.Count} and {b.Count} values; expected as many of each.");
        return a.Count < 3 ? double.NaN : Correlation.Spearman(a, b);
    }

    private static (double, int) Spearman(RegionLatency[] list, Func<RegionLatency, double> distance)
    {
        var q = list.Where(x => x.Responded && !x.Stimulated && double.IsFinite(distance(x))).ToArray();
        return (Spearman(q.Select(x => x.LatencyMs).ToArray(), q.Select(distance).ToArray()), q.Length);
    }

    internal static void Check(StimulationAnalysisOptions o)
    {
        if (!(o.ThresholdSd >= 0) || !double.IsFinite(o.ThresholdSd))
            throw new FwbmException($"Latency threshold k = {F(o.ThresholdSd)} SD; expected a finite number ≥ 0 (e.g. 3).");
        if (o.ConsecutiveSamples < 1)
            throw new FwbmException($"Latency criterion m = {o.ConsecutiveSamples} consecutive samples; expected at least 1 (e.g. 3).");
        if (!(o.PeakFraction >= 0 && o.PeakFraction < 1))
            throw new FwbmException($"Latency peak fraction = {F(o.PeakFraction)}; expected a fraction in [0, 1) (e.g. 0.1 for 10 % of the peak).");
        if (!(o.MinimumDeviation >= 0) || !double.IsFinite(o.MinimumDeviation))
            throw new FwbmException($"Latency floor = {F(o.MinimumDeviation)}; expected a finite number ≥ 0.");
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
