using Fwbm.Core.Simulation;

namespace Fwbm.Interactive;

/// <summary>
/// Several inputs of a run on one variable as one: their inputs add (as the engines add them), the weights add, the trial onsets are
/// the union of theirs, the driving frequency is the first one's that has one. A single input is returned as it is.
/// </summary>
public sealed class StimulusSum : IStimulus, IStimulusEvents
{
    private readonly IStimulus[] _parts;

    private StimulusSum(IStimulus[] parts) { _parts = parts; }

    /// <summary>The inputs of <paramref name="options"/> (<see cref="SimulationOptions.AllStimuli"/>) on the first one's variable as one stimulus, or null when there is none.</summary>
    public static IStimulus? Of(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var all = options.AllStimuli;
        if (all.Count == 0) return null;
        var same = all.Where(s => s.Variable == all[0].Variable).ToArray();
        return same.Length == 1 ? same[0] : new StimulusSum(same);
    }

    /// <summary>The inputs added.</summary>
    public IReadOnlyList<IStimulus> Parts => _parts;
    public string Variable => _parts[0].Variable;
    public IReadOnlyList<int> Regions => _parts.SelectMany(p => p.Regions).Distinct().Order().ToArray();

    public void Evaluate(long step, double timeMs, Span<double> perRegion)
    {
        foreach (var p in _parts) p.Evaluate(step, timeMs, perRegion);
    }

    public void EvaluateStep(long step, double timeMs, double dtMs, Span<double> perRegion)
    {
        foreach (var p in _parts) p.EvaluateStep(step, timeMs, dtMs, perRegion);
    }

    public double[] RegionWeights(int regions)
    {
        var w = new double[regions];
        foreach (var p in _parts.OfType<IStimulusEvents>())
        {
            var pw = p.RegionWeights(regions);
            for (int r = 0; r < regions; r++) w[r] += pw[r];
        }
        return w;
    }

    public IReadOnlyList<double> TrialOnsetsMs(double endMs) =>
        _parts.OfType<IStimulusEvents>().SelectMany(p => p.TrialOnsetsMs(endMs)).Distinct().Order().ToArray();

    public double? DrivingFrequencyHz => _parts.OfType<IStimulusEvents>().Select(p => p.DrivingFrequencyHz).FirstOrDefault(f => f is not null);

    public override string ToString() => string.Join("; ", _parts.Select(p => p.ToString()));
}
