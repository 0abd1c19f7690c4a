namespace Fwbm.Core.Grammar;

/// <summary>
/// The shared "did you mean …" helper used by every error message about an unknown name: up to three candidates that are
/// close to the query by a case-insensitive Damerau–Levenshtein distance (optimal string alignment: an insertion, deletion,
/// substitution or swap of two neighbouring characters costs 1), or that start with / contain the query.
/// <para>
/// A candidate qualifies when (a) it equals the query ignoring case, or (b) its distance is at most max(1, ⌊(s + 1) / 4⌋)
/// where s ≥ 3 is the length of the shorter of the two (about one edit per four characters; names shorter than three
/// characters get no edit-distance suggestions, so "b" never suggests "a", while "hopff" suggests "hopf"), or (c) one starts with the other and the shorter has ≥ 2 characters, or (d) one contains the other and
/// the shorter has ≥ 3 characters. Ranked by distance (a prefix or substring match counts as at most 1 and 2 edits
/// respectively), then by length difference, then ordinally.
/// </para>
/// </summary>
public static class Suggest
{
    /// <summary>How many candidates <see cref="Nearest"/> returns by default.</summary>
    public const int DefaultMax = 3;

    /// <summary>The candidates closest to <paramref name="query"/>, best first (empty when none is close).</summary>
    public static IReadOnlyList<string> Nearest(string query, IEnumerable<string> candidates, int max = DefaultMax)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(candidates);
        if (max <= 0) return [];
        var q = query.Trim();
        if (q.Length == 0) return [];
        var scored = new List<(string Name, int Score, int LengthGap)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in candidates)
        {
            if (string.IsNullOrEmpty(c) || !seen.Add(c)) continue;
            if (Score(q, c) is int s) scored.Add((c, s, Math.Abs(c.Length - q.Length)));
        }
        return scored.OrderBy(x => x.Score).ThenBy(x => x.LengthGap).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(max).Select(x => x.Name).ToArray();
    }

    /// <summary>
    /// "did you mean 'a', 'b' or 'c'?" for the nearest candidates, or null when none is close. <paramref name="quote"/> wraps
    /// each name (default a single quote; pass "" for bare names).
    /// </summary>
    public static string? DidYouMean(string query, IEnumerable<string> candidates, string quote = "'", int max = DefaultMax)
    {
        var near = Nearest(query, candidates, max);
        return near.Count == 0 ? null : $"did you mean {Join(near, quote)}?";
    }

    /// <summary>Names joined as "a", "a or b", "a, b or c" (each wrapped in <paramref name="quote"/>).</summary>
    public static string Join(IReadOnlyList<string> names, string quote = "'")
    {
        ArgumentNullException.ThrowIfNull(names);
        var q = names.Select(n => quote + n + quote).ToArray();
        return q.Length switch
        {
            0 => "",
            1 => q[0],
            _ => string.Join(", ", q[..^1]) + " or " + q[^1],
        };
    }

    /// <summary>Case-insensitive optimal-string-alignment (restricted Damerau–Levenshtein) distance.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n = a.Length, m = b.Length;
        if (n == 0) return m;
        if (m == 0) return n;
        var d = new int[n + 1, m + 1];
        for (int i = 0; i <= n; i++) d[i, 0] = i;
        for (int j = 0; j <= m; j++) d[0, j] = j;
        for (int i = 1; i <= n; i++)
        {
            char ai = char.ToUpperInvariant(a[i - 1]);
            for (int j = 1; j <= m; j++)
            {
                char bj = char.ToUpperInvariant(b[j - 1]);
                int cost = ai == bj ? 0 : 1;
                int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && ai == char.ToUpperInvariant(b[j - 2]) && char.ToUpperInvariant(a[i - 2]) == bj)
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        }
        return d[n, m];
    }

    /// <summary>The largest distance at which a candidate still counts as near.</summary>
    public static int Threshold(string query, string candidate)
    {
        int shorter = Math.Min(query.Length, candidate.Length);
        return shorter < 3 ? 0 : Math.Max(1, (shorter + 1) / 4);
    }

    private static int? Score(string q, string c)
    {
        if (string.Equals(q, c, StringComparison.OrdinalIgnoreCase)) return 0;
        int best = int.MaxValue;
        int shorter = Math.Min(q.Length, c.Length);
        if (shorter >= 2 && (c.StartsWith(q, StringComparison.OrdinalIgnoreCase) || q.StartsWith(c, StringComparison.OrdinalIgnoreCase))) best = 1;
        else if (shorter >= 3 && (c.Contains(q, StringComparison.OrdinalIgnoreCase) || q.Contains(c, StringComparison.OrdinalIgnoreCase))) best = 2;
        // The edit distance is at least the length gap: skip the quadratic work for candidates that cannot be near.
        int limit = Threshold(q, c);
        if (Math.Abs(q.Length - c.Length) <= limit)
        {
            int d = Distance(q, c);
            if (d <= limit) best = Math.Min(best, d);
        }
        return best == int.MaxValue ? null : best;
    }
}
