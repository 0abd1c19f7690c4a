using System.Text;

namespace Fwbm.Core.Grammar;

/// <summary>
/// Values by region selection: "label:&lt;selector&gt;:&lt;value&gt;[,&lt;selector&gt;:&lt;value&gt;…][,else:&lt;value&gt;]", e.g.
/// "label:network:Vis:1.5,else:1.0" or "label:(ctx-lh-*|#3):-1.6,lobe:temporal:-1.8,else:-2.4". Entries are separated by commas
/// outside parentheses and quotes, so a union inside one entry is written with "|" or in parentheses. The value is after the
/// entry's last ':'. A region selected by two entries is an error (use "-" to carve one out of the other); "else" gives every
/// region no entry selects, and without it the entries must cover every region.
/// </summary>
public sealed record RegionVectorByLabel : RegionVector
{
    public RegionVectorByLabel(IReadOnlyList<(RegionSelector Selector, double Value)> entries, double? otherwise)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0 && otherwise is null) throw new FwbmException("label: needs at least one <selector>:<value> entry or else:<value>.");
        Entries = entries.ToArray();
        Else = otherwise;
    }

    public IReadOnlyList<(RegionSelector Selector, double Value)> Entries { get; }
    /// <summary>The value of regions no entry selects; null = every region must be selected.</summary>
    public double? Else { get; }

    internal static RegionVectorByLabel ParseLabels(string t, Errors err)
    {
        var body = t["label:".Length..];
        var entries = new List<(RegionSelector, double)>();
        double? otherwise = null;
        foreach (var raw in SplitTopLevel(body, err))
        {
            var e = raw.Trim();
            int colon = LastTopLevelColon(e);
            if (colon <= 0 || colon == e.Length - 1)
                throw err.Fail($"entry '{e}' is not <selector>:<value>; write e.g. label:network:Vis:1.5,else:1 (a union inside one entry takes '|' or parentheses)");
            var sel = e[..colon].Trim();
            var val = e[(colon + 1)..].Trim();
            if (!TryNumber(val, out var v)) throw err.Fail($"value '{val}' of entry '{e}' is not a finite number");
            if (string.Equals(sel, "else", StringComparison.OrdinalIgnoreCase))
            {
                if (otherwise is not null) throw err.Fail("'else' is given twice");
                otherwise = v;
                continue;
            }
            entries.Add((RegionSelector.Parse(sel, $"{err.Subject} entry"), v));
        }
        if (entries.Count == 0 && otherwise is null) throw err.Fail("expected at least one <selector>:<value> entry");
        return new RegionVectorByLabel(entries, otherwise);
    }

    internal override double[] Values(RegionContext context, Errors err)
    {
        var space = context.Space;
        var v = new double[space.Count];
        var owner = new int[space.Count];
        Array.Fill(owner, -1);
        for (int e = 0; e < Entries.Count; e++)
        {
            var (selector, value) = Entries[e];
            var sel = selector.Resolve(space, allowEmpty: false, subject: $"{err.Subject} entry");
            foreach (var i in sel.Indices)
            {
                if (owner[i] >= 0)
                    throw err.Fail($"region '{space.Labels[i]}' is selected by both '{Entries[owner[i]].Selector}' and '{selector}'",
                        "give each region one value (carve one selection out of the other with '-')");
                owner[i] = e;
                v[i] = value;
            }
        }
        var uncovered = Enumerable.Range(0, space.Count).Where(i => owner[i] < 0).ToArray();
        if (uncovered.Length > 0)
        {
            if (Else is not double d)
                throw err.Fail($"{uncovered.Length} of the {space.Count} regions of {space.Describe()} get no value " +
                    $"({string.Join(", ", uncovered.Take(3).Select(i => $"'{space.Labels[i]}'"))}{(uncovered.Length > 3 ? ", …" : "")})", "add else:<value>");
            foreach (var i in uncovered) v[i] = d;
        }
        return v;
    }

    private static List<string> SplitTopLevel(string s, Errors err)
    {
        var parts = new List<string>();
        var cur = new StringBuilder();
        int depth = 0;
        char quote = '\0';
        foreach (var c in s)
        {
            if (quote != '\0') { if (c == quote) quote = '\0'; cur.Append(c); continue; }
            switch (c)
            {
                case '\'' or '"': quote = c; break;
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0: parts.Add(cur.ToString()); cur.Clear(); continue;
            }
            cur.Append(c);
        }
        if (depth != 0 || quote != '\0') throw err.Fail("unbalanced parentheses or quotes");
        parts.Add(cur.ToString());
        return parts;
    }

    private static int LastTopLevelColon(string e)
    {
        int depth = 0, last = -1;
        char quote = '\0';
        for (int i = 0; i < e.Length; i++)
        {
            char c = e[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '\'' or '"') quote = c;
            else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ':' && depth == 0) last = i;
        }
        return last;
    }

    public bool Equals(RegionVectorByLabel? other) => other is not null && Else == other.Else && Entries.SequenceEqual(other.Entries);
    public override int GetHashCode() => HashCode.Combine(Entries.Count, Else);

    public override string ToString()
    {
        var items = Entries.Select(e => $"{RegionSelector.Wrap(e.Selector, e.Selector.Precedence <= 1)}:{Format(e.Value)}");
        if (Else is double d) items = items.Append($"else:{Format(d)}");
        return "label:" + string.Join(",", items);
    }
}
