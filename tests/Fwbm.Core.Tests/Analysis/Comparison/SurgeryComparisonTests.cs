using System.Text.Json;
using Fwbm.Core.Analysis;
using Fwbm.Core.Analysis.Comparison;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Analysis.Comparison;

public class SurgeryComparisonTests
{
    private static readonly ModelHandle Hopf = ModelRegistry.Get("hopf");

    // Hopf near its bifurcation at 0.05 Hz, BOLD = x averaged over each 720 ms TR (direct), 5 min after a 20 s transient
    private static SimulationOptions Options => new()
    {
        DurationMs = 300_000, TransientMs = 20_000,
        Monitors = [new BoldMonitorSpec(720) { Hemodynamics = BoldHemodynamics.Direct }],
    };

    private static Func<Connectome, ParameterSet> Parameters(double coupling) => c => ParameterSet.Defaults(Hopf.Spec, coupling);

    private static Connectome Network() => TestConnectomes.Modular(12, seed: 4).Normalize(WeightNormalization.Max);

    [Fact]
    public void An_edit_that_changes_nothing_changes_nothing()
    {
        var c = Network();
        var same = c.Select(Enumerable.Range(0, c.Count).ToArray());
        var cmp = BeforeAfter.Compare(Hopf, c, same, Options, Parameters(0.5), seed: 7);
        Assert.All(cmp.DeltaFc, d => Assert.Equal(0, d));
        Assert.Equal(1, cmp.FcSimilarityToIntact, 12);
        Assert.All(cmp.Measures, m => Assert.Equal(0, m.Change));
        Assert.All(cmp.Regions, r => Assert.All(r.Change, d => Assert.Equal(0, d)));
        Assert.Empty(cmp.Match.Removed);
    }

    [Fact]
    public void Regions_both_keep_get_the_same_noise_so_an_uncoupled_resection_leaves_their_FC_unchanged()
    {
        // coupling 0: each region is driven by its own noise only; the edited run keys the noise by label, so every kept region's
        // signal is bit-identical to the intact run's and ΔFC is exactly 0 (indices shift after the resection: a key by index would not)
        var c = Network();
        var keep = new[] { 2, 3, 5, 7, 8, 9, 11 };
        var edited = c.Select(keep);
        var (a, b) = BeforeAfter.Run(Hopf, c, edited, Options, Parameters(0), seed: 3);
        for (int k = 0; k < keep.Length; k++) Assert.Equal(a.Bold.Region(keep[k]), b.Bold.Region(k));
        var cmp = SurgeryComparison.Compute(c, a, edited, b);
        Assert.All(cmp.DeltaFc, d => Assert.Equal(0, d));
        Assert.Equal(["R0", "R1", "R4", "R6", "R10"], cmp.Match.Removed);
        Assert.Equal(keep.Select(i => $"R{i}"), cmp.Match.Shared);
    }

