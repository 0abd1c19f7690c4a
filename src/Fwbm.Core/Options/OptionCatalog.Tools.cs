namespace Fwbm.Core.Options;

/// <summary>The commands that only <c>fwbm</c> has (no magic): run, data (and its subcommands), bench-torch, measures, models.</summary>
public static partial class OptionCatalog
{
    /// <summary><c>fwbm run</c>: execute a notebook headlessly.</summary>
    public static CommandOptions Run => runOptions.Value;

    private static readonly Lazy<CommandOptions> runOptions = new(() => new("run",
        "Execute a notebook headlessly (in process, offline) and write the executed notebook and an HTML report.",
        [
            new("parameter", ValueKind.Text, "name=value injected after the cell tagged 'parameters' (the value is C# text: 0.5, \"hcp\"; repeat for more).")
            { Aliases = ["-p"], Repeatable = true, FrontEnds = FrontEnd.Cli, Examples = ["coupling=0.5", "connectome=\"hcp\""] },
            new("out", ValueKind.Text, "Write the executed notebook here (.ipynb).")
            { Aliases = ["-o"], DefaultNote = "<notebook>.executed.ipynb next to it", FrontEnds = FrontEnd.Cli, Examples = ["out/run.ipynb"] },
            new("html", ValueKind.Text, "Also write a self-contained HTML report (renders offline).") { DefaultNote = "none", FrontEnds = FrontEnd.Cli, Examples = ["out/report.html"] },
        ]));

    /// <summary><c>fwbm data</c>: where datasets come from (these options apply to every subcommand).</summary>
    public static CommandOptions DataCommand => dataOptions.Value;

    private static readonly Lazy<CommandOptions> dataOptions = new(() => new("data",
        "Datasets: list the catalog, show one, fetch into the cache (checksummed), print citations.",
        [
            .. DataStoreOptions,
            new("catalog", ValueKind.Text, $"A catalog JSON file (schema of data/catalog.json) used instead of the built-in one (default: ${Fwbm.Core.Data.DataCatalog.CatalogVariable}).") { DefaultNote = "the built-in catalog", FrontEnds = FrontEnd.Cli, Examples = ["my-catalog.json"] },
        ]));

    /// <summary><c>fwbm data list</c>.</summary>
    public static CommandOptions DataList => dataListOptions.Value;

    private static readonly Lazy<CommandOptions> dataListOptions = new(() => new("data list",
        "List the datasets (id, regions, contents, licence, local availability).",
        [new("json", ValueKind.Flag, "Print the catalog entries as JSON.") { FrontEnds = FrontEnd.Cli }]));

    /// <summary><c>fwbm data fetch</c>.</summary>
    public static CommandOptions DataFetch => dataFetchOptions.Value;

    private static readonly Lazy<CommandOptions> dataFetchOptions = new(() => new("data fetch",
        "Fetch datasets into the cache: mirror first, then the network; every file checksum-verified, written atomically.",
        [new("all", ValueKind.Flag, "Fetch every dataset of the catalog.") { FrontEnds = FrontEnd.Cli }]));

    /// <summary><c>fwbm bench-torch</c>.</summary>
    public static CommandOptions BenchTorch => benchTorchOptions.Value;

    private static readonly Lazy<CommandOptions> benchTorchOptions = new(() => new("bench-torch",
        "Benchmark the Torch backend: forward+backward seconds per step and per epoch of a fit (float32/float64), peak memory.",
        [
            new("json", ValueKind.Flag, "Print one JSON object.") { FrontEnds = FrontEnd.Cli },
            ModelOption with { Default = null, DefaultNote = "reduced Wong–Wang when registered, else hopf", FrontEnds = FrontEnd.Cli },
            new("regions", ValueKind.Integer, "Regions of the synthetic connectome.") { Default = "80", Min = 1, FrontEnds = FrontEnd.Cli, Examples = ["80", "400"], BadExamples = ["0", "many"] },
            new("trs", ValueKind.Integer, "TRs per epoch (extrapolated from timed windows).") { Default = "1200", Min = 1, FrontEnds = FrontEnd.Cli, Examples = ["1200"], BadExamples = ["0"] },
            DtOption with { Description = "Integration step.", DefaultNote = "the model's largest stable step", FrontEnds = FrontEnd.Cli },
            new("windows", ValueKind.Integer, "Timed windows per dtype.") { Default = "2", Min = 1, FrontEnds = FrontEnd.Cli, Examples = ["2"], BadExamples = ["0"] },
            new("window", ValueKind.Integer, "TRs per timed window.") { Default = "20", Min = 1, FrontEnds = FrontEnd.Cli, Examples = ["20"], BadExamples = ["0"] },
            new("device", ValueKind.Choice, "Where tensors live (auto: CUDA when available).")
            { Default = "cpu", Choices = () => ["cpu", "cuda", "cuda:N", "auto"], FrontEnds = FrontEnd.Cli, Examples = ["cpu", "cuda:1", "AUTO"], BadExamples = ["gpu"] },
        ]));

    /// <summary><c>fwbm measures</c>.</summary>
    public static CommandOptions MeasuresCommand => measuresOptions.Value;

    private static readonly Lazy<CommandOptions> measuresOptions = new(() => new("measures",
        "List the measures sweeps, views and fits score by: goal (max/min/target/none), unit, needs, meaning.",
        [new("json", ValueKind.Flag, "Print the catalogue entries as JSON.") { FrontEnds = FrontEnd.Cli }]));

    /// <summary><c>fwbm models</c> (no options: an optional model name).</summary>
    public static CommandOptions ModelsCommand => modelsOptions.Value;

    private static readonly Lazy<CommandOptions> modelsOptions = new(() => new("models",
        "List models and their parameters (units, ranges, defaults).", []));
}
