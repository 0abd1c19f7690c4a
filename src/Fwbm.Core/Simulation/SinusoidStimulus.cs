namespace Fwbm.Core.Simulation;

/// <summary>A sinusoidal input A·sin(2πft + φ) into selected regions, between onset and offset.</summary>
/// <param name="Variable">State variable receiving the input.</param>
/// <param name="Regions">Region indices stimulated (checked against the connectome when the <see cref="Simulator"/> is built).</param>
/// <param name="FrequencyHz">Frequency, ≥ 0 and finite.</param>
/// <param name="Amplitude">Amplitude (finite).</param>
/// <param name="PhaseRad">Phase φ (finite).</param>
/// <param name="OnsetMs">Start (finite).</param>
/// <param name="OffsetMs">End, after the onset (may be +∞).</param>
/// <exception cref="FwbmException">A value out of range, named with what was expected.</exception>
public sealed record SinusoidStimulus(string Variable, IReadOnlyList<int> Regions, double FrequencyHz, double Amplitude, double PhaseRad = 0, double OnsetMs = 0, double OffsetMs = double.PositiveInfinity) : IStimulus, IStimulusEvents
{
    public string Variable { get; init => field = StimulusChecks.Variable(nameof(SinusoidStimulus), value); } = StimulusChecks.Variable(nameof(SinusoidStimulus), Variable);
    public IReadOnlyList<int> Regions { get; init => field = StimulusChecks.Regions(nameof(SinusoidStimulus), value); } = StimulusChecks.Regions(nameof(SinusoidStimulus), Regions);
    public double FrequencyHz { get; init => field = CheckFrequency(value); } = CheckFrequency(FrequencyHz);
    public double Amplitude { get; init => field = StimulusChecks.Finite(nameof(SinusoidStimulus), "Amplitude", value); } = StimulusChecks.Finite(nameof(SinusoidStimulus), "Amplitude", Amplitude);
    public double PhaseRad { get; init => field = StimulusChecks.Finite(nameof(SinusoidStimulus), "PhaseRad", value); } = StimulusChecks.Finite(nameof(SinusoidStimulus), "PhaseRad", PhaseRad);
    public double OnsetMs { get; init => field = StimulusChecks.Finite(nameof(SinusoidStimulus), "OnsetMs", value); } = StimulusChecks.Finite(nameof(SinusoidStimulus), "OnsetMs", OnsetMs);
    public double OffsetMs { get; init => field = CheckOffset(value, OnsetMs); } = CheckOffset(OffsetMs, OnsetMs);

    private static double CheckFrequency(double f) => f >= 0 && double.IsFinite(f) ? f
        : throw new FwbmException($"SinusoidStimulus: FrequencyHz = {StimulusChecks.F(f)}; expected a finite frequency ≥ 0 Hz.");

    private static double CheckOffset(double offset, double onset) => offset > onset && !double.IsNaN(offset) ? offset
        : throw new FwbmException($"SinusoidStimulus: OffsetMs = {StimulusChecks.F(offset)} ms; expected a time after OnsetMs = {StimulusChecks.F(onset)} ms (or +∞).");

    public void Evaluate(long step, double timeMs, Span<double> perRegion)
    {
        if (timeMs < OnsetMs || timeMs >= OffsetMs) return;
        double v = Amplitude * Math.Sin(2 * Math.PI * FrequencyHz * timeMs / 1000.0 + PhaseRad);
        for (int i = 0; i < Regions.Count; i++) perRegion[Regions[i]] += v;
    }

    public double[] RegionWeights(int regions)
    {
        var w = new double[regions];
        foreach (var r in Regions) if (r >= 0 && r < regions) w[r] += 1;
        return w;
    }

    public IReadOnlyList<double> TrialOnsetsMs(double endMs) => OnsetMs < endMs ? [OnsetMs] : [];

    public double? DrivingFrequencyHz => FrequencyHz > 0 ? FrequencyHz : null;
}
