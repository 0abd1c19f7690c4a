using System.Globalization;
using System.Text.RegularExpressions;
using Fwbm.Core.Grammar;

namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// The grammar of the surgery options' values (docs/surgery.md), shared by the CLI, the magics and <see cref="ConnectomeEdit.Parse"/>:
/// <code>
/// --resect      selector
/// --silence     selector
/// --lesion      A &lt;-&gt; B[:fraction]   both directions;  A -&gt; B[:fraction]  one way (from A to B)
///               a:b[:fraction][:one-way]   the short form, when neither side contains ':'
/// --disconnect  selector[:fraction]
/// --callosotomy (a switch; "callosotomy:fraction" as a C# text, or --lesion 'left &lt;-&gt; right:0.5')
/// --tumour      x,y,z:radius[:resect|:silence]  or  selector[:resect|:silence]
/// --demyelinate selector[:factor]  or  A &lt;-&gt; B[:factor]  or  A -&gt; B[:factor]
/// --null        rewire|spatial[:swaps][:seed=N]
/// </code>
/// A selector may contain ':' (network:Vis, lobe:frontal): only a trailing ":number" (or ":resect", ":silence", ":one-way") is read as
/// a suffix, and a pair is split at its arrow, so 'network:Vis &lt;-&gt; lobe:frontal:0.5' is a lesion of half the weights between them.
/// </summary>
public static class SurgeryText
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>The option names (without dashes) of the edits, in the order of the help.</summary>
    public static IReadOnlyList<string> Options { get; } = ["resect", "silence", "lesion", "disconnect", "callosotomy", "tumour", "demyelinate", "null"];

    /// <summary>An edit from its canonical text ("resect lobe:occipital", "callosotomy", "null rewire:10:seed=42"): the option name,
    /// a space, the option's value.</summary>
    public static ConnectomeEdit ParseEdit(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        int sp = t.IndexOf(' ');
        string name = sp < 0 ? t : t[..sp];
        string value = sp < 0 ? "" : t[(sp + 1)..].Trim();
        if (name.StartsWith("callosotomy", StringComparison.OrdinalIgnoreCase) && sp < 0)
        {
            var rest = name["callosotomy".Length..];
            return new Callosotomy(rest.Length == 0 ? 1 : Fraction(rest.TrimStart(':'), "--callosotomy"));
        }
        var option = Options.FirstOrDefault(o => string.Equals(o, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new FwbmException($"Connectome edit '{t}': unknown edit '{name}'; expected one of {string.Join(", ", Options)}" +
                (Suggest.DidYouMean(name, Options) is { } hint ? $"; {hint}" : "."));
        return Parse(option, value, seed: 0);
    }

    /// <summary>The edit an option's value describes (<paramref name="option"/> without dashes); <paramref name="seed"/> seeds a null
    /// that names no seed=.</summary>
    public static ConnectomeEdit Parse(string option, string value, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(value);
        string o = "--" + option;
        var v = value.Trim();
        if (option != "callosotomy" && v.Length == 0) throw new FwbmException($"{o} is empty; expected {Expected(option)}.");
        switch (option)
        {
            case "resect": return new Resection(RegionSelector.Parse(v, o));
            case "silence": return new Silencing(RegionSelector.Parse(v, o));
            case "disconnect":
            {
                var (sel, f) = SplitNumber(v);
                return new Disconnection(RegionSelector.Parse(sel, o), f is null ? 1 : Fraction(f, o));
            }
            case "callosotomy":
                return new Callosotomy(v.Length == 0 || v.Equals("true", StringComparison.OrdinalIgnoreCase) ? 1 : Fraction(v, o));
            case "lesion":
            {
                var (rest, oneWaySuffix) = SplitWord(v, "one-way");
                var (pairText, f) = SplitNumber(rest);
                double fraction = f is null ? 1 : Fraction(f, o);
                if (TryPair(pairText, o, out var from, out var to, out bool oneWay))
                {
                    if (oneWaySuffix) throw new FwbmException($"{o} '{v}': write one way with the arrow 'A -> B', not ':one-way'.");
                    return new EdgeLesion(from!, to!, fraction, oneWay);
                }
                var parts = pairText.Split(':');
                if (parts.Length != 2 || parts.Any(p => p.Trim().Length == 0))
                    throw new FwbmException($"{o} '{v}': expected {Expected(option)}" + (parts.Length > 2 ? "; a side containing ':' (network:…, lobe:…) needs the arrow form, e.g. 'network:Vis <-> lobe:frontal'." : "."));
                return new EdgeLesion(RegionSelector.Parse(parts[0].Trim(), o), RegionSelector.Parse(parts[1].Trim(), o), fraction, oneWaySuffix);
            }
            case "tumour":
            {
                var mode = TumourMode.Resect;
                var rest = v;
                var (r1, silence) = SplitWord(rest, "silence");
                if (silence) { mode = TumourMode.Silence; rest = r1; }
                else { var (r2, resect) = SplitWord(rest, "resect"); if (resect) rest = r2; }
                var ball = Regex.Match(rest, @"^\s*([^,:\s]+)\s*,\s*([^,:\s]+)\s*,\s*([^,:\s]+)\s*:\s*([^,:\s]+)\s*$");
                if (ball.Success && double.TryParse(ball.Groups[1].Value, NumberStyles.Float, Ci, out _))
                {
                    double N(int g, string what) => NumberText.Number(ball.Groups[g].Value, $"{o} {what}", "15");
                    return new Tumour(new Point3(N(1, "x"), N(2, "y"), N(3, "z")), N(4, "radius"), mode);
                }
                if (Regex.IsMatch(rest, @"^\s*-?[\d.]+\s*,\s*-?[\d.]+\s*,\s*-?[\d.]+\s*$"))
                    throw new FwbmException($"{o} '{v}': a centre needs a radius in mm, e.g. {rest.Trim()}:15.");
                return new Tumour(RegionSelector.Parse(rest.Trim(), o), mode);
            }
            case "demyelinate":
            {
                var (sel, f) = SplitNumber(v);
                double factor = f is null ? Demyelination.DefaultFactor : NumberText.Number(f, o + " factor", "2");
                if (!(factor >= 1))
                    throw new FwbmException($"{o} '{v}': factor {f}; expected a slowing factor ≥ 1 (tract lengths × factor; 2 doubles the delays).");
                if (TryPair(sel, o, out var from, out var to, out bool oneWay)) return new Demyelination(from!, factor, to, oneWay);
                return new Demyelination(RegionSelector.Parse(sel, o), factor);
            }
            case "null":
            {
                var parts = v.Split(':', StringSplitOptions.TrimEntries);
                string kind = ChoiceText.Choose(parts[0], o, ["rewire", "spatial"]);
                int swaps = RewiredNull.DefaultSwaps;
                ulong s = seed;
                bool haveSwaps = false, haveSeed = false;
                foreach (var p in parts.Skip(1))
                {
                    if (p.StartsWith("seed=", StringComparison.OrdinalIgnoreCase) && !haveSeed) { s = NumberText.Seed(p[5..], o + " seed"); haveSeed = true; }
                    else if (!haveSwaps && !haveSeed && int.TryParse(p, NumberStyles.None, Ci, out var k)) { swaps = k; haveSwaps = true; }
                    else throw new FwbmException($"{o} '{v}': unexpected '{p}'; expected {Expected(option)}.");
                }
                CheckSwaps(swaps);
                return kind == "rewire" ? new RewiredNull(swaps, s) : new SpatialNull(swaps, s);
            }
            default:
                throw new FwbmException($"--{option} is not a surgery option; expected one of {string.Join(", ", Options.Select(x => "--" + x))}.");
        }
    }

    /// <summary>The canonical text of an option's value checked without a connectome (what the option grammar answers): the edit's
    /// text, without the seed of a null that names none (it comes from --null-seed or --seed when applied).</summary>
    public static string Canonical(string option, string value)
    {
        var text = Parse(option, value, seed: 0).Text;
        return option == "null" && !value.Contains("seed=", StringComparison.OrdinalIgnoreCase) && text.EndsWith(":seed=0", StringComparison.Ordinal) ? text[..^":seed=0".Length] : text;
    }

    /// <summary>What an option's value looks like, for errors and the reference.</summary>
    public static string Expected(string option) => option switch
    {
        "resect" or "silence" => "a region selector, e.g. 'lobe:occipital' or 'Precentral_L,Precentral_R'",
        "lesion" => "'A <-> B[:fraction]' (both directions), 'A -> B[:fraction]' (one way) or a:b[:fraction][:one-way], with region selectors A and B and a fraction in (0, 1] (default 1 = cut)",
        "disconnect" => "selector[:fraction], fraction in (0, 1] of the strength removed (default 1)",
        "callosotomy" => "no value (a switch), or a fraction in (0, 1]",
        "tumour" => "x,y,z:radius[:resect|:silence] (mm) or selector[:resect|:silence]",
        "demyelinate" => "selector[:factor], 'A <-> B[:factor]' or 'A -> B[:factor]' with a slowing factor ≥ 1 (default 2)",
        "null" => "rewire|spatial[:swaps per edge][:seed=N], e.g. rewire:10",
        _ => "a surgery edit",
    };

    internal static void CheckFraction(double f, string option)
    {
        if (!(f > 0 && f <= 1))
            throw new FwbmException($"{option}: fraction {NumberText.Format(f)}; expected a fraction in (0, 1] of the weight removed (1 = cut, 0.5 = halve).");
    }

    internal static void CheckSwaps(int swaps)
    {
        if (swaps < 1 || swaps > 1000) throw new FwbmException($"--null: {swaps} swaps per edge; expected 1 … 1000 (10 is usual).");
    }

    private static double Fraction(string text, string o)
    {
        double f = NumberText.Number(text, o + " fraction", "0.5");
        CheckFraction(f, o);
        return f;
    }

    /// <summary>":0.5" (or ":2") at the end of a text: (text before it, "0.5"); (text, null) when it does not end with ":number".</summary>
    internal static (string Head, string? Number) SplitNumber(string v)
    {
        var m = Regex.Match(v, @"^(.*\S)\s*:\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$", RegexOptions.Singleline);
        return m.Success ? (m.Groups[1].Value.Trim(), m.Groups[2].Value) : (v.Trim(), null);
    }

    private static (string Head, bool Found) SplitWord(string v, string word)
    {
        var m = Regex.Match(v, @"^(.*\S)\s*:\s*" + Regex.Escape(word) + @"\s*$", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        return m.Success ? (m.Groups[1].Value.Trim(), true) : (v.Trim(), false);
    }

    /// <summary>"A &lt;-&gt; B" or "A -&gt; B" (also "A &lt;- B", read as B -&gt; A).</summary>
    private static bool TryPair(string v, string o, out RegionSelector? from, out RegionSelector? to, out bool oneWay)
    {
        from = to = null; oneWay = false;
        int both = v.IndexOf("<->", StringComparison.Ordinal);
        int right = v.IndexOf("->", StringComparison.Ordinal);
        int left = v.IndexOf("<-", StringComparison.Ordinal);
        string a, b;
        if (both >= 0) { a = v[..both]; b = v[(both + 3)..]; }
        else if (right >= 0) { a = v[..right]; b = v[(right + 2)..]; oneWay = true; }
        else if (left >= 0) { a = v[(left + 2)..]; b = v[..left]; oneWay = true; }
        else return false;
        if (a.Trim().Length == 0 || b.Trim().Length == 0) throw new FwbmException($"{o} '{v}': a pair needs a selector on both sides of the arrow, e.g. 'Precentral_L <-> Precentral_R'.");
        from = RegionSelector.Parse(a.Trim(), o);
        to = RegionSelector.Parse(b.Trim(), o);
        return true;
    }

    /// <summary>"A &lt;-&gt; B" or "A -&gt; B".</summary>
    internal static string Pair(RegionSelector a, RegionSelector b, bool oneWay) => $"{a} {(oneWay ? "->" : "<->")} {b}";

    /// <summary>The canonical selector text.</summary>
    internal static string Selector(RegionSelector s) => s.ToString();

    /// <summary>":value" unless it is the default.</summary>
    internal static string Suffix(double value, double defaultValue) => value == defaultValue ? "" : ":" + NumberText.Format(value);

    /// <summary>Row-major flags of the (target, source) entries between two region masks (i ≠ j): from a to b, and b to a unless one way.</summary>
    internal static bool[] PairMask(bool[] a, bool[] b, bool oneWay)
    {
        int n = a.Length;
        var hit = new bool[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                hit[i * n + j] = i != j && (a[j] && b[i] || !oneWay && b[j] && a[i]);
        return hit;
    }
}
