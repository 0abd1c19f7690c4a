using System.Text.Json;
using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>Display hooks of Core's analysis and exploration results, asserted on the chart JSON a cell outputs.</summary>
public sealed class AnalysisFormatterTests : KernelTest
{
    private static string Plain(Microsoft.DotNet.Interactive.KernelCommandResult r) => string.Concat(Formatted(r, "text/plain").Select(f => f.Value));
    private static string Title(JsonDocument fig) => fig.RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!;
    private static double[] Numbers(JsonElement a) => a.EnumerateArray().Select(x => x.GetDouble()).ToArray();
    private async Task<T> Value<T>(string code)
    {
        var r = await Submit(code);
        AssertSucceeded(r);
        return (T)r.Events.OfType<ReturnValueProduced>().Single().Value;
    }

    [Fact]
    public async Task A_power_spectrum_is_drawn_log_log_with_the_peak_of_the_mean_marked()
    {
        // three regions oscillating at 10 Hz (different phases) plus a weaker 23 Hz component, sampled at 200 Hz for 20 s
        AssertSucceeded(await Submit("""
            using Fwbm.Core.Analysis;
            int T = 4000, R = 3; var d = new double[T * R];
            for (int t = 0; t < T; t++) for (int r = 0; r < R; r++) d[t * R + r] = Math.Sin(2 * Math.PI * 10 * t / 200.0 + r) + 0.3 * Math.Sin(2 * Math.PI * 23 * t / 200.0);
            var psd = PowerSpectrum.Welch(new TimeSeries(d, R, 5.0, 0, new[] { "a", "b", "c" }), new WelchOptions { SegmentMs = 4000 });
            """));
        var r = await Submit("psd");
        AssertSucceeded(r);
        var fig = Figures(r).Single();
        var layout = fig.RootElement.GetProperty("layout");
        Assert.Equal("log", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        var data = fig.RootElement.GetProperty("data").EnumerateArray().ToArray();
        var peak = data.Single(t => t.GetProperty("name").GetString() == "peak");
        Assert.Equal(10.0, peak.GetProperty("x")[0].GetDouble(), 9); // Δf = 0.25 Hz: 10 Hz is a bin
        var mean = data.Single(t => t.GetProperty("name").GetString() == "mean over regions");
        Assert.DoesNotContain(0.0, Numbers(mean.GetProperty("x"))); // 0 Hz cannot be drawn on a log axis
        Assert.Equal(3, data.Count(t => t.GetProperty("name").GetString() is "a" or "b" or "c"));
        Assert.Contains("peak of the mean 10 Hz", Title(fig));
        Assert.Contains("3 regions × 401 frequencies", Plain(r));
        // a band: the strongest component within 15–40 Hz is the 23 Hz one (nearest bin 23 Hz)
        var band = await Submit("Fwbm.Interactive.Plotting.FwbmCharts.PowerSpectrum(psd, lowHz: 15, highHz: 40)");
        var bandPeak = Figures(band).Single().RootElement.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "peak");
        Assert.Equal(23.0, bandPeak.GetProperty("x")[0].GetDouble(), 9);
    }

    [Fact]
    public void Region_bars_group_one_value_per_region_and_reject_a_series_of_another_length()
    {
        var fig = JsonDocument.Parse(Plotting.PlotlyHtml.FigureJson(Plotting.FwbmCharts.RegionBars(["A", "B", "C"],
            [("before", new[] { 30.0, 50, 40 }), ("after", new[] { 3.0, 3.1, 2.9 })], "rates", "Hz"))).RootElement;
        var data = fig.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal("bar", data[1].GetProperty("type").GetString());
        Assert.Equal(new[] { 3.0, 3.1, 2.9 }, Numbers(data[1].GetProperty("y")));
        Assert.Equal("group", fig.GetProperty("layout").GetProperty("barmode").GetString());
        var e = Assert.Throws<Core.FwbmException>(() => Plotting.FwbmCharts.RegionBars(["A", "B"], [("x", new[] { 1.0 })], "t", "v"));
        Assert.Contains("series 'x' has 1 values for 2 regions", e.Message);
    }

