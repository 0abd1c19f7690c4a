using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>
/// The notebooks are edited as notebooks (no generator): what they still share — the load cell, the kernel metadata, the
/// numbering, a tutorial's reference solutions, every path that names them — is checked here, so a copy that drifts fails.
/// </summary>
public class NotebookSourcesTests
{
    private static readonly string Root = TestData.RepoRoot;

    /// <summary>The committed source notebooks (executed copies are ignored by git and excluded here).</summary>
    private static IEnumerable<string> Sources() =>
        new[] { "notebooks", "tutorials" }
            .SelectMany(d => Directory.GetFiles(Path.Combine(Root, d), "*.ipynb"))
            .Where(p => !Regex.IsMatch(p, @"\.(executed|jupyter)\.ipynb$"))
            .Order(StringComparer.Ordinal);

    private static JsonElement Load(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    private static string Source(JsonElement cell) =>
        string.Concat(cell.GetProperty("source").EnumerateArray().Select(l => l.GetString()));

    private static IEnumerable<JsonElement> Cells(JsonElement nb, string kind) =>
        nb.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == kind);

    private static string Rel(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    [Fact]
    public void There_are_source_notebooks_and_tutorials()
    {
        var all = Sources().Select(Rel).ToArray();
        Assert.Contains("notebooks/01-quickstart.ipynb", all);
        Assert.Contains(all, p => p.StartsWith("tutorials/", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_notebook_loads_FWBM_with_the_same_cell_and_kernel()
    {
        var reference = Load(Path.Combine(Root, "notebooks", "01-quickstart.ipynb"));
        var loadCell = Cells(reference, "code").Select(Source).First(s => s.Contains("#!import ", StringComparison.Ordinal));
        var kernel = reference.GetProperty("metadata").GetProperty("kernelspec").GetRawText();
        foreach (var path in Sources())
        {
            var nb = Load(path);
            var code = Cells(nb, "code").Select(Source).ToArray();
            Assert.True(code.Length > 0 && code.Contains(loadCell),
                $"{Rel(path)}: its load cell differs from notebooks/01-quickstart.ipynb's:\n{loadCell}");
            Assert.Equal(kernel, nb.GetProperty("metadata").GetProperty("kernelspec").GetRawText());
            Assert.Equal(4, nb.GetProperty("nbformat").GetInt32());
        }
    }

    [Fact]
    public void Committed_notebooks_carry_no_outputs()
    {
        foreach (var path in Sources())
            foreach (var cell in Cells(Load(path), "code"))
            {
                Assert.True(cell.GetProperty("outputs").GetArrayLength() == 0, $"{Rel(path)}: a code cell has stored outputs (commit the notebook cleared).");
                Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
            }
    }

    [Fact]
    public void Notebooks_are_numbered_once_and_tutorials_follow_the_notebook_numbers()
    {
        var notebooks = Directory.GetFiles(Path.Combine(Root, "notebooks"), "*.ipynb").Select(Path.GetFileName).Where(n => !n!.Contains(".executed.") && !n.Contains(".jupyter.")).ToArray();
        var numbers = new List<string>();
        foreach (var n in notebooks)
        {
            var m = Regex.Match(n!, @"^(\d\d)-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$");
            Assert.True(m.Success, $"notebooks/{n}: expected NN-name.ipynb (two digits, lower-case words joined by '-').");
            numbers.Add(m.Groups[1].Value);
        }
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        // the plan: 01 quickstart, 02 models and dynamics, 08 fitting (03–07 and 09 are still to come)
        Assert.Contains("01-quickstart.ipynb", notebooks);
        Assert.Contains("02-models-and-dynamics.ipynb", notebooks);
        Assert.Contains("08-fitting.ipynb", notebooks);
        foreach (var t in Sources().Where(p => Rel(p).StartsWith("tutorials/", StringComparison.Ordinal)))
        {
            var m = Regex.Match(Path.GetFileName(t), @"^(\d\d)-");
            Assert.True(m.Success && numbers.Contains(m.Groups[1].Value), $"{Rel(t)}: a tutorial takes the number of the notebook it follows ({string.Join(", ", numbers.Order())}).");
        }
    }

    [Fact]
    public void Tutorial_solutions_define_every_member_the_tutorial_calls()
    {
        foreach (var path in Sources().Where(p => Rel(p).StartsWith("tutorials/", StringComparison.Ordinal)))
        {
            var code = string.Join("\n", Cells(Load(path), "code").Select(Source));
            var used = Regex.Matches(code, @"\bSolutions\.(\w+)\(").Select(m => m.Groups[1].Value).Distinct().ToArray();
            var loads = Regex.Matches(code, "#load \"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
            if (used.Length == 0) continue;
            Assert.True(loads.Length > 0, $"{Rel(path)} calls Solutions.* but #loads no solutions file.");
            var solutions = string.Concat(loads.Select(l =>
            {
                var file = Path.Combine(Path.GetDirectoryName(path)!, l);
                Assert.True(File.Exists(file), $"{Rel(path)}: #load \"{l}\" does not exist.");
                return File.ReadAllText(file);
            }));
            foreach (var member in used)
                Assert.True(Regex.IsMatch(solutions, $@"public static [^\n=]*\b{member}\("), $"{Rel(path)} calls Solutions.{member}(…), which its solutions file does not define.");
        }
    }

    [Fact]
    public void Every_notebook_path_named_in_docs_scripts_and_notebooks_exists()
    {
        var texts = new[] { "README.md", "binder/README.md" }.Select(p => Path.Combine(Root, p))
            .Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(Root, "scripts"), "*.sh"))
            .Concat(Sources())
            .Where(File.Exists);
        int seen = 0;
        foreach (var file in texts)
            foreach (Match m in Regex.Matches(File.ReadAllText(file), @"\b(?:notebooks|tutorials)/[\w.-]+?\.(?:ipynb|csx)\b"))
            {
                var named = Regex.Replace(m.Value, @"\.(executed|jupyter)\.ipynb$", ".ipynb");
                seen++;
                Assert.True(File.Exists(Path.Combine(Root, named)),
                    $"{Rel(file)} names {m.Value}, which does not exist (renumbered? see notebooks/).");
            }
        Assert.True(seen > 5, $"only {seen} notebook paths found: the scan is not reading the documents.");
    }
}
