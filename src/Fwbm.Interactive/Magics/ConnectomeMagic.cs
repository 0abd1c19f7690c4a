using Fwbm.Core.Options;
using Fwbm.Core.Connectivity;

namespace Fwbm.Interactive.Magics;

/// <summary><c>#!fwbm-connectome</c>: load a connectome (dataset id or variable), optionally normalise it, show it with its citation, bind it.</summary>
public sealed class ConnectomeMagic : FwbmMagic
{
    public override string Name => "#!fwbm-connectome";
    public override string Description => "Load a structural connectome (dataset id), show it with its citation and bind it to a C# variable.";

    public override IReadOnlyList<MagicParameter> Parameters { get; } = MagicOptions.For(OptionCatalog.Connectome, p => p.Name switch
    {
        "source" => p with { Suggestions = () => ConnectomeSources.DatasetIds(), VariableTypes = [typeof(Connectome)] },
        "order" => OrderParameter.Decorate(p),
        "name" => p with { TypeHint = "variable" },
        _ => p,
    });

    public override IReadOnlyList<string> Examples => ["#!fwbm-connectome --source hcp --normalise max --name hcp", "#!fwbm-connectome --source enigma-dk68 --normalise spectral-radius --name dk"];

    public override async Task RunAsync(MagicArguments args, MagicContext context)
    {
        string name = args.Require("name");
        MagicContext.CheckIdentifier(name);
        string show = args.String("show")!;
        var order = OrderParameter.Resolve(args, Name);
        // --show all/weights/summary display the full licence and citation with the connectome; --show none shows the one-line form
        var c = ConnectomeSources.Resolve(args.Require("source"), context, "source", announce: show == "none");
        c = SharedParameters.Normalise(args, c, Name);
        await context.BindAsync(name, c);
        switch (show)
        {
            case "all" when order == RegionOrder.Hemisphere: context.Display(c); break;
            case "all":
                context.Display(Plotting.FwbmCharts.ConnectomeWeights(c, order: order));
                if (c.Centres is not null) context.Display(Plotting.FwbmCharts.BrainGraph(c));
                context.DisplayText(Formatting.FwbmFormatters.ConnectomeText(c));
                break;
            case "weights": context.Display(Plotting.FwbmCharts.ConnectomeWeights(c, order: order)); context.DisplayText(Formatting.FwbmFormatters.ConnectomeText(c)); break;
            case "summary": context.DisplayText(Formatting.FwbmFormatters.ConnectomeText(c)); break;
        }
        context.DisplayText($"bound: Connectome {name}");
    }
}
