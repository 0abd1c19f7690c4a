using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>Issue 3: a dataset's licence and citation are shown whenever a notebook loads it (real files from the data mirror).</summary>
public sealed class DataAttributionTests : KernelTest
{
    public DataAttributionTests() => TestData.UseMirror();

    private static string[] AttributionLines(Microsoft.DotNet.Interactive.KernelCommandResult r, string id) =>
        Formatted(r, "text/plain").SelectMany(f => f.Value.Split('\n')).Where(l => l.StartsWith($"Data: {id} — ", StringComparison.Ordinal)).ToArray();

    [Fact]
    public async Task Simulate_on_a_dataset_id_shows_its_licence_and_citation_once_per_session()
    {
        var first = await Submit("#!fwbm-simulate --connectome hcp --duration 2s --transient 0s --tr 1 --show none --name s1");
        AssertSucceeded(first);
        var line = Assert.Single(AttributionLines(first, "hcp"));
        Assert.Contains(" · licence: ", line);
        Assert.Contains(" · cite: ", line);
        Assert.DoesNotContain("\n", line);
        var again = await Submit("#!fwbm-sweep --connectome hcp --over \"coupling=0,0.1\" --duration 2s --transient 0s --tr 1 --measure mean_fc --name sw");
        AssertSucceeded(again);
        Assert.Empty(AttributionLines(again, "hcp")); // once per dataset id and kernel session
        var other = await Submit("#!fwbm-simulate --connectome tvb-66 --duration 1s --transient 0s --tr 1 --show none --name s2");
        AssertSucceeded(other);
        Assert.Single(AttributionLines(other, "tvb-66"));
    }

    [Fact]
    public async Task Connectome_with_show_none_still_shows_the_attribution()
    {
        var r = await Submit("#!fwbm-connectome --source hcp --show none --name h");
        AssertSucceeded(r);
        Assert.Single(AttributionLines(r, "hcp"));
    }

    [Fact]
    public async Task Receptor_maps_empirical_fc_and_loaded_bold_display_with_their_licence()
    {
        AssertSucceeded(await Submit("using Fwbm.Core.Data;"));
        var maps = await Submit("Datasets.LoadReceptorMaps(\"hansen-dk68\")");
        AssertSucceeded(maps);
        var text = string.Concat(Formatted(maps, "text/plain").Select(f => f.Value));
        Assert.Contains("Receptor maps 'hansen-dk68'", text);
        Assert.Contains("Licence: CC BY-NC-SA", text);
        Assert.Contains("Please cite:", text);
        var fig = Assert.Single(Figures(maps)).RootElement;
        Assert.Equal("heatmap", fig.GetProperty("data")[0].GetProperty("type").GetString());
        Assert.Contains("licence CC BY-NC-SA", fig.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());

        var fc = await Submit("Datasets.LoadEmpiricalFc(\"hcp\")");
        AssertSucceeded(fc);
        var fcText = string.Concat(Formatted(fc, "text/plain").Select(f => f.Value));
        Assert.StartsWith("empirical FC (hcp, group average): 80×80", fcText);
        Assert.Contains("Licence: ", fcText);
        Assert.Equal(80, Assert.Single(Figures(fc)).RootElement.GetProperty("data")[0].GetProperty("z").GetArrayLength());

        var bold = await Submit("Datasets.LoadBold(\"hcp\", Datasets.Subjects(\"hcp\")[0])");
        AssertSucceeded(bold);
        var boldText = string.Concat(Formatted(bold, "text/plain").Select(f => f.Value));
        Assert.StartsWith("bold: ", boldText);
        Assert.Contains("Data: hcp — ", boldText);
        Assert.Contains("Licence: ", boldText);
    }
}