    private const string TwoStatesCode = """
        using Fwbm.Core.Analysis;
        // 6 regions, 400 samples at 1 s: in the first half regions {0,1,2} and {3,4,5} move together, in the second half {0,1,3} and {2,4,5}
        var rng = new Random(3); int T = 400, R = 6; var d = new double[T * R];
        for (int t = 0; t < T; t++)
        {
            double g1 = rng.NextDouble() - 0.5, g2 = rng.NextDouble() - 0.5;
            for (int r = 0; r < R; r++) d[t * R + r] = (t < 200 ? (r < 3 ? g1 : g2) : (r is 0 or 1 or 3 ? g1 : g2)) + 0.3 * (rng.NextDouble() - 0.5);
        }
        var ts = new TimeSeries(d, R, 1000, 0);
        var fcd = Fcd.Compute(ts, FcdWindows.InMs(40_000, 10_000));
        """;

    [Fact]
    public async Task An_FCD_shows_its_matrix_and_the_distribution_of_its_upper_triangle()
    {
        AssertSucceeded(await Submit(TwoStatesCode));
        int w = await Value<int>("fcd.Windows");
        Assert.Equal((400 - 40) / 10 + 1, w);
        var r = await Submit("fcd");
        AssertSucceeded(r);
        var fig = Figures(r).Single();
        var data = fig.RootElement.GetProperty("data");
        Assert.Equal("heatmap", data[0].GetProperty("type").GetString());
        var z = data[0].GetProperty("z");
        Assert.Equal(w, z.GetArrayLength());
        for (int i = 0; i < w; i++) Assert.Equal(1.0, z[i][i].GetDouble());
        Assert.Equal(z[2][30].GetDouble(), z[30][2].GetDouble());
        Assert.True(z[0][2].GetDouble() > 0.9 && z[0][30].GetDouble() < 0.5, "windows of the same state correlate, of different states less");
        Assert.Equal(new[] { 0.0, 10, 20 }, Numbers(data[0].GetProperty("x")).Take(3).ToArray()); // window starts in s
        Assert.Equal("histogram", data[1].GetProperty("type").GetString());
        var upper = await Value<double[]>("fcd.UpperTriangleValues()");
        Assert.Equal(upper, Numbers(data[1].GetProperty("x")));
        Assert.Equal("x2", data[1].GetProperty("xaxis").GetString());
        Assert.Contains($"{w} windows of 40 s every 10 s", Title(fig));
        Assert.Contains($"FCD: {w} windows of 40 samples every 10; upper triangle: {w * (w - 1) / 2} values", Plain(r));
    }

    [Fact]
    public async Task An_FCD_comparison_shows_both_matrices_and_their_ECDFs_with_the_KS_distance()
    {
        AssertSucceeded(await Submit(TwoStatesCode));
        AssertSucceeded(await Submit("var other = Fcd.Compute(ts.Slice(200, 200), FcdWindows.InMs(40_000, 10_000));"));
        var r = await Submit("new Fwbm.Interactive.FcdComparison(fcd, other, \"whole\", \"second half\")");
        AssertSucceeded(r);
        double ks = await Value<double>("Fcd.KsDistance(fcd, other)");
        Assert.True(ks > 0.2); // the second half alone has no between-state window pairs
        var fig = Figures(r).Single();
        Assert.Equal($"FCD, whole vs second half: KS distance = {ks:F3}", Title(fig));
        var data = fig.RootElement.GetProperty("data");
        Assert.Equal(new[] { "heatmap", "heatmap", "scatter", "scatter" }, data.EnumerateArray().Select(t => t.GetProperty("type").GetString()!).ToArray());
        foreach (int k in new[] { 2, 3 })
        {
            var y = Numbers(data[k].GetProperty("y"));
            Assert.Equal(1.0, y[^1], 12); // an ECDF ends at 1 …
            Assert.True(y.Zip(y.Skip(1)).All(p => p.Second >= p.First)); // … and never decreases
            var x = Numbers(data[k].GetProperty("x"));
            Assert.True(x.Zip(x.Skip(1)).All(p => p.Second >= p.First));
        }
        Assert.Contains($"KS distance = {ks:F3}", Plain(r));
    }

