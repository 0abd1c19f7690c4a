namespace Fwbm.Core.Simulation;

/// <summary>
/// An external input added to the time derivative of one state variable (TVB convention: ẋ = f(x, c) + u(t)), in the model's
/// units per model time unit. Implementations are pure functions of the step and time (no hidden state), so runs stay reproducible.
/// </summary>
public interface IStimulus
{
    /// <summary>The state variable the input is added to.</summary>
    string Variable { get; }

    /// <summary>The region indices the input goes to; the <see cref="Simulator"/> checks them against its connectome
    /// (<see cref="StimulusChecks.CheckRegions"/>). Empty by default, for a stimulus that checks its own regions.</summary>
    IReadOnlyList<int> Regions => [];

    /// <summary>Write the input of every region at step <paramref name="step"/> (time <paramref name="timeMs"/>) into <paramref name="perRegion"/>; it arrives zeroed.</summary>
    void Evaluate(long step, double timeMs, Span<double> perRegion);
}
