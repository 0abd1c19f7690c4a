namespace Fwbm.Core.Simulation;

/// <summary>A sinusoidal input A·sin(2πft + φ) into selected regions, between onset and offset.</summary>
public sealed record SinusoidStimulus(string Variable, IReadOnlyList<int> Regions, double FrequencyHz, double Amplitude, double PhaseRad = 0, double OnsetMs = 0, double OffsetMs = double.PositiveInfinity) : IStimulus
{
    public void Evaluate(long step, double timeMs, Span<double> perRegion)
    {
        if (timeMs < OnsetMs || timeMs >= OffsetMs) return;
        double v = Amplitude * Math.Sin(2 * Math.PI * FrequencyHz * timeMs / 1000.0 + PhaseRad);
        foreach (var r in Regions) perRegion[r] += v;
    }
}
