namespace Fwbm.Core.Options;

public static partial class OptionCatalog
{
    /// <summary>The sweep measures of <c>fwbm simulate --sweep</c>.</summary>
    public static readonly IReadOnlyList<string> SimulateMeasures = ["fc_similarity", "mean_fc", "gs_std"];

    /// <summary><c>fwbm simulate</c> and <c>#!fwbm-simulate</c>.</summary>
    public static CommandOptions Simulate => simulateOptions.Value;

    private static readonly Lazy<CommandOptions> simulateOptions = new(() => new("simulate",
        "Simulate a model on a connectome (BOLD → FC). fwbm writes bold.csv, fc.csv and summary.json (or sweep.csv with --sweep); the magic binds a SimulationRun.",
        [
            ConnectomeOption, ModelOption, ParamOption, CouplingOption, VelocityOption, DurationOption, TransientOption, DtOption, TrOption,
            SeedOption, IntegratorOption, BoldOption, RawOption, InitialStateOption, CoupleOption,
            OutOption,
            new("force", ValueKind.Flag, "Replace the files of an existing, non-empty --out directory.") { FrontEnds = FrontEnd.Cli },
            new("negative-weights", ValueKind.Choice, "Negative connectome weights: auto (dataset ids: clip, paths: error), error, clip or keep.")
                { Default = "auto", Choices = () => ["auto", "error", "clip", "keep"], FrontEnds = FrontEnd.Cli, Examples = ["clip"], BadExamples = ["drop"] },
            .. DataStoreOptions,
            new("sweep", ValueKind.Axis, "Sweep a parameter instead of one run: name=range; repeat for a grid. Writes sweep.csv (+ grid_<measure>.csv for two axes) and summary.json.")
                { Repeatable = true, FrontEnds = FrontEnd.Cli, Examples = ["coupling=0:0.1:2", "G=lin(0,0.6,3)", "a=-0.1,0.05", "coupling=log(1e-3,1,13)"], BadExamples = ["coupling", "coupling=0:1", "a=lin(0,1)"] },
            new("measure", ValueKind.Names, "Sweep measures (default: fc_similarity,mean_fc with an empirical FC, else mean_fc).")
                { Repeatable = true, Choices = () => SimulateMeasures, FrontEnds = FrontEnd.Cli, Examples = ["fc_similarity", "mean_fc,gs_std"], BadExamples = ["fc_similarty"] },
            ShowOption("all", "none"),
            NameOption("sim", "SimulationRun"),
        ]));
}
