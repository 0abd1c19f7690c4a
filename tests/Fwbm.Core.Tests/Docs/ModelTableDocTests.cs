using Fwbm.Core.Docs;
using Fwbm.Core.Models;
using Xunit;

namespace Fwbm.Core.Tests.Docs;

/// <summary>docs/models.md's model table is generated from the specs: the committed block must equal the rendering.</summary>
public class ModelTableDocTests
{
    private static string DocPath => Path.Combine(TestData.RepoRoot, "docs", "models.md");

    [Fact]
    public void Committed_model_table_matches_the_model_specs()
    {
        var doc = File.ReadAllText(DocPath).ReplaceLineEndings("\n");
        var want = ModelTable.Markdown(ModelRegistry.All.Select(m => m.Spec));
        if (Environment.GetEnvironmentVariable("FWBM_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(DocPath, ModelTable.Replace(doc, want));
            doc = File.ReadAllText(DocPath);
        }
        var have = ModelTable.Current(doc);
        Assert.True(have == want, "docs/models.md's generated model table is out of date with the model specs; regenerate it with " +
            "FWBM_UPDATE_DOCS=1 dotnet test tests/Fwbm.Core.Tests --filter ModelTableDoc (and commit docs/models.md).");
    }

    [Fact]
    public void Table_names_every_model_parameter_range_fit_range_and_noise()
    {
        var md = ModelTable.Markdown(ModelRegistry.All.Select(m => m.Spec));
        foreach (var m in ModelRegistry.All)
        {
            Assert.Contains($"| `{m.Name}` |", md, StringComparison.Ordinal);
            Assert.Contains($"### `{m.Name}` —", md, StringComparison.Ordinal);
            foreach (var p in m.Spec.Parameters) Assert.Contains($"| `{p.Name}` |", md, StringComparison.Ordinal);
            foreach (var n in m.Spec.Noise) Assert.Contains($"`{n.Parameter}` on {string.Join(", ", n.StateVariables)}", md, StringComparison.Ordinal);
        }
        // a declared fit range narrower than the valid range is shown next to it
        var narrowed = ModelRegistry.All.SelectMany(m => m.Spec.Parameters).First(p => p.FitMin is not null || p.FitMax is not null);
        string G(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"| [{G(narrowed.Min)}, {G(narrowed.Max)}] | [{G(narrowed.FitRange.Min)}, {G(narrowed.FitRange.Max)}] |", md, StringComparison.Ordinal);
        // a pipe in a doc string cannot break the table
        Assert.DoesNotContain("dt·|omega|", md.Replace("dt·\\|omega\\|", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Replace_keeps_the_prose_around_the_block_and_refuses_a_document_without_markers()
    {
        var doc = $"intro\n{ModelTable.Begin}\nold\n{ModelTable.End}\noutro\n";
        var block = $"{ModelTable.Begin}\nnew\n{ModelTable.End}\n";
        Assert.Equal($"intro\n{block}outro\n", ModelTable.Replace(doc, block));
        var e = Assert.Throws<FwbmException>(() => ModelTable.Replace("no markers here", block));
        Assert.Contains("docs/models.md", e.Message, StringComparison.Ordinal);
    }
}
