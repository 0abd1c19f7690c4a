namespace Fwbm.Core.Analysis.Stimulation;

/// <summary>
/// The settings of <see cref="StimulationAnalysis"/>: the epoch around each trial onset (<see cref="EvokedResponse"/>), the onset
/// criterion (<see cref="ResponseLatency"/>) and the entrainment band (<see cref="Entrainment"/>). Every value is checked where it is
/// used and named in the error.
/// </summary>
public sealed record StimulationAnalysisOptions
{
    /// <summary>Pre-stimulus baseline of each epoch in ms (default 50 ms); its mean is subtracted, its spread sets the latency band.</summary>
    public double BaselineMs { get; init; } = 50;

    /// <summary>Post-stimulus window of each epoch in ms (default 200 ms).</summary>
    public double WindowMs { get; init; } = 200;

    /// <summary>Onset criterion k: a region responds when |evoked| exceeds k standard deviations of its baseline (default 3).</summary>
    public double ThresholdSd { get; init; } = 3;

    /// <summary>… and stays above it for m consecutive samples (default 3).</summary>
    public int ConsecutiveSamples { get; init; } = 3;

    /// <summary>An absolute floor of the band (default 0): the band is max(k·SD, floor). With the noise off the baseline SD is 0 and
    /// any departure counts; a floor ignores departures smaller than it.</summary>
    public double MinimumDeviation { get; init; }

    /// <summary>A floor relative to the region's own response (default 0): the band is at least this fraction of the largest |evoked|
    /// in the window, so the onset is when the response reaches that fraction of its peak (e.g. 0.1 for "10 % of peak"). It ignores
    /// early but negligible arrivals along weak paths, which a noise-free run would otherwise detect at any size.</summary>
    public double PeakFraction { get; init; }

    /// <summary>The frequency the entrainment is measured at (Hz); null: the stimulus' driving frequency
    /// (<see cref="Simulation.IStimulusEvents.DrivingFrequencyHz"/>), and no entrainment when it has none.</summary>
    public double? FrequencyHz { get; init; }

    /// <summary>Half-width of the band (Hz) the phase is taken in (default: 20 % of the frequency).</summary>
    public double? BandHalfWidthHz { get; init; }

    /// <summary>Bins on each side of the stimulation bin, beyond the two next to it, whose mean power is the reference of
    /// <see cref="EntrainmentRegion.RelativePower"/> (default 3).</summary>
    public int NeighbourBins { get; init; } = 3;

    /// <summary>Length of a Welch segment (ms) for the power at f (default 1000 ms, rounded to whole cycles; the whole stimulated
    /// stretch when shorter).</summary>
    public double SegmentMs { get; init; } = 1000;

    /// <summary>The state variable analysed when the run is given as a <see cref="Simulation.SimulationResult"/> (its "raw:&lt;variable&gt;"
    /// output); null: the stimulus' variable.</summary>
    public string? Variable { get; init; }
}
