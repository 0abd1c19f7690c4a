using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fwbm.Core;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Formatting;

namespace Fwbm.Interactive.Magics;

/// <summary>One parameter of a magic: name (without dashes), doc, and what values it takes.</summary>
public sealed record MagicParameter(string Name, string Description)
{
    /// <summary>Hint for front ends: "number", "text", "file", "variable" …</summary>
    public string TypeHint { get; init; } = "text";
    /// <summary>A closed set of values: checked (case-insensitive), offered as completions and listed in errors and help.</summary>
    public Func<IEnumerable<string>>? Allowed { get; init; }
    /// <summary>An open set of suggestions (completions only), e.g. dataset ids or variable names.</summary>
    public Func<IEnumerable<string>>? Suggestions { get; init; }
    /// <summary>Shown in help; the magic applies it when the parameter is absent.</summary>
    public string? Default { get; init; }
    public bool Required { get; init; }
    /// <summary>A switch without a value.</summary>
    public bool Flag { get; init; }
    /// <summary>Types of the notebook's C# variables this parameter takes: their names are offered as completions (before <see cref="Suggestions"/>).</summary>
    public IReadOnlyList<Type>? VariableTypes { get; init; }
}

/// <summary>A magic stopped by a kernel interrupt; the message says what it kept (e.g. the completed epochs of a fit).</summary>
public sealed class MagicCancelledException(string message, CancellationToken token) : OperationCanceledException(message, token);

/// <summary>Bad magic arguments: the message names the magic, the parameter and what is allowed.</summary>
public sealed class MagicArgumentException(string message) : FwbmException(message);

/// <summary>
/// A <c>#!fwbm-…</c> magic: a name, typed parameters and a handler that calls the public C# API. Adding a magic = one subclass + one
/// line in <see cref="MagicRegistry"/> (or <see cref="MagicRegistry.Register"/> from another assembly, e.g. the Torch layer's
/// <c>#!fwbm-fit</c>). The base class gives every magic <c>--help</c>, completions, checked values and clean errors.
/// </summary>
public abstract class FwbmMagic
{
    /// <summary>Directive name including the prefix, e.g. <c>#!fwbm-simulate</c>.</summary>
    public abstract string Name { get; }
    public abstract string Description { get; }
    public abstract IReadOnlyList<MagicParameter> Parameters { get; }
    /// <summary>Example lines shown in help.</summary>
    public virtual IReadOnlyList<string> Examples => [];

    /// <summary>Run the magic. Throw <see cref="FwbmException"/> for bad input; honour <see cref="MagicContext.CancellationToken"/>.</summary>
    public abstract Task RunAsync(MagicArguments args, MagicContext context);

    /// <summary>Plain-text help: usage, parameters with defaults and allowed values, examples.</summary>
    public string Help()
    {
        var sb = new StringBuilder();
        sb.Append(Name).Append(" — ").AppendLine(Description);
        sb.AppendLine();
        sb.Append("usage: ").Append(Name);
        foreach (var p in Parameters)
            sb.Append(' ').Append(p.Required ? "" : "[").Append("--").Append(p.Name).Append(p.Flag ? "" : $" <{p.TypeHint}>").Append(p.Required ? "" : "]");
        sb.AppendLine().AppendLine();
        foreach (var p in Parameters)
        {
            sb.Append("  --").Append(p.Name.PadRight(14)).Append(p.Description);
            if (p.Default is not null) sb.Append(" (default: ").Append(p.Default).Append(')');
            if (p.Required) sb.Append(" (required)");
            sb.AppendLine();
            if (p.Allowed is not null) sb.Append(' ', 18).Append("allowed: ").AppendLine(string.Join(", ", p.Allowed()));
        }
        sb.Append("  --").Append("help".PadRight(14)).AppendLine("Show this help.");
        if (Examples.Count > 0)
        {
            sb.AppendLine().AppendLine("examples:");
            foreach (var e in Examples) sb.Append("  ").AppendLine(e);
        }
        sb.AppendLine().AppendLine(ValueReferenceNote);
        return sb.ToString();
    }

