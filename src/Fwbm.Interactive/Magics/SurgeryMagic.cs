using System.Globalization;
using Fwbm.Core.Options;
using Fwbm.Core.Simulation;

namespace Fwbm.Interactive.Magics;

/// <summary>
/// <c>#!fwbm-surgery</c> (also <c>#!fwbm-lesion</c>): the connectome edits of the simulate options (--resect, --silence, --lesion,
/// --disconnect, --callosotomy, --tumour, --demyelinate, --null) applied to the connectome, the intact and the edited connectome run with
/// the same model, parameters and seed, and the before/after card; binds a <see cref="SurgeryRun"/>.
/// </summary>
public sealed class SurgeryMagic(string name = "#!fwbm-surgery") : FwbmMagic
{
    public override string Name { get; } = name;
    public override string Description => OptionCatalog.Get(Name["#!fwbm-".Length..]).Description;

    public override IReadOnlyList<MagicParameter> Parameters => _parameters ??= MagicOptions.For(OptionCatalog.Get(Name["#!fwbm-".Length..]), SharedParameters.Decorate);
    private IReadOnlyList<MagicParameter>? _parameters;

    public override IReadOnlyList<string> Examples =>
    [
        $"{Name} --connectome hcp --model hopf --coupling 0.5 --resect \"Precentral_L,Precentral_R\" --duration 2min --name hubs",
        $"{Name} --connectome hcp --callosotomy --duration 2min --name split",
        $"{Name} --connectome conn --null rewire --seed 3 --name control",
    ];

    public override async Task RunAsync(MagicArguments args, MagicContext context)
    {
        string name = args.Require("name");
        MagicContext.CheckIdentifier(name);
        // the edited setup (SharedParameters.Build applies the edits), and the intact connectome it started from
        Simulator edited; Core.Models.ParameterSet parameters; ulong seed;
        // a bad edit or stimulus is said by the shared reading (SharedParameters.Build): this magic's name first
        try { (edited, parameters, seed) = SharedParameters.BuildSimulation(args, context); }
        catch (Core.FwbmException e) when (e is not MagicArgumentException) { throw new MagicArgumentException($"{Name}: {e.Message}"); }
        var intact = SharedParameters.Normalise(args, ConnectomeSources.Resolve(args.Require("connectome"), context, "connectome"), Name);
        if (edited.Connectome.Edits.Count == intact.Edits.Count)
            throw new MagicArgumentException($"{Name}: no edit given; add one or more of --resect, --silence, --lesion, --disconnect, --callosotomy, --tumour, --demyelinate, --null (e.g. --resect \"Precentral_L,Precentral_R\").");
        // the intact run: the edited run's options with the stimuli placed on the intact regions (a stimulus on a region the edit
        // removed acts in the intact run only) and its own noise keys; the edited run: noise by label, so the regions both keep get
        // the same noise, and the stimuli as placed on the edited regions
        var intactOptions = edited.Options with { Stimulus = null, Stimuli = [], NoiseRegionKeys = null };
        try
        {
            intactOptions = Core.Simulation.Stimuli.StimulusOptions.Apply(args.Values, intactOptions, intact,
                Core.Grammar.RegionContext.For(intact, Environment.CurrentDirectory, Core.Grammar.RegionReceptors.FromCatalog(intact)));
        }
        catch (Core.FwbmException e) when (e is not MagicArgumentException) { throw new MagicArgumentException($"{Name} (intact run): {e.Message}"); }
        var intactSim = new Simulator(edited.Model, intact, intactOptions);
        var editedSim = new Simulator(edited.Model, edited.Connectome,
            Core.Analysis.Comparison.BeforeAfter.EditedOptions(edited.Model.Spec, intact, edited.Connectome, intactOptions) with { Stimulus = edited.Options.Stimulus, Stimuli = edited.Options.Stimuli });
        var warnings = edited.Model.Spec.Warnings(parameters);
        foreach (var warning in warnings) context.DisplayText($"warning: {warning}");
        var progress = context.Progress($"{Name} {edited.Model.Name} on '{intact.Name}', intact ({intact.Count} regions) then edited ({edited.Connectome.Count} regions), {edited.Options.DurationMs / 1000:G4} s each");
        SurgeryRun run;
        try
        {
            run = await Task.Run(() =>
            {
                var before = SimulationRun.Run(intactSim, parameters, seed, SurgeryRun.Half(progress, 0), context.CancellationToken);
                var after = SimulationRun.Run(editedSim, parameters, seed, SurgeryRun.Half(progress, 1), context.CancellationToken);
                return new SurgeryRun(before, after);
            }, context.CancellationToken);
            progress.Done();
        }
        catch (OperationCanceledException) { progress.Cancelled(); throw; }
        catch { progress.Failed(); throw; }
        await context.BindAsync(name, run);
        if (args.String("show") != "none") context.Display(new SurgeryCard(run, args.Int("edges") ?? 150));
        else foreach (var w in run.Warnings) context.DisplayText("warning: " + w);
        context.DisplayText(string.Create(CultureInfo.InvariantCulture, $"bound: SurgeryRun {name} ({run.Diff.Describe()}; FC similarity to intact r = {run.FcSimilarityToIntact:F3})") +
            (run.Warnings.Count > 0 ? $" — {run.Warnings.Count} warning(s), see {name}.Warnings" : ""));
    }
}

/// <summary>A <see cref="SurgeryRun"/>'s card with the magic's choices (how many unchanged connections the 3-D view draws).</summary>
public sealed record SurgeryCard(SurgeryRun Run, int Edges);
