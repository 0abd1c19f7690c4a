using System.Globalization;
using System.Text.RegularExpressions;

namespace Fwbm.Core.Grammar;

/// <summary>
/// A region selector: parsed once, resolved against any <see cref="RegionSpace"/>. Grammar (docs/reference/regions-and-vectors.md):
/// <code>
/// selector := union
/// union    := inter { ("," | "|") inter }          lowest precedence
/// inter    := diff { "&amp;" diff }
/// diff     := unary { "-" unary }                  "-" starts an operator only where a name cannot continue (after a space or ")")
/// unary    := "!" unary | primary                  "!x" = every region not in x
/// primary  := "(" union ")" | quoted-label | "*" | "all" | "left" | "lh" | "right" | "rh"
///           | "#" index [".." index] | "network:" name | "lobe:" name | glob (contains * or ?) | name
/// </code>
/// Precedence follows Python's set operators: "!" binds tightest, then "-", then "&amp;", then union. A bare name is a label
/// (exact, else case-insensitive when unique), else a network or lobe name; a quoted name is always a label.
/// Instances are immutable records: equal selectors compare equal, and <see cref="ToString"/> is the canonical text.
/// </summary>
public abstract record RegionSelector
{
    private protected RegionSelector() { }

    /// <summary>Parse a selector; <paramref name="subject"/> (e.g. "--resect") starts every error message.</summary>
    public static RegionSelector Parse(string text, string? subject = null) => RegionSelectorParser.Parse(text, subject);

    /// <summary>Parse and resolve in one step.</summary>
    public static RegionSelection Select(RegionSpace space, string text, bool allowEmpty = false, string? subject = null) =>
        Parse(text, subject).Resolve(space, allowEmpty, subject);

    /// <summary>
    /// The regions this selector picks in <paramref name="space"/>. An unknown label, network or lobe names the connectome and
    /// suggests the nearest names; an empty result is an error unless <paramref name="allowEmpty"/>.
    /// </summary>
    public RegionSelection Resolve(RegionSpace space, bool allowEmpty = false, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(space);
        var text = ToString();
        var err = new Errors(subject, text, space);
        var mask = Evaluate(space, err);
        var idx = new List<int>();
        for (int i = 0; i < mask.Length; i++) if (mask[i]) idx.Add(i);
        if (idx.Count == 0 && !allowEmpty) throw err.Fail("selects no region");
        return new RegionSelection(idx, text, space);
    }

    internal abstract bool[] Evaluate(RegionSpace space, Errors err);

    /// <summary>Binding strength for printing: union 1, intersection 2, difference 3, complement 4, primary 5.</summary>
    internal virtual int Precedence => 5;

    /// <summary>The canonical text.</summary>
    public abstract override string ToString();

    internal static string Wrap(RegionSelector s, bool parens) => parens ? $"({s})" : s.ToString();

    /// <summary>A message ending in one full stop (none after a question).</summary>
    internal static string Sentence(string s) => s.EndsWith('?') || s.EndsWith('.') ? s : s + ".";

    /// <summary>Error messages that start with the option and the selector text.</summary>
    internal sealed class Errors(string? subject, string text, RegionSpace space)
    {
        public RegionSpace Space => space;
        public FwbmException Fail(string problem, string? hint = null) => new(Sentence($"{subject ?? "region selection"} '{text}': {problem}{(hint is null ? "" : "; " + hint)}"));
    }
}

/// <summary>Every region ("*" or "all").</summary>
public sealed record AllRegions : RegionSelector
{
    internal override bool[] Evaluate(RegionSpace space, Errors err) => Enumerable.Repeat(true, space.Count).ToArray();
    public override string ToString() => "*";
}

