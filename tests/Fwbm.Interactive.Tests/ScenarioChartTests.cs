using System.Text.Json;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Simulation;
using Fwbm.Interactive.Plotting;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>The surgery and stimulation charts' data, against what the hand-built inputs of <see cref="ScenarioFixtures"/> must give.</summary>
public sealed class ScenarioChartTests
{
    private static JsonElement Fig(Plotly.NET.GenericChart c) => JsonDocument.Parse(PlotlyHtml.FigureJson(c)).RootElement;
    private static JsonElement[] Traces(JsonElement fig) => fig.GetProperty("data").EnumerateArray().ToArray();
    private static string Title(JsonElement fig) => fig.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!.Replace("<br>", " ");
    private static JsonElement Named(JsonElement fig, string prefix) => Traces(fig).Single(t => t.TryGetProperty("name", out var n) && n.GetString()!.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public void The_diff_matches_regions_by_label_and_names_every_change()
    {
        var (intact, edited) = ScenarioFixtures.Surgery();
        var d = SurgeryDiff.Of(intact, edited);
        Assert.Equal(["rh-precentral", "lh-precentral"], d.RegionsThat(RegionChange.Resected).Order().Reverse());
        Assert.Equal(["lh-cuneus"], d.RegionsThat(RegionChange.Silenced));
        int n = intact.Count;
        int Pairs(Func<int, int, bool> p) { int c = 0; for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (intact.Weight(i, j) > 0 && p(i, j)) c++; return c; }
        int Of(string l) => intact.IndexOf(l);
        bool Touches(int i, int j, params string[] ls) => ls.Any(l => i == Of(l) || j == Of(l));
        // removed = every connection of the two resected regions and of the silenced one
        Assert.Equal(Pairs((i, j) => Touches(i, j, "rh-precentral", "lh-precentral", "lh-cuneus")), d.Count(EdgeChange.Removed));
        // weakened = the halved rh-bankssts connections that survive
        Assert.Equal(Pairs((i, j) => Touches(i, j, "rh-bankssts") && !Touches(i, j, "rh-precentral", "lh-precentral", "lh-cuneus")), d.Count(EdgeChange.Weakened));
        Assert.All(d.Edges.Where(e => e.Kind == EdgeChange.Weakened), e => Assert.Equal(0.5 * e.Before, e.After, 12));
        // slowed = the rh-insula tracts left at full weight, each twice as long
        var slowed = d.Edges.Where(e => e.Kind == EdgeChange.Slowed).ToArray();
        Assert.Equal(Pairs((i, j) => Touches(i, j, "rh-insula") && !Touches(i, j, "rh-precentral", "lh-precentral", "lh-cuneus", "rh-bankssts")), slowed.Length);
        Assert.All(slowed, e => Assert.Equal(2, e.LengthRatio, 12));
        Assert.Equal(0, d.Count(EdgeChange.Added) + d.Count(EdgeChange.Strengthened));
        Assert.StartsWith("2 regions resected (", d.Describe());
        Assert.Contains("1 region silenced (lh-cuneus)", d.Describe());
        Assert.Equal("no change", SurgeryDiff.Of(intact, intact).Describe());
    }

    [Fact]
    public void The_surgery_graph_draws_each_kind_of_change_in_its_own_trace()
    {
        var (intact, edited) = ScenarioFixtures.Surgery();
        var d = SurgeryDiff.Of(intact, edited);
        var fig = Fig(FwbmCharts.SurgeryGraph(intact, edited, edges: 50));
        var removed = Named(fig, "removed connections");
        Assert.Equal($"removed connections ({d.Count(EdgeChange.Removed)})", removed.GetProperty("name").GetString());
        Assert.Equal("dash", removed.GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal(FwbmCharts.RemovedColour, removed.GetProperty("line").GetProperty("color").GetString());
        Assert.Equal(3 * d.Count(EdgeChange.Removed), removed.GetProperty("x").GetArrayLength()); // two ends and a gap per connection
        Assert.Equal(FwbmCharts.WeakenedColour, Named(fig, "weakened connections").GetProperty("line").GetProperty("color").GetString());
        Assert.Equal(FwbmCharts.SlowedColour, Named(fig, "slowed tracts").GetProperty("line").GetProperty("color").GetString());
        Assert.Equal(3 * 50, Named(fig, "strongest unchanged connections").GetProperty("x").GetArrayLength());
        var resected = Named(fig, "resected regions");
        Assert.Equal("x", resected.GetProperty("marker").GetProperty("symbol").GetString());
        Assert.Equal(["lh-precentral", "rh-precentral"], resected.GetProperty("text").EnumerateArray().Select(t => t.GetString()!).Order());
        Assert.Equal("circle-open", Named(fig, "silenced regions").GetProperty("marker").GetProperty("symbol").GetString());
        // every intact region is drawn once: kept (two hemispheres) + silenced + resected
        int nodes = Traces(fig).Where(t => t.GetProperty("mode").GetString() == "markers").Sum(t => t.GetProperty("x").GetArrayLength());
        Assert.Equal(68, nodes);
        Assert.Contains("2 regions resected", Title(fig));
    }

    [Fact]
    public void Delta_fc_subtracts_by_label_on_a_symmetric_scale_centred_at_zero()
    {
        var (intact, edited) = ScenarioFixtures.Surgery();
        var fcI = ChartFixtures.Fc(intact.Labels.ToArray(), "intact FC");
        var fcE = ScenarioFixtures.EditedFc(fcI, edited.Labels);
        var (labels, _, delta) = SurgeryDiff.DeltaFc(fcI, fcE);
        Assert.Equal(66, labels.Length);
        Assert.DoesNotContain("rh-precentral", labels);
        // edited is the intact FC in reverse order plus 0.1 on the pair of regions 0 and 1: ΔFC is 0.1 there and 0 elsewhere
        for (int a = 0; a < 66; a++)
            for (int b = 0; b < 66; b++)
                Assert.Equal((a, b) is (0, 1) or (1, 0) ? 0.1 : 0, delta[a * 66 + b], 12);
        var heat = Traces(Fig(FwbmCharts.DeltaFc(fcI, fcE)))[0];
        Assert.Equal(0, heat.GetProperty("zmid").GetDouble());
        Assert.Equal(0.1, heat.GetProperty("zmax").GetDouble(), 12);
        Assert.Equal(-0.1, heat.GetProperty("zmin").GetDouble(), 12);
        Assert.Equal(66, heat.GetProperty("z").GetArrayLength());
        Assert.Contains("not in the edited FC: rh-precentral, lh-precentral", Title(Fig(FwbmCharts.DeltaFc(fcI, fcE))));
    }

    [Fact]
    public void The_measure_table_lists_before_after_and_the_change()
    {
        var rows = new FwbmCharts.MeasureChange[] { new("global efficiency", 0.5, 0.4), new("modularity Q", 0.3, 0.33), new("FC similarity", double.NaN, 0.2) };
        Assert.Equal(-0.2, rows[0].Relative, 12);
        Assert.Equal(0.1, rows[1].Relative, 12);
        Assert.True(double.IsNaN(rows[2].Relative));
        var table = Traces(Fig(FwbmCharts.MeasureChanges(rows)))[0];
        Assert.Equal("table", table.GetProperty("type").GetString());
        var cols = table.GetProperty("cells").GetProperty("values").EnumerateArray().Select(c => c.EnumerateArray().Select(v => v.GetString()!).ToArray()).ToArray();
        Assert.Equal(["global efficiency", "modularity Q", "FC similarity"], cols[0]);
        Assert.Equal(["0.5", "0.3", "—"], cols[1]);
        Assert.Equal(["-0.1", "+0.03", "—"], cols[3]);
        Assert.Equal(["-20.0 %", "+10.0 %", "—"], cols[4]);
    }

    [Fact]
    public void The_waveform_keeps_every_narrow_pulse_of_a_long_train()
    {
        // a 130 Hz train of 0.06 ms pulses over 2 s at dt 0.01 ms: 200 001 steps binned into 4 000 bins keep each pulse's full height
        var train = new PulseStimulus("x", [3, 5], 0, 0.06, 2.5, 1000 / 130.0);
        var labels = ChartFixtures.DkLabels();
        var fig = Fig(FwbmCharts.StimulusWaveform(train, labels, 0, 2000, 0.01));
        var lines = Traces(fig).Where(t => t.GetProperty("type").GetString() == "scatter").ToArray();
        Assert.Equal(2, lines.Length); // the two stimulated regions
        foreach (var line in lines)
        {
            var y = line.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.True(y.Length <= FwbmCharts.MaxWaveformPoints);
            Assert.Equal(2.5, y.Max());
            Assert.Equal(0, y.Min());
            // every pulse (260 in 2 s) has a bin at full height: runs of 2.5 separated by 0
            int rises = 0;
            for (int k = 1; k < y.Length; k++) if (y[k] == 2.5 && y[k - 1] == 0) rises++;
            Assert.InRange(rises, 259, 261);
        }
        var bars = Traces(fig).Single(t => t.GetProperty("type").GetString() == "bar");
        Assert.Equal([labels[3], labels[5]], bars.GetProperty("x").EnumerateArray().Select(v => v.GetString()!).Order());
    }

    [Fact]
    public void Evoked_rows_are_sorted_by_latency_with_the_silent_regions_last()
    {
        var (times, responses, latency) = ScenarioFixtures.Evoked();
        var labels = ChartFixtures.DkLabels();
        var fig = Fig(FwbmCharts.EvokedResponses(labels, times, responses, latency, stimulated: [0]));
        var heat = Traces(fig)[0];
        var rows = heat.GetProperty("y").EnumerateArray().Select(v => v.GetString()!).ToArray();
        var expected = Enumerable.Range(0, 68).OrderBy(r => double.IsNaN(latency[r]) ? double.PositiveInfinity : latency[r]).ThenBy(r => r)
            .Select(r => r == 0 ? labels[r] + " ★" : labels[r]).ToArray();
        Assert.Equal(expected, rows);
        Assert.Equal(0, heat.GetProperty("zmid").GetDouble());
        var onsets = Traces(fig)[1].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(68 - 68 / 5, onsets.Length);
        Assert.Equal(onsets.Order(), onsets);
        Assert.Contains("13 without a response", Title(fig));
    }

    [Fact]
    public void Spearman_matches_hand_computed_values()
    {
        Assert.Equal(1, RankCorrelation.Spearman([1, 2, 3, 4], [10, 20, 30, 1000]), 12);
        Assert.Equal(-1, RankCorrelation.Spearman([1, 2, 3, 4], [4, 3, 2, 1]), 12);
        // ranks x = 1,2,3,4,5; y = 2,1,4,3,5: Σd² = 4, ρ = 1 − 6·4/(5·24) = 0.8
        Assert.Equal(0.8, RankCorrelation.Spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]), 12);
        // ties share their average rank: y ranks 1.5,1.5,3,4 → Pearson of (1,2,3,4) with it = 0.9486833
        Assert.Equal(0.9486832980505138, RankCorrelation.Spearman([1, 2, 3, 4], [7, 7, 8, 9]), 12);
        Assert.Equal(1, RankCorrelation.Spearman([1, double.NaN, 3, 4, 5], [1, 0, 3, 4, 5]), 12); // a NaN pair left out
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1, 2], [1, 2])));
    }

    [Fact]
    public void Latency_vs_distance_names_each_series_with_its_rank_correlation()
    {
        var labels = Enumerable.Range(0, 6).Select(i => $"r{i}").ToArray();
        var dist = new double[] { 10, 20, 30, 40, 50, 60 };
        var with = new FwbmCharts.LatencySeries("with delays", labels, dist, [2, 4, 5, 9, double.NaN, 12]);
        var without = new FwbmCharts.LatencySeries("without delays", labels, dist, [1, 1, 1, 1, 1, 1]);
        var fig = Fig(FwbmCharts.LatencyVsDistance([with, without]));
        Assert.Contains("with delays: Spearman ρ = 1.00 (5 of 6 regions responded)", Title(fig));
        Assert.Contains("without delays: ρ undefined (6 of 6 regions responded)", Title(fig));
        Assert.Equal(5, Traces(fig)[0].GetProperty("x").GetArrayLength());
    }

    [Fact]
    public void The_entrainment_map_rings_the_stimulated_regions()
    {
        var c = ChartFixtures.Dk68();
        var plv = Enumerable.Range(0, 68).Select(r => r == 10 ? 0.9 : 0.1 + r / 1000.0).ToArray();
        var fig = Fig(FwbmCharts.EntrainmentMap(c, plv, 10, stimulated: [10]));
        Assert.Equal(68, Traces(fig)[0].GetProperty("x").GetArrayLength());
        Assert.Equal(["rh-lateralorbitofrontal"], Named(fig, "stimulated").GetProperty("text").EnumerateArray().Select(v => v.GetString()!));
        Assert.Contains("at 10 Hz", Title(fig));
        Assert.Contains("highest in rh-lateralorbitofrontal", Title(fig));
        Assert.Throws<Core.FwbmException>(() => FwbmCharts.EntrainmentMap(c, plv.Take(5).ToArray(), 10));
    }
}
