namespace Fwbm.Core.Grammar;

/// <summary>
/// The regions a selector chose: sorted, distinct 0-based indices into the space it was resolved against, and the selector's
/// canonical text (what <see cref="RegionSelector.Parse"/> reads back to the same selector).
/// </summary>
public sealed record RegionSelection
{
    public RegionSelection(IReadOnlyList<int> indices, string text, RegionSpace space)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(space);
        var sorted = indices.Distinct().Order().ToArray();
        foreach (var i in sorted)
            if (i < 0 || i >= space.Count) throw new FwbmException($"Region selection '{text}': index {i} is outside {space.Describe()}.");
        Indices = sorted;
        Text = text;
        Space = space;
    }

    /// <summary>Sorted, distinct 0-based region indices.</summary>
    public IReadOnlyList<int> Indices { get; }
    /// <summary>The canonical selector text.</summary>
    public string Text { get; }
    /// <summary>The regions the indices refer to.</summary>
    public RegionSpace Space { get; }

    public int Count => Indices.Count;
    public bool IsEmpty => Indices.Count == 0;
    /// <summary>The labels of the selected regions, in index order.</summary>
    public IReadOnlyList<string> Labels => Indices.Select(i => Space.Labels[i]).ToArray();

    /// <summary>A per-region flag: true where the region is selected.</summary>
    public bool[] Mask()
    {
        var m = new bool[Space.Count];
        foreach (var i in Indices) m[i] = true;
        return m;
    }

    public bool Contains(int region) => ((int[])Indices).AsSpan().BinarySearch(region) >= 0;

    public override string ToString() => $"{Text} → {Count} of {Space.Count} regions";
}
