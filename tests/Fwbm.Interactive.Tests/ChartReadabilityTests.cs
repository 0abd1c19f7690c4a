using System.Text.Json;
using Fwbm.Interactive.Plotting;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>
/// Issue 17, plots: margins that hold the labels, every region label where they fit, dividers between hemispheres and networks,
/// colour bars and legends that say what colour means, named comparison sides, and stimulated regions shown and marked.
/// </summary>
public sealed class ChartReadabilityTests : KernelTest
{
    private static JsonElement Figure(Plotly.NET.GenericChart chart) => JsonDocument.Parse(PlotlyHtml.FigureJson(chart)).RootElement;

    private static string[] Strings(JsonElement a) => a.EnumerateArray().Select(x => x.GetString()!).ToArray();

    [Fact]
    public void A_68_region_fc_heatmap_shows_every_label_with_margins_that_hold_the_longest()
    {
        var labels = ChartFixtures.DkLabels();
        var fig = Figure(FwbmCharts.Fc(ChartFixtures.Fc(labels)));
        var layout = fig.GetProperty("layout");
        foreach (var axis in new[] { "xaxis", "yaxis" })
        {
            var a = layout.GetProperty(axis);
            Assert.True(a.GetProperty("automargin").GetBoolean(), $"{axis} has no automargin");
            Assert.Equal("array", a.GetProperty("tickmode").GetString());
            var ticks = Strings(a.GetProperty("ticktext"));
            Assert.Equal(68, ticks.Length); // every label, none dropped
            Assert.Equal(labels.Order(), ticks.Order());
            Assert.InRange(a.GetProperty("tickfont").GetProperty("size").GetInt32(), 6, 10);
        }
        // the left margin holds the longest label ("lh-caudalanteriorcingulate", 26 characters) at the tick font
        int font = layout.GetProperty("yaxis").GetProperty("tickfont").GetProperty("size").GetInt32();
        double longest = labels.Max(l => l.Length) * 0.6 * font;
        Assert.True(layout.GetProperty("margin").GetProperty("l").GetInt32() >= longest, $"left margin {layout.GetProperty("margin").GetProperty("l")} < {longest} px");
        Assert.True(layout.GetProperty("margin").GetProperty("b").GetInt32() >= longest);
        // the chart is tall enough for a row per region at that font, and says so to the page
        int height = layout.GetProperty("height").GetInt32();
        Assert.True(height - layout.GetProperty("margin").GetProperty("t").GetInt32() - layout.GetProperty("margin").GetProperty("b").GetInt32() >= 68 * (font + 1));
        Assert.Contains($"height:{height}px", PlotlyHtml.ToHtml(FwbmCharts.Fc(ChartFixtures.Fc(labels))));
        // every label on hover, the colour bar says what colour means
        var heat = fig.GetProperty("data")[0];
        Assert.Contains("%{y}", heat.GetProperty("hovertemplate").GetString());
        Assert.Equal(68, heat.GetProperty("y").GetArrayLength());
        Assert.Equal("Pearson r", heat.GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void A_400_region_heatmap_shows_labels_where_they_fit_and_all_on_hover()
    {
        var labels = Enumerable.Range(0, 400).Select(i => $"{(i < 200 ? "L" : "R")}_parcel_{i}").ToArray();
        var fig = Figure(FwbmCharts.Fc(ChartFixtures.Fc(labels)));
        var y = fig.GetProperty("layout").GetProperty("yaxis");
        int shown = y.GetProperty("ticktext").GetArrayLength();
        Assert.InRange(shown, 60, 399); // a subset that fits (every k-th) …
        Assert.Equal(400, fig.GetProperty("data")[0].GetProperty("y").GetArrayLength()); // … and every one on hover
    }

    [Fact]
    public void Hemisphere_dividers_sit_between_the_left_and_right_blocks()
    {
        var labels = ChartFixtures.DkLabels(); // right hemisphere first in the data
        var fig = Figure(FwbmCharts.Fc(ChartFixtures.Fc(labels)));
        var data = fig.GetProperty("data")[0];
        Assert.All(Strings(data.GetProperty("x")).Take(34), l => Assert.StartsWith("lh-", l)); // left first on screen
        var shapes = fig.GetProperty("layout").GetProperty("shapes").EnumerateArray().ToArray();
        Assert.Equal(2, shapes.Length);
        Assert.Contains(shapes, s => s.GetProperty("x0").GetDouble() == 33.5 && s.GetProperty("x1").GetDouble() == 33.5);
        Assert.Contains(shapes, s => s.GetProperty("y0").GetDouble() == 33.5 && s.GetProperty("y1").GetDouble() == 33.5);
        Assert.Equal(["left", "right"], fig.GetProperty("layout").GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).ToArray());
    }

    [Fact]
    public void Network_order_has_solid_network_dividers_and_dotted_hemisphere_dividers_inside_each_network()
    {
        var labels = ChartFixtures.SchaeferLabels();
        var fc = ChartFixtures.Fc(labels).WithOrder(RegionOrder.Networks);
        var fig = Figure(FwbmCharts.Fc(fc));
        var shapes = fig.GetProperty("layout").GetProperty("shapes").EnumerateArray().ToArray();
        // networks: Vis 18, SomMot 12, DorsAttn 16, SalVentAttn 14, Limbic 6, Cont 8, Default 26 (both hemispheres)
        double[] between = [17.5, 29.5, 45.5, 59.5, 65.5, 73.5];
        double[] inside = [8.5, 23.5, 37.5, 52.5, 62.5, 69.5, 86.5];
        static double At(JsonElement s) => s.GetProperty("x0").GetDouble() == -0.5 ? s.GetProperty("y0").GetDouble() : s.GetProperty("x0").GetDouble();
        static bool Dotted(JsonElement s) => s.GetProperty("line").TryGetProperty("dash", out var d) && d.GetString() == "dot";
        Assert.Equal(between.Concat(between).Order(), shapes.Where(s => !Dotted(s)).Select(At).Order());
        Assert.Equal(inside.Concat(inside).Order(), shapes.Where(Dotted).Select(At).Order());
        Assert.Equal(["Vis", "SomMot", "DorsAttn", "SalVentAttn", "Limbic", "Cont", "Default"],
            fig.GetProperty("layout").GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()!).ToArray());
        Assert.Equal(100, fig.GetProperty("layout").GetProperty("yaxis").GetProperty("ticktext").GetArrayLength());
    }

