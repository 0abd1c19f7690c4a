using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fwbm.Core.Simulation;
using Fwbm.Interactive.Plotting;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Interactive.Tests;

/// <summary>
/// The surgery and stimulation charts drawn by headless Chromium (as <see cref="ChromiumRenderTests"/> does for the others): each chart's
/// plot area holds its marks in their colours and its DOM every label the test names. FWBM_KEEP_SCREENSHOTS=1 keeps the screenshots.
/// </summary>
public sealed class ScenarioChromiumTests(ITestOutputHelper output)
{
    private RenderedChart Render(Plotly.NET.GenericChart chart, string name, string query = "") => ChromiumChart.Render(chart, name, output, query);

    [Fact]
    public void The_surgery_graph_draws_removed_edges_red_and_weakened_ones_orange_in_3d_and_in_the_2d_fallback()
    {
        var (intact, edited) = ScenarioFixtures.Surgery();
        var chart = FwbmCharts.SurgeryGraph(intact, edited, edges: 60);
        foreach (var (name, query) in new[] { ("surgery-graph-2d", "?" + PlotlyHtml.Force2DFlag), ("surgery-graph", "") })
        {
            var r = Render(chart, name, query);
            int t = r.Margin("t");
            int red = r.Colour(0xd6, 0x27, 0x28, y0: t), orange = r.Colour(0xff, 0x7f, 0x0e, y0: t), drawn = r.Shot.NonWhite(0, t, r.Shot.Width, r.Shot.Height);
            output.WriteLine($"{name}: red {red} px, orange {orange} px, drawn {drawn} px");
            Assert.True(red > 400, $"{name}: the removed connections and resected regions are not visible: {red} red pixels");
            Assert.True(orange > 150, $"{name}: the weakened connections are not visible: {orange} orange pixels");
            Assert.True(drawn > 5000, $"{name}: the graph looks blank: {drawn} drawn pixels");
            Assert.Contains("resected regions (2)", r.Dom);
            Assert.Contains("silenced regions (hollow) (1)", r.Dom);
        }
    }

    [Fact]
    public void Delta_fc_draws_the_matrix_and_the_label_of_every_region_both_keep()
    {
        var (intact, edited) = ScenarioFixtures.Surgery();
        var fcI = ChartFixtures.Fc(intact.Labels.ToArray(), "intact FC");
        var fcE = ChartFixtures.Fc(edited.Labels.ToArray(), "edited FC", seed: 2);
        var r = Render(FwbmCharts.DeltaFc(fcI, fcE), "delta-fc");
        int l = r.Margin("l"), t = r.Margin("t");
        int area = r.Shot.NonWhite(l + 5, t + 5, l + 305, t + 305, tolerance: 8);
        output.WriteLine($"ΔFC matrix: {area} coloured px of {300 * 300}");
        Assert.True(area > 0.5 * 300 * 300, $"the ΔFC matrix is mostly blank: {area} coloured pixels");
        Assert.Equal(66, Regex.Matches(r.Dom, "class=\"ytick\"").Count);
        Assert.Contains("ΔFC (Pearson r)", r.Dom);
        Assert.DoesNotContain(">rh-precentral<", r.Dom);
    }

    [Fact]
    public void The_measure_table_shows_every_row_and_colours_the_changes()
    {
        var rows = new FwbmCharts.MeasureChange[] { new("global_efficiency", 0.5, 0.4), new("modularity", 0.3, 0.33), new("mean_fc", 0.2, 0.2), new("regions", 68, 66) };
        var r = Render(FwbmCharts.MeasureChanges(rows), "measure-table");
        foreach (var m in new[] { "global_efficiency", "modularity", "mean_fc", "regions", "-20.0 %", "+10.0 %", "-2.9 %" }) Assert.Contains(m, r.Dom);
        int pink = r.Colour(0xfd, 0xe2, 0xe1, tolerance: 6), blue = r.Colour(0xe1, 0xec, 0xfd, tolerance: 6);
        output.WriteLine($"fell (pink) {pink} px, rose (blue) {blue} px");
        Assert.True(pink > 1000 && blue > 500, $"the changes are not coloured: pink {pink}, blue {blue} pixels");
    }

    [Fact]
    public void The_stimulation_charts_draw_the_waveform_the_evoked_image_the_scatter_and_the_map()
    {
        var labels = ChartFixtures.DkLabels();
        var wave = Render(FwbmCharts.StimulusWaveform(new PulseStimulus("x", [3, 5], 100, 5, 2, 50), labels, 0, 400, 0.1), "waveform");
        int red = wave.Colour(0xd6, 0x27, 0x28, y0: wave.Margin("t"));
        output.WriteLine($"waveform: red {red} px");
        Assert.True(red > 400, $"the waveform and the weight bars are not drawn: {red} red pixels");
        Assert.Contains(labels[3], wave.Dom);

        var (times, responses, latency) = ScenarioFixtures.Evoked();
        var evoked = Render(FwbmCharts.EvokedResponses(labels, times, responses, latency, stimulated: [0]), "evoked");
        int l = evoked.Margin("l"), t = evoked.Margin("t");
        int image = evoked.Shot.NonWhite(l + 5, t + 5, evoked.Shot.Width - 200, t + 300, tolerance: 8);
        output.WriteLine($"evoked image: {image} coloured px");
        Assert.True(image > 20_000, $"the evoked image looks blank: {image} coloured pixels");
        Assert.Equal(68, Regex.Matches(evoked.Dom, "class=\"ytick\"").Count);

        var dist = Enumerable.Range(0, 68).Select(r => 10.0 + r).ToArray();
        var scatter = Render(FwbmCharts.LatencyVsDistance([new FwbmCharts.LatencySeries("with delays", labels, dist, latency),
            new FwbmCharts.LatencySeries("without delays", labels, dist, latency.Select(v => double.IsNaN(v) ? v : 2.0).ToArray())]), "latency");
        Assert.Equal(2 * (68 - 13), Regex.Matches(scatter.Dom, "class=\"point\"").Count);
        Assert.Contains("Spearman ρ", scatter.Dom);

        var plv = Enumerable.Range(0, 68).Select(r => r == 10 ? 0.9 : 0.1 + r / 200.0).ToArray();
        var map = Render(FwbmCharts.EntrainmentMap(ChartFixtures.Dk68(), plv, 10, stimulated: [10]), "entrainment-2d", "?" + PlotlyHtml.Force2DFlag);
        Assert.Contains("2D fallback", map.Dom);
        Assert.True(Regex.Matches(map.Dom, "class=\"point\"").Count >= 69, "the map has fewer than 68 regions + the ring");
        int drawn = map.Shot.NonWhite(0, map.Margin("t") + 30, map.Shot.Width - 150, map.Shot.Height);
        Assert.True(drawn > 3000, $"the entrainment map looks blank: {drawn}");
    }
}
