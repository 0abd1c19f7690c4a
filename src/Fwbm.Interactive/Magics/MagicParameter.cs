using Fwbm.Core.Options;

namespace Fwbm.Interactive.Magics;

/// <summary>One parameter of a magic: name (without dashes), doc, and what values it takes.</summary>
public sealed record MagicParameter(string Name, string Description)
{
    /// <summary>Hint for front ends: "number", "text", "file", "variable" …</summary>
    public string TypeHint { get; init; } = "text";
    /// <summary>A closed set of values: checked (case-insensitive), offered as completions and listed in errors and help.</summary>
    public Func<IEnumerable<string>>? Allowed { get; init; }
    /// <summary>An open set of suggestions (completions only), e.g. dataset ids or variable names.</summary>
    public Func<IEnumerable<string>>? Suggestions { get; init; }
    /// <summary>Shown in help; the magic applies it when the parameter is absent.</summary>
    public string? Default { get; init; }
    public bool Required { get; init; }
    /// <summary>A switch without a value.</summary>
    public bool Flag { get; init; }
    /// <summary>Types of the notebook's C# variables this parameter takes: their names are offered as completions (before <see cref="Suggestions"/>).</summary>
    public IReadOnlyList<Type>? VariableTypes { get; init; }
    /// <summary>The value may be given without its name, as the first word after the magic (e.g. the path of <c>#!fwbm-load run.h5</c>).</summary>
    public bool ImplicitName { get; init; }
    /// <summary>The catalogue declaration the parameter comes from (<see cref="OptionCatalog"/>); its grammar parses the value.</summary>
    public OptionSpec? Spec { get; init; }

    /// <summary>Other long spellings of the parameter (the catalogue's <c>--</c> aliases, e.g. <c>--normalize</c> for <c>--normalise</c>).</summary>
    public IReadOnlyList<string> Aliases => Spec?.Aliases.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Select(a => a[2..]).ToArray() ?? [];

    /// <summary>True when <paramref name="name"/> (without dashes, any case, dashes and underscores ignored) is this parameter's name or an alias.</summary>
    internal bool Answers(string name)
    {
        static string Key(string n) => n.TrimStart('-').Replace("-", "").Replace("_", "");
        return string.Equals(Key(Name), Key(name), StringComparison.OrdinalIgnoreCase) || Aliases.Any(a => string.Equals(Key(a), Key(name), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The option the value is parsed as: <see cref="Spec"/>, or (for a parameter declared only here) text or a choice.</summary>
    internal OptionSpec Option => Spec ?? new OptionSpec(Name, Flag ? ValueKind.Flag : Allowed is not null ? ValueKind.Choice : ValueKind.Text, Description)
    {
        Default = Default, Required = Required, Choices = Allowed is null ? null : () => Allowed().ToArray(),
    };

    /// <summary>The parameter of a catalogue option: description, default, allowed values, type hint.</summary>
    public static MagicParameter From(OptionSpec spec)
    {
        string description = spec.Description;
        if (spec.Kind == ValueKind.Duration) description += $" Units ms, s, min; a plain number is {Core.Grammar.DurationText.Plain(spec.PlainUnit)}.";
        else if (spec.Unit is not null) description += $" Unit: {spec.Unit}.";
        if (spec.Kind is ValueKind.Axis or ValueKind.Range) description += $" Range: {Core.Grammar.RangeText.Forms}.";
        return new MagicParameter(spec.Name, description)
        {
            Spec = spec,
            Required = spec.Required,
            Flag = spec.Kind == ValueKind.Flag,
            Default = spec.Default ?? spec.DefaultNote,
            Allowed = spec.Kind == ValueKind.Choice && spec.Choices is { } c ? () => c() : null,
            Suggestions = spec.Kind is ValueKind.Names or ValueKind.Measures && spec.Choices is { } n ? () => n() : null,
            TypeHint = spec.Kind switch
            {
                ValueKind.Number or ValueKind.Integer or ValueKind.Seed => "number",
                ValueKind.Duration => "duration",
                _ => "text",
            },
        };
    }
}
