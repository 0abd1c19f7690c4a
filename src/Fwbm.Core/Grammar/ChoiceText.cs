namespace Fwbm.Core.Grammar;

/// <summary>
/// One value from a closed set, case-insensitive, answered with the canonical spelling; a near miss is answered with "did you mean …".
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
        throw new FwbmException($"{option} '{t}' is not allowed; allowed values: {string.Join(", ", choices)}.{DidYouMean(t, choices)}");
    }

    /// <summary>" Did you mean x?" for the nearest choice within a third of its length (at least 2 edits) or the one choice the text begins, else "".</summary>
    public static string DidYouMean(string text, IEnumerable<string> choices)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in choices)
        {
            int d = Distance(text.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) { best = c; bestDistance = d; }
        }
        if (best is not null && bestDistance <= Math.Max(2, best.Length / 3)) return $" Did you mean {best}?";
        // a prefix of one choice ("wilson" for wilson_cowan) also names it
        var prefixed = text.Length >= 3 ? choices.Where(c => c.StartsWith(text, StringComparison.OrdinalIgnoreCase)).Take(2).ToArray() : [];
        return prefixed.Length == 1 ? $" Did you mean {prefixed[0]}?" : "";
    }

    // Levenshtein distance (two rows). Private on purpose: the shared suggestion helper replaces it after the merge.
    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
