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

    /// <summary>
    /// Add the input of every region over step <paramref name="step"/>, i.e. over [<paramref name="timeMs"/>, <paramref name="timeMs"/> +
    /// <paramref name="dtMs"/>), into <paramref name="perRegion"/>: what both engines apply (held over the step). The default is the
    /// sample <see cref="Evaluate"/>; the <see cref="Fwbm.Core.Simulation.Stimuli.Stimulus"/> of the <c>--stimulus</c> grammar gives the step mean, so a
    /// pulse shorter than dt still delivers its charge.
    /// </summary>
    void EvaluateStep(long step, double timeMs, double dtMs, Span<double> perRegion) => Evaluate(step, timeMs, perRegion);
}
