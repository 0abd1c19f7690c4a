using System.Globalization;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.Exploration;
using Fwbm.Core.Grammar;
using Fwbm.Core.Options;

namespace Fwbm.Interactive.Magics;

/// <summary>
/// The arguments of one magic invocation. Every value is parsed by the Core grammar of its catalogue option (<see cref="OptionValues"/>,
/// the same code the CLI uses); errors name the magic, the parameter and what is allowed. A number, duration, seed, list or range
/// may name a C# variable of the notebook instead of a literal.
/// </summary>
public sealed class MagicArguments
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly FwbmMagic _magic;
    private readonly Func<string, object?> _variable;
    private readonly OptionValues _values;

    /// <param name="variable">Looks up a C# variable of the notebook by name (null when none): a number, duration or range parameter may
    /// name a variable instead of giving a literal (e.g. <c>--coupling G</c>).</param>
    /// <param name="order">The parameters as typed on the magic's line (see <see cref="TypedOrder"/>), for options whose order matters
    /// (the surgery edits); null: the order the kernel lists them.</param>
    public MagicArguments(FwbmMagic magic, IReadOnlyDictionary<string, string?> values, Func<string, object?>? variable = null, IReadOnlyList<string>? order = null)
    {
        _magic = magic;
        _variable = variable ?? (_ => null);
        var given = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in values)
        {
            // the kernel names JSON values in camelCase (--fcd-window arrives as fcdWindow): compare without dashes and case
            var p = magic.Parameters.FirstOrDefault(q => string.Equals(Key(q.Name), Key(k), StringComparison.OrdinalIgnoreCase))
                ?? magic.Parameters.FirstOrDefault(q => q.Answers(k)); // an alias (--normalize for --normalise)
            if (p is null || v is null) continue; // "help", "invokedDirective" …
            if (p.Flag) { if (v is "true" or "True") given[p.Name] = ["true"]; continue; }
            given[p.Name] = [v];
        }
        var command = new CommandOptions(magic.Name, magic.Description, magic.Parameters.Select(p => p.Option).ToArray());
        _values = new OptionValues(command, given, Resolve) { Order = order };
    }

    /// <summary>The parsed options (the same reader the CLI uses), for Core helpers such as <see cref="SimulationChoices"/>.</summary>
    public OptionValues Values => _values;

    private static string Key(string name) => name.TrimStart('-').Replace("-", "").Replace("_", "");

    /// <summary>
    /// The kernel's parser drops a non-flag parameter given without a value (<c>--coupling</c> at the end of the line or followed by
    /// another option), so the magic would silently run with the default. This reads the magic's line(s) in the submitted code and
    /// fails with the parameter's name instead.
    /// </summary>
    internal static void CheckEveryParameterHasAValue(FwbmMagic magic, string? code)
    {
        if (string.IsNullOrEmpty(code)) return;
        foreach (var raw in code.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith(magic.Name, StringComparison.Ordinal) || line.Length > magic.Name.Length && !char.IsWhiteSpace(line[magic.Name.Length])) continue;
            var tokens = Tokens(line[magic.Name.Length..]);
            for (int i = 0; i < tokens.Count; i++)
            {
                var (text, quoted) = tokens[i];
                if (quoted || !text.StartsWith("--", StringComparison.Ordinal)) continue;
                var p = magic.Parameters.FirstOrDefault(q => string.Equals("--" + q.Name, text, StringComparison.OrdinalIgnoreCase) || q.Aliases.Any(a => string.Equals("--" + a, text, StringComparison.OrdinalIgnoreCase)));
                if (p is null || p.Flag) continue;
                bool missing = i + 1 >= tokens.Count || !tokens[i + 1].Quoted && tokens[i + 1].Text.StartsWith("--", StringComparison.Ordinal)
                    && !double.TryParse(tokens[i + 1].Text, NumberStyles.Float, Ci, out _);
                if (missing)
                    throw new MagicArgumentException($"{magic.Name}: --{p.Name} has no value; expected {OptionGrammar.Expected(p.Option)}.");
            }
        }
    }

    private static List<(string Text, bool Quoted)> Tokens(string s)
    {
        var list = new List<(string, bool)>();
        int i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            if (i >= s.Length) break;
            if (s[i] == '"')
            {
                int end = s.IndexOf('"', i + 1);
                if (end < 0) end = s.Length;
                list.Add((s[(i + 1)..end], true));
                i = end + 1;
                continue;
            }
            int start = i;
            while (i < s.Length && !char.IsWhiteSpace(s[i])) i++;
            list.Add((s[start..i], false));
        }
        return list;
    }

    /// <summary>The parameter names in the order typed on the first line of <paramref name="code"/> that calls the magic (null when
    /// the code is unknown or has no such line): the kernel hands the values over in declaration order.</summary>
    internal static IReadOnlyList<string>? TypedOrder(FwbmMagic magic, string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        foreach (var raw in code.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith(magic.Name, StringComparison.Ordinal) || line.Length > magic.Name.Length && !char.IsWhiteSpace(line[magic.Name.Length])) continue;
            return Tokens(line[magic.Name.Length..]).Where(t => !t.Quoted && t.Text.StartsWith("--", StringComparison.Ordinal))
                .Select(t => magic.Parameters.FirstOrDefault(p => p.Answers(t.Text))?.Name).Where(n => n is not null).Select(n => n!).ToArray();
        }
        return null;
    }

    internal static MagicArguments FromCommand(FwbmMagic magic, FwbmMagicCommand cmd, Func<string, object?>? variable = null, string? code = null)
    {
        var d = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in cmd.Values)
            d[k] = v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => v.GetRawText(),
            };
        return new MagicArguments(magic, d, variable, TypedOrder(magic, code));
    }

    /// <summary>The value of the notebook's C# variable called <paramref name="name"/>, or null when there is none.</summary>
    public object? Variable(string name) => _variable(name);

    /// <summary>The text of a value, or of the C# variable it names (numbers formatted invariantly).</summary>
    private string Resolve(string s)
    {
        var t = s.Trim();
        if (t.Length == 0 || !(char.IsLetter(t[0]) || t[0] == '_') || !t.All(c => char.IsLetterOrDigit(c) || c == '_')) return s;
        return _variable(t) switch
        {
            double d => d.ToString("R", Ci),
            float f => f.ToString("R", Ci),
            int i => i.ToString(Ci),
            long l => l.ToString(Ci),
            ulong u => u.ToString(Ci),
            decimal m => m.ToString(Ci),
            string text => text,
            _ => s,
        };
    }

    private MagicParameter Param(string name) => _magic.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"{_magic.Name} declares no parameter '{name}'.");

    /// <summary>Runs a Core read; its error (which names the option) is prefixed with the magic's name.</summary>
    private T Read<T>(Func<T> read)
    {
        try { return read(); }
        catch (FwbmException e) when (e is not MagicArgumentException) { throw new MagicArgumentException($"{_magic.Name}: {e.Message}"); }
    }

    /// <summary>The typed value of a parameter (see <see cref="OptionGrammar"/>), as the CLI would read it.</summary>
    public object? Value(string name) => Read(() => _values.Value(Param(name).Name));

    /// <summary>True when the parameter was given.</summary>
    public bool Has(string name) => _values.Has(Param(name).Name);

    /// <summary>
    /// The text (or the declared default), checked by the parameter's grammar; a choice comes back in its canonical spelling; null when absent.
    /// </summary>
    public string? String(string name)
    {
        var p = Param(name);
        var value = Value(p.Name);
        if (value is null) return null;
        if (value is string s) return s;
        return _values.Texts(p.Name)[0].Trim();
    }

    /// <summary>A required text value.</summary>
    public string Require(string name) => String(name)
        ?? throw new MagicArgumentException($"{_magic.Name}: --{Param(name).Name} is required; expected {OptionGrammar.Expected(Param(name).Option)}.");

    public bool Flag(string name) => Value(name) is true;

    /// <summary>A number (or a variable holding one), optionally within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double? Double(string name, double? min = null, double? max = null) => Read(() =>
    {
        var v = _values.Number(Param(name).Name);
        if (v is double x) NumberText.CheckBounds(x, "--" + Param(name).Name, min, false, max);
        return v;
    });

    public int? Int(string name, int? min = null, int? max = null) => Read(() =>
    {
        var v = _values.Integer(Param(name).Name);
        if (v is int x) NumberText.CheckBounds(x, "--" + Param(name).Name, min, false, max);
        return v;
    });

    /// <summary>A seed: a non-negative whole number.</summary>
    public ulong? ULong(string name) => Read(() => _values.Seed(Param(name).Name));

    /// <summary>A duration in ms ("600s", "10min", "500ms"; a plain number is in the option's unit).</summary>
    public double? DurationMs(string name) => Read(() => _values.DurationMs(Param(name).Name));

    /// <summary>"a=-0.02, omega=0.3" (a=v1,v2,… gives one value per region).</summary>
    public IReadOnlyList<Assignment> Assignments(string name) => Read(() => _values.Assignments(Param(name).Name));

    /// <summary>Comma-separated names (checked against the allowed names when the option has them).</summary>
    public IReadOnlyList<string> Names(string name) => Read(() => _values.Names(Param(name).Name));

    /// <summary>"name=min:max" pairs.</summary>
    public IReadOnlyList<(string Name, double Min, double Max)> Bounds(string name) => Read(() => _values.Bounds(Param(name).Name));

    /// <summary>"low:high".</summary>
    public (double Low, double High)? Interval(string name) => Read(() => _values.Interval(Param(name).Name));

    /// <summary>A sweep axis "name=range" (start:step:stop, lin(…), log(…), v1,v2,…), or null when absent.</summary>
    public ParameterAxis? Axis(string name) => Read(() => _values.Value(Param(name).Name) as ParameterAxis);
}