    /// <summary>How to pass C# values to a magic, and the value-reference limitation of the Jupyter kernel.</summary>
    public const string ValueReferenceNote =
        "C# values: name a variable of the notebook instead of a literal (--coupling G, --duration seconds, --over axis,\n" +
        "--connectome conn). In Jupyter (dotnet-interactive 1.0.712001) a magic line with TWO OR MORE @csharp:x value references\n" +
        "never completes: the kernel asks the front end for an input form that Jupyter does not answer (its own #!set does the\n" +
        "same). One @csharp:x per line works; naming the variable directly always works and is the recommended form.";

    /// <param name="kernel">The kernel whose C# variables are offered for parameters with <see cref="MagicParameter.VariableTypes"/>.</param>
    internal KernelActionDirective CreateDirective(Kernel? kernel = null)
    {
        var d = new KernelActionDirective(Name) { Description = Description };
        foreach (var p in Parameters)
        {
            var kp = new KernelDirectiveParameter("--" + p.Name, p.Description) { TypeHint = p.TypeHint, Flag = p.Flag };
            Func<IEnumerable<string>>? values = p.Allowed ?? p.Suggestions;
            if (p.Allowed is null && p.VariableTypes is { Count: > 0 } types && kernel is not null)
            {
                var suggestions = p.Suggestions;
                values = () => VariableNames(kernel, types).Concat(suggestions is null ? [] : SafeValues(suggestions)).Distinct();
            }
            if (values is not null) kp.AddCompletions(() => SafeValues(values));
            d.Parameters.Add(kp);
        }
        d.Parameters.Add(new KernelDirectiveParameter("--help", "Show the parameters, their defaults and allowed values.") { Flag = true });
        return d;
    }

    /// <summary>Names of the C# variables of <paramref name="kernel"/>'s session holding a value of one of <paramref name="types"/>.</summary>
    internal static IEnumerable<string> VariableNames(Kernel kernel, IReadOnlyList<Type> types)
    {
        var root = kernel.RootKernel;
        var cs = root.FindKernels(k => k is CSharpKernel).OfType<CSharpKernel>().FirstOrDefault() ?? root as CSharpKernel;
        if (cs?.ScriptState is null) return [];
        // the latest binding of a name wins (a later cell may have redeclared it with another type)
        var latest = new Dictionary<string, object?>();
        foreach (var v in cs.ScriptState.Variables) latest[v.Name] = v.Value;
        return latest.Where(kv => kv.Value is not null && types.Any(t => t.IsInstanceOfType(kv.Value))).Select(kv => kv.Key).ToArray();
    }

    private static IEnumerable<string> SafeValues(Func<IEnumerable<string>> f)
    {
        try { return f().ToArray(); } catch { return []; }
    }
}

/// <summary>The command a magic line becomes; parameter values arrive as JSON (strings, or JSON literals).</summary>
public sealed class FwbmMagicCommand : KernelDirectiveCommand
{
    [JsonExtensionData] public Dictionary<string, JsonElement> Values { get; set; } = new();
}

