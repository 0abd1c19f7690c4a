namespace Fwbm.Core.Simulation;

/// <summary>
/// What an analysis of a stimulated run needs to know about its stimulus: where it acts and how strongly, when each trial
/// (each repetition to average over) starts, and the frequency it drives at. Times are simulation times in ms from step 0
/// (the start of the transient), the clock <see cref="IStimulus.Evaluate"/> receives.
/// </summary>
public interface IStimulusEvents
{
    /// <summary>The weight of the input in each of <paramref name="regions"/> regions (0 where it does not act).</summary>
    double[] RegionWeights(int regions);

    /// <summary>The start of every trial in [0, <paramref name="endMs"/>), ascending: each pulse of a pulse train given at a
    /// low rate, each burst, or the single onset of a continuous input.</summary>
    IReadOnlyList<double> TrialOnsetsMs(double endMs);

    /// <summary>The frequency the input drives at (Hz): a sinusoid's, a pulse train's repetition rate; null for a single pulse,
    /// a constant or a noise drive.</summary>
    double? DrivingFrequencyHz { get; }
}