    [Fact]
    public void Connectome_weights_label_every_region_and_title_the_colour_bar()
    {
        var fig = Figure(FwbmCharts.ConnectomeWeights(ChartFixtures.Dk68()));
        Assert.Equal(68, fig.GetProperty("layout").GetProperty("yaxis").GetProperty("ticktext").GetArrayLength());
        Assert.Equal("log10(1 + weight)", fig.GetProperty("data")[0].GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void The_3d_graph_legend_names_each_hemisphere_and_the_edges()
    {
        var fig = Figure(FwbmCharts.BrainGraph(ChartFixtures.Dk68(), edges: 40));
        var names = fig.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["40 strongest connections", "left hemisphere (34)", "right hemisphere (34)"], names);
        Assert.DoesNotContain(names, n => n == "regions");
        // the left hemisphere's trace holds exactly the lh- regions
        Assert.All(Strings(fig.GetProperty("data")[1].GetProperty("text")), l => Assert.StartsWith("lh-", l));
    }

    [Fact]
    public void Long_titles_wrap_instead_of_running_off_the_chart_and_the_top_margin_grows()
    {
        var (text, lines) = ChartLayout.Wrap(string.Join(' ', Enumerable.Repeat("receptor", 40)));
        Assert.True(lines >= 3);
        Assert.All(text.Split("<br>"), l => Assert.True(l.Length <= ChartLayout.TitleWidth));
        var bars = Figure(FwbmCharts.RegionBars(["a", "b"], [("v", [1.0, 2.0])], string.Join(' ', Enumerable.Repeat("long", 60)), "v"));
        Assert.True(bars.GetProperty("layout").GetProperty("margin").GetProperty("t").GetInt32() >= ChartLayout.TopMargin(3));
        Assert.True(bars.GetProperty("layout").GetProperty("xaxis").GetProperty("automargin").GetBoolean());
    }

    [Fact]
    public void A_comparison_is_titled_by_the_names_of_its_sides()
    {
        var labels = ChartFixtures.DkLabels();
        var cmp = new FcComparison(ChartFixtures.Fc(labels, "FC", 1), ChartFixtures.Fc(labels, "FC", 2), "placebo", "drug");
        var fig = Figure(FwbmCharts.FcComparison(cmp));
        var layout = fig.GetProperty("layout");
        string title = layout.GetProperty("title").GetProperty("text").GetString()!;
        Assert.StartsWith("placebo vs drug: r = ", title);
        Assert.DoesNotContain("imulated", title);
        Assert.Equal("placebo", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("drug", layout.GetProperty("xaxis2").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("drug (r)", layout.GetProperty("xaxis3").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("placebo (r)", layout.GetProperty("yaxis3").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(["placebo", "drug"], fig.GetProperty("data").EnumerateArray().Take(2).Select(t => t.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(FwbmCharts.FcColourTitle, fig.GetProperty("data")[1].GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        Assert.StartsWith("placebo vs drug: FC similarity r = ", cmp.ToString());
        // the names survive a reordering; without names each side is its matrix's title (told apart when both are the same)
        Assert.Equal(("placebo", "drug"), (cmp.WithOrder(RegionOrder.None).LeftName, cmp.WithOrder(RegionOrder.None).RightName));
        var plain = new FcComparison(ChartFixtures.Fc(labels, "simulated FC (hopf, G = 0.5)"), ChartFixtures.Fc(labels, "empirical FC (hcp)"));
        Assert.StartsWith("simulated FC (hopf, G = 0.5) vs empirical FC (hcp): r = ", Figure(FwbmCharts.FcComparison(plain)).GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        var same = new FcComparison(ChartFixtures.Fc(labels), ChartFixtures.Fc(labels, seed: 2));
        Assert.NotEqual(same.LeftName, same.RightName);
        Assert.Throws<Core.FwbmException>(() => new FcComparison(ChartFixtures.Fc(labels), ChartFixtures.Fc(labels), " ", "drug"));
    }

    [Fact]
    public async Task Compare_magic_names_the_sides_with_names()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --coupling 0.1 --duration 10s --transient 1s --tr 1 --show none --name placebo"));
        AssertSucceeded(await Submit("#!fwbm-simulate --connectome conn --coupling 0.6 --duration 10s --transient 1s --tr 1 --show none --name drug"));
        var r = await Submit("#!fwbm-compare --simulated placebo --empirical drug --names placebo,drug --name cmp");
        AssertSucceeded(r);
        var fig = Assert.Single(Figures(r)).RootElement;
        Assert.StartsWith("placebo vs drug: r = ", fig.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        var bound = await Submit("cmp.LeftName + \"|\" + cmp.RightName");
        Assert.Contains("placebo|drug", string.Concat(Formatted(bound, "text/plain").Select(f => f.Value)));
        var spaced = await Submit("#!fwbm-compare --simulated placebo --empirical drug --names \"placebo, G = 0.1,drug, G = 0.6\" --name cmp3");
        Assert.Contains("--names takes two names", FailureMessage(spaced)); // a comma inside a name splits it: four names
        var words = await Submit("#!fwbm-compare --simulated placebo --empirical drug --names \"placebo run,drug run\" --name cmp3");
        AssertSucceeded(words);
        Assert.StartsWith("placebo run vs drug run: r = ", Assert.Single(Figures(words)).RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        // without names, two runs of the same title are told apart by their variable names
        var unnamed = await Submit("#!fwbm-compare --simulated placebo --empirical placebo --name cmp4");
        AssertSucceeded(unnamed);
        Assert.StartsWith("simulated FC (hopf, G = 0.1) (left) vs simulated FC (hopf, G = 0.1) (right)", Assert.Single(Figures(unnamed)).RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Contains("--names takes two names", FailureMessage(await Submit("#!fwbm-compare --simulated placebo --empirical drug --names placebo --name cmp2")));
    }

    [Fact]
    public void A_stimulation_plot_always_shows_the_stimulated_regions_highlighted_and_shades_the_stimulus()
    {
        var (ts, stim) = ChartFixtures.Stimulated();
        var fig = Figure(FwbmCharts.TimeSeries(ts, maxRegions: 18, stimulus: stim));
        var data = fig.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(68, data.Length);
        var visible = Enumerable.Range(0, 68).Where(r => data[r].GetProperty("visible").GetBoolean()).ToArray();
        Assert.Contains(13, visible);
        Assert.Contains(50, visible);
        Assert.InRange(visible.Length, 10, 18);
        // without the stimulus the same subset rule would skip both (every 4th region: 0, 4, 8, 12, 16, …)
        var plain = Figure(FwbmCharts.TimeSeries(ts, maxRegions: 18)).GetProperty("data").EnumerateArray().ToArray();
        Assert.False(plain[13].GetProperty("visible").GetBoolean() || plain[50].GetProperty("visible").GetBoolean());
        // highlighted and named
        Assert.Equal("#d62728", data[13].GetProperty("line").GetProperty("color").GetString());
        Assert.EndsWith("(stimulated)", data[50].GetProperty("name").GetString());
        Assert.NotEqual("#d62728", data[12].GetProperty("line").GetProperty("color").GetString());
        // the pulse train (onset 500 ms, 50 ms wide, every 400 ms, over 0–2000 ms): 4 shaded intervals and a line at each onset
        var shapes = fig.GetProperty("layout").GetProperty("shapes").EnumerateArray().ToArray();
        var rects = shapes.Where(s => s.GetProperty("type").GetString() == "rect").ToArray();
        Assert.Equal([500.0, 900, 1300, 1700], rects.Select(s => s.GetProperty("x0").GetDouble()).ToArray());
        Assert.Equal([550.0, 950, 1350, 1750], rects.Select(s => s.GetProperty("x1").GetDouble()).ToArray());
        Assert.Equal(4, shapes.Count(s => s.GetProperty("type").GetString() == "line"));
        string title = fig.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!;
        Assert.Contains("stimulated (red): rh-middletemporal, lh-parsopercularis", title.Replace("<br>", " "));
        // the shown regions are named on the y axis
        Assert.Contains("rh-middletemporal", Strings(fig.GetProperty("layout").GetProperty("yaxis").GetProperty("ticktext")));
    }

    [Fact]
    public void Stimulus_marks_of_a_sinusoid_and_of_any_other_stimulus()
    {
        var s = StimulusMarks.Of(new Core.Simulation.SinusoidStimulus("x", [2, 5, 99], 10, 1, OnsetMs: 100, OffsetMs: 300), 8, 0, 1000, 1);
        Assert.Equal([2, 5], s.Regions); // a region the series does not have is not marked
        Assert.Equal([(100.0, 300.0)], s.IntervalsMs);
        var other = StimulusMarks.Of(new Step("x"), 4, 0, 100, 1);
        Assert.Equal([1], other.Regions);
        Assert.Single(other.IntervalsMs);
        Assert.Equal(20, other.IntervalsMs[0].StartMs);
        Assert.Equal(40, other.IntervalsMs[0].EndMs);
    }

    /// <summary>An input into region 1 for 20 ≤ t &lt; 40 ms (not a pulse or sinusoid: marked by sampling).</summary>
    private sealed record Step(string Variable) : Core.Simulation.IStimulus
    {
        public void Evaluate(long step, double timeMs, Span<double> perRegion) { if (timeMs >= 20 && timeMs < 40) perRegion[1] = 1; }
    }

    [Fact]
    public async Task A_stimulated_run_card_marks_its_stimulus()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit("""
            using Fwbm.Core.Simulation;
            var stimSim = new Simulator(Fwbm.Core.Models.ModelRegistry.Get("hopf"), conn, new SimulationOptions
                { DtMs = 1, DurationMs = 20_000, TransientMs = 0, Stimulus = new PulseStimulus("x", [5], 4000, 2000, 0.5) });
            Fwbm.Interactive.SimulationRun.Run(stimSim, stimSim.DefaultParameters(0.2))
            """);
        AssertSucceeded(r);
        var bold = Figures(r).Select(f => f.RootElement).First(f => f.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!.StartsWith("simulated BOLD"));
        Assert.True(bold.GetProperty("data")[5].GetProperty("visible").GetBoolean());
        Assert.Contains(bold.GetProperty("layout").GetProperty("shapes").EnumerateArray(), s => s.GetProperty("type").GetString() == "rect" && s.GetProperty("x0").GetDouble() == 4);
    }

    [Fact]
    public void Fcd_comparison_colour_bar_says_what_colour_shows()
    {
        var fcd = new Core.Analysis.FcdResult([1, 0.5, 0.5, 1], 2, 30, 1, [0, 2000]);
        var fig = Figure(FwbmCharts.FcdComparison(fcd, fcd, "placebo", "drug"));
        Assert.Contains(fig.GetProperty("data").EnumerateArray(), t => t.TryGetProperty("colorbar", out var c) && c.ValueKind == JsonValueKind.Object
            && c.GetProperty("title").GetProperty("text").GetString() == "r between window FCs");
    }

    [Fact]
    public void A_receptor_heatmap_labels_every_region_grows_with_them_and_keeps_its_whole_title()
    {
        var labels = ChartFixtures.DkLabels();
        string[] names = ["5HT1a", "5HT1b", "5HT2a", "5HT4", "5HT6", "5HTT", "CB1", "D1", "D2", "DAT", "GABAa", "H3", "M1", "mGluR5", "MOR", "NAT", "NMDA", "VAChT", "A4B2"];
        var maps = new Core.Data.ReceptorMaps(names, labels, Enumerable.Range(0, labels.Length * names.Length).Select(i => Math.Sin(i)).ToArray(), zScored: true,
            new Core.Connectivity.ConnectomeSource("hansen-receptors-dk68", "Hansen et al. receptor maps", "CC-BY-NC-SA 4.0", "Hansen JY et al. (2022)"));
        var layout = Figure(FwbmCharts.ReceptorMaps(maps)).GetProperty("layout");
        Assert.Equal(68, layout.GetProperty("yaxis").GetProperty("ticktext").GetArrayLength());
        Assert.True(layout.GetProperty("height").GetInt32() >= 68 * 9);
        string title = layout.GetProperty("title").GetProperty("text").GetString()!;
        Assert.Contains("licence CC-BY-NC-SA 4.0", title);
        Assert.All(title.Split("<br>"), line => Assert.True(line.Length <= ChartLayout.TitleWidth, $"title line of {line.Length} characters"));
        Assert.True(layout.GetProperty("margin").GetProperty("b").GetInt32() >= 6 * 10 * ChartLayout.CharWidth); // the map names under the matrix
    }
}
