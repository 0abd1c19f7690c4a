using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Fwbm.Core;
using Fwbm.Interactive;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

namespace Fwbm.Cli.Notebooks;

/// <summary>Outcome of a headless run.</summary>
internal sealed record NotebookRunResult(InteractiveDocument Document, int CellsRun, int? FailedCell, string? Error, TimeSpan Elapsed)
{
    /// <summary>The run was stopped by a cancellation (Ctrl+C / SIGTERM); <see cref="FailedCell"/> is the cell where it stopped.</summary>
    public bool Interrupted { get; init; }

    public bool Succeeded => FailedCell is null;
}

/// <summary>
/// Runs a notebook (.ipynb or .dib) cell by cell in an in-process C# kernel with FWBM loaded — no Jupyter, no network port —
/// recording every cell's outputs. Papermill conventions: values given as parameters are injected in a new cell (tagged
/// <c>injected-parameters</c>) after the cell tagged <c>parameters</c>; the run stops at the first failing cell.
/// </summary>
internal sealed class NotebookRunner
{
    /// <summary>Lines that load FWBM from NuGet in Jupyter/Polyglot. FWBM is built into fwbm run, so they are replaced by a comment.</summary>
    private static readonly Regex FwbmLoadLine = new(
        @"^\s*(#r\s+""nuget:\s*FWBM\.[A-Za-z.]+[^""]*""|#i\s+""nuget:[^""]*""|#!import\s+\S*use-fwbm\.dib)\s*$",
        RegexOptions.IgnoreCase | RegexOptions.Multiline);
    /// <summary>Lines that add TorchSharp's native runtime in Jupyter/Polyglot (the Torch backend of <c>#!fwbm-fit</c>): fwbm has one built in.</summary>
    private static readonly Regex TorchRuntimeLine = new(
        @"^\s*#r\s+""nuget:\s*(libtorch-[A-Za-z0-9.\-]+|TorchSharp(-cpu|-cuda-linux|-cuda-windows)?)\s*(,[^""]*)?""\s*$",
        RegexOptions.IgnoreCase | RegexOptions.Multiline);
    private static readonly Regex OtherNugetLine = new(@"^\s*#r\s+""nuget:[^""]*""\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline);

    public static KernelInfoCollection KernelInfos()
    {
        var k = new KernelInfoCollection
        {
            new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp", "C#", ["c#", "C#", "cs"]),
            new Microsoft.DotNet.Interactive.Documents.KernelInfo("markdown", "Markdown", ["md"]),
            new Microsoft.DotNet.Interactive.Documents.KernelInfo("fsharp", "F#", ["f#", "F#"]),
            new Microsoft.DotNet.Interactive.Documents.KernelInfo("pwsh", "PowerShell", ["powershell"]),
        };
        k.DefaultKernelName = "csharp";
        return k;
    }

    public static async Task<InteractiveDocument> LoadAsync(string path)
    {
        if (!File.Exists(path)) throw new FwbmException($"Notebook '{path}' does not exist.");
        var ext = Path.GetExtension(path).ToLowerInvariant();
        await using var s = File.OpenRead(path);
        try
        {
            return ext switch
            {
                ".ipynb" => Notebook.Read(s, KernelInfos()),
                ".dib" => CodeSubmission.Read(s, KernelInfos()),
                _ => throw new FwbmException($"Notebook '{path}': expected a .ipynb or .dib file."),
            };
        }
        catch (Exception e) when (e is not FwbmException)
        {
            throw new FwbmException($"Notebook '{path}' could not be read: {e.Message}");
        }
    }

    private const string InjectedHeader = "// Parameters injected by fwbm run";

    /// <summary>
    /// Insert the parameter cell after the cell tagged "parameters" (first line "// parameters" in .dib files). Cells injected by an
    /// earlier run (tagged "injected-parameters", or starting with the injected header in .dib files) are removed first, as papermill
    /// does — otherwise re-running an executed notebook would run the old values after the new ones.
    /// </summary>
    public static void InjectParameters(InteractiveDocument doc, IReadOnlyList<KeyValuePair<string, string>> parameters, string source)
    {
        if (parameters.Count == 0) return;
        for (int k = doc.Elements.Count - 1; k >= 0; k--)
            if (HasTag(doc.Elements[k], "injected-parameters") || (doc.Elements[k].KernelName is "csharp" && doc.Elements[k].Contents.TrimStart().StartsWith(InjectedHeader, StringComparison.Ordinal)))
                doc.Elements.RemoveAt(k);
        int index = doc.Elements.ToList().FindIndex(IsParametersCell);
        if (index < 0)
            throw new FwbmException($"Notebook '{source}' has no cell tagged 'parameters' (in .dib files: a cell whose first line is '// parameters'); cannot inject {string.Join(", ", parameters.Select(p => p.Key))}.");
        var declared = DeclaredParameters(doc.Elements[index].Contents);
        var sb = new StringBuilder(InjectedHeader + "\n");
        foreach (var (name, value) in parameters)
        {
            if (!declared.TryGetValue(name, out var type))
                throw new FwbmException($"Parameter '{name}' is not declared in the notebook's parameters cell; declared: {(declared.Count == 0 ? "none" : string.Join(", ", declared.Keys))}.");
            sb.Append(name).Append(" = ").Append(Literal(name, value, type)).Append(";\n");
        }
        var cell = new InteractiveDocumentElement(sb.ToString(), "csharp", []);
        cell.Metadata ??= new Dictionary<string, object>();
        cell.Metadata["tags"] = new[] { "injected-parameters" };
        doc.Elements.Insert(index + 1, cell);
    }

    private static bool IsParametersCell(InteractiveDocumentElement e) =>
        HasTag(e, "parameters")
        || (e.KernelName is "csharp" && e.Contents.TrimStart().StartsWith("// parameters", StringComparison.OrdinalIgnoreCase) && !HasTag(e, "injected-parameters"));

    private static bool HasTag(InteractiveDocumentElement e, string tag)
    {
        if (e.Metadata is not { } m || !m.TryGetValue("tags", out var tags)) return false;
        IEnumerable<string> list = tags switch
        {
            IEnumerable<string> ss => ss,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } je => je.EnumerateArray().Select(x => x.ToString()),
            IEnumerable<object> os => os.Select(o => o?.ToString() ?? ""),
            _ => [],
        };
        return list.Contains(tag);
    }

