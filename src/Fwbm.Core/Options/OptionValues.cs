using Fwbm.Core.Exploration;
using Fwbm.Core.Grammar;

namespace Fwbm.Core.Options;

/// <summary>
/// The values given to one command, as texts per option (the CLI's tokens, the magic's parameters), read as typed values through
/// <see cref="OptionGrammar"/> with the declared defaults. Both front ends read their options only through this class.
/// </summary>
public sealed class OptionValues
{
    private readonly Dictionary<string, IReadOnlyList<string>> _given = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string, string>? _resolve;

    /// <param name="given">Texts by option name (without dashes); a repeatable CLI option may carry several.</param>
    /// <param name="resolve">Maps a text to the text of the notebook variable it names (the magic), applied to numbers, durations,
    /// seeds, assignments, ranges and axes; identity when null.</param>
    public OptionValues(CommandOptions command, IReadOnlyDictionary<string, IReadOnlyList<string>> given, Func<string, string>? resolve = null)
    {
        Command = command;
        _resolve = resolve;
        foreach (var (k, v) in given)
        {
            var spec = command.Find(k) ?? throw new FwbmException($"--{k.TrimStart('-')} is not an option of {command.Command}; expected one of {string.Join(", ", command.Options.Select(o => o.Flag))}" +
                (Suggest.Nearest(k.TrimStart('-'), command.Options.Select(o => o.Name)) is { Count: > 0 } near ? $"; did you mean {Suggest.Join(near.Select(n => "--" + n).ToArray(), "")}?" : "."));
            if (v.Count > 0) { _given[spec.Name] = v; _givenOrder.Add(spec.Name); }
        }
    }

    private readonly List<string> _givenOrder = [];

    /// <summary>The options as typed, one name per occurrence (e.g. resect, lesion, resect), when the front end knows it (the CLI's
    /// tokens); null: the order of the given texts (the magic's parameters as the kernel lists them).</summary>
    public IReadOnlyList<string>? Order { get; init; }

    /// <summary>The texts given for <paramref name="names"/> (defaults not included), in the order they were typed across those options:
    /// (option name, text) pairs, e.g. the surgery edits, which apply in order.</summary>
    public IReadOnlyList<(string Name, string Text)> InOrder(IEnumerable<string> names)
    {
        var wanted = names.Select(n => Command.Find(n)?.Name).Where(n => n is not null && _given.ContainsKey(n)).Select(n => n!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var next = wanted.ToDictionary(n => n, _ => 0, StringComparer.OrdinalIgnoreCase);
        var result = new List<(string, string)>();
        foreach (var typed in Order ?? _givenOrder.SelectMany(n => Enumerable.Repeat(n, _given[n].Count)))
        {
            var name = Command.Find(typed)?.Name;
            if (name is null || !wanted.Contains(name) || next[name] >= _given[name].Count) continue;
            result.Add((name, _given[name][next[name]++]));
        }
        foreach (var name in wanted) // occurrences the order did not list (none when it is complete)
            while (next[name] < _given[name].Count) result.Add((name, _given[name][next[name]++]));
        return result;
    }

    public CommandOptions Command { get; }

    /// <summary>True when the option was given.</summary>
    public bool Has(string name) => _given.ContainsKey(Command[name].Name);

    /// <summary>The texts given (or the default as one text; empty when neither).</summary>
    public IReadOnlyList<string> Texts(string name)
    {
        var spec = Command[name];
        if (_given.TryGetValue(spec.Name, out var v)) return v;
        return spec.Default is null ? [] : [spec.Default];
    }

    /// <summary>The typed value (see <see cref="OptionGrammar"/>), the default's when absent, null when neither; repeated values are joined.</summary>
    public object? Value(string name)
    {
        var spec = Command[name];
        var texts = Texts(name);
        if (texts.Count == 0)
        {
            if (spec.Required) throw new FwbmException($"{spec.Flag} is required; expected {OptionGrammar.Expected(spec)}.");
            return spec.Kind == ValueKind.Flag ? false : null;
        }
        var parsed = texts.Select(t => OptionGrammar.Parse(spec, Resolve(spec, t))).ToArray();
        if (parsed.Length == 1) return parsed[0];
        return spec.Kind switch
        {
            ValueKind.Assignments => parsed.SelectMany(p => (Assignment[])p).ToArray(),
            ValueKind.Names or ValueKind.Measures => parsed.SelectMany(p => (string[])p).ToArray(),
            ValueKind.Bounds => parsed.SelectMany(p => ((string, double, double)[])p).ToArray(),
            ValueKind.Range => parsed.SelectMany(p => (double[])p).ToArray(),
            ValueKind.Flag => parsed.Any(p => (bool)p),
            _ => throw new FwbmException($"{spec.Flag} is given {parsed.Length} times; expected once."),
        };
    }

    private string Resolve(OptionSpec spec, string text) =>
        _resolve is not null && spec.Kind is ValueKind.Number or ValueKind.Integer or ValueKind.Seed or ValueKind.Duration
            or ValueKind.Assignments or ValueKind.Range or ValueKind.Axis or ValueKind.Interval or ValueKind.Bounds
            ? _resolve(text) : text;

    public string? Text(string name) => (string?)Value(name);
    public string RequireText(string name) => Text(name) ?? throw new FwbmException($"{Command[name].Flag} is required; expected {OptionGrammar.Expected(Command[name])}.");
    public double? Number(string name) => (double?)Value(name);
    public int? Integer(string name) => (int?)Value(name);
    public ulong? Seed(string name) => (ulong?)Value(name);
    /// <summary>A duration in milliseconds.</summary>
    public double? DurationMs(string name) => (double?)Value(name);
    public bool Flag(string name) => (bool)Value(name)!;
    public IReadOnlyList<Assignment> Assignments(string name) => (Assignment[]?)Value(name) ?? [];
    public IReadOnlyList<string> Names(string name) => (string[]?)Value(name) ?? [];
    public IReadOnlyList<(string Name, double Min, double Max)> Bounds(string name) => ((string, double, double)[]?)Value(name) ?? [];
    public (double Low, double High)? Interval(string name) => Value(name) is ValueTuple<double, double> v ? v : null;
    public double[]? Range(string name) => (double[]?)Value(name);

    /// <summary>Every axis given (the CLI's --sweep may repeat).</summary>
    public IReadOnlyList<ParameterAxis> Axes(string name)
    {
        var spec = Command[name];
        return Texts(name).Select(t => RangeText.Axis(Resolve(spec, t), spec.Flag)).ToArray();
    }
}
