using Fwbm.Core.Exploration;
using Fwbm.Core.Options;
using Fwbm.Core.Persistence;
using Fwbm.Torch.Fitting;

namespace Fwbm.Interactive.Magics;

/// <summary><c>#!fwbm-load &lt;file|dir&gt; --name x</c>: open a saved result (HDF5) as the object its kind calls for and show its card.</summary>
public sealed class LoadMagic : FwbmMagic
{
    public override string Name => "#!fwbm-load";
    public override string Description => "Open a saved result (.h5 file or fwbm --out folder) — SimulationRun, SweepView, FitResult or FcComparison by its kind — bind it and show its card.";

    public override IReadOnlyList<MagicParameter> Parameters { get; } = MagicOptions.For(OptionCatalog.Load, p => p.Name switch
    {
        "path" => p with { TypeHint = "file", ImplicitName = true, VariableTypes = [typeof(string)] },
        "name" => p with { TypeHint = "variable" },
        _ => p,
    });

    public override IReadOnlyList<string> Examples => ["#!fwbm-load run.h5 --name run", "#!fwbm-load out/sweep1 --name sweep --show none"];

    public override async Task RunAsync(MagicArguments args, MagicContext context)
    {
        string name = args.Require("name");
        MagicContext.CheckIdentifier(name);
        string given = args.Require("path");
        string path = args.Variable(given) as string ?? given;
        var header = ResultFile.ReadHeader(path);
        var loaded = await Task.Run(() => ResultLoader.Load(header.Path), context.CancellationToken);
        string type;
        switch (loaded)
        {
            case SimulationRun run: await context.BindAsync(name, run); type = nameof(SimulationRun); break;
            case SweepView sweep: await context.BindAsync(name, sweep); type = nameof(SweepView); break;
            case FitResult fit: await context.BindAsync(name, fit); type = nameof(FitResult); break;
            case FcComparison cmp: await context.BindAsync(name, cmp); type = nameof(FcComparison); break;
            default: throw new Core.FwbmException($"{Name}: {header.Path} holds a {header.Kind} result that notebooks cannot show yet.");
        }
        if (args.String("show") != "none") context.Display(loaded is FitResult f ? FitResultText(f) : loaded);
        context.DisplayText($"bound: {type} {name} (a {header.Kind} saved by FWBM {header.FwbmVersion} on {header.Created}, from {header.Path})");
    }

    private static string FitResultText(FitResult f) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"fit of {f.Fitted.Model.Name}{(f.Connectome is { } c ? $" on '{c.Name}' ({c.Count} regions)" : "")}: {f.History.Count} epochs{(f.Completed ? "" : " (interrupted)")}; " +
        $"FC similarity train {f.Before.TrainMean:F3} → {(f.After is { } a ? a.TrainMean.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "not evaluated")}; " +
        $"fitted {f.Fitted}; best epoch {f.BestEpoch}");
}

/// <summary>The <c>--save</c> parameter of the result-making magics: write the result after it is bound and say where.</summary>
internal static class SaveParameter
{
    public static void Apply(MagicArguments args, MagicContext context, Action<string> save)
    {
        if (args.String("save") is not { } given) return;
        string path = args.Variable(given) as string ?? given;
        save(path);
        context.DisplayText($"saved: {Path.GetFullPath(path)} (reopen with #!fwbm-load {path} --name …)");
    }
}