    /// <summary>Names and declared types ("var" when inferred) of the top-level declarations in a parameters cell.</summary>
    internal static Dictionary<string, string> DeclaredParameters(string code)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(code, @"^\s*(?<type>var|[A-Za-z_][\w.]*(?:<[^=;]*>)?\??(?:\[\])?)\s+(?<name>[A-Za-z_]\w*)\s*=\s*(?<value>[^;]*);", RegexOptions.Multiline))
        {
            string type = m.Groups["type"].Value;
            if (type == "var") type = m.Groups["value"].Value.TrimStart().StartsWith('"') ? "string" : "var";
            d[m.Groups["name"].Value] = type;
        }
        return d;
    }

    private static string Literal(string name, string value, string type)
    {
        var ci = CultureInfo.InvariantCulture;
        switch (type)
        {
            case "string":
                return "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";
            case "bool":
                if (value is "true" or "false") return value;
                throw new FwbmException($"Parameter '{name}' is a bool; got '{value}' (expected true or false).");
            case "int" or "long" or "ulong":
                if (long.TryParse(value, NumberStyles.Integer, ci, out _)) return value;
                throw new FwbmException($"Parameter '{name}' is {type}; got '{value}' (expected a whole number).");
            case "double" or "float":
                if (double.TryParse(value, NumberStyles.Float, ci, out var dv) && double.IsFinite(dv)) return dv.ToString("R", ci) + (type == "float" ? "f" : "");
                throw new FwbmException($"Parameter '{name}' is {type}; got '{value}' (expected a number).");
            default:
                if (double.TryParse(value, NumberStyles.Float, ci, out _) || value is "true" or "false") return value;
                throw new FwbmException($"Parameter '{name}' has type '{type}'; give a number or true/false, or declare it as string in the parameters cell.");
        }
    }

    /// <summary>The C# kernel with FWBM loaded and referenced, as a notebook has it after <c>#r "nuget: FWBM.Interactive"</c>.</summary>
    public static CompositeKernel CreateKernel()
    {
        var cs = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        var kernel = new CompositeKernel { cs };
        kernel.DefaultKernelName = cs.Name;
        FwbmExtension.Load(kernel);
        cs.AddAssemblyReferences(new[]
        {
            typeof(Core.Connectivity.Connectome).Assembly, typeof(FwbmExtension).Assembly, typeof(Plotly.NET.GenericChart).Assembly,
            typeof(Microsoft.FSharp.Core.FSharpOption<>).Assembly, typeof(Microsoft.Data.Analysis.DataFrame).Assembly,
            typeof(Torch.TorchRuntime).Assembly, typeof(TorchSharp.torch).Assembly,
        }.Select(a => a.Location).Distinct());
        return kernel;
    }

    /// <summary>Run every code cell in order; stop at the first failure. Outputs replace those in the document.</summary>
    public static async Task<NotebookRunResult> RunAsync(InteractiveDocument doc, TextWriter log, CancellationToken cancellation = default, string? workingDirectory = null)
    {
        // relative paths in cells (#!import, #load, files) resolve against the notebook's folder, as in Jupyter
        string previous = Directory.GetCurrentDirectory();
        if (workingDirectory is not null) Directory.SetCurrentDirectory(workingDirectory);
        try { return await RunInAsync(doc, log, cancellation); }
        finally { if (workingDirectory is not null) Directory.SetCurrentDirectory(previous); }
    }

    /// <summary>How long a cell may take to stop after the kernel's Cancel before the run gives up waiting and writes its outputs
    /// (C# code in a tight loop does not observe cancellation; FWBM's magics stop within a step).</summary>
    internal static TimeSpan CancelGrace { get; set; } = TimeSpan.FromSeconds(10);

    private static async Task<NotebookRunResult> RunInAsync(InteractiveDocument doc, TextWriter log, CancellationToken cancellation)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var kernel = CreateKernel();
        using var onCancel = cancellation.Register(() => _ = kernel.SendAsync(new Cancel()));
        int order = 0, run = 0;
        var elements = doc.Elements;
        for (int i = 0; i < elements.Count; i++)
        {
            var cell = elements[i];
            if (cell.KernelName is "markdown" or "md") continue;
            cell.Outputs.Clear();
            cell.ExecutionOrder = 0;
        }
        for (int i = 0; i < elements.Count; i++)
        {
            var cell = elements[i];
            if (cell.KernelName is "markdown" or "md") continue;
            if (string.IsNullOrWhiteSpace(cell.Contents)) continue;
            if (cancellation.IsCancellationRequested) return Interrupted(null);
            cell.ExecutionOrder = ++order;
            run++;
            string? error = null;
            if (cell.KernelName is not ("csharp" or "c#" or "C#"))
                error = $"fwbm run executes C# cells; this cell is '{cell.KernelName}'.";
            else
            {
                string code = Rewrite(cell.Contents, out var nugetError);
                if (nugetError is not null) error = nugetError;
                else
                {
                    var submit = kernel.SubmitCodeAsync(code);
                    if (cancellation.CanBeCanceled)
                    {
                        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        using (cancellation.Register(() => stop.TrySetResult()))
                            await Task.WhenAny(submit, stop.Task);
                        if (!submit.IsCompleted) await Task.WhenAny(submit, Task.Delay(CancelGrace));
                    }
                    error = submit.IsCompleted
                        ? Record(await submit, cell)
                        : $"the cell did not stop within {CancelGrace.TotalSeconds:F0} s of the kernel's Cancel; its outputs so far are not recorded";
                }
            }
            var head = cell.Contents.Split('\n')[0];
            if (cancellation.IsCancellationRequested) return Interrupted(cell, error);
            log.WriteLine($"[{order,3}] {(error is null ? "ok  " : "FAIL")} {head[..Math.Min(head.Length, 70)]}");
            if (error is not null)
            {
                cell.Outputs.Add(new ErrorElement(error, "Error", []));
                log.WriteLine("      " + error.Replace("\n", "\n      "));
                return new NotebookRunResult(doc, run, order, error, clock.Elapsed);
            }

            NotebookRunResult Interrupted(InteractiveDocumentElement? at, string? cellError = null)
            {
                string message = at is null
                    ? $"fwbm run was interrupted (Ctrl+C / SIGTERM) after code cell [{order}]; the cells after it did not run."
                    : $"fwbm run was interrupted (Ctrl+C / SIGTERM) while this cell was running" + (cellError is null ? " (it completed)" : $": {cellError}") + "; the cells after it did not run.";
                // note it on the cell that was running (or, between cells, on the last one that ran)
                var where = at ?? elements.Take(i).LastOrDefault(e => e.ExecutionOrder > 0);
                where?.Outputs.Add(new ErrorElement(message, "Interrupted", []));
                log.WriteLine($"[{order,3}] STOP {message}");
                return new NotebookRunResult(doc, run, order, message, clock.Elapsed) { Interrupted = true };
            }
        }
        return new NotebookRunResult(doc, run, null, null, clock.Elapsed);
    }

    internal static string Rewrite(string code, out string? error)
    {
        error = null;
        code = FwbmLoadLine.Replace(code, "// (fwbm run: FWBM is built in; package reference skipped)");
        code = TorchRuntimeLine.Replace(code, "// (fwbm run: the Torch runtime is built in — TorchSharp with libtorch-cpu-linux-x64; package reference skipped)");
        var m = OtherNugetLine.Match(code);
        if (m.Success)
            error = $"fwbm run does not download NuGet packages (it runs offline, in process): '{m.Value.Trim()}'. Reference a local DLL with #r \"path/to.dll\", or run this notebook in Jupyter.";
        return code;
    }

    /// <summary>Turn the kernel's events into notebook outputs; returns the error message when the cell failed.</summary>
    private static string? Record(KernelCommandResult result, InteractiveDocumentElement cell)
    {
        var byId = new Dictionary<string, int>();
        string? error = null;
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case DisplayedValueUpdated u when u.ValueId is not null && byId.TryGetValue(u.ValueId, out var at):
                    cell.Outputs[at] = new DisplayElement(Data(u));
                    break;
                case ReturnValueProduced rv:
                    cell.Outputs.Add(new ReturnValueElement { ExecutionOrder = cell.ExecutionOrder }.With(Data(rv)));
                    break;
                case DisplayedValueProduced dv:
                    if (dv.ValueId is not null) byId[dv.ValueId] = cell.Outputs.Count;
                    cell.Outputs.Add(new DisplayElement(Data(dv)));
                    break;
                case StandardOutputValueProduced so:
                    cell.Outputs.Add(new TextElement(Text(so), "stdout"));
                    break;
                case StandardErrorValueProduced se:
                    cell.Outputs.Add(new TextElement(Text(se), "stderr"));
                    break;
                case ErrorProduced ep:
                    cell.Outputs.Add(new TextElement(ep.Message + "\n", "stderr"));
                    break;
                case CommandFailed f:
                    error = f.Message;
                    break;
            }
        }
        return error;
    }

    private static Dictionary<string, object> Data(DisplayEvent e) =>
        e.FormattedValues.GroupBy(f => f.MimeType).ToDictionary(g => g.Key, g => (object)g.First().Value);

    private static string Text(DisplayEvent e) => e.FormattedValues.FirstOrDefault(f => f.MimeType == "text/plain")?.Value ?? e.FormattedValues.FirstOrDefault()?.Value ?? "";
}

internal static class ReturnValueElementExtensions
{
    public static ReturnValueElement With(this ReturnValueElement e, Dictionary<string, object> data)
    {
        foreach (var (k, v) in data) e.Data[k] = v;
        return e;
    }
}
