namespace Fwbm.Core.Options;

public static partial class OptionCatalog
{
    /// <summary>The measures of <c>#!fwbm-sweep</c>, in the order of its help (the first given decides the best point).</summary>
    public static IReadOnlyList<string> SweepMeasures => Measures.MeasureCatalog.All
        .Where(m => !m.Definition.Needs.HasFlag(Measures.MeasureNeeds.TargetSpectrum)).Select(m => m.Definition.Name).ToArray();

    private static readonly string[] AxisExamples = ["coupling=0:0.1:2", "G=lin(0,1,11)", "a=log(1e-3,1,13)", "coupling=0.1,0.2,0.4"];

    /// <summary><c>#!fwbm-sweep</c>: a grid over one or two parameters (the CLI's equivalent is <c>fwbm simulate --sweep</c>).</summary>
    public static CommandOptions Sweep => sweepOptions.Value;

    private static readonly Lazy<CommandOptions> sweepOptions = new(() => new("sweep",
        "Sweep one or two parameters as one batch, score every point by the chosen measures; show the fit curve or heatmap and bind the result.",
        [
            new("over", ValueKind.Axis, "First axis: name=range (G is an alias of coupling).") { Required = true, FrontEnds = FrontEnd.Magic, Examples = AxisExamples, BadExamples = ["coupling=0:1", "coupling", "a=lin(0,1,x)"] },
            new("and", ValueKind.Axis, "Optional second axis, same syntax (heatmap over both).") { FrontEnds = FrontEnd.Magic, Examples = ["a=-0.1:0.05:0.1"], BadExamples = ["a=1:0.1:0"] },
            new("measure", ValueKind.Measures,
                $"Measures of the catalogue (fwbm measures: {string.Join(", ", SweepMeasures)}), comma-separated, each name or name=target (e.g. psd_peak=10). The first decides the best point " +
                "by its declared goal (max, min, closest to the target; descriptive ones such as gs_std have none). psd_peak reads --peak-of; synchrony/metastability the model's first state variable (phases).")
                { Choices = () => SweepMeasures, DefaultNote = "fc_similarity,mean_fc (mean_fc,gs_std without an empirical FC)", FrontEnds = FrontEnd.Magic, Examples = ["fc_similarity", "fcd_ks,mean_fc", "psd_peak=10", "peak_hz=12,metastability"], BadExamples = ["fcd", "peak", "fc_similarity=0.5", "spectral_distance"] },
            new("fcd-target", ValueKind.Text, "fcd_ks: the empirical FCD — a TimeSeries (BOLD) or FcdResult variable, or dataset[:subject] (e.g. hcp:101309). Default: every subject of the connectome's dataset (KS averaged over subjects).")
                { FrontEnds = FrontEnd.Magic, Examples = ["hcp:101309"] },
            new("fcd-window", ValueKind.Duration, "fcd_ks: FCD window length.") { Default = "60s", Min = 0, MinExclusive = true, FrontEnds = FrontEnd.Magic, Examples = ["60s", "1min"], BadExamples = ["0s"] },
            new("fcd-step", ValueKind.Duration, "fcd_ks: step between FCD windows.") { Default = "2s", Min = 0, MinExclusive = true, FrontEnds = FrontEnd.Magic, Examples = ["2s", "2000ms"], BadExamples = ["0"] },
            new("peak-of", ValueKind.Text, "peak_hz: state variable or observable whose spectrum is taken.") { DefaultNote = "the model's first state variable", FrontEnds = FrontEnd.Magic, Examples = ["x"] },
            new("peak-band", ValueKind.Interval, "peak_hz: frequency band low:high in Hz.") { DefaultNote = "all frequencies above 0", Unit = "Hz", FrontEnds = FrontEnd.Magic, Examples = ["2:40", "0.01:0.1"], BadExamples = ["40:2", "2-40"] },
            new("peak-sampling", ValueKind.Duration, "peak_hz: the variable is averaged over windows of this length (sampling 1000/ms Hz).")
                { PlainUnit = Grammar.TimeUnit.Milliseconds, Default = "4", Min = 0, MinExclusive = true, FrontEnds = FrontEnd.Magic, Examples = ["4", "4ms", "0.01s"], BadExamples = ["0"] },
            new("repeats", ValueKind.Integer, "Runs per grid point with seeds seed, seed+1, … (measures averaged in charts; one table row per run).")
                { Default = "1", Min = 1, Max = 1000, FrontEnds = FrontEnd.Magic, Examples = ["1", "5"], BadExamples = ["0", "2.5"] },
            // the simulation options of #!fwbm-simulate (on the command line a sweep is `fwbm simulate --sweep`)
            .. Simulate.Options.Where(o => (o.FrontEnds & FrontEnd.Magic) != 0 && o.Name is not ("show" or "name" or "raw")).Select(o => o with { FrontEnds = FrontEnd.Magic }),
            ShowOption("all", "none"),
            NameOption("sweep", "SweepView"),
        ]));
}