/// <summary>
/// A name: a region label (exact, else case-insensitive when unique), else a network name or alias (Schaefer), else a lobe name.
/// <paramref name="Quoted"/> names are labels only.
/// </summary>
public sealed record RegionName(string Name, bool Quoted = false) : RegionSelector
{
    internal override bool[] Evaluate(RegionSpace space, Errors err)
    {
        var m = new bool[space.Count];
        for (int i = 0; i < space.Count; i++) if (space.Labels[i] == Name) { m[i] = true; return m; }
        var loose = Enumerable.Range(0, space.Count).Where(i => string.Equals(space.Labels[i], Name, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (loose.Length > 1)
            throw err.Fail($"'{Name}' matches {Suggest.Join(loose.Select(i => space.Labels[i]).ToArray())} of {space.Describe()} ignoring case", "labels are case-sensitive");
        if (loose.Length == 1) { m[loose[0]] = true; return m; }
        if (!Quoted)
        {
            var net = RegionGroup.NetworkMask(space, Name);
            if (net is not null) return net;
            var lobe = RegionGroup.LobeMask(space, Name);
            if (lobe is not null) return lobe;
        }
        var aliases = RegionNaming.NetworkAliases.Where(a => space.NetworkNames.Contains(a.Value, StringComparer.OrdinalIgnoreCase)).Select(a => a.Key);
        var names = space.Labels.Concat(space.NetworkNames).Concat(aliases).Concat(space.LobeNames);
        var hint = Suggest.DidYouMean(Name, names);
        if (int.TryParse(Name, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
            hint = (hint is null ? "" : hint + "; ") + $"for the region at 0-based index {k} write #{k}";
        throw err.Fail($"{space.Describe()} has no region{(Quoted ? "" : ", network or lobe")} '{Name}'",
            hint ?? $"its labels look like {Suggest.Join(space.Labels.Take(3).ToArray())}");
    }

    public override string ToString() => Quoted || RegionSelectorParser.NeedsQuotes(Name) ? RegionSelectorParser.Quote(Name) : Name;
}

/// <summary>Regions by 0-based index: "#12" or an inclusive range "#0..9".</summary>
public sealed record RegionIndex(int From, int To) : RegionSelector
{
    internal override bool[] Evaluate(RegionSpace space, Errors err)
    {
        if (From < 0 || From > To) throw err.Fail($"#{From}..{To} is not a range; expected 0 ≤ from ≤ to");
        if (To >= space.Count)
            throw err.Fail($"#{To} is out of range: {space.Describe()} has indices #0…#{space.Count - 1}");
        var m = new bool[space.Count];
        for (int i = From; i <= To; i++) m[i] = true;
        return m;
    }

    public override string ToString() => From == To ? $"#{From}" : $"#{From}..{To}";
}

/// <summary>Labels matching a glob ("*" any run, "?" one character; case-insensitive), e.g. "ctx-lh-*", "*_L".</summary>
public sealed record RegionGlob(string Pattern) : RegionSelector
{
    internal override bool[] Evaluate(RegionSpace space, Errors err)
    {
        var rx = new Regex("^" + Regex.Escape(Pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var m = space.Labels.Select(l => rx.IsMatch(l)).ToArray();
        if (!m.Any(x => x))
            throw err.Fail($"'{Pattern}' matches no label of {space.Describe()}", $"its labels look like {Suggest.Join(space.Labels.Take(3).ToArray())}");
        return m;
    }

    public override string ToString() => Pattern;
}

/// <summary>A hemisphere ("left"/"lh", "right"/"rh"); regions whose side is unknown are never selected.</summary>
public sealed record RegionHemisphere(bool Right) : RegionSelector
{
    internal override bool[] Evaluate(RegionSpace space, Errors err)
    {
        if (space.RightHemisphere.All(h => h is null))
            throw err.Fail($"{space.Describe()} has no hemisphere information (its labels, e.g. {Suggest.Join(space.Labels.Take(2).ToArray())}, name no side)");
        return space.RightHemisphere.Select(h => h == Right).ToArray();
    }

    public override string ToString() => Right ? "right" : "left";
}

/// <summary>A labelled group of regions: "network:Vis" (Schaefer networks) or "lobe:frontal" (Desikan–Killiany, AAL).</summary>
public sealed record RegionGroup(RegionGroupKind Kind, string Name) : RegionSelector
{
    internal override bool[] Evaluate(RegionSpace space, Errors err)
    {
        if (Kind == RegionGroupKind.Network)
        {
            if (space.NetworkNames.Count == 0)
                throw err.Fail($"{space.Describe()} has no networks (networks are read from Schaefer labels such as 7Networks_LH_Vis_1)");
            return NetworkMask(space, Name) ?? throw err.Fail($"{space.Describe()} has no network '{Name}'",
                Suggest.DidYouMean(Name, space.NetworkNames.Concat(RegionNaming.NetworkAliases.Keys)) ?? $"its networks are {Suggest.Join(space.NetworkNames)}");
        }
        if (space.LobeNames.Count == 0)
            throw err.Fail($"{space.Describe()} has no lobes (lobes are known for Desikan–Killiany and AAL labels)");
        return LobeMask(space, Name) ?? throw err.Fail($"{space.Describe()} has no lobe '{Name}'",
            Suggest.DidYouMean(Name, space.LobeNames) ?? $"its lobes are {Suggest.Join(space.LobeNames)}");
    }

    public override string ToString() => (Kind == RegionGroupKind.Network ? "network:" : "lobe:") +
        (RegionSelectorParser.NeedsQuotes(Name) ? RegionSelectorParser.Quote(Name) : Name);

    internal static bool[]? NetworkMask(RegionSpace space, string name)
    {
        var target = RegionNaming.NetworkAliases.TryGetValue(name, out var a) ? a : name;
        var m = space.Networks.Select(x => string.Equals(x, target, StringComparison.OrdinalIgnoreCase)).ToArray();
        return m.Any(x => x) ? m : null;
    }

    internal static bool[]? LobeMask(RegionSpace space, string name)
    {
        var m = space.Lobes.Select(x => string.Equals(x, name, StringComparison.OrdinalIgnoreCase)).ToArray();
        return m.Any(x => x) ? m : null;
    }
}

/// <summary>Which labelled group a <see cref="RegionGroup"/> names.</summary>
public enum RegionGroupKind { Network, Lobe }

/// <summary>Regions in either operand ("a,b" or "a|b").</summary>
public sealed record RegionUnion(RegionSelector Left, RegionSelector Right) : RegionSelector
{
    internal override int Precedence => 1;
    internal override bool[] Evaluate(RegionSpace space, Errors err)
    {
        var a = Left.Evaluate(space, err); var b = Right.Evaluate(space, err);
        for (int i = 0; i < a.Length; i++) a[i] |= b[i];
        return a;
    }
    public override string ToString() => $"{Wrap(Left, Left.Precedence < 1)},{Wrap(Right, Right.Precedence <= 1)}";
}

/// <summary>Regions in both operands ("a &amp; b").</summary>
public sealed record RegionIntersection(RegionSelector Left, RegionSelector Right) : RegionSelector
{
    internal override int Precedence => 2;
    internal override bool[] Evaluate(RegionSpace space, Errors err)
    {
        var a = Left.Evaluate(space, err); var b = Right.Evaluate(space, err);
        for (int i = 0; i < a.Length; i++) a[i] &= b[i];
        return a;
    }
    public override string ToString() => $"{Wrap(Left, Left.Precedence < 2)} & {Wrap(Right, Right.Precedence <= 2)}";
}

/// <summary>Regions in the left operand but not the right ("a - b").</summary>
public sealed record RegionDifference(RegionSelector Left, RegionSelector Right) : RegionSelector
{
    internal override int Precedence => 3;
    internal override bool[] Evaluate(RegionSpace space, Errors err)
    {
        var a = Left.Evaluate(space, err); var b = Right.Evaluate(space, err);
        for (int i = 0; i < a.Length; i++) a[i] &= !b[i];
        return a;
    }
    public override string ToString() => $"{Wrap(Left, Left.Precedence < 3)} - {Wrap(Right, Right.Precedence <= 3)}";
}

/// <summary>Every region not in the operand ("!a").</summary>
public sealed record RegionComplement(RegionSelector Inner) : RegionSelector
{
    internal override int Precedence => 4;
    internal override bool[] Evaluate(RegionSpace space, Errors err)
    {
        var a = Inner.Evaluate(space, err);
        for (int i = 0; i < a.Length; i++) a[i] = !a[i];
        return a;
    }
    public override string ToString() => "!" + Wrap(Inner, Inner.Precedence < 4);
}
