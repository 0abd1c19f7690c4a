using System.Text.Json;
using Fwbm.Interactive.Plotting;
using Microsoft.DotNet.Interactive;
using Xunit;

namespace Fwbm.Interactive.Tests;

public sealed class FormatterTests : KernelTest
{
    [Fact]
    public async Task Connectome_shows_citation_text_a_labelled_weights_heatmap_and_a_3D_graph()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit("conn");
        AssertSucceeded(r);
        var plain = string.Concat(Formatted(r, "text/plain").Select(f => f.Value));
        Assert.Contains("Nobody (2026) A toy.", plain);
        Assert.Contains("Licence: CC0", plain);
        var figs = Figures(r);
        Assert.Equal(2, figs.Count);
        var heat = figs[0].RootElement.GetProperty("data")[0];
        Assert.Equal("heatmap", heat.GetProperty("type").GetString());
        // hemisphere order: left regions first
        Assert.Equal(new[] { "L0", "L1", "L2", "L3", "R0", "R1", "R2", "R3" }, heat.GetProperty("x").EnumerateArray().Select(x => x.GetString()!).ToArray());
        var graph = figs[1].RootElement.GetProperty("data");
        Assert.Equal("scatter3d", graph[0].GetProperty("type").GetString());
        // one marker trace per hemisphere, named in the legend
        Assert.Equal(["left hemisphere (4)", "right hemisphere (4)"], new[] { graph[1], graph[2] }.Select(t => t.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(8, graph[1].GetProperty("x").GetArrayLength() + graph[2].GetProperty("x").GetArrayLength());
    }

    [Fact]
    public async Task Html_output_is_offline_the_library_comes_once_per_kernel_session()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var first = string.Concat(Formatted(await Submit("conn"), "text/html").Select(f => f.Value));
        var second = string.Concat(Formatted(await Submit("new Fwbm.Interactive.FcMatrix(conn.EmpiricalFc.ToArray(), conn.Labels, conn.RightHemisphere)"), "text/html").Select(f => f.Value));
        Assert.DoesNotContain("<script src=", first + second); // no external script of any kind
        Assert.Contains("plotly.js v2.28.0", first);
        Assert.Equal(1, CountOf(first, "plotly.js v2.28.0")); // two charts in the first output, one library
        Assert.DoesNotContain("plotly.js v2.28.0", second);
        Assert.Contains("window.Plotly.newPlot", second);
    }

