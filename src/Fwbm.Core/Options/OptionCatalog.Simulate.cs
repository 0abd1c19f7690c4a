namespace Fwbm.Core.Options;

public static partial class OptionCatalog
{
    /// <summary>The sweep measures of <c>fwbm simulate --sweep</c>.</summary>
    /// <summary>The measures <c>fwbm simulate --sweep</c> offers (the whole catalogue: those needing recorded phases or a target spectrum
    /// are refused when the sweep is set up, with the way to get them).</summary>
    public static IReadOnlyList<string> SimulateMeasures => Measures.MeasureCatalog.Names;

    /// <summary><c>fwbm simulate</c> and <c>#!fwbm-simulate</c>.</summary>
    public static CommandOptions Simulate => simulateOptions.Value;

    private static readonly Lazy<CommandOptions> simulateOptions = new(() => new("simulate",
        "Simulate a model on a connectome (BOLD → FC). fwbm writes bold.csv, fc.csv and summary.json (or sweep.csv with --sweep); the magic binds a SimulationRun.",
        [
            ConnectomeOption, NormaliseOption,
            .. SurgeryOptions,
            ModelOption, ParamOption, CouplingOption, VelocityOption, DurationOption, TransientOption, DtOption, TrOption,
            SeedOption, IntegratorOption, PrecisionOption, BoldOption, RawOption, InitialStateOption, CoupleOption,
            .. EvokedOptions,
            .. StimulusOptions,
            BoldStepOption,
            CompareIntactOption,
            OutOption,
            new("force", ValueKind.Flag, "Replace the files of an existing, non-empty --out directory.") { FrontEnds = FrontEnd.Cli },
            new("negative-weights", ValueKind.Choice, "Negative connectome weights: auto (dataset ids: clip, paths: error), error, clip or keep.")
                { Default = "auto", Choices = () => ["auto", "error", "clip", "keep"], FrontEnds = FrontEnd.Cli, Examples = ["clip"], BadExamples = ["drop"] },
            .. DataStoreOptions,
            new("sweep", ValueKind.Axis, "Sweep a parameter instead of one run: name=range; repeat for a grid. Writes sweep.csv (+ grid_<measure>.csv for two axes) and summary.json.")
                { Repeatable = true, FrontEnds = FrontEnd.Cli, Examples = ["coupling=0:0.1:2", "G=lin(0,0.6,3)", "a=-0.1,0.05", "coupling=log(1e-3,1,13)"], BadExamples = ["coupling", "coupling=0:1", "a=lin(0,1)"] },
            new("measure", ValueKind.Measures, "Sweep measures of the catalogue (fwbm measures), each name or name=target: fc_similarity (default with an empirical FC), fc_distance, mean_fc, sc_fc, gs_std, fcd_ks (vs the dataset's BOLD), psd_peak=<Hz> (of BOLD). Best points follow each measure's goal (default: fc_similarity,mean_fc with an empirical FC, else mean_fc).")
                { Repeatable = true, Choices = () => SimulateMeasures, FrontEnds = FrontEnd.Cli, Examples = ["fc_similarity", "mean_fc,gs_std", "gs_std=0.01", "psd_peak=0.05"], BadExamples = ["fc_similarty", "fc_similarity=0.5"] },
            ShowOption("all", "none"),
            SaveOption,
            NameOption("sim", "SimulationRun"),
        ]));
}