/// <summary>The arguments of one magic invocation, with typed accessors whose errors name the parameter and what is allowed.</summary>
public sealed class MagicArguments
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly FwbmMagic _magic;
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    private readonly Func<string, object?> _variable;

    /// <param name="variable">Looks up a C# variable of the notebook by name (null when none): a number, duration or range parameter may
    /// name a variable instead of giving a literal (e.g. <c>--coupling G</c>).</param>
    public MagicArguments(FwbmMagic magic, IReadOnlyDictionary<string, string?> values, Func<string, object?>? variable = null)
    {
        _magic = magic;
        _variable = variable ?? (_ => null);
        foreach (var (k, v) in values)
        {
            // the kernel names JSON values in camelCase (--fcd-window arrives as fcdWindow): compare without dashes and case
            var p = magic.Parameters.FirstOrDefault(q => string.Equals(Key(q.Name), Key(k), StringComparison.OrdinalIgnoreCase));
            if (p is null) continue; // "help", "invokedDirective" …
            if (p.Flag) { if (v is "true" or "True") _values[p.Name] = "true"; continue; }
            _values[p.Name] = v;
        }
    }

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
                var p = magic.Parameters.FirstOrDefault(q => string.Equals("--" + q.Name, text, StringComparison.OrdinalIgnoreCase));
                if (p is null || p.Flag) continue;
                bool missing = i + 1 >= tokens.Count || !tokens[i + 1].Quoted && tokens[i + 1].Text.StartsWith("--", StringComparison.Ordinal)
                    && !double.TryParse(tokens[i + 1].Text, NumberStyles.Float, Ci, out _);
                if (missing)
                    throw new MagicArgumentException($"{magic.Name}: --{p.Name} has no value; expected {p.Description.TrimEnd('.')}" +
                        (p.Allowed is not null ? $"; allowed values: {string.Join(", ", p.Allowed())}." : p.Default is not null ? $" (e.g. --{p.Name} {p.Default.Split(' ')[0]})." : "."));
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

    internal static MagicArguments FromCommand(FwbmMagic magic, FwbmMagicCommand cmd, Func<string, object?>? variable = null)
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
        return new MagicArguments(magic, d, variable);
    }

    /// <summary>The value of the notebook's C# variable called <paramref name="name"/>, or null when there is none.</summary>
    public object? Variable(string name) => _variable(name);

    /// <summary>The text of a value, or of the C# variable it names (numbers formatted invariantly).</summary>
    private string Resolve(string s)
    {
        if (s.Length == 0 || !(char.IsLetter(s[0]) || s[0] == '_') || !s.All(c => char.IsLetterOrDigit(c) || c == '_')) return s;
        return _variable(s) switch
        {
            double d => d.ToString("R", Ci),
            float f => f.ToString("R", Ci),
            int i => i.ToString(Ci),
            long l => l.ToString(Ci),
            ulong u => u.ToString(Ci),
            decimal m => m.ToString(Ci),
            string t => t,
            _ => s,
        };
    }

    private MagicParameter Param(string name) => _magic.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"{_magic.Name} declares no parameter '{name}'.");

    private MagicArgumentException Error(string name, string what) => new($"{_magic.Name}: --{name} {what}");

    /// <summary>True when the parameter was given.</summary>
    public bool Has(string name) => _values.TryGetValue(Param(name).Name, out var v) && v is not null;

    /// <summary>The raw text (or the declared default), checked against the allowed values when there are any; null when absent.</summary>
    public string? String(string name)
    {
        var p = Param(name);
        string? v = _values.TryGetValue(p.Name, out var x) && x is not null ? x.Trim() : p.Default;
        if (v is null)
        {
            if (p.Required) throw Error(p.Name, "is required" + (p.Allowed is null ? $" ({p.Description})." : $"; allowed values: {string.Join(", ", p.Allowed())}."));
            return null;
        }
        if (v.Length == 0) throw Error(p.Name, "is empty" + (p.Allowed is null ? $"; expected {p.Description.TrimEnd('.')}." : $"; allowed values: {string.Join(", ", p.Allowed())}."));
        if (p.Allowed is not null)
        {
            var allowed = p.Allowed().ToArray();
            var hit = allowed.FirstOrDefault(a => string.Equals(a, v, StringComparison.OrdinalIgnoreCase));
            if (hit is null) throw Error(p.Name, $"'{v}' is not allowed; allowed values: {string.Join(", ", allowed)}.");
            return hit;
        }
        return v;
    }

    /// <summary>A required text value.</summary>
    public string Require(string name) => String(name) ?? throw Error(name, $"is required ({Param(name).Description.TrimEnd('.')}).");

    public bool Flag(string name) => _values.TryGetValue(Param(name).Name, out var v) && v == "true";

    /// <summary>A number; optional unit suffix handled by the caller. Errors name the parameter and show an example.</summary>
    public double? Double(string name, double? min = null, double? max = null)
    {
        var s = String(name);
        if (s is null) return null;
        s = Resolve(s);
        if (!double.TryParse(s, NumberStyles.Float, Ci, out var v) || !double.IsFinite(v))
            throw Error(name, $"'{s}' is not a number (nor a C# variable holding one); expected e.g. --{name} {Param(name).Default ?? "0.5"}.");
        if (min is double lo && v < lo || max is double hi && v > hi)
            throw Error(name, string.Create(Ci, $"= {v:G6} is outside [{min?.ToString("G6", Ci) ?? "-∞"}, {max?.ToString("G6", Ci) ?? "∞"}]."));
        return v;
    }

    public int? Int(string name, int? min = null, int? max = null)
    {
        var s = String(name);
        if (s is null) return null;
        s = Resolve(s);
        if (!int.TryParse(s, NumberStyles.Integer, Ci, out var v)) throw Error(name, $"'{s}' is not a whole number.");
        if (min is int lo && v < lo || max is int hi && v > hi) throw Error(name, $"= {v} is outside [{min?.ToString(Ci) ?? "-∞"}, {max?.ToString(Ci) ?? "∞"}].");
        return v;
    }

    public ulong? ULong(string name)
    {
        var s = String(name);
        if (s is null) return null;
        s = Resolve(s);
        if (!ulong.TryParse(s, NumberStyles.Integer, Ci, out var v)) throw Error(name, $"'{s}' is not a non-negative whole number.");
        return v;
    }

    /// <summary>A duration in ms from "60", "60s", "500ms", "2min" (plain numbers are seconds).</summary>
    public double? DurationMs(string name)
    {
        var s = String(name);
        if (s is null) return null;
        s = Resolve(s);
        var t = s.Trim().ToLowerInvariant();
        double scale = 1000;
        if (t.EndsWith("ms")) { scale = 1; t = t[..^2]; }
        else if (t.EndsWith("min")) { scale = 60_000; t = t[..^3]; }
        else if (t.EndsWith('s')) t = t[..^1];
        if (!double.TryParse(t, NumberStyles.Float, Ci, out var v) || !double.IsFinite(v) || v < 0)
            throw Error(name, $"'{s}' is not a duration; expected e.g. 60, 60s, 500ms or 2min (plain numbers are seconds).");
        return v * scale;
    }

    /// <summary>"a=-0.02, omega=0.3" (separated by commas, semicolons or spaces).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Assignments(string name)
    {
        var s = String(name);
        if (s is null) return [];
        s = Resolve(s);
        var list = new List<KeyValuePair<string, double>>();
        foreach (var item in s.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = item.IndexOf('=');
            if (eq <= 0 || eq == item.Length - 1) throw Error(name, $"'{item}' is not name=value; expected e.g. --{name} \"a=-0.02,omega=0.3\".");
            if (!double.TryParse(item[(eq + 1)..], NumberStyles.Float, Ci, out var v) || !double.IsFinite(v))
                throw Error(name, $"'{item}': '{item[(eq + 1)..]}' is not a number.");
            list.Add(new(item[..eq].Trim(), v));
        }
        return list;
    }

    /// <summary>
    /// "name=start:stop:count" (count points, both ends included) or "name=v1,v2,v3". Returns the parameter name and values.
    /// </summary>
    public (string Parameter, double[] Values)? Axis(string name)
    {
        var s = String(name);
        if (s is null) return null;
        s = Resolve(s);
        int eq = s.IndexOf('=');
        string example = $"--{name} \"coupling=0:0.5:11\" (start:stop:count) or --{name} \"coupling=0.1,0.2,0.4\"";
        if (eq <= 0 || eq == s.Length - 1) throw Error(name, $"'{s}' is not a parameter range; expected e.g. {example}.");
        string p = s[..eq].Trim(), rest = s[(eq + 1)..].Trim();
        double[] values;
        if (rest.Contains(':'))
        {
            var parts = rest.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || !double.TryParse(parts[0], NumberStyles.Float, Ci, out var a) || !double.TryParse(parts[1], NumberStyles.Float, Ci, out var b)
                || !int.TryParse(parts[2], NumberStyles.Integer, Ci, out var n) || n < 1 || n > 100_000)
                throw Error(name, $"'{rest}' is not start:stop:count with 1 ≤ count ≤ 100000; expected e.g. {example}.");
            values = n == 1 ? [a] : Enumerable.Range(0, n).Select(k => a + (b - a) * k / (n - 1)).ToArray();
        }
        else
        {
            var parts = rest.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            values = new double[parts.Length];
            for (int k = 0; k < parts.Length; k++)
                if (!double.TryParse(parts[k], NumberStyles.Float, Ci, out values[k]) || !double.IsFinite(values[k]))
                    throw Error(name, $"'{parts[k]}' is not a number; expected e.g. {example}.");
            if (values.Length == 0) throw Error(name, $"has no values; expected e.g. {example}.");
        }
        return (p, values);
    }
}

