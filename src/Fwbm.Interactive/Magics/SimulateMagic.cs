using System.Globalization;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Interactive.Magics;

/// <summary><c>#!fwbm-simulate</c>: one model on a connectome → BOLD → FC (and its similarity with the empirical FC), bound as a <see cref="SimulationRun"/>.</summary>
public sealed class SimulateMagic : FwbmMagic
{
    public override string Name => "#!fwbm-simulate";
    public override string Description => "Simulate a neural-mass model on a connectome (BOLD → FC), with live progress; bind the SimulationRun to a C# variable.";

    public override IReadOnlyList<MagicParameter> Parameters { get; } = SharedParameters.Simulation("sim");

    public override IReadOnlyList<string> Examples =>
        ["#!fwbm-simulate --connectome hcp --model hopf --coupling 0.5 --param \"a=-0.02\" --duration 5min --name sim"];

    public override async Task RunAsync(MagicArguments args, MagicContext context)
    {
        string name = args.Require("name");
        MagicContext.CheckIdentifier(name);
        var (sim, parameters, seed) = SharedParameters.BuildSimulation(args, context);
        var progress = context.Progress($"{Name} {sim.Model.Name} on '{sim.Connectome.Name}' ({sim.Connectome.Count} regions, {sim.Options.DurationMs / 1000:G4} s)");
        SimulationRun run;
        try
        {
            run = await Task.Run(() => SimulationRun.Run(sim, parameters, seed, progress, context.CancellationToken), context.CancellationToken);
            progress.Done();
        }
        catch (OperationCanceledException) { progress.Cancelled(); throw; }
        catch { progress.Failed(); throw; }
        await context.BindAsync(name, run);
        if (args.String("show") != "none") context.Display(run);
        context.DisplayText($"bound: SimulationRun {name}" + (run.FcSimilarity is double r ? string.Create(CultureInfo.InvariantCulture, $" (FC similarity r = {r:F3})") : ""));
    }
}

/// <summary>Parameters shared by the simulating magics (simulate, sweep; later fit, lesion, stimulate, drug).</summary>
internal static class SharedParameters
{
    public static MagicParameter[] Simulation(string defaultName) =>
    [
        new("connectome", "A Connectome variable or a dataset id.") { Required = true, TypeHint = "variable", Suggestions = () => ConnectomeSources.DatasetIds(), VariableTypes = [typeof(Core.Connectivity.Connectome), typeof(SimulationRun)] },
        new("model", "Neural-mass model.") { Allowed = () => ModelRegistry.All.Select(m => m.Name), Default = "hopf" },
        new("param", "Model parameters as name=value pairs, e.g. \"a=-0.02,omega=0.3\".") { TypeHint = "text" },
        new("coupling", "Global coupling G.") { TypeHint = "number", Default = "0" },
        new("velocity", "Conduction velocity in m/s (omit for no delays).") { TypeHint = "number" },
        new("duration", "Recorded duration: 60, 60s, 500ms, 2min.") { Default = "60s" },
        new("transient", "Simulated before recording.") { Default = "10s" },
        new("dt", "Integration step in ms (default: the model's).") { TypeHint = "number" },
        new("tr", "BOLD sampling interval in seconds.") { TypeHint = "number", Default = "0.72" },
        new("integrator", "Integration scheme.") { Allowed = () => ["heun", "euler"], Default = "heun" },
        new("seed", "Noise seed.") { TypeHint = "number", Default = "0" },
        new("show", "What to display.") { Allowed = () => ["all", "none"], Default = "all" },
        new("name", "C# variable to bind the result to.") { Default = defaultName, TypeHint = "variable" },
    ];

    public static (Simulator Sim, ParameterSet Parameters, ulong Seed) BuildSimulation(MagicArguments args, MagicContext context)
    {
        var s = Build(args, context);
        return (new Simulator(s.Model, s.Connectome, s.Options), s.Parameters, s.Seed);
    }

    /// <summary>The model, connectome, options (BOLD monitor at --tr), base parameters and seed that the arguments describe.</summary>
    public static SimulationSetup Build(MagicArguments args, MagicContext context)
    {
        var connectome = ConnectomeSources.Resolve(args.Require("connectome"), context, "connectome");
        var model = ModelRegistry.Get(args.Require("model"));
        double tr = args.Double("tr", min: 1e-3)!.Value * 1000;
        double dt = args.Double("dt", min: 1e-6) ?? model.Spec.DefaultDtMs;
        var options = new SimulationOptions
        {
            DtMs = dt,
            DurationMs = args.DurationMs("duration")!.Value,
            TransientMs = args.DurationMs("transient")!.Value,
            VelocityMPerS = args.Double("velocity"),
            Integrator = args.String("integrator") == "euler" ? IntegratorKind.EulerMaruyama : IntegratorKind.Heun,
            Monitors = [new BoldMonitorSpec(tr)],
        };
        var p = ParameterSet.Defaults(model.Spec, args.Double("coupling")!.Value).With(args.Assignments("param"));
        return new SimulationSetup(model, connectome, options, p, args.ULong("seed")!.Value);
    }
}

/// <summary>The <c>--order</c> parameter of the magics that draw region × region matrices.</summary>
internal static class OrderParameter
{
    public static MagicParameter Create() =>
        new("order", "Region order of the matrices: hemisphere (left then right), none (as stored), networks (Schaefer labels), or a variable holding a RegionOrder or a label → group dictionary (groups drawn together, with dividers and names).")
        { Default = "hemisphere", TypeHint = "variable", Suggestions = () => RegionOrder.Names, VariableTypes = [typeof(RegionOrder), typeof(IReadOnlyDictionary<string, string>)] };

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
