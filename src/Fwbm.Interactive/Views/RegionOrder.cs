using Fwbm.Core;
using Fwbm.Core.Grammar;

namespace Fwbm.Interactive;

/// <summary>
/// How matrix displays (FC, FC comparison, connectome weights) order their regions: by hemisphere (left then right; the default),
/// in the original order, or grouped — regions of a group together (groups in the given or first-appearance order, the original
/// order inside a group), with a divider and the group's name between groups. Magics take it as <c>--order</c>.
/// </summary>
public sealed class RegionOrder
{
    private readonly Func<IReadOnlyList<string>, IReadOnlyList<bool>?, string?[]?> _groupsOf;
    private readonly IReadOnlyList<string>? _groupOrder;

    private readonly bool _leftThenRight;

    private RegionOrder(string name, Func<IReadOnlyList<string>, IReadOnlyList<bool>?, string?[]?> groupsOf, IReadOnlyList<string>? groupOrder = null, bool leftThenRight = false)
    {
        Name = name; _groupsOf = groupsOf; _groupOrder = groupOrder; _leftThenRight = leftThenRight;
    }

    /// <summary>"hemisphere", "none", "networks", "lobes" or a description of the grouping.</summary>
    public string Name { get; }

    /// <summary>The regions in their original order, no groups.</summary>
    public static RegionOrder None { get; } = new("none", (_, _) => null);

    /// <summary>Left hemisphere, then right (from the hemisphere flags, else from labels such as Precentral_L, lh-…, 7Networks_LH_…).</summary>
    public static RegionOrder Hemisphere { get; } = new("hemisphere", (labels, right) =>
    {
        var r = right ?? HemispheresFromLabels(labels);
        return r is null ? null : r.Select(x => x ? "right" : "left").ToArray();
    }, ["left", "right"]);

    /// <summary>Schaefer networks read from labels such as 7Networks_LH_Vis_1 (both hemispheres of a network together, left first).</summary>
    public static RegionOrder Networks { get; } = new("networks", (labels, _) =>
    {
        var g = labels.Select(RegionNaming.Network).ToArray();
        return g.All(x => x is null) ? throw new FwbmException("RegionOrder.Networks: no region label names a network (expected Schaefer labels such as 7Networks_LH_Vis_1); give a label → group map instead.") : g;
    }, leftThenRight: true);

    /// <summary>
    /// Lobes read from Desikan–Killiany or AAL labels (frontal, parietal, temporal, occipital, cingulate, insula, limbic, subcortical;
    /// both hemispheres of a lobe together, a dotted divider between them); regions without a lobe go last as "other".
    /// </summary>
    public static RegionOrder Lobes { get; } = new("lobes", (labels, _) =>
    {
        var g = labels.Select(RegionNaming.Lobe).ToArray();
        return g.All(x => x is null) ? throw new FwbmException($"RegionOrder.Lobes: no region label names a lobe (expected Desikan–Killiany or AAL labels such as lh-superiorfrontal or Precentral_L; the regions are e.g. {string.Join(", ", labels.Take(3))}); give a label → group map instead.") : g;
    }, RegionNaming.LobeNames, leftThenRight: true);

    /// <summary>
    /// Group regions by label (<paramref name="groupOfLabel"/>: label → group name, e.g. Yeo networks); labels not in the map go last
    /// as "other". <paramref name="groupOrder"/> fixes the order of the groups (default: first appearance in region order).
    /// </summary>
    public static RegionOrder ByGroup(IReadOnlyDictionary<string, string> groupOfLabel, IEnumerable<string>? groupOrder = null, string name = "groups")
    {
        ArgumentNullException.ThrowIfNull(groupOfLabel);
        var map = new Dictionary<string, string>(groupOfLabel, StringComparer.OrdinalIgnoreCase);
        return new RegionOrder(name, (labels, _) =>
        {
            var g = labels.Select(l => map.TryGetValue(l, out var v) ? v : "other").ToArray();
            if (g.All(x => x == "other"))
                throw new FwbmException($"RegionOrder '{name}': none of the {labels.Count} region labels is in the grouping (it has e.g. {string.Join(", ", map.Keys.Take(3))}; the regions are e.g. {string.Join(", ", labels.Take(3))}).");
            return g;
        }, groupOrder?.ToArray());
    }

    /// <summary>Group regions by a function of the label (null → "other").</summary>
    public static RegionOrder ByGroup(Func<string, string?> groupOf, string name = "groups")
    {
        ArgumentNullException.ThrowIfNull(groupOf);
        return new RegionOrder(name, (labels, _) => labels.Select(l => groupOf(l) ?? "other").ToArray());
    }

    /// <summary>"hemisphere", "none", "networks" or "lobes" (case-insensitive); null for anything else.</summary>
    public static RegionOrder? Named(string name) => name.Trim().ToLowerInvariant() switch
    {
        "hemisphere" => Hemisphere,
        "none" => None,
        "networks" => Networks,
        "lobes" => Lobes,
        _ => null,
    };

    /// <summary>The names <see cref="Named"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["hemisphere", "none", "networks", "lobes"];

    /// <summary>A display order of regions and the groups as consecutive blocks (empty without groups).</summary>
    public sealed record Arrangement(int[] Order, IReadOnlyList<(string Group, int Start, int Count)> Blocks);

    /// <summary>Arrange regions with these labels (and hemisphere flags, when known).</summary>
    public Arrangement Arrange(IReadOnlyList<string> labels, IReadOnlyList<bool>? rightHemisphere = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var groups = _groupsOf(labels, rightHemisphere);
        if (groups is null) return new Arrangement(Enumerable.Range(0, labels.Count).ToArray(), []);
        var names = new List<string>();
        if (_groupOrder is not null) names.AddRange(_groupOrder.Where(g => groups.Contains(g)));
        foreach (var g in groups) if (g is not null && !names.Contains(g) && g != "other") names.Add(g);
        if (groups.Any(g => g is null || g == "other")) names.Add("other");
        var order = new List<int>(); var blocks = new List<(string, int, int)>();
        foreach (var name in names)
        {
            int start = order.Count;
            for (int i = 0; i < labels.Count; i++) if ((groups[i] ?? "other") == name) order.Add(i);
            // networks and lobes: the left hemisphere's regions of a group first, then the right's (the chart splits them with a dotted line)
            if (_leftThenRight && (rightHemisphere ?? HemispheresFromLabels(labels)) is { } right)
            {
                var inGroup = order.Skip(start).ToArray();
                order.RemoveRange(start, inGroup.Length);
                order.AddRange(inGroup.Where(i => !right[i]).Concat(inGroup.Where(i => right[i])));
            }
            if (order.Count > start) blocks.Add((name, start, order.Count - start));
        }
        return new Arrangement(order.ToArray(), blocks);
    }

    public override string ToString() => $"RegionOrder {Name}";

    /// <summary>
    /// Hemisphere flags (true = right) read from region labels — AAL "Precentral_L", DK "lh-…"/"l_…", Schaefer "7Networks_LH_…" —
    /// or null when some label names no hemisphere (the label conventions live in Core: <see cref="RegionNaming.Hemisphere"/>).
    /// </summary>
    public static bool[]? HemispheresFromLabels(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var r = new bool[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            if (HemisphereOf(labels[i]) is not bool right) return null;
            r[i] = right;
        }
        return labels.Count > 0 ? r : null;
    }

    private static bool? HemisphereOf(string label) => RegionNaming.Hemisphere(label);
}