/// <summary>What a magic handler can do with the notebook: display, bind C# variables, read them, report progress, be cancelled.</summary>
public sealed class MagicContext
{
    private readonly Kernel _root;

    public MagicContext(KernelInvocationContext invocation, Kernel root)
    {
        Invocation = invocation; _root = root;
    }

    public KernelInvocationContext Invocation { get; }
    /// <summary>Fires when the kernel is interrupted; pass it to every long-running Core call.</summary>
    public CancellationToken CancellationToken => Invocation.CancellationToken;

    private CSharpKernel? CSharp => _root.FindKernels(k => k is CSharpKernel).OfType<CSharpKernel>().FirstOrDefault()
        ?? _root as CSharpKernel;

    /// <summary>Show a value with FWBM's formatters.</summary>
    public DisplayedValue Display(object value) => Invocation.Display(value, "text/html", "text/plain");

    /// <summary>Show plain text.</summary>
    public DisplayedValue DisplayText(string text) => Invocation.DisplayAs(text, "text/plain");

    /// <summary>
    /// Show the dataset's licence and citation in one line, the first time this kernel session loads it; <paramref name="display"/>
    /// false only records it (the caller shows the full attribution itself).
    /// </summary>
    public void ShowAttributionOnce(Core.Connectivity.ConnectomeSource? source, bool display = true)
    {
        if (source is null || string.IsNullOrEmpty(source.DatasetId)) return;
        if (Formatting.DataAttribution.MarkShown(_root, source.DatasetId) && display) DisplayText(Formatting.DataAttribution.Line(source));
    }

