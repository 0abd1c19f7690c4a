using System.Globalization;

namespace Fwbm.Core.Grammar;

/// <summary>
/// A per-region value (a parameter that differs between regions), parsed once and resolved against a <see cref="RegionContext"/>:
/// <list type="bullet">
/// <item><c>1.5</c> — the same value in every region (<see cref="RegionVectorScalar"/>);</item>
/// <item><c>[0.1,0.2,…]</c> — one value per region, in region order (<see cref="RegionVectorList"/>);</item>
/// <item><c>@file.csv</c> — one column of N numbers, or label,value rows (<see cref="RegionVectorFile"/>);</item>
/// <item><c>receptor:5HT2a[:scale[:offset]]</c> — offset + scale · map / max(map) (<see cref="RegionVectorReceptor"/>);</item>
/// <item><c>label:&lt;selector&gt;:&lt;value&gt;,…,else:&lt;value&gt;</c> — values by region selection (<see cref="RegionVectorByLabel"/>).</item>
/// </list>
/// <see cref="ToString"/> is the canonical text (parsing it gives an equal value).
/// </summary>
public abstract record RegionVector
{
    private protected RegionVector() { }

    internal const string Expected = "expected a number, [v1,…,vN], @file.csv, receptor:<name>[:scale[:offset]] or label:<selector>:<value>,…,else:<value>";

    /// <summary>Parse a per-region value; <paramref name="subject"/> (e.g. "--param gain_e") starts every error message.</summary>
    public static RegionVector Parse(string text, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        var err = new Errors(subject, text);
        if (t.Length == 0) throw err.Fail("is empty; " + Expected);
        if (t[0] == '[') return RegionVectorList.ParseList(t, err);
        if (t[0] == '@') return RegionVectorFile.ParsePath(t, err);
        if (t.StartsWith("receptor:", StringComparison.OrdinalIgnoreCase)) return RegionVectorReceptor.ParseReceptor(t, err);
        if (t.StartsWith("label:", StringComparison.OrdinalIgnoreCase)) return RegionVectorByLabel.ParseLabels(t, err);
        if (TryNumber(t, out var v)) return new RegionVectorScalar(v);
        int colon = t.IndexOf(':');
        var hint = colon > 0 ? Suggest.DidYouMean(t[..colon], ["receptor", "label"]) : null;
        throw err.Fail($"'{t}' is not a per-region value; {Expected}", hint);
    }

    /// <summary>Parse and resolve in one step.</summary>
    public static double[] Resolve(string text, RegionContext context, string? subject = null) => Parse(text, subject).Resolve(context, subject);

    /// <summary>One value per region of <paramref name="context"/>'s space, in region order.</summary>
    public double[] Resolve(RegionContext context, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var err = new Errors(subject, ToString());
        var v = Values(context, err);
        for (int i = 0; i < v.Length; i++)
            if (!double.IsFinite(v[i])) throw err.Fail($"the value of region {i} ('{context.Space.Labels[i]}') is {v[i]}; expected finite numbers");
        return v;
    }

    internal abstract double[] Values(RegionContext context, Errors err);

    /// <summary>The canonical text.</summary>
    public abstract override string ToString();

    /// <summary>Invariant-culture number (no thousands separators), finite.</summary>
    internal static bool TryNumber(string s, out double v) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);

    internal static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Error messages that start with the option and the value's text.</summary>
    internal sealed class Errors(string? subject, string text)
    {
        public string Subject => subject ?? "per-region value";
        public FwbmException Fail(string problem, string? hint = null) => new(RegionSelector.Sentence($"{Subject} '{text}': {problem}{(hint is null ? "" : "; " + hint)}"));
    }
}

/// <summary>The same value in every region.</summary>
public sealed record RegionVectorScalar(double Value) : RegionVector
{
    internal override double[] Values(RegionContext context, Errors err) => Enumerable.Repeat(Value, context.Space.Count).ToArray();
    public override string ToString() => Format(Value);
}

/// <summary>One value per region, in region order: "[0.1,0.2,…]" (the count must equal the number of regions).</summary>
public sealed record RegionVectorList : RegionVector
{
    public RegionVectorList(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Items = values.ToArray();
    }

    public IReadOnlyList<double> Items { get; }

    internal static RegionVectorList ParseList(string t, Errors err)
    {
        if (t[^1] != ']') throw err.Fail("a list must end with ']'; expected [v1,v2,…,vN]");
        var body = t[1..^1].Trim();
        if (body.Length == 0) throw err.Fail("the list is empty; expected one value per region");
        var parts = body.Split(',');
        var v = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!TryNumber(parts[i], out v[i]))
                throw err.Fail($"item {i + 1} ('{parts[i].Trim()}') is not a finite number");
        return new RegionVectorList(v);
    }

    internal override double[] Values(RegionContext context, Errors err)
    {
        if (Items.Count != context.Space.Count)
            throw err.Fail($"has {Items.Count} values but {context.Space.Describe()} needs {context.Space.Count} (one per region)");
        return Items.ToArray();
    }

    public bool Equals(RegionVectorList? other) => other is not null && Items.SequenceEqual(other.Items);
    public override int GetHashCode() => Items.Aggregate(Items.Count, (h, x) => HashCode.Combine(h, x));
    public override string ToString() => "[" + string.Join(",", Items.Select(Format)) + "]";
}
