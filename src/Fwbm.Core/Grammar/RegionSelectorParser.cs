using System.Globalization;

namespace Fwbm.Core.Grammar;

/// <summary>The tokenizer and recursive-descent parser behind <see cref="RegionSelector.Parse"/>.</summary>
internal sealed class RegionSelectorParser
{
    private const string Expected = "expected a label, #index, glob, left/right, network:<name>, lobe:<name>, * or a parenthesised selector";
    private readonly string _text;
    private readonly string _subject;
    private int _pos;

    private RegionSelectorParser(string text, string? subject) { _text = text; _subject = subject ?? "region selection"; }

    public static RegionSelector Parse(string text, string? subject)
    {
        ArgumentNullException.ThrowIfNull(text);
        var p = new RegionSelectorParser(text, subject);
        if (string.IsNullOrWhiteSpace(text)) throw p.Fail("is empty; " + Expected);
        var s = p.Union();
        p.SkipSpace();
        if (p._pos < text.Length)
            throw p.Fail(text[p._pos] == ')' ? $"unmatched ')' at position {p._pos + 1}" : $"unexpected '{text[p._pos]}' at position {p._pos + 1}; expected an operator (',', '|', '&', '-') or the end");
        return s;
    }

    private FwbmException Fail(string problem) => new(RegionSelector.Sentence($"{_subject} '{_text}': {problem}"));

    private void SkipSpace() { while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++; }

    private bool Accept(char c)
    {
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == c) { _pos++; return true; }
        return false;
    }

    private RegionSelector Union()
    {
        var left = Intersection();
        while (Accept(',') || Accept('|')) left = new RegionUnion(left, Intersection());
        return left;
    }

    private RegionSelector Intersection()
    {
        var left = Difference();
        while (Accept('&')) left = new RegionIntersection(left, Difference());
        return left;
    }

    private RegionSelector Difference()
    {
        var left = Unary();
        while (Accept('-')) left = new RegionDifference(left, Unary());
        return left;
    }

    private RegionSelector Unary() => Accept('!') ? new RegionComplement(Unary()) : Primary();

    private RegionSelector Primary()
    {
        SkipSpace();
        if (_pos >= _text.Length) throw Fail($"ends early; {Expected}");
        char c = _text[_pos];
        if (c == '(')
        {
            int open = _pos++;
            var inner = Union();
            if (!Accept(')')) throw Fail($"'(' at position {open + 1} is not closed");
            return inner;
        }
        if (c is '\'' or '"')
        {
            int end = _text.IndexOf(c, _pos + 1);
            if (end < 0) throw Fail($"quote at position {_pos + 1} is not closed");
            var label = _text[(_pos + 1)..end];
            if (label.Length == 0) throw Fail($"empty quoted label at position {_pos + 1}");
            _pos = end + 1;
            return new RegionName(label, Quoted: true);
        }
        int start = _pos;
        while (_pos < _text.Length && IsNameChar(_text[_pos])) _pos++;
        if (_pos == start) throw Fail($"unexpected '{c}' at position {start + 1}; {Expected}");
        return Classify(_text[start.._pos], start);
    }

    private RegionSelector Classify(string word, int at)
    {
        var lower = word.ToLowerInvariant();
        switch (lower)
        {
            case "*" or "all": return new AllRegions();
            case "left" or "lh": return new RegionHemisphere(false);
            case "right" or "rh": return new RegionHemisphere(true);
        }
        if (word[0] == '#') return Index(word, at);
        foreach (var (prefix, kind) in new[] { ("network:", RegionGroupKind.Network), ("lobe:", RegionGroupKind.Lobe) })
        {
            if (!lower.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var name = word[prefix.Length..];
            if (name.Length == 0)
            {
                // network:'Name with spaces'
                if (_pos < _text.Length && _text[_pos] is '\'' or '"' && Primary() is RegionName { Quoted: true } q) return new RegionGroup(kind, q.Name);
                throw Fail($"'{word}' at position {at + 1} needs a name, e.g. {prefix}{(kind == RegionGroupKind.Network ? "Vis" : "frontal")}");
            }
            return new RegionGroup(kind, name);
        }
        if (word.Contains('*') || word.Contains('?')) return new RegionGlob(word);
        int colon = word.IndexOf(':');
        if (colon > 0)
        {
            var hint = Suggest.DidYouMean(word[..colon], ["network", "lobe"]);
            if (hint is not null) throw Fail($"unknown group '{word[..(colon + 1)]}' at position {at + 1}; {hint}");
        }
        return new RegionName(word);
    }

    private RegionSelector Index(string word, int at)
    {
        var body = word[1..];
        var parts = body.Split("..");
        if (parts.Length is 1 or 2 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)) &&
            parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1).ToArray() is var v && v.All(x => x >= 0))
        {
            int from = v[0], to = v[^1];
            if (from > to) throw Fail($"'{word}' at position {at + 1} is an empty range; expected #from..to with from ≤ to");
            return new RegionIndex(from, to);
        }
        throw Fail($"'{word}' at position {at + 1} is not an index; expected #<0-based index> or #<from>..<to>, e.g. #0 or #0..9");
    }

    /// <summary>Characters a bare name may contain: anything but space, quotes, parentheses and the operators , | &amp; !.</summary>
    internal static bool IsNameChar(char c) => !char.IsWhiteSpace(c) && c is not (',' or '|' or '&' or '!' or '(' or ')' or '\'' or '"');

    /// <summary>True when a label must be quoted to be read back as that label.</summary>
    internal static bool NeedsQuotes(string name)
    {
        if (name.Length == 0 || name[0] is '-' or '#') return true;
        if (name.Any(c => !IsNameChar(c)) || name.Contains('*') || name.Contains('?')) return true;
        var lower = name.ToLowerInvariant();
        if (lower is "all" or "left" or "lh" or "right" or "rh") return true;
        int colon = lower.IndexOf(':');
        return colon > 0 && (lower.StartsWith("network:", StringComparison.Ordinal) || lower.StartsWith("lobe:", StringComparison.Ordinal)
            || Suggest.Nearest(lower[..colon], ["network", "lobe"]).Count > 0);
    }

    /// <summary>A label in quotes ('…', or "…" when it contains a single quote).</summary>
    internal static string Quote(string name)
    {
        if (!name.Contains('\'')) return $"'{name}'";
        if (!name.Contains('"')) return $"\"{name}\"";
        throw new FwbmException($"Region label {name} contains both quote characters; it cannot be written in a selector (use #index).");
    }
}
