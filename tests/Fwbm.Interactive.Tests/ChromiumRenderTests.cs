using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fwbm.Interactive.Plotting;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Interactive.Tests;

/// <summary>
/// Charts drawn by a real browser: headless Chromium renders a chart's HTML (as a notebook shows it, plotly.js inline) to a screenshot
/// and to its DOM after the scripts ran; the screenshot must not be blank where the plot and the labels are, and the DOM must hold
/// every label. Needs Chromium (scripts/setup-notebooks.sh installs it; FWBM_CHROMIUM names another binary): without it these tests
/// fail, saying how to install it. FWBM_KEEP_SCREENSHOTS=1 keeps the pages and screenshots (their folder is printed).
/// </summary>
public sealed class ChromiumRenderTests(ITestOutputHelper output)
{
    private RenderedChart Render(Plotly.NET.GenericChart chart, string name, string query = "") => ChromiumChart.Render(chart, name, output, query);

    private static int Count(string dom, string pattern) => Regex.Matches(dom, pattern).Count;

    private static int Margin(JsonElement layout, string side) => layout.GetProperty("margin").GetProperty(side).GetInt32();

    [Fact]
    public void A_68_region_fc_heatmap_draws_the_matrix_and_every_label()
    {
        var labels = ChartFixtures.DkLabels();
        var r = Render(FwbmCharts.Fc(ChartFixtures.Fc(labels, "FC of 68 regions")), "fc68");
        int l = Margin(r.Layout, "l"), t = Margin(r.Layout, "t");
        // the matrix: most of a 300-px square at its top-left corner is coloured
        int area = r.Shot.NonWhite(l + 5, t + 5, l + 305, t + 305, tolerance: 8);
        Assert.True(area > 0.5 * 300 * 300, $"the matrix area is mostly blank: {area} coloured pixels of {300 * 300}");
        // the label margin left of the matrix holds text (dark pixels)
        int text = r.Shot.NonWhite(0, t, l - 2, t + 600, tolerance: 100);
        Assert.True(text > 1500, $"the left label margin is nearly empty: {text} dark pixels");
        // every region on both axes (plotly draws one g.ytick / g.xtick per shown label)
        Assert.Equal(68, Count(r.Dom, "class=\"ytick\""));
        Assert.Equal(68, Count(r.Dom, "class=\"xtick\""));
        Assert.Contains("lh-caudalanteriorcingulate", r.Dom);
        output.WriteLine($"matrix area {area} px coloured; label margin {text} dark px (left margin {l} px)");
    }

    [Fact]
    public void A_named_comparison_draws_both_matrices_and_the_scatter()
    {
        var labels = ChartFixtures.DkLabels();
        var cmp = new FcComparison(ChartFixtures.Fc(labels, "FC", 1), ChartFixtures.Fc(labels, "FC", 2), "placebo", "drug");
        var r = Render(FwbmCharts.FcComparison(cmp), "comparison");
        Assert.Contains("placebo vs drug: r = ", r.Dom);
        int t = Margin(r.Layout, "t"), w = r.Shot.Width;
        // each third of the width has drawn content below the title: the two matrices and the scatter
        for (int k = 0; k < 3; k++)
        {
            int drawn = r.Shot.NonWhite(Margin(r.Layout, "l") + k * (w - Margin(r.Layout, "l")) / 3, t, Margin(r.Layout, "l") + (k + 1) * (w - Margin(r.Layout, "l")) / 3, t + 200, tolerance: 8);
            Assert.True(drawn > 5000, $"panel {k + 1} of the comparison looks blank: {drawn} coloured pixels");
        }
    }

    [Fact]
    public void The_3d_graph_falls_back_to_a_2d_projection_when_webgl_is_missing()
    {
        var chart = FwbmCharts.BrainGraph(ChartFixtures.Dk68(), edges: 60);
        var forced = Render(chart, "graph-2d", "?" + PlotlyHtml.Force2DFlag);
        Assert.Contains("2D fallback: axial projection", forced.Dom);
        Assert.Contains("left hemisphere (34)", forced.Dom);   // the legend survives
        Assert.Contains("right hemisphere (34)", forced.Dom);
        Assert.True(Count(forced.Dom, "class=\"point\"") >= 68, "the 2-D projection has fewer than 68 region markers");
        int l = Margin(forced.Layout, "l"), t = Margin(forced.Layout, "t");
        int drawn = forced.Shot.NonWhite(l, t + 24, forced.Shot.Width - 200, forced.Shot.Height - 60);
        Assert.True(drawn > 3000, $"the 2-D fallback looks blank: {drawn} non-white pixels");

        // not forced: this browser either has WebGL (SwiftShader) and draws the 3-D scene, or falls back by itself — never nothing
        var auto = Render(chart, "graph-auto");
        bool fellBack = auto.Dom.Contains("2D fallback");
        int autoDrawn = auto.Shot.NonWhite(l, t + 24, auto.Shot.Width - 200, auto.Shot.Height - 60);
        output.WriteLine($"unforced: {(fellBack ? "2-D fallback (no WebGL)" : "3-D scene (WebGL)")}, {autoDrawn} non-white pixels; forced fallback {drawn}");
        Assert.True(autoDrawn > 3000, $"the unforced 3-D graph looks blank ({(fellBack ? "fallback" : "WebGL")}): {autoDrawn} non-white pixels");
        if (!fellBack) Assert.Contains("gl-container", auto.Dom);
    }

    [Fact]
    public void A_stimulation_plot_draws_the_stimulated_traces_and_the_shaded_stimulus()
    {
        var (ts, stim) = ChartFixtures.Stimulated();
        var r = Render(FwbmCharts.TimeSeries(ts, maxRegions: 18, stimulus: stim), "stimulation");
        int l = Margin(r.Layout, "l"), t = Margin(r.Layout, "t");
        int red = 0, orange = 0;
        for (int y = t; y < r.Shot.Height - 50; y++)
            for (int x = l; x < r.Shot.Width - 40; x++)
            {
                var (R, G, B) = r.Shot[x, y];
                if (R > 180 && G < 90 && B < 90) red++;                    // the stimulated traces (#d62728)
                if (R > 240 && G is > 200 and < 240 && B < 215) orange++;  // the shaded stimulus (rgba(255,160,0,0.22) over white)
            }
        Assert.True(red > 300, $"the stimulated traces are not visible: {red} red pixels");
        Assert.True(orange > 5000, $"the stimulus is not shaded: {orange} orange pixels");
        Assert.Contains("rh-middletemporal", r.Dom);
        int text = r.Shot.NonWhite(0, t, l - 2, r.Shot.Height - 60, tolerance: 100);
        Assert.True(text > 500, $"the region names beside the traces are missing: {text} dark pixels");
        output.WriteLine($"red {red} px, shaded {orange} px, labels {text} px");
    }
}
