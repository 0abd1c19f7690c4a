namespace Fwbm.Core.Options;

/// <summary>Saving and opening result files (HDF5, docs/saving-results.md): <c>--save</c> of the magics, <c>fwbm show</c>, <c>#!fwbm-load</c>.</summary>
public static partial class OptionCatalog
{
    /// <summary>The magics' <c>--save</c> (the CLI writes result.h5 into --out instead).</summary>
    internal static OptionSpec SaveOption => new("save", ValueKind.Text,
        "Also save the result to this HDF5 file (written atomically; reopen with #!fwbm-load or X.Load; fwbm writes result.h5 into --out instead).")
    { DefaultNote = "not saved", FrontEnds = FrontEnd.Magic, Examples = ["run.h5", "results/sweep1.h5"] };

    /// <summary><c>fwbm show &lt;file|dir&gt;</c> (no options: the path is an argument).</summary>
    public static CommandOptions Show => showOptions.Value;

    private static readonly Lazy<CommandOptions> showOptions = new(() => new("show",
        "Print what a saved result holds (kind, model, parameters, seed, connectome, outputs with shapes, measures, warnings, versions): a .h5 file or an fwbm --out folder.",
        []));

    /// <summary><c>#!fwbm-load</c>.</summary>
    public static CommandOptions Load => loadOptions.Value;

    private static readonly Lazy<CommandOptions> loadOptions = new(() => new("load",
        "Open a saved result (a .h5 file or an fwbm --out folder) as the object its kind calls for — SimulationRun, SweepView, FitResult or FcComparison — and show its card.",
        [
            new("path", ValueKind.Text, "The result file or output folder (also the first word after the magic, or a C# string variable).")
            { Required = true, FrontEnds = FrontEnd.Magic, Examples = ["run.h5", "out/run1"] },
            ShowOption("all", "none"),
            NameOption("result", "loaded result"),
        ]));
}
