using System.Text;
using Fwbm.Core;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;

namespace Fwbm.Interactive.Magics;

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
            if (p.Aliases.Count > 0) sb.Append(" (also: ").Append(string.Join(", ", p.Aliases.Select(a => "--" + a))).Append(')');
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
            var kp = new KernelDirectiveParameter("--" + p.Name, p.Description) { TypeHint = p.TypeHint, Flag = p.Flag, AllowImplicitName = p.ImplicitName };
            Func<IEnumerable<string>>? values = p.Allowed ?? p.Suggestions;
            if (p.Allowed is null && p.VariableTypes is { Count: > 0 } types && kernel is not null)
            {
                var suggestions = p.Suggestions;
                values = () => VariableNames(kernel, types).Concat(suggestions is null ? [] : SafeValues(suggestions)).Distinct();
            }
            // a pattern choice such as cuda:N is listed in help and errors, not offered as a literal completion
            if (values is not null) kp.AddCompletions(() => SafeValues(values).Where(v => !v.EndsWith(":N", StringComparison.Ordinal)));
            d.Parameters.Add(kp);
            // the catalogue's long aliases (e.g. --normalize for --normalise) are parameters of the directive too; MagicArguments maps them back
            foreach (var alias in p.Aliases)
                d.Parameters.Add(new KernelDirectiveParameter("--" + alias, $"Same as --{p.Name}.") { TypeHint = p.TypeHint, Flag = p.Flag });
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
