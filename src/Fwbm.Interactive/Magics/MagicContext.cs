using Fwbm.Core;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Formatting;

namespace Fwbm.Interactive.Magics;

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