    [Fact]
    public async Task Re_running_the_cell_that_carried_the_library_carries_it_again()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        const string lib = "plotly.js v2.28.0";
        const string fcCell = "new Fwbm.Interactive.FcMatrix(conn.EmpiricalFc.ToArray(), conn.Labels, conn.RightHemisphere)";
        string Html(KernelCommandResult r) => string.Concat(Formatted(r, "text/html").Select(f => f.Value));
        var first = Html(await Submit("conn"));
        Assert.Equal(1, CountOf(first, lib));
        Assert.Equal(0, CountOf(Html(await Submit(fcCell)), lib));
        // the user re-runs the first cell: its old output (with the library) is replaced, so the new one must carry it
        var rerun = Html(await Submit("conn"));
        Assert.Equal(1, CountOf(rerun, lib)); // two charts, one library
        Assert.Equal(0, CountOf(Html(await Submit(fcCell)), lib));
        Assert.Equal(1, CountOf(Html(await Submit("conn")), lib));
        // a magic cell that carried it, re-run, carries it again too
        PlotlyHtml.ResetSessions();
        const string magic = "#!fwbm-simulate --connectome conn --duration 5s --transient 0s --tr 1 --name s";
        Assert.Equal(1, CountOf(Html(await Submit(magic)), lib));
        Assert.Equal(0, CountOf(Html(await Submit("conn")), lib));
        Assert.Equal(1, CountOf(Html(await Submit(magic)), lib));
    }

    [Fact]
    public async Task Per_chart_mode_inlines_the_library_in_every_chart()
    {
        PlotlyHtml.Mode = PlotlyJsMode.PerChart;
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var html = string.Concat(Formatted(await Submit("conn"), "text/html").Select(f => f.Value));
        Assert.Equal(2, CountOf(html, "plotly.js v2.28.0"));
    }

    [Fact]
    public void Fc_heatmap_uses_a_diverging_scale_fixed_to_minus_one_one()
    {
        var fc = new FcMatrix([1, 0.5, -0.2, 0.5, 1, 0.1, -0.2, 0.1, 1], ["a", "b", "c"], [false, true, false]);
        var fig = JsonDocument.Parse(PlotlyHtml.FigureJson(FwbmCharts.Fc(fc))).RootElement.GetProperty("data")[0];
        Assert.Equal("RdBu", fig.GetProperty("colorscale").GetString());
        Assert.Equal(-1, fig.GetProperty("zmin").GetDouble());
        Assert.Equal(1, fig.GetProperty("zmax").GetDouble());
        Assert.Equal(0, fig.GetProperty("zmid").GetDouble());
        Assert.Equal(new[] { "a", "c", "b" }, fig.GetProperty("x").EnumerateArray().Select(x => x.GetString()!).ToArray());
        // reordered values: row "c" (index 1 after reordering) against "b" (index 2) is FC[c,b] = 0.1
        Assert.Equal(0.1, fig.GetProperty("z")[1][2].GetDouble());
    }

    [Fact]
    public void Time_series_are_stacked_with_a_region_picker()
    {
        var data = new double[50 * 3];
        for (int t = 0; t < 50; t++) for (int r = 0; r < 3; r++) data[t * 3 + r] = Math.Sin(t * 0.1 * (r + 1));
        var ts = new Core.Analysis.TimeSeries(data, 3, 720, 0, ["A", "B", "C"], "bold");
        var fig = JsonDocument.Parse(PlotlyHtml.FigureJson(FwbmCharts.TimeSeries(ts))).RootElement;
        Assert.Equal(3, fig.GetProperty("data").GetArrayLength());
        var buttons = fig.GetProperty("layout").GetProperty("updatemenus")[0].GetProperty("buttons");
        Assert.Equal(4, buttons.GetArrayLength()); // all + one per region
        Assert.Equal("B", buttons[2].GetProperty("label").GetString());
        Assert.Equal(new[] { false, true, false }, buttons[2].GetProperty("args")[0].GetProperty("visible").EnumerateArray().Select(v => v.GetBoolean()).ToArray());
        // stacked: each trace is offset below the previous one
        double Mean(int k) => fig.GetProperty("data")[k].GetProperty("y").EnumerateArray().Average(v => v.GetDouble());
        Assert.True(Mean(0) > Mean(1) && Mean(1) > Mean(2));
    }

    [Fact]
    public async Task Every_region_of_an_80_region_series_can_be_picked_though_40_are_drawn_at_first()
    {
        var r = await Submit("""
            var d = new double[100 * 80];
            for (int t = 0; t < 100; t++) for (int q = 0; q < 80; q++) d[t * 80 + q] = Math.Sin(0.05 * t * (1 + q % 7));
            new Fwbm.Core.Analysis.TimeSeries(d, 80, 720, 0, Enumerable.Range(0, 80).Select(q => $"roi{q}").ToArray(), "bold")
            """);
        AssertSucceeded(r);
        var fig = Assert.Single(Figures(r)).RootElement;
        var data = fig.GetProperty("data");
        Assert.Equal(80, data.GetArrayLength()); // every region is a trace
        Assert.Equal(40, data.EnumerateArray().Count(t => t.GetProperty("visible").GetBoolean()));
        var title = fig.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!;
        Assert.Contains("40 of 80 regions shown (every 2nd", title);
        Assert.DoesNotContain("2th", title);
        var buttons = fig.GetProperty("layout").GetProperty("updatemenus")[0].GetProperty("buttons").EnumerateArray().ToArray();
        var regionButtons = buttons.Where(b => b.GetProperty("label").GetString()!.StartsWith("roi")).ToArray();
        Assert.Equal(80, regionButtons.Length); // 80 selectable entries, one per region
        for (int q = 0; q < 80; q++)
        {
            Assert.Equal($"roi{q}", regionButtons[q].GetProperty("label").GetString());
            var visible = regionButtons[q].GetProperty("args")[0].GetProperty("visible").EnumerateArray().Select(v => v.GetBoolean()).ToArray();
            Assert.Equal(80, visible.Length);
            Assert.Equal(q, Array.IndexOf(visible, true));
            Assert.Single(visible, true);
            Assert.Equal($"roi{q}", data[q].GetProperty("name").GetString()); // the button shows the trace of that region
        }
        Assert.Contains(buttons, b => b.GetProperty("label").GetString() == "all 80 regions");
    }

    [Theory]
    [InlineData(1, "1st")] [InlineData(2, "2nd")] [InlineData(3, "3rd")] [InlineData(4, "4th")] [InlineData(11, "11th")]
    [InlineData(12, "12th")] [InlineData(13, "13th")] [InlineData(21, "21st")] [InlineData(22, "22nd")] [InlineData(112, "112th")]
    public void Ordinals_are_english(int n, string expected) => Assert.Equal(expected, FwbmCharts.Ordinal(n));

    [Fact]
    public void Power_spectrum_is_log_log_with_the_peak_marked()
    {
        var f = Enumerable.Range(0, 11).Select(k => k * 0.01).ToArray();
        var p = new[] { f.Select(x => 1.0 / (1 + Math.Pow((x - 0.05) * 100, 2))).ToArray() };
        var fig = JsonDocument.Parse(PlotlyHtml.FigureJson(FwbmCharts.PowerSpectrum(f, p))).RootElement;
        Assert.Equal("log", fig.GetProperty("layout").GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("log", fig.GetProperty("layout").GetProperty("yaxis").GetProperty("type").GetString());
        var peak = fig.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "peak");
        Assert.Equal(0.05, peak.GetProperty("x")[0].GetDouble(), 12);
        Assert.DoesNotContain(fig.GetProperty("data")[0].GetProperty("x").EnumerateArray(), x => x.GetDouble() == 0); // 0 Hz dropped on a log axis
    }

    [Fact]
    public async Task A_formatter_failure_shows_a_message_instead_of_failing_the_cell()
    {
        // a connectome without centres asked for a 3-D graph: the chart builder throws, the display says why
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit("Fwbm.Interactive.Plotting.FwbmCharts.BrainGraph(conn.Select(new[]{0,1,2}).With(name: \"x\"))");
        AssertSucceeded(r);
        var ok = await Submit("new Fwbm.Core.Connectivity.Connectome(new double[4], new[]{\"a\",\"b\"})");
        AssertSucceeded(ok);
        Assert.Single(Figures(ok));
    }

    private static int CountOf(string s, string what)
    {
        int n = 0, i = 0;
        while ((i = s.IndexOf(what, i, StringComparison.Ordinal)) >= 0) { n++; i += what.Length; }
        return n;
    }
}
