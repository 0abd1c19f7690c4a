using System.Globalization;
using Fwbm.Core.Grammar;

namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// The arguments inside a shape's parentheses: <c>key=value</c>, positional values (in the shape's declared order) and flags,
/// separated by commas outside brackets and quotes. Each typed read removes its argument; <see cref="Done"/> rejects the rest with
/// a did-you-mean. Numbers are invariant; durations take units (<see cref="DurationText"/>; a plain number is ms); frequencies
/// take Hz or kHz (a plain number is Hz); distances take mm (a plain number is mm).
/// </summary>
internal sealed class StimulusArgs
{
    private readonly Dictionary<string, string> _named = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _where;
    private readonly IReadOnlyList<string> _keys;

    private StimulusArgs(string where, IReadOnlyList<string> keys) { _where = where; _keys = keys; }

    /// <param name="where">e.g. "--stimulus 'train(…)': train" — starts every error.</param>
    /// <param name="positional">The keys positional values fill, in order.</param>
    /// <param name="keys">Every key the shape knows (positional ones included).</param>
    /// <param name="flags">Keys that may stand alone (true).</param>
    public static StimulusArgs Parse(string text, string where, IReadOnlyList<string> positional, IReadOnlyList<string> keys, IReadOnlyList<string> flags)
    {
        var a = new StimulusArgs(where, keys);
        int next = 0;
        foreach (var raw in SplitTop(text, ','))
        {
            var item = raw.Trim();
            if (item.Length == 0)
            {
                if (text.Trim().Length == 0) break;
                throw new FwbmException($"{where}: an empty argument in '({text})'; expected arguments separated by single commas.");
            }
            int eq = IndexTop(item, '=');
            if (eq > 0)
            {
                var key = item[..eq].Trim();
                if (!keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                    throw new FwbmException($"{where}: unknown argument '{key}'; expected {Suggest.Join(keys.ToArray(), "")}" + (Suggest.DidYouMean(key, keys) is { } dym ? $"; {dym}" : "."));
                if (a._named.ContainsKey(key) || a._flags.Contains(key)) throw new FwbmException($"{where}: '{key}' is given twice; expected it once.");
                a._named[key] = item[(eq + 1)..].Trim();
            }
            else if (flags.Contains(item, StringComparer.OrdinalIgnoreCase)) a._flags.Add(item);
            else if (next < positional.Count && !a._named.ContainsKey(positional[next])) a._named[positional[next++]] = item;
            else
            {
                var hint = Suggest.DidYouMean(item, flags.Concat(keys));
                throw new FwbmException($"{where}: '{item}' is not an argument here; expected key=value with a key of {Suggest.Join(keys.ToArray(), "")}" +
                    (flags.Count > 0 ? $" or a flag ({Suggest.Join(flags.ToArray(), "")})" : "") + (hint is null ? "." : "; " + hint));
            }
        }
        return a;
    }

    public bool Has(string key) => _named.ContainsKey(key);

    public bool Flag(string key) => _flags.Remove(key) | (_named.Remove(key, out var v) && Bool(key, v));

    private bool Bool(string key, string v) => v.ToLowerInvariant() switch
    {
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        _ => throw new FwbmException($"{_where}: {key}={v}; expected {key} alone, {key}=true or {key}=false."),
    };

    public double Number(string key, double? fallback)
    {
        if (!_named.Remove(key, out var v)) return fallback ?? throw Missing(key, "1");
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
            throw new FwbmException($"{_where}: {key}={v} is not a number; expected e.g. {key}=1.5.");
        return d;
    }

    public int Integer(string key, int fallback)
    {
        if (!_named.Remove(key, out var v)) return fallback;
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d)) throw new FwbmException($"{_where}: {key}={v} is not a whole number; expected e.g. {key}={fallback}.");
        return d;
    }

    public ulong Seed(string key, ulong fallback)
    {
        if (!_named.Remove(key, out var v)) return fallback;
        if (!ulong.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var d)) throw new FwbmException($"{_where}: {key}={v} is not a seed; expected a whole number ≥ 0, e.g. {key}=1.");
        return d;
    }

    /// <summary>A duration in ms (units ms, s, min, h, us; plain = ms); the sign is kept so the shape can say what it expects.</summary>
    public double Ms(string key, double? fallback, string example = "1ms")
    {
        if (!_named.Remove(key, out var v)) return fallback ?? throw Missing(key, example);
        return SignedMs(v, $"{_where}: {key}", example);
    }

    public double? OptionalMs(string key) => _named.ContainsKey(key) ? Ms(key, null) : null;

    internal static double SignedMs(string v, string where, string example)
    {
        var t = v.Trim();
        double sign = 1;
        if (t.StartsWith('-')) { sign = -1; t = t[1..]; }
        try { return sign * DurationText.Milliseconds(t, where, TimeUnit.Milliseconds); }
        catch (FwbmException) { throw new FwbmException($"{where} '{v}' is not a duration; expected e.g. {example} (units {DurationText.UnitList}; a plain number is milliseconds)."); }
    }

    /// <summary>A frequency in Hz: <c>130Hz</c>, <c>0.13kHz</c> or a plain number (Hz).</summary>
    public double Hz(string key, double? fallback, string example)
    {
        if (!_named.Remove(key, out var v)) return fallback ?? throw Missing(key, example);
        var t = v.Trim().ToLowerInvariant();
        double scale = 1;
        if (t.EndsWith("khz", StringComparison.Ordinal)) { scale = 1000; t = t[..^3]; }
        else if (t.EndsWith("hz", StringComparison.Ordinal)) t = t[..^2];
        if (!double.TryParse(t.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
            throw new FwbmException($"{_where}: {key}={v} is not a frequency; expected e.g. {key}={example} (Hz or kHz; a plain number is Hz).");
        return d * scale;
    }

    /// <summary>A distance in mm (<c>15mm</c>, <c>1.5cm</c> or a plain number of mm).</summary>
    public double Mm(string key, double? fallback, string example)
    {
        if (!_named.Remove(key, out var v)) return fallback ?? throw Missing(key, example);
        var t = v.Trim().ToLowerInvariant();
        double scale = 1;
        if (t.EndsWith("cm", StringComparison.Ordinal)) { scale = 10; t = t[..^2]; }
        else if (t.EndsWith("mm", StringComparison.Ordinal)) t = t[..^2];
        if (!double.TryParse(t.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
            throw new FwbmException($"{_where}: {key}={v} is not a distance; expected e.g. {key}={example} (mm or cm; a plain number is mm).");
        return d * scale;
    }

    /// <summary>An angle in radians (<c>1.5708</c>) or degrees (<c>90deg</c>).</summary>
    public double Radians(string key)
    {
        if (!_named.Remove(key, out var v)) return 0;
        var t = v.Trim().ToLowerInvariant();
        double scale = 1;
        if (t.EndsWith("deg", StringComparison.Ordinal)) { scale = Math.PI / 180; t = t[..^3]; }
        else if (t.EndsWith("rad", StringComparison.Ordinal)) t = t[..^3];
        if (!double.TryParse(t.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
            throw new FwbmException($"{_where}: {key}={v} is not an angle; expected radians (e.g. {key}=1.5708) or degrees (e.g. {key}=90deg).");
        return d * scale;
    }

    /// <summary>A file argument <c>@path</c> (quotes allowed).</summary>
    public string File(string key)
    {
        if (!_named.Remove(key, out var v)) throw Missing(key, "@wave.csv");
        var t = v.Trim();
        if (!t.StartsWith('@')) throw new FwbmException($"{_where}: {key}={v}; expected a file as @path, e.g. @wave.csv.");
        t = t[1..].Trim();
        if (t.Length >= 2 && t[0] == '"' && t[^1] == '"') t = t[1..^1].Replace("\\\"", "\"");
        return t;
    }

    /// <summary>Every argument was used.</summary>
    public void Done()
    {
        foreach (var k in _named.Keys.Concat(_flags))
            throw new FwbmException($"{_where}: '{k}' does not apply here; expected {Suggest.Join(_keys.ToArray(), "")}.");
    }

    private FwbmException Missing(string key, string example) => new($"{_where}: {key} is missing; expected e.g. {key}={example}.");

    /// <summary>Split at <paramref name="sep"/> outside (), [], and double quotes.</summary>
    internal static List<string> SplitTop(string text, char sep)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"' && (i == 0 || text[i - 1] != '\\')) quoted = !quoted;
            else if (quoted) continue;
            else if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (c == sep && depth == 0) { parts.Add(text[start..i]); start = i + 1; }
        }
        parts.Add(text[start..]);
        return parts;
    }

    internal static int IndexTop(string text, char c)
    {
        int depth = 0;
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (ch == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (ch is '(' or '[') depth++;
            else if (ch is ')' or ']') depth--;
            else if (ch == c && depth == 0) return i;
        }
        return -1;
    }
}
