using Fwbm.Core.Grammar;

namespace Fwbm.Core.Options;

/// <summary>
/// The declaration of one option: drives the System.CommandLine option of <c>fwbm</c>, the magic's parameter, both helps and
/// docs/reference/options.md. Values are parsed by <see cref="OptionGrammar.Parse"/> only.
/// </summary>
/// <param name="Name">Without dashes, e.g. <c>duration</c>.</param>
public sealed record OptionSpec(string Name, ValueKind Kind, string Description)
{
    /// <summary>Other spellings on the command line, with dashes (e.g. <c>-G</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>The value used when the option is absent, as text (parsed like a given value); null: no default.</summary>
    public string? Default { get; init; }
    /// <summary>Shown instead of <see cref="Default"/> when the default is computed (e.g. "the model's").</summary>
    public string? DefaultNote { get; init; }
    /// <summary>What a plain number means for a <see cref="ValueKind.Duration"/>.</summary>
    public TimeUnit PlainUnit { get; init; } = TimeUnit.Seconds;
    /// <summary>The unit of a number (e.g. m/s), shown in help.</summary>
    public string? Unit { get; init; }
    /// <summary>The closed set of a <see cref="ValueKind.Choice"/> (or the allowed names of <see cref="ValueKind.Names"/>).</summary>
    public Func<IReadOnlyList<string>>? Choices { get; init; }
    /// <summary>Inclusive lower bound of a number/whole number (of a duration: in ms), exclusive with <see cref="MinExclusive"/>.</summary>
    public double? Min { get; init; }
    public bool MinExclusive { get; init; }
    public double? Max { get; init; }
    /// <summary>Values that parse (both front ends must accept each and agree on its meaning).</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];
    /// <summary>Values that must be refused with an error naming the option.</summary>
    public IReadOnlyList<string> BadExamples { get; init; } = [];
    public bool Required { get; init; }
    /// <summary>On the command line the option may be given several times (values concatenated).</summary>
    public bool Repeatable { get; init; }
    public FrontEnd FrontEnds { get; init; } = FrontEnd.Both;

    /// <summary><c>--name</c>.</summary>
    public string Flag => "--" + Name;

    /// <summary>One line of help: description, unit, plain-number meaning, allowed values, default.</summary>
    public string HelpText()
    {
        var s = Description.TrimEnd();
        if (Kind == ValueKind.Duration) s += $" Units {DurationText.UnitList}; a plain number is {DurationText.Plain(PlainUnit)}.";
        if (Unit is not null && Kind != ValueKind.Duration) s += $" Unit: {Unit}.";
        if (Kind is ValueKind.Axis or ValueKind.Range) s += $" Range: {RangeText.Forms}.";
        if (Choices is not null) s += $" Allowed: {string.Join(", ", Choices())}.";
        if (Default is not null || DefaultNote is not null) s += $" Default: {DefaultNote ?? Default}.";
        return s;
    }
}
