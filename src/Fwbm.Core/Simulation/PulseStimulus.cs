namespace Fwbm.Core.Simulation;

/// <summary>A rectangular pulse (or pulse train) into selected regions.</summary>
/// <param name="Variable">State variable receiving the input.</param>
/// <param name="Regions">Region indices stimulated.</param>
/// <param name="OnsetMs">Start of the first pulse.</param>
/// <param name="WidthMs">Pulse width (at least one step is always stimulated when the onset falls inside a step).</param>
/// <param name="Amplitude">Input amplitude.</param>
/// <param name="PeriodMs">Repetition period (null: a single pulse).</param>
public sealed record PulseStimulus(string Variable, IReadOnlyList<int> Regions, double OnsetMs, double WidthMs, double Amplitude, double? PeriodMs = null) : IStimulus
{
    public void Evaluate(long step, double timeMs, Span<double> perRegion)
    {
        double t = timeMs - OnsetMs;
        if (t < -1e-9) return;
        if (PeriodMs is double p && p > 0) t %= p;
        if (t >= WidthMs - 1e-9) return;
        foreach (var r in Regions) perRegion[r] += Amplitude;
    }
}