    /// <summary>A live progress display for a long run.</summary>
    public LiveProgress Progress(string title) => new(Invocation, title);

    /// <summary>Bind a value to a C# variable of the notebook (declared with type <typeparamref name="T"/>).</summary>
    public async Task BindAsync<T>(string variable, T value) where T : notnull
    {
        CheckIdentifier(variable);
        var cs = CSharp ?? throw new FwbmException("No C# kernel to bind the result to; FWBM magics need the C# kernel (.NET Interactive 'csharp').");
        await cs.SetValueAsync(variable, value, typeof(T));
    }

    /// <summary>A C# variable of type <typeparamref name="T"/>, when one with this name exists.</summary>
    public bool TryGetVariable<T>(string variable, out T value)
    {
        value = default!;
        var cs = CSharp;
        if (cs is null || !SyntaxFacts.IsIdentifier(variable)) return false;
        try
        {
            if (cs.TryGetValue<object>(variable, out var o) && o is T t) { value = t; return true; }
        }
        catch (Exception) { /* not a variable */ }
        return false;
    }

    /// <summary>Names of the notebook's C# variables holding a <typeparamref name="T"/> (for completions).</summary>
    public IEnumerable<string> VariablesOf<T>()
    {
        var cs = CSharp;
        if (cs?.ScriptState is null) return [];
        return cs.ScriptState.Variables.Where(v => v.Value is T).Select(v => v.Name).Distinct().ToArray();
    }

    internal static void CheckIdentifier(string name)
    {
        if (!SyntaxFacts.IsIdentifier(name))
            throw new MagicArgumentException($"--name '{name}' is not a valid C# variable name; expected letters, digits and '_' starting with a letter (e.g. --name sim).");
    }

    private static class SyntaxFacts
    {
        public static bool IsIdentifier(string s) =>
            s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_')
            && !Keywords.Contains(s);
        private static readonly HashSet<string> Keywords = ["class", "int", "double", "string", "var", "new", "return", "if", "else", "for", "foreach", "while", "using", "namespace", "public", "private", "static", "void", "null", "true", "false", "this", "base", "object", "event", "in", "out", "ref", "is", "as", "do", "switch", "case", "default", "break", "continue", "try", "catch", "finally", "throw"];
    }
}
