namespace Fwbm.Core.Simulation;

/// <summary>A rectangular pulse (or pulse train) into selected regions.</summary>
/// <param name="Variable">State variable receiving the input.</param>
/// <param name="Regions">Region indices stimulated (checked against the connectome when the <see cref="Simulator"/> is built).</param>
/// <param name="OnsetMs">Start of the first pulse (finite).</param>
/// <param name="WidthMs">Pulse width, &gt; 0 (at least one step is always stimulated when the onset falls inside a step).</param>
/// <param name="Amplitude">Input amplitude (finite).</param>
/// <param name="PeriodMs">Repetition period, at least the width (null: a single pulse).</param>
/// <exception cref="FwbmException">A value out of range, named with what was expected.</exception>
public sealed record PulseStimulus(string Variable, IReadOnlyList<int> Regions, double OnsetMs, double WidthMs, double Amplitude, double? PeriodMs = null) : IStimulus, IStimulusEvents
{
    public string Variable { get; init => field = StimulusChecks.Variable(nameof(PulseStimulus), value); } = StimulusChecks.Variable(nameof(PulseStimulus), Variable);
    public IReadOnlyList<int> Regions { get; init => field = StimulusChecks.Regions(nameof(PulseStimulus), value); } = StimulusChecks.Regions(nameof(PulseStimulus), Regions);
    public double OnsetMs { get; init => field = StimulusChecks.Finite(nameof(PulseStimulus), "OnsetMs", value); } = StimulusChecks.Finite(nameof(PulseStimulus), "OnsetMs", OnsetMs);
    public double WidthMs { get; init => field = StimulusChecks.Positive(nameof(PulseStimulus), "WidthMs", value); } = StimulusChecks.Positive(nameof(PulseStimulus), "WidthMs", WidthMs);
    public double Amplitude { get; init => field = StimulusChecks.Finite(nameof(PulseStimulus), "Amplitude", value); } = StimulusChecks.Finite(nameof(PulseStimulus), "Amplitude", Amplitude);
    public double? PeriodMs { get; init => field = CheckPeriod(value, WidthMs); } = CheckPeriod(PeriodMs, WidthMs);

    private static double? CheckPeriod(double? period, double width)
    {
        if (period is not double p) return null;
        StimulusChecks.Positive(nameof(PulseStimulus), "PeriodMs", p);
        if (p < width)
            throw new FwbmException($"PulseStimulus: PeriodMs = {StimulusChecks.F(p)} ms is shorter than WidthMs = {StimulusChecks.F(width)} ms, so the pulse would never switch off; expected PeriodMs ≥ WidthMs (or null for a single pulse).");
        return p;
    }

    public void Evaluate(long step, double timeMs, Span<double> perRegion)
    {
        double t = timeMs - OnsetMs;
        if (t < -1e-9) return;
        if (PeriodMs is double p && p > 0) t %= p;
        if (t >= WidthMs - 1e-9) return;
        for (int i = 0; i < Regions.Count; i++) perRegion[Regions[i]] += Amplitude;
    }

    public double[] RegionWeights(int regions)
    {
        var w = new double[regions];
        foreach (var r in Regions) if (r >= 0 && r < regions) w[r] += 1;
        return w;
    }

    public IReadOnlyList<double> TrialOnsetsMs(double endMs)
    {
        var onsets = new List<double>();
        if (PeriodMs is not double p) { if (OnsetMs < endMs) onsets.Add(OnsetMs); return onsets; }
        for (long k = 0; OnsetMs + k * p < endMs; k++) onsets.Add(OnsetMs + k * p);
        return onsets;
    }

    public double? DrivingFrequencyHz => PeriodMs is double p ? 1000.0 / p : null;
}
