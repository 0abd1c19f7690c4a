using FsCheck.Xunit;
using Fwbm.Core.Grammar;

namespace Fwbm.Core.Tests.Grammar;

/// <summary>Laws of the selector algebra and the canonical text, on random selectors over the three toy spaces.</summary>
public class RegionSelectorProperties
{
    private static RegionSelector Leaf(Random r, RegionSpace s)
    {
        var label = s.Labels[r.Next(s.Count)];
        int from = r.Next(s.Count);
        switch (r.Next(7))
        {
            case 0: return new AllRegions();
            case 1: return new RegionName(label, Quoted: r.Next(2) == 0);
            case 2: return new RegionIndex(from, from + r.Next(s.Count - from));
            case 3: return new RegionGlob(label[..(1 + r.Next(label.Length - 1))] + "*");
            case 4: return new RegionHemisphere(r.Next(2) == 0);
            case 5 when s.NetworkNames.Count > 0: return new RegionGroup(RegionGroupKind.Network, s.NetworkNames[r.Next(s.NetworkNames.Count)]);
            case 5 or 6 when s.LobeNames.Count > 0: return new RegionGroup(RegionGroupKind.Lobe, s.LobeNames[r.Next(s.LobeNames.Count)]);
            default: return new RegionGlob("*" + label[^2..]);
        }
    }

    internal static RegionSelector Tree(Random r, RegionSpace s, int depth) =>
        depth <= 0 || r.Next(3) == 0 ? Leaf(r, s) : r.Next(4) switch
        {
            0 => new RegionUnion(Tree(r, s, depth - 1), Tree(r, s, depth - 1)),
            1 => new RegionIntersection(Tree(r, s, depth - 1), Tree(r, s, depth - 1)),
            2 => new RegionDifference(Tree(r, s, depth - 1), Tree(r, s, depth - 1)),
            _ => new RegionComplement(Tree(r, s, depth - 1)),
        };

    private static (RegionSpace Space, Random Rng) Setup(int seed)
    {
        var r = new Random(seed);
        return (Spaces.All[r.Next(3)], r);
    }

    private static HashSet<int> Set(RegionSelector x, RegionSpace s) => [.. x.Resolve(s, allowEmpty: true).Indices];

    [Property(MaxTest = 300)]
    public bool Parse_of_the_canonical_text_gives_the_same_selector(int seed)
    {
        var (s, r) = Setup(seed);
        var x = Tree(r, s, 4);
        var text = x.ToString();
        var back = RegionSelector.Parse(text);
        return back == x && back.ToString() == text && RegionSelector.Parse(text.Replace(",", " | ")) == x;
    }

    [Property(MaxTest = 300)]
    public bool Union_intersection_difference_and_complement_are_the_set_operations(int seed)
    {
        var (s, r) = Setup(seed);
        RegionSelector a = Tree(r, s, 2), b = Tree(r, s, 2), c = Tree(r, s, 2);
        HashSet<int> A = Set(a, s), B = Set(b, s), all = [.. Enumerable.Range(0, s.Count)];
        return Set(new RegionUnion(a, b), s).SetEquals(A.Union(B))
            && Set(new RegionIntersection(a, b), s).SetEquals(A.Intersect(B))
            && Set(new RegionDifference(a, b), s).SetEquals(A.Except(B))
            && Set(new RegionComplement(a), s).SetEquals(all.Except(A))
            // De Morgan, a − b = a ∩ !b, distributivity
            && Set(new RegionComplement(new RegionUnion(a, b)), s).SetEquals(Set(new RegionIntersection(new RegionComplement(a), new RegionComplement(b)), s))
            && Set(new RegionDifference(a, b), s).SetEquals(Set(new RegionIntersection(a, new RegionComplement(b)), s))
            && Set(new RegionIntersection(a, new RegionUnion(b, c)), s).SetEquals(Set(new RegionUnion(new RegionIntersection(a, b), new RegionIntersection(a, c)), s))
            && Set(new RegionUnion(a, new RegionComplement(a)), s).SetEquals(all)
            && Set(new RegionUnion(a, b), s).SetEquals(Set(new RegionUnion(b, a), s));
    }

    [Property(MaxTest = 200)]
    public bool Indices_are_sorted_distinct_and_in_range(int seed)
    {
        var (s, r) = Setup(seed);
        var sel = Tree(r, s, 4).Resolve(s, allowEmpty: true);
        var ix = sel.Indices;
        return ix.Zip(ix.Skip(1)).All(p => p.First < p.Second) && ix.All(i => i >= 0 && i < s.Count)
            && sel.Mask().Count(m => m) == sel.Count;
    }

    [Property(MaxTest = 200)]
    public bool Star_is_every_region_and_each_quoted_label_is_its_region(int seed)
    {
        var r = new Random(seed);
        const string alphabet = "abcXYZ09_-.,&|!() *?#:'";
        var labels = Enumerable.Range(0, 1 + r.Next(12))
            .Select(k => new string(Enumerable.Range(0, 1 + r.Next(6)).Select(_ => alphabet[r.Next(alphabet.Length)]).ToArray()) + k)
            .Select(l => l.Trim()).Where(l => l.Length > 0).Distinct().ToArray();
        if (labels.Length == 0) return true;
        var space = new RegionSpace("random", labels);
        if (!RegionSelector.Select(space, "*").Indices.SequenceEqual(Enumerable.Range(0, labels.Length))) return false;
        for (int i = 0; i < labels.Length; i++)
        {
            var text = new RegionName(labels[i], Quoted: true).ToString();
            if (!RegionSelector.Select(space, text).Indices.SequenceEqual([i])) return false;
        }
        return true;
    }
}
