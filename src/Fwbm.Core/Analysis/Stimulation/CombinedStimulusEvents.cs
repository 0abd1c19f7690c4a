using Fwbm.Core.Simulation;

namespace Fwbm.Core.Analysis.Stimulation;

/// <summary>
/// Several stimuli seen as one by the analysis: the sites are the regions any of them reaches (weights added, by magnitude so
/// opposite signs do not cancel), the trials every onset of any of them (ascending, onsets closer than 1 µs merged), and the
/// driving frequency the first one's that has one.
/// </summary>
public sealed class CombinedStimulusEvents : IStimulusEvents
{
    private readonly IReadOnlyList<IStimulusEvents> _parts;

    public CombinedStimulusEvents(IReadOnlyList<IStimulusEvents> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new FwbmException("Stimulation analysis: no stimulus; expected at least one (--stimulus).");
        _parts = parts.ToArray();
    }

    /// <summary>The stimuli combined.</summary>
    public IReadOnlyList<IStimulusEvents> Parts => _parts;

    /// <summary>One stimulus as it is; several combined.</summary>
    public static IStimulusEvents Of(IReadOnlyList<IStimulusEvents> parts) => parts.Count == 1 ? parts[0] : new CombinedStimulusEvents(parts);

    public double[] RegionWeights(int regions)
    {
        var w = new double[regions];
        foreach (var p in _parts)
        {
            var pw = p.RegionWeights(regions);
            for (int i = 0; i < regions; i++) w[i] += Math.Abs(pw[i]);
        }
        return w;
    }

    public IReadOnlyList<double> TrialOnsetsMs(double endMs)
    {
        var all = _parts.SelectMany(p => p.TrialOnsetsMs(endMs)).Order().ToList();
        var merged = new List<double>();
        foreach (var t in all) if (merged.Count == 0 || t - merged[^1] > 1e-3) merged.Add(t);
        return merged;
    }

    public double? DrivingFrequencyHz => _parts.Select(p => p.DrivingFrequencyHz).FirstOrDefault(f => f is not null);
}
