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
    private sealed record Rendered(Png Shot, string Dom, JsonElement Layout)
    {
        public int Margin(string side) => Layout.GetProperty("margin").GetProperty(side).GetInt32();

        /// <summary>Pixels in the rectangle whose colour is within <paramref name="tolerance"/> of (r, g, b) on every channel.</summary>
        public int Colour(int r, int g, int b, int tolerance = 40, int x0 = 0, int y0 = 0, int x1 = int.MaxValue, int y1 = int.MaxValue)
        {
            int n = 0;
            for (int y = Math.Max(0, y0); y < Math.Min(Shot.Height, y1); y++)
                for (int x = Math.Max(0, x0); x < Math.Min(Shot.Width, x1); x++)
                {
                    var (R, G, B) = Shot[x, y];
                    if (Math.Abs(R - r) <= tolerance && Math.Abs(G - g) <= tolerance && Math.Abs(B - b) <= tolerance) n++;
                }
            return n;
        }
    }

    private static string Chromium()
    {
        var named = Environment.GetEnvironmentVariable("FWBM_CHROMIUM");
        if (!string.IsNullOrEmpty(named)) return File.Exists(named) ? named : throw new Xunit.Sdk.XunitException($"FWBM_CHROMIUM = {named} does not exist.");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
                if (dir.Length > 0 && File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        throw new Xunit.Sdk.XunitException("Chromium is not installed, so the charts cannot be checked in a browser: run `bash scripts/setup-notebooks.sh` " +
            "(or `sudo apt-get install chromium`), or set FWBM_CHROMIUM to a Chromium/Chrome binary.");
    }

    private Rendered Render(Plotly.NET.GenericChart chart, string name, string query = "")
    {
        var dir = Directory.CreateTempSubdirectory("fwbm-scenario-");
        bool keep = Environment.GetEnvironmentVariable("FWBM_KEEP_SCREENSHOTS") == "1";
        try
        {
            var layout = JsonDocument.Parse(PlotlyHtml.FigureJson(chart)).RootElement.GetProperty("layout").Clone();
            string html = Path.Combine(dir.FullName, name + ".html"), png = Path.Combine(dir.FullName, name + ".png");
            File.WriteAllText(html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0;background:#fff\">" + PlotlyHtml.ToHtml(chart) + "</body></html>");
            int height = (layout.TryGetProperty("height", out var h) ? h.GetInt32() : PlotlyHtml.DefaultHeight) + 20;
            string url = new Uri(html).AbsoluteUri + query;
            string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--proxy-server=127.0.0.1:9", $"--user-data-dir={Path.Combine(dir.FullName, "profile")}",
                "--virtual-time-budget=20000", $"--window-size=1100,{height}"];
            Run(Chromium(), [.. common, $"--screenshot={png}", url]);
            string dom = Run(Chromium(), [.. common, "--dump-dom", url]);
            Assert.True(File.Exists(png), $"Chromium wrote no screenshot of {name}");
            if (keep) output.WriteLine($"{name}: {png}");
            return new Rendered(Png.Read(png), dom, layout);
        }
        finally
        {
            if (!keep) dir.Delete(recursive: true);
        }
    }

    private static string Run(string exe, string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(entireProcessTree: true); throw new Xunit.Sdk.XunitException($"{exe} did not finish in 120 s"); }
        Assert.True(p.ExitCode == 0, $"{exe} exited with {p.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

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
