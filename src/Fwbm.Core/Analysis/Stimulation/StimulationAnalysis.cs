using Fwbm.Core.Connectivity;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Analysis.Stimulation;

/// <summary>
/// The analysis of one stimulated run: the <see cref="EvokedResponse"/> over the stimulus' trials, each region's onset
/// <see cref="ResponseLatency"/> against its distance from the stimulated site, and the <see cref="Stimulation.Entrainment"/> at the
/// driving frequency (null, with <see cref="EntrainmentNote"/> saying why, for a stimulus without one). Written as evoked.csv,
/// evoked_se.csv, latency.csv and entrainment.csv by <see cref="StimulationCsv"/>.
/// </summary>
public sealed record StimulationAnalysis(EvokedResponse Evoked, ResponseLatency Latency, Entrainment? Entrainment, SiteDistances Distances, StimulationAnalysisOptions Options)
{
    /// <summary>Why <see cref="Entrainment"/> is null (null when it was computed).</summary>
    public string? EntrainmentNote { get; init; }

    /// <summary>Region labels, in the connectome's order.</summary>
    public IReadOnlyList<string> Labels => [.. Latency.Regions.Select(r => r.Label)];

    /// <summary>Mean PLV over the stimulated sites (NaN without entrainment).</summary>
    public double SitePlv => Entrainment is null ? double.NaN : Distances.Sites.Average(s => Entrainment.Regions[s].Plv);

    /// <summary>Mean relative power at f over the stimulated sites (NaN without entrainment).</summary>
    public double SiteRelativePower => Entrainment is null ? double.NaN : Distances.Sites.Average(s => Entrainment.Regions[s].RelativePower);

    /// <summary>
    /// Analyse the recorded state variable of a stimulated run: the "raw:&lt;variable&gt;" output of <paramref name="result"/>, the
    /// variable being <see cref="StimulationAnalysisOptions.Variable"/> or else the stimulus' own (<see cref="IStimulus.Variable"/>).
    /// </summary>
    /// <exception cref="FwbmException">No variable known, or the run did not record it (with the outputs it has and how to record it).</exception>
    public static StimulationAnalysis Compute(SimulationResult result, IStimulusEvents stimulus, Connectome connectome, StimulationAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stimulus);
        options ??= new StimulationAnalysisOptions();
        string variable = options.Variable ?? (stimulus as IStimulus)?.Variable
            ?? throw new FwbmException("Stimulation analysis: which state variable? Set StimulationAnalysisOptions.Variable (the stimulus does not name one).");
        string key = $"raw:{variable}";
        if (!result.Outputs.TryGetValue(key, out var signal))
            throw new FwbmException($"Stimulation analysis needs the raw recording of '{variable}' (output '{key}'), and this run recorded: {string.Join(", ", result.Outputs.Keys)}; " +
                $"add new RawMonitorSpec(periodMs, [\"{variable}\"]) to SimulationOptions.Monitors (CLI: --raw <interval>).");
        return Compute(signal, stimulus, connectome, options);
    }

    /// <summary>When the stimulus stops (the latest end of its parts), or null when it runs to the end or does not say.</summary>
    public static double? OffsetMs(IStimulusEvents stimulus) => stimulus switch
    {
        Simulation.Stimuli.Stimulus s => double.IsPositiveInfinity(s.Window.ToMs) ? null : s.Window.ToMs,
        SinusoidStimulus s => double.IsPositiveInfinity(s.OffsetMs) ? null : s.OffsetMs,
        CombinedStimulusEvents c => c.Parts.Select(OffsetMs).Aggregate((double?)double.NegativeInfinity, (m, x) => m is double a && x is double b ? Math.Max(a, b) : null),
        _ => null,
    };

    /// <summary>Analyse <paramref name="signal"/> (time on the stimulus' clock: simulation time from step 0) of the regions of <paramref name="connectome"/>.</summary>
    public static StimulationAnalysis Compute(TimeSeries signal, IStimulusEvents stimulus, Connectome connectome, StimulationAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(stimulus);
        ArgumentNullException.ThrowIfNull(connectome);
        options ??= new StimulationAnalysisOptions();
        if (signal.Regions != connectome.Count)
            throw new FwbmException($"Stimulation analysis: the signal has {signal.Regions} regions, connectome '{connectome.Name}' {connectome.Count}; expected the connectome the run used.");
        ResponseLatency.Check(options);
        var labelled = new TimeSeries(signal.Data, signal.Regions, signal.SamplePeriodMs, signal.StartMs, connectome.Labels, signal.Variable);
        double endMs = signal.TimeMs(signal.Length - 1) + signal.SamplePeriodMs;
        var onsets = stimulus.TrialOnsetsMs(endMs);
        var evoked = EvokedResponse.Compute(labelled, onsets, options.BaselineMs, options.WindowMs);
        var distances = SiteDistances.From(connectome, stimulus.RegionWeights(connectome.Count));
        var latency = ResponseLatency.Compute(evoked, distances, options);
        double? f = options.FrequencyHz ?? stimulus.DrivingFrequencyHz;
        Entrainment? entrainment = f is double hz ? Entrainment.Compute(labelled, hz, onsets[0], options, OffsetMs(stimulus)) : null;
        return new StimulationAnalysis(evoked, latency, entrainment, distances, options)
        {
            EntrainmentNote = entrainment is null ? "not computed: the stimulus has no driving frequency (a single pulse, a constant or a noise drive); set the frequency to measure one" : null,
        };
    }
}
