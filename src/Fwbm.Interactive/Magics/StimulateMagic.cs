using Fwbm.Core.Analysis.Stimulation;
using Fwbm.Core.Options;
using Fwbm.Core.Simulation;

namespace Fwbm.Interactive.Magics;

/// <summary>
/// <c>#!fwbm-stimulate</c>: a run with the <c>--stimulus</c> inputs (read by the shared simulation options), the stimulated variable recorded raw and analysed (evoked responses,
/// onset latency vs distance from the stimulated site, entrainment at the driving frequency); binds a <see cref="StimulationRun"/>.
/// </summary>
public sealed class StimulateMagic : FwbmMagic
{
    public override string Name => "#!fwbm-stimulate";
    public override string Description => OptionCatalog.Stimulate.Description;

    public override IReadOnlyList<MagicParameter> Parameters { get; } = MagicOptions.For(OptionCatalog.Stimulate, SharedParameters.Decorate);

    public override IReadOnlyList<string> Examples =>
    [
        "#!fwbm-stimulate --connectome hcp --model hopf --coupling 0.5 --velocity 5 --stimulus \"train(rate=2Hz, width=10ms, amplitude=1) at Precentral_L from 2s\" --duration 20s --name stim",
        "#!fwbm-stimulate --connectome hcp --stimulus \"sine(10Hz, 0.5) at Precentral_L from 1s\" --duration 10s --name tacs",
    ];

    public override async Task RunAsync(MagicArguments args, MagicContext context)
    {
        string name = args.Require("name");
        MagicContext.CheckIdentifier(name);
        Simulator sim; Core.Models.ParameterSet parameters; ulong seed;
        // a bad edit or stimulus is said by the shared reading (SharedParameters.Build): this magic's name first
        try { (sim, parameters, seed) = SharedParameters.BuildSimulation(args, context); }
        catch (Core.FwbmException e) when (e is not MagicArgumentException) { throw new MagicArgumentException($"{Name}: {e.Message}"); }
        if (sim.Options.AllStimuli.Count == 0)
            throw new MagicArgumentException($"{Name}: no stimulus; add --stimulus, e.g. --stimulus \"train(rate=2Hz, width=10ms, amplitude=1) at Precentral_L from 2s\" (docs/reference/stimuli.md).");
        var analysis = new StimulationAnalysisOptions
        {
            BaselineMs = args.DurationMs("baseline")!.Value,
            WindowMs = args.DurationMs("window")!.Value,
            ThresholdSd = args.Double("threshold")!.Value,
            MinimumDeviation = args.Double("min-deviation")!.Value,
            FrequencyHz = args.Double("frequency"),
        };
        double rawMs = args.DurationMs("raw")!.Value;
        var warnings = sim.Model.Spec.Warnings(parameters);
        foreach (var warning in warnings) context.DisplayText($"warning: {warning}");
        var progress = context.Progress($"{Name} {sim.Model.Name} on '{sim.Connectome.Name}' ({sim.Connectome.Count} regions, {sim.Options.DurationMs / 1000:G4} s, {sim.Options.AllStimuli.Count} stimulus input(s))");
        StimulationRun run;
        try
        {
            run = await Task.Run(() => StimulationRun.Simulate(sim, parameters, seed, analysis, rawMs, progress, context.CancellationToken), context.CancellationToken);
            progress.Done();
        }
        catch (OperationCanceledException) { progress.Cancelled(); throw; }
        catch { progress.Failed(); throw; }
        await context.BindAsync(name, run);
        if (args.String("show") != "none") context.Display(run);
        else foreach (var w in run.Run.Warnings) context.DisplayText(w.ToString());
        context.DisplayText($"bound: StimulationRun {name} ({run.Latency.Responding} of {run.Connectome.Count} regions respond; " +
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"latency vs tract length ρ = {run.Latency.SpearmanTractLength:F2})"));
    }
}
