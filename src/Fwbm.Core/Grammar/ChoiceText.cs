namespace Fwbm.Core.Grammar;

/// <summary>
/// One value from a closed set, case-insensitive, answered with the canonical spelling; a near miss is answered with the shared <see cref="Suggest"/> ("did you mean …").
/// A choice written <c>prefix:N</c> (e.g. <c>cuda:N</c>) stands for the prefix followed by a whole number.
/// </summary>
public static class ChoiceText
{
    public static string Choose(string text, string option, IReadOnlyList<string> choices)
    {
        var t = text.Trim();
        foreach (var c in choices)
        {
            if (string.Equals(c, t, StringComparison.OrdinalIgnoreCase)) return c;
            if (c.EndsWith(":N", StringComparison.Ordinal) && t.StartsWith(c[..^1], StringComparison.OrdinalIgnoreCase)
                && t.Length > c.Length - 1 && t[(c.Length - 1)..].All(char.IsAsciiDigit))
                return c[..^1].ToLowerInvariant() + t[(c.Length - 1)..];
        }
        var hint = Suggest.DidYouMean(t, choices, quote: "");
        throw new FwbmException($"{option} '{t}' is not allowed; allowed values: {string.Join(", ", choices)}" + (hint is null ? "." : $"; {hint}"));
    }
}
