using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Analysis.Stimulation;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Interactive;

/// <summary>
/// A stimulated run and its analysis, as <c>#!fwbm-stimulate --name stim</c> binds it: the <see cref="SimulationRun"/>, the stimulus it
/// received and the <see cref="StimulationAnalysis"/> of the stimulated variable's raw recording (evoked responses, onset latency against
/// distance from the stimulated site, entrainment at the driving frequency).
/// </summary>
public sealed class StimulationRun
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public StimulationRun(SimulationRun run, StimulationAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(analysis);
        Stimulus = StimulusSum.Of(run.Simulation.Options) ?? throw new FwbmException("StimulationRun: the run has no stimulus (SimulationOptions.Stimulus and Stimuli are empty).");
        Run = run; Analysis = analysis;
    }

    /// <summary>
    /// Simulate with the stimulus of <paramref name="simulation"/>'s options (which must say where and when it acts:
    /// <see cref="IStimulusEvents"/>) and analyse the stimulated variable. Its raw recording is added every
    /// <paramref name="rawPeriodMs"/> (rounded to whole steps) when the options record no raw states.
    /// </summary>
    public static StimulationRun Simulate(Simulator simulation, ParameterSet parameters, ulong seed = 0, StimulationAnalysisOptions? options = null,
        double rawPeriodMs = 1, IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var stimulus = StimulusSum.Of(simulation.Options) ?? throw new FwbmException("Stimulation: the simulation has no stimulus; set SimulationOptions.Stimuli (magic and CLI: --stimulus …).");
        if (stimulus is not IStimulusEvents events)
            throw new FwbmException($"Stimulation: a {stimulus.GetType().Name} does not say where and when it acts (IStimulusEvents), so its responses cannot be analysed; use a stimulus of the --stimulus grammar.");
        var sim = WithRawRecording(simulation, options?.Variable ?? stimulus.Variable, rawPeriodMs);
        var run = SimulationRun.Run(sim, parameters, seed, progress, cancellation);
        return new StimulationRun(run, StimulationAnalysis.Compute(run.Result, events, run.Connectome, options));
    }

    /// <summary>The simulator itself when it records <paramref name="variable"/> raw, else a copy that also records it every <paramref name="periodMs"/> (whole steps).</summary>
    internal static Simulator WithRawRecording(Simulator simulation, string variable, double periodMs)
    {
        var o = simulation.Options;
        if (o.Monitors.OfType<RawMonitorSpec>().Any(r => r.Variables is null || r.Variables.Contains(variable))) return simulation;
        if (!(periodMs > 0)) throw new FwbmException($"Stimulation: the raw recording interval must be > 0 ms; got {periodMs}.");
        double period = Math.Max(1, Math.Round(periodMs / o.DtMs)) * o.DtMs;
        return new Simulator(simulation.Model, simulation.Connectome, o with { Monitors = [.. o.Monitors, new RawMonitorSpec(period, [variable])] });
    }

    /// <summary>The stimulated run.</summary>
    public SimulationRun Run { get; }
    /// <summary>The stimulus the run received (several on the analysed variable: their <see cref="StimulusSum"/>).</summary>
    public IStimulus Stimulus { get; }
    /// <summary>Evoked responses, onset latencies against distance, entrainment.</summary>
    public StimulationAnalysis Analysis { get; }
    public Core.Connectivity.Connectome Connectome => Run.Connectome;
    public EvokedResponse Evoked => Analysis.Evoked;
    public ResponseLatency Latency => Analysis.Latency;
    public Entrainment? Entrainment => Analysis.Entrainment;
    /// <summary>The stimulated sites (region indices).</summary>
    public IReadOnlyList<int> Sites => Analysis.Distances.Sites;

    /// <summary>The stimulated variable's raw recording the analysis read.</summary>
    public Core.Analysis.TimeSeries Recording => Run.Result.Outputs[$"raw:{Analysis.Options.Variable ?? Stimulus.Variable}"];

    /// <summary>One paragraph: the sites, trials, responding regions, rank correlations and entrainment at the sites.</summary>
    public override string ToString()
    {
        var l = Latency;
        string sites = string.Join(", ", Sites.Take(5).Select(s => Connectome.Labels[s])) + (Sites.Count > 5 ? ", …" : "");
        string s = string.Create(Ci, $"Stimulation of {Sites.Count} site{(Sites.Count == 1 ? "" : "s")} ({sites}) on '{Connectome.Name}' ({Connectome.Count} regions), {Run.Parameters.Model.Name}, G = {Run.Parameters.Coupling:G4}, seed {Run.Seed}: ") +
            string.Create(Ci, $"{Evoked.Trials} trial{(Evoked.Trials == 1 ? "" : "s")}{(Evoked.DroppedTrials > 0 ? $" ({Evoked.DroppedTrials} dropped at the edges)" : "")}, {l.Responding} of {Connectome.Count} regions respond; ") +
            string.Create(Ci, $"onset latency vs tract length Spearman ρ = {l.SpearmanTractLength:F2} ({l.TractLengthPairs} regions), vs path distance ρ = {l.SpearmanPathDistance:F2} ({l.PathDistancePairs})");
        if (Entrainment is { } e) s += string.Create(Ci, $"; entrainment at {e.FrequencyHz:G4} Hz: PLV at the sites {Analysis.SitePlv:F3}, relative power {Analysis.SiteRelativePower:G3}");
        else if (Analysis.EntrainmentNote is { } note) s += $"; entrainment {note}";
        return s;
    }
}
