namespace Fwbm.Core.Options;

public static partial class OptionCatalog
{
    /// <summary>
    /// The simulation options of <c>#!fwbm-simulate</c> (its connectome edits and stimuli included) as a magic-only command's, leaving out
    /// <paramref name="own"/>'s names and <paramref name="skip"/>: the scenario magics run what #!fwbm-simulate runs.
    /// </summary>
    private static IEnumerable<OptionSpec> SimulationOptionsFor(IReadOnlyList<OptionSpec> own, params string[] skip) =>
        Simulate.Options.Where(o => (o.FrontEnds & FrontEnd.Magic) != 0 && !skip.Contains(o.Name) && own.All(m => m.Name != o.Name))
            .Select(o => o with { FrontEnds = FrontEnd.Magic });

    /// <summary><c>#!fwbm-surgery</c>: the intact and the edited connectome run with the same seed, and their comparison.</summary>
    public static CommandOptions Surgery => surgeryOptions.Value;

    /// <summary><c>#!fwbm-lesion</c>: another name of <c>#!fwbm-surgery</c> (the same options).</summary>
    public static CommandOptions Lesion => lesionOptions.Value;

    private const string SurgeryDescription =
        "Apply connectome edits (resect, silence, lesion, disconnect, callosotomy, tumour, demyelinate, null connectomes) to the connectome, run the intact and the edited " +
        "connectome with the same seed, show the before/after card (3-D connectome with the changes marked, ΔFC, measure changes, the edits) and bind a SurgeryRun.";

    private static readonly Lazy<CommandOptions> surgeryOptions = new(() => new("surgery", SurgeryDescription, [.. SurgeryOwn(), .. SimulationOptionsFor(SurgeryOwn(), "show", "name", "save", "compare-intact", "evoked", "sweep", "measure")]));

    private static readonly Lazy<CommandOptions> lesionOptions = new(() => new("lesion", "Same as #!fwbm-surgery. " + SurgeryDescription, Surgery.Options));

    private static OptionSpec[] SurgeryOwn() => surgeryOwn.Value;

    private static readonly Lazy<OptionSpec[]> surgeryOwn = new(() =>
    [
        new("edges", ValueKind.Integer, "How many of the strongest unchanged connections the 3-D view draws (every changed one is drawn).")
            { Default = "150", Min = 0, FrontEnds = FrontEnd.Magic, Examples = ["150", "0"], BadExamples = ["-1", "many"] },
        ShowOption("all", "none"),
        NameOption("surgery", "SurgeryRun"),
    ]);

    /// <summary><c>#!fwbm-stimulate</c>: a stimulated run and its analysis (evoked responses, onset latency vs distance, entrainment).</summary>
    public static CommandOptions Stimulate => stimulateOptions.Value;

    private static readonly Lazy<CommandOptions> stimulateOptions = new(() =>
    {
        OptionSpec[] own =
        [
            new("baseline", ValueKind.Duration, "Evoked responses: the baseline before each trial onset (subtracted; its SD sets the onset band).")
                { Default = "50ms", PlainUnit = Grammar.TimeUnit.Milliseconds, Min = 0, MinExclusive = true, FrontEnds = FrontEnd.Magic, Examples = ["50ms", "20"], BadExamples = ["0", "soon"] },
            new("window", ValueKind.Duration, "Evoked responses: the window after each trial onset.")
                { Default = "200ms", PlainUnit = Grammar.TimeUnit.Milliseconds, Min = 0, MinExclusive = true, FrontEnds = FrontEnd.Magic, Examples = ["200ms", "0.5s"], BadExamples = ["0", "-5"] },
            new("threshold", ValueKind.Number, "Onset latency: the response leaves the baseline band of this many baseline SDs.")
                { Default = "3", Min = 0, MinExclusive = true, FrontEnds = FrontEnd.Magic, Examples = ["3", "2.5"], BadExamples = ["0", "high"] },
            new("min-deviation", ValueKind.Number, "Onset latency: the smallest deviation from the baseline that counts as a response (the band is the larger of --threshold SDs and this); a noise-free run, whose baseline SD is 0, needs it.")
                { Default = "0", Min = 0, FrontEnds = FrontEnd.Magic, Examples = ["0", "1e-3"], BadExamples = ["-1", "tiny"] },
            new("frequency", ValueKind.Number, "Entrainment: the frequency measured (Hz).")
                { DefaultNote = "the stimulus' driving frequency", Unit = "Hz", Min = 0, MinExclusive = true, FrontEnds = FrontEnd.Magic, Examples = ["10", "130"], BadExamples = ["0", "alpha"] },
            RawOption with { Default = "1ms", DefaultNote = null, FrontEnds = FrontEnd.Magic,
                Description = "Record the state variables every <interval> (a whole number of steps): the analysis reads the stimulated variable's recording." },
            ShowOption("all", "none"),
            NameOption("stim", "StimulationRun"),
        ];
        return new CommandOptions("stimulate",
            "Run a model with stimuli (--stimulus), show the stimulus, the evoked responses sorted by onset latency, latency vs distance from the stimulated site and the entrainment map, and bind a StimulationRun.",
            [.. own, .. SimulationOptionsFor(own, "save", "evoked", "compare-intact", "sweep", "measure")]);
    });
}
