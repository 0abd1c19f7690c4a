using Fwbm.Core.Grammar;

namespace Fwbm.Core.Options;

public static partial class OptionCatalog
{
    internal static readonly OptionSpec EvokedOption = new("evoked", ValueKind.Flag,
        "Analyse the stimulated run (needs --stimulus): evoked.csv / evoked_se.csv (trial-averaged, baseline-corrected response of the stimulated variable per region), " +
        "latency.csv (onset latency vs tract length and path distance from the site), entrainment.csv (power and phase locking at the driving frequency), and an 'evoked' section in summary.json. " +
        "Records the stimulated variable every 1 ms (or every step when dt is longer) when --raw is not given.")
    { FrontEnds = FrontEnd.Cli };

    internal static readonly OptionSpec EvokedWindowOption = new("evoked-window", ValueKind.Duration, "Post-stimulus window of each --evoked epoch.")
    { Default = "200ms", PlainUnit = TimeUnit.Milliseconds, Min = 0, MinExclusive = true, FrontEnds = FrontEnd.Cli, Examples = ["200ms", "0.5s", "80"], BadExamples = ["0", "long"] };

    internal static readonly OptionSpec EvokedBaselineOption = new("evoked-baseline", ValueKind.Duration,
        "Pre-stimulus baseline of each --evoked epoch: its mean is subtracted per trial, its spread sets the latency band (at least 2 samples).")
    { Default = "50ms", PlainUnit = TimeUnit.Milliseconds, Min = 0, MinExclusive = true, FrontEnds = FrontEnd.Cli, Examples = ["50ms", "20", "0.1s"], BadExamples = ["0", "-5ms"] };

    internal static readonly OptionSpec EvokedThresholdOption = new("evoked-threshold", ValueKind.Number,
        "Onset criterion of latency.csv: a region responds when |evoked| exceeds this many baseline standard deviations for 3 consecutive samples.")
    { Default = "3", Unit = "SD", Min = 0, FrontEnds = FrontEnd.Cli, Examples = ["3", "5", "2.5"], BadExamples = ["-1", "high"] };

    /// <summary>The stimulation-analysis options of <c>fwbm simulate</c> (read by src/Fwbm.Cli/Commands/SimulateEvoked.cs).</summary>
    internal static IReadOnlyList<OptionSpec> EvokedOptions => [EvokedOption, EvokedWindowOption, EvokedBaselineOption, EvokedThresholdOption];
}
