using System.Text.Json;
using Microsoft.DotNet.Interactive.Formatting;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary><c>fwbm run</c> end to end on small notebooks (in-process kernel; no Jupyter, no network).</summary>
[Collection("fwbm run")] // formatter registration is global: these tests do not run in parallel with each other
public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fwbm-run-").FullName;
    private static string Nb(string name) => Path.Combine(AppContext.BaseDirectory, "Notebooks", name);

    public void Dispose()
    {
        Formatter.ResetToDefault();
        Directory.Delete(_dir, recursive: true);
    }

    private static JsonElement[] Cells(string ipynb) => JsonDocument.Parse(File.ReadAllText(ipynb)).RootElement.GetProperty("cells").EnumerateArray().ToArray();
    private static string Source(JsonElement cell) => string.Concat(cell.GetProperty("source").EnumerateArray().Select(s => s.GetString()));
    private static string Outputs(JsonElement cell) => cell.GetProperty("outputs").GetRawText();

    [Fact]
    public void Parameters_are_injected_after_the_parameters_cell_and_the_report_is_offline()
    {
        string outNb = Path.Combine(_dir, "out.ipynb"), html = Path.Combine(_dir, "report.html");
        var (code, stdout, stderr) = ModelsCommandTests.Run("run", Nb("params.ipynb"), "-p", "coupling=0.25", "-p", "label=injected \"quoted\"", "-p", "regions=5", "--out", outNb, "--html", html);
        Assert.True(code == 0, stdout + stderr);
        var cells = Cells(outNb);
        int p = Array.FindIndex(cells, c => Source(c).StartsWith("double coupling"));
        var injected = cells[p + 1];
        Assert.Equal("injected-parameters", injected.GetProperty("metadata").GetProperty("tags")[0].GetString());
        Assert.Contains("coupling = 0.25;", Source(injected));
        // the next cell saw the injected values (string escaped, int kept int)
        Assert.Contains("injected \\\"quoted\\\":0.5:6", Outputs(cells[p + 2]));
        // the magic ran with the injected coupling and 5 regions; the FC output carries a chart
        Assert.Contains("coupling=0.25", Outputs(cells[p + 4]));
        Assert.Contains("5×5", Outputs(cells[p + 5]));
        var report = File.ReadAllText(html);
        Assert.Contains("<h1", report); // markdown rendered
        Assert.Contains("plotly.js v2.28.0", report); // library inlined: renders offline
        Assert.DoesNotContain("<script src=", report);
        Assert.Contains("class=\"fwbm-figure\"", report);
    }

    /// <summary>Papermill replaces the injected cell of an earlier run; keeping it would run the old values after the new ones.</summary>
    [Fact]
    public void Re_running_an_executed_notebook_with_new_parameters_replaces_the_injected_cell()
    {
        string first = Path.Combine(Path.GetDirectoryName(Nb("params.ipynb"))!, $"params.first-{Guid.NewGuid():N}.ipynb"), second = Path.Combine(_dir, "second.ipynb");
        try
        {
            var (code, stdout, stderr) = ModelsCommandTests.Run("run", Nb("params.ipynb"), "-p", "coupling=0.25", "--out", first);
            Assert.True(code == 0, stdout + stderr);
            (code, stdout, stderr) = ModelsCommandTests.Run("run", first, "-p", "coupling=0.75", "--out", second);
            Assert.True(code == 0, stdout + stderr);
        }
        finally { File.Delete(first); }
        var cells = Cells(second);
        var injected = cells.Where(c => c.GetProperty("metadata").TryGetProperty("tags", out var t) && t.EnumerateArray().Any(x => x.GetString() == "injected-parameters")).ToArray();
        Assert.Single(injected);
        Assert.Contains("coupling = 0.75;", Source(injected[0]));
        int p = Array.FindIndex(cells, c => Source(c).StartsWith("double coupling"));
        Assert.Equal(p + 1, Array.IndexOf(cells, injected[0]));
        Assert.Contains("default:1.5:5", Outputs(cells[p + 2]));   // label and regions back to the notebook's own values, coupling the new one
        Assert.Contains("coupling=0.75", Outputs(cells[p + 4]));
    }

    [Fact]
    public void A_failing_cell_stops_the_run_writes_the_notebook_with_the_error_and_exits_non_zero()
    {
        string outNb = Path.Combine(_dir, "failed.ipynb"), html = Path.Combine(_dir, "failed.html");
        var (code, stdout, stderr) = ModelsCommandTests.Run("run", Nb("failing.dib"), "--out", outNb, "--html", html);
        Assert.Equal(1, code);
        Assert.Contains("code cell [3] failed", stderr);
        Assert.Contains("deliberate failure in cell 3", stderr);
        var cells = Cells(outNb);
        var code3 = cells.Single(c => Source(c).Contains("deliberate failure"));
        var err = code3.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("output_type").GetString() == "error");
        Assert.Contains("deliberate failure in cell 3", err.GetProperty("evalue").GetString());
        Assert.Contains("x = 21", Outputs(cells.Single(c => Source(c).StartsWith("Console.WriteLine"))));
        var after = cells.Single(c => Source(c).Contains("never"));
        Assert.Equal(0, after.GetProperty("outputs").GetArrayLength()); // not run
        Assert.Contains("stopped at a failing cell", File.ReadAllText(html));
    }

    [Fact]
    public void Unknown_parameter_is_a_clear_error_naming_the_declared_ones()
    {
        var (code, _, stderr) = ModelsCommandTests.Run("run", Nb("params.ipynb"), "-p", "G=1", "--out", Path.Combine(_dir, "x.ipynb"));
        Assert.Equal(2, code);
        Assert.Contains("Parameter 'G' is not declared in the notebook's parameters cell; declared: coupling, regions, label.", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "x.ipynb")));
    }

    [Fact]
    public void Wrongly_typed_parameter_and_missing_notebook_are_errors_with_exit_2()
    {
        Assert.Contains("Parameter 'regions' is int; got 'many'", ModelsCommandTests.Run("run", Nb("params.ipynb"), "-p", "regions=many").Err);
        var (code, _, err) = ModelsCommandTests.Run("run", Path.Combine(_dir, "nope.ipynb"));
        Assert.Equal(2, code);
        Assert.Contains("does not exist", err);
    }

    [Fact]
    public void Other_nuget_references_fail_the_cell_with_an_explanation()
    {
        var nb = Path.Combine(_dir, "nuget.dib");
        File.WriteAllText(nb, "#!csharp\n\n#r \"nuget: Newtonsoft.Json, 13.0.3\"\n");
        var (code, _, err) = ModelsCommandTests.Run("run", nb, "--out", Path.Combine(_dir, "nuget.ipynb"));
        Assert.Equal(1, code);
        Assert.Contains("fwbm run does not download NuGet packages", err);
    }

    /// <summary>A notebook that adds TorchSharp's native runtime (as Jupyter needs) and fits: fwbm run skips the line (its runtime is
    /// built in), loads the Torch backend in process, runs #!fwbm-fit and lets C# cells use the FitRun and TorchSharp.</summary>
    [Fact]
    public void A_fit_notebook_runs_with_the_built_in_Torch_runtime()
    {
        var nb = Path.Combine(_dir, "fit.dib");
        File.WriteAllText(nb, """
            #!csharp

            #r "nuget: libtorch-cpu-linux-x64, 2.10.0"

            #!csharp

            #!fwbm-fit --connectome simulated:6:1 --epochs 1 --device cpu --duration 30s --transient 4s --dt 20 --tr 1 --realisations 2 --show none --name fit

            #!csharp

            $"{fit.State} {fit.History.Count} {TorchSharp.torch.ones(3).sum().item<float>()}"
            """);
        string outNb = Path.Combine(_dir, "fit.ipynb");
        var (code, stdout, stderr) = ModelsCommandTests.Run("run", nb, "--out", outNb);
        Assert.True(code == 0, stdout + stderr);
        var cells = Cells(outNb);
        Assert.Contains("ok   #r \"nuget: libtorch-cpu-linux-x64, 2.10.0\"", stdout);   // skipped, not failed
        Assert.Contains("Completed 1 3", Outputs(cells[2]));
    }
}