    [Fact]
    public async Task A_synchrony_result_plots_r_of_t_with_synchrony_and_metastability_in_the_title()
    {
        // two clusters, at phase 0 and alternately at 0 and π: r alternates 1, 0 → synchrony 0.5, metastability 0.5
        AssertSucceeded(await Submit("""
            using Fwbm.Core.Analysis;
            int T = 40, R = 6; var d = new double[T * R];
            for (int t = 0; t < T; t++) for (int j = 0; j < R; j++) d[t * R + j] = j < 3 ? 0 : (t % 2 == 0 ? 0 : Math.PI);
            var sync = Synchrony.Compute(new TimeSeries(d, R, 2.0, 10.0));
            """));
        var r = await Submit("sync");
        AssertSucceeded(r);
        var fig = Figures(r).Single();
        Assert.Contains("synchrony ⟨r⟩ = 0.500, metastability std(r) = 0.500 (6 regions)", Title(fig));
        var rt = fig.RootElement.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "r(t)");
        var y = Numbers(rt.GetProperty("y"));
        Assert.Equal(40, y.Length);
        Assert.Equal(1.0, y[0], 12);
        Assert.Equal(0.0, y[1], 12);
        Assert.Equal(new[] { 10.0, 12.0, 14.0 }, Numbers(rt.GetProperty("x")).Take(3).ToArray()); // time in ms from the phase series
        Assert.Equal("time (ms)", fig.RootElement.GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Contains("synchrony ⟨r⟩ = 0.500, metastability std(r) = 0.500", Plain(r));
    }

    private const string SweepSetup = """
        using Fwbm.Core.Exploration; using Fwbm.Core.Models; using Fwbm.Core.Simulation;
        var opts = new SimulationOptions { DtMs = 1, DurationMs = 20_000, TransientMs = 1_000, Monitors = [new BoldMonitorSpec(1000)] };
        """;

