using System.Globalization;
using Fwbm.Core.Connectivity;

namespace Fwbm.Interactive;

/// <summary>What happened to a region of the intact connectome in the edited one.</summary>
public enum RegionChange
{
    /// <summary>In the edited connectome with at least one connection (or had none before either).</summary>
    Kept,
    /// <summary>Its label is missing from the edited connectome (rows and columns removed).</summary>
    Resected,
    /// <summary>Still there, but every connection it had is gone (inputs and outputs zero).</summary>
    Silenced,
}

/// <summary>What happened to a connection (an unordered region pair, the larger of its two directions).</summary>
public enum EdgeChange { Unchanged, Removed, Weakened, Strengthened, Added, Slowed }

/// <summary>One region pair of the intact connectome (indices into it) with its weight before and after and the tract-length ratio after/before.</summary>
public readonly record struct EdgeDiff(int I, int J, double Before, double After, double LengthRatio, EdgeChange Kind);

/// <summary>
/// The difference between an intact and an edited connectome, regions matched BY LABEL (a resected region is a label missing from the
/// edited one): what happened to each region and to each connection. Pure function of the two connectomes.
/// </summary>
public sealed record SurgeryDiff(IReadOnlyList<string> Labels, IReadOnlyList<RegionChange> Region, IReadOnlyList<EdgeDiff> Edges)
{
    private const double Tolerance = 1e-12;

    /// <summary>The diff of <paramref name="edited"/> against <paramref name="intact"/> (indices are the intact connectome's).</summary>
    public static SurgeryDiff Of(Connectome intact, Connectome edited)
    {
        ArgumentNullException.ThrowIfNull(intact);
        ArgumentNullException.ThrowIfNull(edited);
        int n = intact.Count;
        var at = new int[n];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < edited.Count; k++) index.TryAdd(edited.Labels[k], k);
        for (int i = 0; i < n; i++) at[i] = index.TryGetValue(intact.Labels[i], out int k) ? k : -1;
        double Pair(Connectome c, int a, int b) => Math.Max(Math.Abs(c.Weight(a, b)), Math.Abs(c.Weight(b, a)));
        bool lengths = intact.HasTractLengths && edited.HasTractLengths;
        var il = intact.TractLengths; var el = edited.TractLengths;
        var edges = new List<EdgeDiff>();
        var hadAny = new bool[n]; var hasAny = new bool[n];
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double before = Pair(intact, i, j);
                double after = at[i] >= 0 && at[j] >= 0 ? Pair(edited, at[i], at[j]) : 0;
                if (before > 0) hadAny[i] = hadAny[j] = true;
                if (after > 0) hasAny[i] = hasAny[j] = true;
                if (before == 0 && after == 0) continue;
                double ratio = 1;
                if (lengths && at[i] >= 0 && at[j] >= 0)
                {
                    double lb = Math.Max(il[i * n + j], il[j * n + i]), la = Math.Max(el[at[i] * edited.Count + at[j]], el[at[j] * edited.Count + at[i]]);
                    ratio = lb > 0 ? la / lb : 1;
                }
                double tol = Tolerance * Math.Max(1, before);
                var kind = after == 0 ? EdgeChange.Removed
                    : before == 0 ? EdgeChange.Added
                    : after < before - tol ? EdgeChange.Weakened
                    : after > before + tol ? EdgeChange.Strengthened
                    : ratio > 1 + 1e-9 ? EdgeChange.Slowed
                    : EdgeChange.Unchanged;
                edges.Add(new EdgeDiff(i, j, before, after, ratio, kind));
            }
        var region = new RegionChange[n];
        for (int i = 0; i < n; i++)
            region[i] = at[i] < 0 ? RegionChange.Resected : hadAny[i] && !hasAny[i] ? RegionChange.Silenced : RegionChange.Kept;
        return new SurgeryDiff(intact.Labels, region, edges);
    }

    /// <summary>Labels of the regions with change <paramref name="kind"/>.</summary>
    public IReadOnlyList<string> RegionsThat(RegionChange kind) => Enumerable.Range(0, Labels.Count).Where(i => Region[i] == kind).Select(i => Labels[i]).ToArray();

    /// <summary>How many connections changed as <paramref name="kind"/> says.</summary>
    public int Count(EdgeChange kind) => Edges.Count(e => e.Kind == kind);

    /// <summary>One line: the regions resected and silenced (first few named) and the connections removed, weakened, added, slowed.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Regions(RegionChange k, string verb)
        {
            var r = RegionsThat(k);
            if (r.Count > 0) parts.Add($"{r.Count} region{(r.Count == 1 ? "" : "s")} {verb} ({string.Join(", ", r.Take(4))}{(r.Count > 4 ? ", …" : "")})");
        }
        Regions(RegionChange.Resected, "resected");
        Regions(RegionChange.Silenced, "silenced");
        foreach (var (k, verb) in new[] { (EdgeChange.Removed, "removed"), (EdgeChange.Weakened, "weakened"), (EdgeChange.Strengthened, "strengthened"), (EdgeChange.Added, "added"), (EdgeChange.Slowed, "slowed") })
            if (Count(k) is int c and > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{c} connection{(c == 1 ? "" : "s")} {verb}"));
        return parts.Count == 0 ? "no change" : string.Join(", ", parts);
    }

    /// <summary>ΔFC = edited − intact over the labels both have, in the intact FC's region order, with the intact hemisphere flags.</summary>
    public static (string[] Labels, bool[]? Right, double[] Delta) DeltaFc(FcMatrix intact, FcMatrix edited)
    {
        ArgumentNullException.ThrowIfNull(intact);
        ArgumentNullException.ThrowIfNull(edited);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < edited.Count; k++) index.TryAdd(edited.Labels[k], k);
        var keep = Enumerable.Range(0, intact.Count).Where(i => index.ContainsKey(intact.Labels[i])).ToArray();
        int n = keep.Length;
        var delta = new double[n * n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
                delta[a * n + b] = edited[index[intact.Labels[keep[a]]], index[intact.Labels[keep[b]]]] - intact[keep[a], keep[b]];
        var rightAll = intact.RightHemisphere ?? RegionOrder.HemispheresFromLabels(intact.Labels);
        return (keep.Select(i => intact.Labels[i]).ToArray(), rightAll is null ? null : keep.Select(i => rightAll[i]).ToArray(), delta);
    }
}
