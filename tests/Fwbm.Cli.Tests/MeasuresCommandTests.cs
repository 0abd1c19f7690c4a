using System.Text.Json;
using Fwbm.Core.Measures;
using Xunit;

namespace Fwbm.Cli.Tests;

public class MeasuresCommandTests
{
    [Fact]
    public void Lists_every_measure_with_goal_unit_needs_and_meaning()
    {
        var (code, output, _) = ModelsCommandTests.Run("measures");
        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.StartsWith("measure            goal    unit", lines[0]);
        foreach (var d in MeasureCatalog.All.Select(m => m.Definition))
        {
            var line = Assert.Single(lines, l => l.StartsWith(d.Name + " ", StringComparison.Ordinal));
            Assert.Contains($" {d.Goal.Short} ", line);
            Assert.Contains(d.Unit, line);
            Assert.Contains(MeasureNeedsText.Describe(d.Needs), line);
            Assert.EndsWith(d.Meaning, line.TrimEnd('\r'));
        }
        Assert.Matches(@"(?m)^gs_std\s+none\s", output);
        Assert.Matches(@"(?m)^fcd_ks\s+min\s", output);
        Assert.Matches(@"(?m)^psd_peak\s+target\s", output);
        Assert.Matches(@"(?m)^metastability\s+max\s", output);
    }

    [Fact]
    public void One_measure_in_detail_says_why_its_goal_is_what_it_is()
    {
        var (code, output, _) = ModelsCommandTests.Run("measures", "metastability");
        Assert.Equal(0, code);
        Assert.StartsWith("metastability — Standard deviation over time of the Kuramoto order parameter", output);
        Assert.Contains("goal:  maximise — Maximised in the sense of Deco et al. 2017", output);
        Assert.Contains("needs: raw-state", output);
        Assert.Contains("setting Output:", output);
    }

    [Fact]
    public void Json_lists_the_catalogue_and_one_measure()
    {
        var (code, output, _) = ModelsCommandTests.Run("measures", "--json");
        Assert.Equal(0, code);
        using var all = JsonDocument.Parse(output);
        Assert.Equal(MeasureCatalog.Names, all.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray());
        var (c2, one, _) = ModelsCommandTests.Run("measures", "fc_similarity", "--json");
        Assert.Equal(0, c2);
        using var j = JsonDocument.Parse(one);
        Assert.Equal("max", j.RootElement.GetProperty("goal").GetString());
        Assert.Equal(["bold", "empirical-fc"], j.RootElement.GetProperty("needs").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public void An_unknown_measure_is_an_error_with_did_you_mean()
    {
        var (code, output, err) = ModelsCommandTests.Run("measures", "metastabilty");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("fwbm: error: Unknown measure 'metastabilty'; did you mean metastability?", err);
    }
}