    [Fact]
    public async Task A_two_parameter_SweepResult_is_a_heatmap_with_the_best_point_starred_and_a_table()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit(SweepSetup + """
            var grid = new Sweep(ModelRegistry.Get("hopf"), conn, opts,
                ParameterSpace.Grid(ParameterAxis.Of("G", 0, 0.3, 0.6), ParameterAxis.Of("a", -0.05, 0.02)), SweepMeasure.FcSimilarity(), SweepMeasure.MeanFc()).Run();
            """));
        var r = await Submit("grid");
        AssertSucceeded(r);
        var fig = Figures(r).Single().RootElement;
        var heat = fig.GetProperty("data")[0];
        Assert.Equal("heatmap", heat.GetProperty("type").GetString());
        Assert.Equal(new[] { 0, 0.3, 0.6 }, Numbers(heat.GetProperty("x")));
        Assert.Equal(new[] { -0.05, 0.02 }, Numbers(heat.GetProperty("y")));
        var g = await Value<double[,]>("grid.Grid(\"fc_similarity\")");
        var z = heat.GetProperty("z");
        Assert.Equal(2, z.GetArrayLength()); // rows: the second parameter
        for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) Assert.Equal(g[i, j], z[j][i].GetDouble());
        var best = await Value<IReadOnlyList<double>>("grid.Best(\"fc_similarity\").Values");
        var star = fig.GetProperty("data")[1];
        Assert.Equal("star", star.GetProperty("marker").GetProperty("symbol").GetString());
        Assert.Equal(best[0], star.GetProperty("x")[0].GetDouble());
        Assert.Equal(best[1], star.GetProperty("y")[0].GetDouble());
        Assert.Equal(g.Cast<double>().Max(), g[Array.IndexOf(new[] { 0, 0.3, 0.6 }, best[0]), Array.IndexOf(new[] { -0.05, 0.02 }, best[1])]);
        Assert.StartsWith("fc_similarity over coupling × a: best fc_similarity (max) = ", fig.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        var html = string.Concat(Formatted(r, "text/html").Select(f => f.Value));
        Assert.Contains("table: 6 rows × 6 columns (DataFrame)", html); // coupling, a, seed, fc_similarity, mean_fc, error
        Assert.Contains("best fc_similarity (max) = ", Plain(r));
        var columns = await Value<string>("string.Join(\",\", Fwbm.Interactive.SweepResultExtensions.ToDataFrame(grid).Columns.Select(c => c.Name))");
        Assert.Equal("coupling,a,seed,fc_similarity,mean_fc,error", columns);
    }

    [Fact]
    public async Task A_one_parameter_SweepResult_draws_every_measure_against_it_in_its_own_panel()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit(SweepSetup + """
            var line = new Sweep(ModelRegistry.Get("hopf"), conn, opts, ParameterSpace.Grid(ParameterAxis.Linspace("coupling", 0, 0.6, 4)),
                SweepMeasure.MeanFc(), SweepMeasure.GlobalSignalStd("bold", "gs_std")).Run();
            """));
        var r = await Submit("line");
        AssertSucceeded(r);
        var fig = Figures(r).Single().RootElement;
        var data = fig.GetProperty("data");
        Assert.Equal("mean_fc", data[0].GetProperty("name").GetString());
        Assert.Equal("gs_std", data[1].GetProperty("name").GetString());
        Assert.Equal("y2", data[1].GetProperty("yaxis").GetString());
        Assert.Equal(new[] { 0, 0.2, 0.4, 0.6 }, Numbers(data[0].GetProperty("x")).Select(x => Math.Round(x, 12)).ToArray());
        var meanFc = await Value<double[]>("line.Column(\"mean_fc\")");
        Assert.Equal(meanFc, Numbers(data[0].GetProperty("y")));
        // mean_fc and gs_std are descriptive (goal none): no point is best, so no star and no best value in the title
        Assert.Equal(2, data.GetArrayLength());
        Assert.True(fig.GetProperty("layout").TryGetProperty("yaxis2", out _));
        Assert.Equal("mean_fc vs coupling: mean_fc is descriptive (no best point)", fig.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Contains("mean_fc is descriptive (no best point)", Plain(r));
        var e = FailureMessage(await Submit("new Fwbm.Interactive.SweepView(line, \"gs_std\").Best()"));
        Assert.Contains("measure 'gs_std' has goal none (descriptive), so no point is best", e);
        // ranked by a target instead: the point closest to it
        var gs = await Value<double[]>("line.Column(\"gs_std\")");
        double target = (gs.Min() + gs.Max()) / 2;
        var closest = await Value<double>(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"line.Best(\"gs_std\", Fwbm.Core.Measures.MeasureGoal.TargetValue({target:R})).Measure"));
        Assert.Equal(gs.MinBy(v => Math.Abs(v - target)), closest);
    }

    [Fact]
    public async Task A_distance_measure_is_minimised_when_it_decides_the_best_point()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit(SweepSetup + """
            var dist = new Sweep(ModelRegistry.Get("hopf"), conn, opts, ParameterSpace.Grid(ParameterAxis.Linspace("coupling", 0, 0.6, 4)),
                SweepMeasure.Of("fc_distance", r => 1 - Fwbm.Core.Analysis.FcSimilarity.Compute(r.BoldFc(), conn.EmpiricalFc.ToArray(), conn.Count))).Run();
            var v = new Fwbm.Interactive.SweepView(dist);
            """));
        Assert.Equal("min", await Value<string>("v.Goal.Short")); // fc_distance: the catalogue declares minimise
        var best = await Value<double>("v.Best().Value");
        Assert.Equal((await Value<double[]>("dist.Column(\"fc_distance\")")).Min(), best);
        var star = Figures(await Submit("v")).Single().RootElement.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "best");
        Assert.Equal(best, star.GetProperty("y")[0].GetDouble());
    }
}
