using Fwbm.Core.Options;
namespace Fwbm.Interactive.Magics;

/// <summary><c>#!fwbm-compare</c>: simulated vs empirical FC (side by side + scatter of the upper triangles with r), bound as an <see cref="FcComparison"/>.</summary>
public sealed class CompareMagic : FwbmMagic
{
    public override string Name => "#!fwbm-compare";
    public override string Description => "Compare simulated with empirical FC: both matrices and the scatter of their upper triangles with Pearson r.";

    public override IReadOnlyList<MagicParameter> Parameters { get; } = MagicOptions.For(OptionCatalog.Compare, p => p.Name switch
    {
        "simulated" => p with { TypeHint = "variable", VariableTypes = [typeof(SimulationRun), typeof(FcMatrix)] },
        "empirical" => p with { TypeHint = "variable", VariableTypes = [typeof(FcMatrix), typeof(Core.Connectivity.Connectome), typeof(SimulationRun)] },
        "order" => OrderParameter.Decorate(p),
        "names" => p with { Suggestions = () => ["simulated,empirical", "placebo,drug", "before,after"] },
        "name" => p with { TypeHint = "variable" },
        _ => p,
    });

    public override IReadOnlyList<string> Examples => ["#!fwbm-compare --simulated sim --name cmp", "#!fwbm-compare --simulated sim --order networks --name cmp",
        "#!fwbm-compare --simulated placebo --empirical drug --names placebo,drug --name cmp"];

    public override async Task RunAsync(MagicArguments args, MagicContext context)
    {
        string name = args.Require("name");
        MagicContext.CheckIdentifier(name);
        string simName = args.Require("simulated");
        var order = OrderParameter.Resolve(args, Name);
        FcMatrix sim; Core.Connectivity.Connectome? conn = null;
        if (context.TryGetVariable<SimulationRun>(simName, out var run)) { sim = run.Fc; conn = run.Connectome; }
        else if (context.TryGetVariable<FcMatrix>(simName, out var fc)) sim = fc;
        else throw new MagicArgumentException($"{Name}: --simulated '{simName}' is not a SimulationRun or FcMatrix variable of this notebook.");

        FcMatrix emp;
        if (args.String("empirical") is { } e)
        {
            if (context.TryGetVariable<FcMatrix>(e, out var ef)) emp = ef;
            else if (context.TryGetVariable<Core.Connectivity.Connectome>(e, out var ec)) emp = FcMatrix.Empirical(ec);
            else if (context.TryGetVariable<SimulationRun>(e, out var er)) emp = er.Fc;
            else throw new MagicArgumentException($"{Name}: --empirical '{e}' is not an FcMatrix, Connectome or SimulationRun variable of this notebook.");
        }
        else if (conn is not null) emp = FcMatrix.Empirical(conn);
        else throw new MagicArgumentException($"{Name}: --empirical is required when --simulated is an FcMatrix (there is no connectome to take the empirical FC from).");

        // two names at the comma (a name may hold spaces: "before fit,after fit")
        var names = args.String("names") is { } text ? Core.Grammar.ListText.Items(text, whitespace: false) : null;
        if (names is not null && names.Count != 2)
            throw new MagicArgumentException($"{Name}: --names takes two names, --simulated's then --empirical's (e.g. --names placebo,drug); got {names.Count}: {string.Join(", ", names)}.");
        // two runs (or matrices) with the same title are told apart by their variable names
        string? leftName = names?[0], rightName = names?[1];
        if (names is null && sim.Title == emp.Title && args.String("empirical") is { } empName && empName != simName) (leftName, rightName) = (simName, empName);
        var cmp = new FcComparison(sim, emp, leftName, rightName).WithOrder(order);
        _ = order.Arrange(cmp.Simulated.Labels, cmp.Simulated.RightHemisphere); // a grouping that fits no region fails here, naming it
        await context.BindAsync(name, cmp);
        SaveParameter.Apply(args, context, cmp.Save);
        context.Display(cmp);
        context.DisplayText($"bound: FcComparison {name}");
    }
}
