using System.Text.Json;
using Fwbm.Interactive.Plotting;
using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>Issue 4: FC (and connectome) matrices in hemisphere or network order, with group dividers and names.</summary>
public sealed class RegionOrderTests : KernelTest
{
    // toy regions are L0, R0, L1, R1, L2, R2, L3, R3 (see SmallConnectomeCode)
    private const string Groups = """
        var groups = new Dictionary<string, string> { ["L0"] = "front", ["R0"] = "front", ["L1"] = "front", ["R1"] = "front",
            ["L2"] = "back", ["R2"] = "back", ["L3"] = "back", ["R3"] = "back" };
        """;

    private static string[] X(JsonElement trace) => trace.GetProperty("x").EnumerateArray().Select(x => x.GetString()!).ToArray();

    [Fact]
    public void Schaefer_network_labels_group_both_hemispheres_of_a_network_together()
    {
        var a = RegionOrder.Networks.Arrange(["7Networks_LH_Vis_1", "7Networks_LH_SomMot_1", "7Networks_RH_Vis_1", "7Networks_RH_SomMot_2"]);
        Assert.Equal([0, 2, 1, 3], a.Order);
        Assert.Equal([("Vis", 0, 2), ("SomMot", 2, 2)], a.Blocks.ToArray());
        var h = RegionOrder.Hemisphere.Arrange(["Precentral_L", "Precentral_R", "Frontal_Sup_2_L", "Frontal_Sup_2_R"]);
        Assert.Equal([0, 2, 1, 3], h.Order); // hemispheres read from AAL labels when there are no flags
        Assert.Equal([0, 1, 2], RegionOrder.None.Arrange(["a", "b", "c"]).Order);
    }

    [Fact]
    public async Task An_FcMatrix_with_a_grouping_is_drawn_group_by_group_with_dividers_and_group_names()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit(Groups));
        var r = await Submit("Fwbm.Interactive.FcMatrix.Empirical(conn).WithOrder(Fwbm.Interactive.RegionOrder.ByGroup(groups, [\"back\", \"front\"], \"lobes\"))");
        AssertSucceeded(r);
        var fig = Assert.Single(Figures(r)).RootElement;
        Assert.Equal(["L2", "R2", "L3", "R3", "L0", "R0", "L1", "R1"], X(fig.GetProperty("data")[0]));
        var layout = fig.GetProperty("layout");
        var shapes = layout.GetProperty("shapes").EnumerateArray().ToArray();
        Assert.Equal(2, shapes.Length); // one vertical and one horizontal divider between the two groups
        Assert.All(shapes, s => Assert.Equal(3.5, s.GetProperty("x0").GetDouble() == -0.5 ? s.GetProperty("y0").GetDouble() : s.GetProperty("x0").GetDouble()));
        Assert.Equal(["back", "front"], layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).ToArray());
        Assert.Contains("grouped by lobes: back, front", layout.GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Compare_and_connectome_take_order_hemisphere_none_or_a_grouping_variable()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit(Groups));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --coupling 0.3 --duration 10s --transient 1s --tr 1 --show none --name sim"));

        var grouped = await Submit("#!fwbm-compare --simulated sim --order groups --name cmp");
        AssertSucceeded(grouped);
        var fig = Assert.Single(Figures(grouped)).RootElement;
        string[] expected = ["L0", "R0", "L1", "R1", "L2", "R2", "L3", "R3"]; // front first (first appearance)
        Assert.Equal(expected, X(fig.GetProperty("data")[0]));
        Assert.Equal(expected, X(fig.GetProperty("data")[1]));
        Assert.Equal(4, fig.GetProperty("layout").GetProperty("shapes").GetArrayLength()); // dividers on both matrices
        var bound = await Submit("cmp.Simulated.Order.Name + \" \" + cmp.Empirical.Order.Name");
        Assert.Equal("groups groups", bound.Events.OfType<ReturnValueProduced>().Single().Value);

        var hemi = Assert.Single(Figures(await Submit("#!fwbm-compare --simulated sim --name cmp2"))).RootElement;
        Assert.Equal(["L0", "L1", "L2", "L3", "R0", "R1", "R2", "R3"], X(hemi.GetProperty("data")[0]));
        var none = Assert.Single(Figures(await Submit("#!fwbm-compare --simulated sim --order none --name cmp3"))).RootElement;
        Assert.Equal(expected, X(none.GetProperty("data")[0]));
        Assert.Equal(0, none.GetProperty("layout").GetProperty("shapes").GetArrayLength());

        var weights = await Submit("#!fwbm-connectome --source conn --order groups --show weights --name c");
        AssertSucceeded(weights);
        var w = Assert.Single(Figures(weights)).RootElement;
        Assert.Equal(expected, X(w.GetProperty("data")[0]));
        Assert.Equal(2, w.GetProperty("layout").GetProperty("shapes").GetArrayLength());

        Assert.Contains("--order 'lobez' is not allowed; allowed values: hemisphere, none, networks, lobes", FailureMessage(await Submit("#!fwbm-compare --simulated sim --order lobez")));
        Assert.Contains("--order 'sim' is a SimulationRun; expected a RegionOrder", FailureMessage(await Submit("#!fwbm-compare --simulated sim --order sim")));
    }

    [Fact]
    public void Lobe_order_groups_desikan_killiany_regions_by_lobe_with_hemispheres_inside()
    {
        var labels = ChartFixtures.DkLabels();
        var a = RegionOrder.Lobes.Arrange(labels);
        Assert.Equal(68, a.Order.Length);
        Assert.Equal(68, a.Order.Distinct().Count());
        Assert.Equal(labels.Select(Core.Grammar.RegionNaming.Lobe).Select(l => l ?? "other").Distinct().Count(), a.Blocks.Count);
        Assert.Equal("frontal", a.Blocks[0].Group);
        Assert.All(a.Blocks, b => Assert.All(a.Order.Skip(b.Start).Take(b.Count), i => Assert.Equal(b.Group, Core.Grammar.RegionNaming.Lobe(labels[i]) ?? "other")));
        // in the chart each lobe's left and right halves are split by a dotted divider
        var fig = JsonDocument.Parse(PlotlyHtml.FigureJson(FwbmCharts.Fc(ChartFixtures.Fc(labels).WithOrder(RegionOrder.Lobes)))).RootElement;
        var shapes = fig.GetProperty("layout").GetProperty("shapes").EnumerateArray().ToArray();
        Assert.Equal(2 * (a.Blocks.Count - 1), shapes.Count(s => !s.GetProperty("line").TryGetProperty("dash", out _)));
        Assert.Equal(2 * a.Blocks.Count, shapes.Count(s => s.GetProperty("line").TryGetProperty("dash", out _)));
        Assert.Same(RegionOrder.Lobes, RegionOrder.Named("LOBES"));
    }
}
