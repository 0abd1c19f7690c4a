using System.Text.RegularExpressions;

namespace Fwbm.Core.Data;

/// <summary>Helpers for region labels: hemisphere from naming conventions, matching labels across datasets.</summary>
public static partial class RegionLabels
{
    /// <summary>
    /// Hemisphere flags (true = right) from the labels' naming convention, or null when any label is ambiguous.
    /// Understood: prefixes "r_", "rh_", "right_", "ctx-rh-", suffixes "_R", "_rh", Schaefer "_RH_"/"_LH_", and — only when
    /// every label follows it — TVB's "rA1"/"lV2" style and ENIGMA's "Rthal"/"Laccumb" style.
    /// </summary>
    public static bool[]? GuessHemispheres(IReadOnlyList<string> labels)
    {
        var result = new bool[labels.Count];
        bool all = true;
        for (int i = 0; i < labels.Count && all; i++)
        {
            var side = SafeSide(labels[i]);
            if (side is null) all = false; else result[i] = side.Value;
        }
        if (all) return result;
        if (labels.All(l => TvbStyle().IsMatch(l))) return labels.Select(l => l[0] == 'r').ToArray();
        if (labels.All(l => CapitalStyle().IsMatch(l))) return labels.Select(l => l[0] == 'R').ToArray();
        return null;
    }

    private static bool? SafeSide(string label) => Grammar.RegionNaming.Hemisphere(label);

    /// <summary>
    /// Labels made unique by suffixing every repeated label with _1, _2, … in order of appearance (TVB's 998-region
    /// connectivity repeats its 66 area names); null when they already are unique.
    /// </summary>
    public static string[]? MakeUnique(IReadOnlyList<string> labels)
    {
        var counts = labels.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (counts.Values.All(c => c == 1)) return null;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var taken = new HashSet<string>(labels, StringComparer.Ordinal);
        var result = new string[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            var l = labels[i];
            if (counts[l] == 1) { result[i] = l; continue; }
            int k = seen.TryGetValue(l, out var v) ? v : 0;
            string candidate;
            do candidate = $"{l}_{++k}"; while (taken.Contains(candidate));
            seen[l] = k;
            taken.Add(candidate);
            result[i] = candidate;
        }
        return result;
    }

    /// <summary>A label normalised for matching across datasets: lower case, separators removed.</summary>
    public static string Normalize(string label) => NonAlnum().Replace(label.ToLowerInvariant(), "");

    [GeneratedRegex(@"^[rl][A-Z0-9]")] private static partial Regex TvbStyle();
    [GeneratedRegex(@"^[RL][a-z]")] private static partial Regex CapitalStyle();
    [GeneratedRegex(@"[^a-z0-9]")] private static partial Regex NonAlnum();
}
