using System.CommandLine;
using Fwbm.Cli.Notebooks;
using Fwbm.Core;
using Fwbm.Core.IO;
using Fwbm.Core.Options;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace Fwbm.Cli.Commands;

/// <summary>
/// <c>fwbm run notebook.ipynb|.dib [-p name=value …] [--out executed.ipynb] [--html report.html]</c>: execute a notebook headlessly
/// in an in-process C# kernel with FWBM loaded. Exit 0 when every cell ran, 1 when a cell failed (the executed notebook and report
/// are still written, with the error), 2 for bad arguments, 130/143 when stopped by Ctrl+C/SIGTERM (both files still written, the
/// interruption noted on the cell that was running).
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var notebook = new Argument<string>("notebook") { Description = "The notebook to run (.ipynb or .dib)." };
        var options = new CliOptions(OptionCatalog.Run);
        var cmd = options.CreateCommand();
        cmd.Arguments.Add(notebook);
        cmd.SetAction(async (pr, ct) =>
        {
            var stdout = pr.InvocationConfiguration.Output;
            var stderr = pr.InvocationConfiguration.Error;
            string path = pr.GetValue(notebook)!;
            var o = options.Read(pr);
            var ps = ParseParameters(o.Texts("parameter"));
            var doc = await NotebookRunner.LoadAsync(path);
            NotebookRunner.InjectParameters(doc, ps, path);
            string outPath = Path.GetFullPath(o.Text("out") ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + ".executed.ipynb"));
            string? htmlOut = o.Text("html") is { } hp ? Path.GetFullPath(hp) : null;
            if (!outPath.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) throw new FwbmException($"--out '{outPath}': expected a .ipynb path.");
            stdout.WriteLine($"fwbm run {path}" + (ps.Count > 0 ? " with " + string.Join(", ", ps.Select(p => $"{p.Key}={p.Value}")) : ""));
            var result = await NotebookRunner.RunAsync(doc, stdout, ct, Path.GetDirectoryName(Path.GetFullPath(path)));
            AtomicFile.WriteText(outPath, w => w.Write(Notebook.ToJupyterJson(result.Document)));
            stdout.WriteLine($"executed notebook: {outPath}");
            if (htmlOut is { } htmlPath)
            {
                AtomicFile.WriteText(htmlPath, w => w.Write(HtmlReport.Render(result.Document, Path.GetFileNameWithoutExtension(path), result)));
                stdout.WriteLine($"HTML report: {htmlPath}");
            }
            if (result.Interrupted)
            {
                // Program maps this to 130 (SIGINT) or 143 (SIGTERM)
                stderr.WriteLine($"fwbm: interrupted at code cell [{result.FailedCell}]; the executed notebook and report hold the cells run so far, with the interruption noted.");
                return 130;
            }
            if (!result.Succeeded)
            {
                stderr.WriteLine($"fwbm: error: code cell [{result.FailedCell}] failed: {result.Error}");
                return 1;
            }
            stdout.WriteLine($"{result.CellsRun} code cells ran in {result.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return cmd;
    }

    internal static List<KeyValuePair<string, string>> ParseParameters(IEnumerable<string> items)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var item in items)
        {
            int eq = item.IndexOf('=');
            if (eq <= 0) throw new FwbmException($"-p '{item}': expected name=value, e.g. -p coupling=0.5.");
            list.Add(new(item[..eq].Trim(), item[(eq + 1)..]));
        }
        return list;
    }
}
