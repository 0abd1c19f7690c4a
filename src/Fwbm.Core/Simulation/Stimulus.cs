namespace Fwbm.Core.Simulation;

/// <summary>
/// An external input added to the time derivative of one state variable (TVB convention: ẋ = f(x, c) + u(t)), in the model's
/// units per model time unit. Implementations are pure functions of the step and time (no hidden state), so runs stay reproducible.
/// </summary>
public interface IStimulus
{
    /// <summary>The state variable the input is added to.</summary>
    string Variable { get; }

    /// <summary>Write the input of every region at step <paramref name="step"/> (time <paramref name="timeMs"/>) into <paramref name="perRegion"/>; it arrives zeroed.</summary>
    void Evaluate(long step, double timeMs, Span<double> perRegion);
}

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