    [Fact]
    public void A_coupled_resection_changes_FC_and_the_measures_are_those_of_each_run()
    {
        var c = Network();
        var keep = new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 }; // drop R9, R10, R11 of the second module
        var edited = c.Select(keep);
        var (a, b) = BeforeAfter.Run(Hopf, c, edited, Options, Parameters(0.5), seed: 3);
        var cmp = SurgeryComparison.Compute(c, a, edited, b, edits: ["resect R9,R10,R11"]);
        int m = keep.Length;
        var fcA = a.BoldFc(); var fcB = b.BoldFc();
        Assert.Equal(fcA, cmp.FcIntact);
        Assert.Equal(fcB, cmp.FcEdited);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                Assert.Equal(fcB[i * m + j] - fcA[keep[i] * c.Count + keep[j]], cmp.DeltaFc[i * m + j]);
        Assert.True(cmp.MeanAbsDeltaFc > 0);
        Assert.Equal(FcSimilarity.Compute(fcB, cmp.Match.Block(fcA, edited: false), m), cmp.FcSimilarityToIntact);
        Assert.True(cmp.FcSimilarityToIntact < 1);
        // the graph measures: each connectome's own, on the intact weight scale (the max, 1 after normalising)
        Assert.Equal(1, cmp.GraphIntact.WeightScale);
        Assert.Equal(1, cmp.GraphEdited.WeightScale);
        Assert.Equal(Fwbm.Core.Analysis.Graph.GraphMeasures.Compute(edited, 0, new() { WeightScale = 1 }).GlobalEfficiency, cmp.Measure("global_efficiency").Edited);
        Assert.Equal(12, cmp.Measure("regions").Intact); Assert.Equal(9, cmp.Measure("regions").Edited);
        // per-region FC strength = mean |FC| with the other shared regions
        var sI = cmp.Region("fc_strength").Intact;
        double expected0 = Enumerable.Range(1, m - 1).Average(j => Math.Abs(fcA[0 * c.Count + keep[j]]));
        Assert.Equal(expected0, sI[0], 12);
        // synchrony and metastability of the Hilbert phases of the shared regions
        var phases = HilbertPhase.Compute(cmp.Match.Pick(b.Bold, edited: true));
        Assert.Equal(Synchrony.Compute(phases).Metastability, cmp.Measure("metastability").Edited, 12);
        Assert.Equal(["resect R9,R10,R11"], cmp.Edits);
        Assert.Contains("did you mean 'modularity'", Assert.Throws<FwbmException>(() => cmp.Measure("modularty")).Message);
    }

    [Fact]
    public void The_edits_of_a_surgery_are_listed_and_its_removed_regions_matched_by_label()
    {
        var c = Network();
        var edited = c.Edit(Fwbm.Core.Connectivity.Surgery.ConnectomeEdit.Parse("resect R0,R5")).Edit(Fwbm.Core.Connectivity.Surgery.ConnectomeEdit.Parse("silence R7"));
        var cmp = BeforeAfter.Compare(Hopf, c, edited, Options with { DurationMs = 60_000 }, Parameters(0.5), seed: 2);
        Assert.Equal(["resect R0,R5", "silence R7"], cmp.Edits);
        Assert.Equal(["R0", "R5"], cmp.Match.Removed);
        Assert.Equal(10, cmp.Match.Shared.Count);
        // silencing R7 leaves it without connections: its strength after is 0 and its degree drops to 0
        int r7 = cmp.Match.Shared.ToList().IndexOf("R7");
        Assert.Equal(0, cmp.Region("sc_in_strength").Edited[r7]);
        Assert.Equal(0, cmp.Region("degree").Edited[r7]);
        Assert.True(cmp.Region("degree").Intact[r7] > 0);
    }

    [Fact]
    public void Different_seeds_and_too_few_shared_regions_are_errors()
    {
        var c = Network();
        var sim = new Simulator(Hopf, c, Options with { DurationMs = 30_000, TransientMs = 0 });
        var a = sim.Run(ParameterSet.Defaults(Hopf.Spec, 0.5), 1);
        var b = sim.Run(ParameterSet.Defaults(Hopf.Spec, 0.5), 2);
        Assert.Contains("needs the same seed", Assert.Throws<FwbmException>(() => SurgeryComparison.Compute(c, a, c, b)).Message);
        var two = c.Select([0, 1]);
        var two2 = new Simulator(Hopf, two, Options with { DurationMs = 30_000, TransientMs = 0 }).Run(ParameterSet.Defaults(Hopf.Spec, 0.5), 1);
        Assert.Contains("they share 2 region label(s); expected at least 3", Assert.Throws<FwbmException>(() => SurgeryComparison.Compute(c, a, two, two2)).Message);
        Assert.Contains("pass each run with its own connectome", Assert.Throws<FwbmException>(() => SurgeryComparison.Compute(c, a, c.Select([0, 1, 2]), a)).Message);
    }

    [Fact]
    public void The_writer_writes_labelled_matrices_regions_graph_and_json()
    {
        var c = Network();
        var edited = c.Select([0, 1, 2, 3, 4, 5, 6, 7]);
        var cmp = BeforeAfter.Compare(Hopf, c, edited, Options with { DurationMs = 60_000 }, Parameters(0.5), seed: 5, edits: ["resect R8,R9,R10,R11"]);
        using var dir = new TempDir();
        ComparisonWriter.WriteTo(cmp, dir.Path);
        Assert.Equal(ComparisonWriter.Files.Order(), Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
        var delta = File.ReadAllLines(Path.Combine(dir.Path, "delta_fc.csv"));
        Assert.Equal("region,R0,R1,R2,R3,R4,R5,R6,R7", delta[0]);
        Assert.Equal(9, delta.Length);
        Assert.StartsWith("R3,", delta[4]);
        Assert.Equal(13, File.ReadAllLines(Path.Combine(dir.Path, "fc_intact.csv")).Length);
        var regions = File.ReadAllLines(Path.Combine(dir.Path, "regions.csv"));
        Assert.StartsWith("region,fc_strength_intact,fc_strength_edited,fc_strength_change,", regions[0]);
        Assert.Equal(9, regions.Length);
        var graph = File.ReadAllLines(Path.Combine(dir.Path, "graph.csv"));
        Assert.Contains(graph, l => l.StartsWith("global_efficiency,", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "comparison.json")));
        var root = json.RootElement;
        Assert.Equal(5UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal("resect R8,R9,R10,R11", root.GetProperty("edits")[0].GetString());
        Assert.Equal(4, root.GetProperty("regions").GetProperty("removed").GetArrayLength());
        Assert.Equal(cmp.FcSimilarityToIntact, root.GetProperty("fc").GetProperty("similarity_to_intact").GetDouble());
        Assert.Equal(cmp.Measure("modularity").Edited, root.GetProperty("measures").GetProperty("modularity").GetProperty("edited").GetDouble());
        Assert.Equal(8, root.GetProperty("per_region").GetProperty("labels").GetArrayLength());
        Assert.Equal(8, root.GetProperty("per_region").GetProperty("participation").GetProperty("change").GetArrayLength());
    }
}
