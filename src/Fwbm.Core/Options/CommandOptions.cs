namespace Fwbm.Core.Options;

/// <summary>The options of one command (<c>fwbm simulate</c> / <c>#!fwbm-simulate</c> …), declared once in <see cref="OptionCatalog"/>.</summary>
public sealed record CommandOptions(string Command, string Description, IReadOnlyList<OptionSpec> Options)
{
    /// <summary>The option called <paramref name="name"/> (without dashes, case-insensitive; aliases too).</summary>
    public OptionSpec this[string name] => Find(name) ?? throw new InvalidOperationException($"Command '{Command}' declares no option '{name}'.");

    public OptionSpec? Find(string name)
    {
        var n = name.TrimStart('-');
        return Options.FirstOrDefault(o => string.Equals(o.Name, n, StringComparison.OrdinalIgnoreCase))
            ?? Options.FirstOrDefault(o => o.Aliases.Any(a => string.Equals(a.TrimStart('-'), n, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The options one front end offers, in declaration order.</summary>
    public IEnumerable<OptionSpec> For(FrontEnd frontEnd) => Options.Where(o => (o.FrontEnds & frontEnd) != 0);
}
