using System.Globalization;
using Fwbm.Core.Exploration;
using Fwbm.Core.Grammar;

namespace Fwbm.Core.Options;

/// <summary>
/// Parses an option's text into its typed value with the <c>Fwbm.Core.Grammar</c> function of its kind — the one conversion the CLI
/// and every magic use. Typed values: Text/Choice → string, Number → double, Integer → int, Seed → ulong, Duration → double (ms),
/// Assignments → Assignment[], Axis → ParameterAxis, Range → double[], Interval → (double, double), Bounds → (string, double, double)[],
/// Names → string[], Flag → bool.
/// </summary>
public static class OptionGrammar
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static object Parse(OptionSpec spec, string text)
    {
        string o = spec.Flag;
        if (spec.Kind != ValueKind.Flag && text.Trim().Length == 0)
            throw new FwbmException($"{o} is empty; expected {Expected(spec)}.");
        switch (spec.Kind)
        {
            case ValueKind.Text: return text.Trim();
            case ValueKind.Choice: return ChoiceText.Choose(text, o, Choices(spec));
            case ValueKind.Number:
            {
                double v = NumberText.Number(text, o, spec.Examples.FirstOrDefault() ?? spec.Default ?? "0.5");
                NumberText.CheckBounds(v, o, spec.Min, spec.MinExclusive, spec.Max);
                return v;
            }
            case ValueKind.Integer:
            {
                int v = NumberText.Integer(text, o, spec.Examples.FirstOrDefault() ?? spec.Default ?? "10");
                NumberText.CheckBounds(v, o, spec.Min, spec.MinExclusive, spec.Max);
                return v;
            }
            case ValueKind.Seed: return NumberText.Seed(text, o);
            case ValueKind.Duration:
            {
                double ms = DurationText.Milliseconds(text, o, spec.PlainUnit);
                if (spec.Min is double lo && (spec.MinExclusive ? !(ms > lo) : !(ms >= lo)))
                    throw new FwbmException($"{o} '{text.Trim()}' must be {(spec.MinExclusive ? "longer than" : "at least")} {lo.ToString("G6", Ci)} ms.");
                return ms;
            }
            case ValueKind.Assignments: return AssignmentText.Parse(text, o).ToArray();
            case ValueKind.Axis: return RangeText.Axis(text, o);
            case ValueKind.Range: return RangeText.Values(text, o);
            case ValueKind.Interval: return RangeText.Interval(text, o, spec.Examples.FirstOrDefault() ?? "2:40");
            case ValueKind.Bounds: return AssignmentText.Bounds(text, o).ToArray();
            case ValueKind.Measures: return MeasureSpecs(text, o, spec.Choices is null ? null : Choices(spec));
            case ValueKind.Names: return ListText.Names(text, o, spec.Choices is null ? null : Choices(spec)).ToArray();
            case ValueKind.Edit: return Connectivity.Surgery.SurgeryText.Canonical(spec.Name, text);
            case ValueKind.Flag:
                return text.Trim().ToLowerInvariant() switch
                {
                    "" or "true" => true,
                    "false" => false,
                    _ => throw new FwbmException($"{o} is a switch and takes no value; got '{text.Trim()}'."),
                };
            default: throw new InvalidOperationException(spec.Kind.ToString());
        }
    }

    /// <summary>What the option expects, with an example: used in errors and the generated reference.</summary>
    public static string Expected(OptionSpec spec) => spec.Kind switch
    {
        ValueKind.Choice => $"one of {string.Join(", ", Choices(spec))}",
        ValueKind.Number => $"a number{(spec.Unit is null ? "" : $" in {spec.Unit}")}",
        ValueKind.Integer => "a whole number",
        ValueKind.Seed => "a non-negative whole number",
        ValueKind.Duration => $"a duration (units {DurationText.UnitList}; a plain number is {DurationText.Plain(spec.PlainUnit)})",
        ValueKind.Assignments => "name=value pairs, e.g. \"a=-0.02,omega=0.3\"; a per-region value is a=[v1,…,vN], a=@file.csv, a=receptor:5HT2a[:scale[:offset]] or a=label:<selector>:<value>,…,else:<value>",
        ValueKind.Axis => $"name=range, e.g. coupling=0:0.1:2; range: {RangeText.Forms}",
        ValueKind.Range => RangeText.Forms,
        ValueKind.Interval => "low:high, e.g. 2:40",
        ValueKind.Bounds => "name=min:max pairs, e.g. \"a=-0.1:0.05\"",
        ValueKind.Measures => $"measures of the catalogue ({string.Join(", ", spec.Choices is null ? Measures.MeasureCatalog.Names : Choices(spec))}), each name or name=target, separated by commas",
        ValueKind.Names => spec.Choices is null ? "names separated by commas" : $"names from {string.Join(", ", Choices(spec))}, separated by commas",
        ValueKind.Flag => "no value (a switch)",
        ValueKind.Edit => Connectivity.Surgery.SurgeryText.Expected(spec.Name),
        _ => "text",
    } + (spec.Examples.Count > 0 && spec.Kind is not (ValueKind.Flag or ValueKind.Choice) ? $" such as {spec.Flag} {Quote(spec.Examples[0])}" : "");

    /// <summary>"fc_similarity,psd_peak=10": each item checked by the measure catalogue (and against <paramref name="allowed"/>), returned in
    /// canonical form (catalogue name, target in invariant notation).</summary>
    private static string[] MeasureSpecs(string text, string o, IReadOnlyList<string>? allowed)
    {
        var items = ListText.Items(text);
        if (items.Count == 0) throw new FwbmException($"{o} is empty; expected {string.Join(", ", allowed ?? Measures.MeasureCatalog.Names)}.");
        var result = new List<string>();
        foreach (var item in items)
        {
            (Measures.IMeasure Measure, double? Target) m;
            try { m = Measures.MeasureCatalog.ParseSpec(item); }
            catch (FwbmException e) { throw new FwbmException($"{o} '{item}': {e.Message}"); }
            string name = m.Measure.Definition.Name;
            if (allowed is not null && !allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new FwbmException($"{o} '{item}': " + (m.Measure.Definition.Needs.HasFlag(Measures.MeasureNeeds.TargetSpectrum)
                    ? $"{name} needs a target spectrum, which this command cannot take (C#: MeasureCatalog.Bind(\"{name}\", new MeasureSettings {{ Spectrum = … }}))"
                    : $"{name} is not available here") + $"; allowed values: {string.Join(", ", allowed)}.");
            string canonical = m.Target is double t ? $"{name}={t.ToString("R", Ci)}" : name;
            if (result.Any(r => r.Split('=')[0] == name)) throw new FwbmException($"{o} lists {name} twice.");
            result.Add(canonical);
        }
        return result.ToArray();
    }

    private static IReadOnlyList<string> Choices(OptionSpec spec) =>
        spec.Choices?.Invoke() ?? throw new InvalidOperationException($"{spec.Flag} is a choice without choices.");

    private static string Quote(string s) => s.Any(c => char.IsWhiteSpace(c) || c is ',' or '(' or ';' or '"') ? $"\"{s}\"" : s;

    /// <summary>A canonical text of a typed value (what a value means): equal texts ⇔ equal values.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "(none)",
        string s => s,
        bool b => b ? "on" : "off",
        double d => F(d),
        int i => i.ToString(Ci),
        ulong u => u.ToString(Ci),
        double[] v => "[" + string.Join(", ", v.Select(F)) + "]",
        Assignment[] a => string.Join("; ", a.Select(x => x.IsScalar ? $"{x.Name} = {x.Value}" : $"{x.Name} = {x.Value} (per region)")),
        ParameterAxis axis => $"{axis.Name} over [{string.Join(", ", axis.Values.Select(F))}]",
        ValueTuple<double, double> iv => $"{F(iv.Item1)} to {F(iv.Item2)}",
        ValueTuple<string, double, double>[] b => string.Join("; ", b.Select(x => $"{x.Item1} in [{F(x.Item2)}, {F(x.Item3)}]")),
        string[] names => string.Join(", ", names),
        _ => value.ToString() ?? "",
    };

    /// <summary>The canonical text with the unit a kind implies (durations in ms).</summary>
    public static string Describe(OptionSpec spec, object? value) =>
        spec.Kind == ValueKind.Duration && value is double ms ? $"{F(ms)} ms" : spec.Unit is not null && value is double d ? $"{F(d)} {spec.Unit}" : Describe(value);

    private static string F(double v) => v.ToString("G10", Ci);
}
