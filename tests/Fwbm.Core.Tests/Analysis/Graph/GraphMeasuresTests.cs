using Fwbm.Core.Analysis.Graph;
using Fwbm.Core.Connectivity;
using Xunit;
using static Fwbm.Core.Tests.Analysis.Graph.GraphFixtures;

namespace Fwbm.Core.Tests.Analysis.Graph;

public class GraphMeasuresTests
{
    private const double Tol = 1e-12;

    private static GraphMeasures Of(double[] w, int seed = 1, GraphOptions? options = null)
    {
        int n = (int)Math.Round(Math.Sqrt(w.Length));
        return GraphMeasures.Compute(w, n, Enumerable.Range(0, n).Select(i => $"N{i}").ToArray(), seed, options);
    }

    [Fact]
    public void Unit_triangle()
    {
        // every distance is 1: E = 1, L = 1; each node's two neighbours are linked: C = Σ_jk (1·1·1)^{1/3} / (2·1) = 2/2 = 1;
        // one community holds everything: Q = (6 − 6²/6)/6 = 0 (singletons would give −1/3); P = 0
        var g = Of(Undirected(3, (0, 1, 1), (0, 2, 1), (1, 2, 1)));
        Assert.Equal(1, g.GlobalEfficiency, Tol);
        Assert.Equal(1, g.CharacteristicPathLength, Tol);
        Assert.Equal(0, g.UnreachablePairs);
        Assert.All(g.Clustering, c => Assert.Equal(1, c, Tol));
        Assert.Equal([2.0, 2, 2], g.InStrength);
        Assert.Equal([4.0, 4, 4], g.Strength);
        Assert.Equal([2, 2, 2], g.Degree);
        Assert.Equal(3, g.Edges);
        Assert.Equal(0, g.Modularity, Tol);
        Assert.Equal([0, 0, 0], g.Communities);
        Assert.All(g.Participation, p => Assert.Equal(0, p, Tol));
    }

    [Fact]
    public void Weighted_triangle()
    {
        // w01 = 1, w02 = 0.5, w12 = 0.25 (max 1): lengths 1, 2, 4 → d01 = 1, d02 = 2, d12 = min(4, 1 + 2) = 3
        // E = (2/6)(1 + 1/2 + 1/3) = 11/18; L = (1 + 2 + 3)/3 = 2
        // Onnela: (1 · 0.5 · 0.25)^{1/3} = 0.5 for the one triangle, counted twice (j,k and k,j): C_i = 2·0.5 / (2·1) = 0.5
        var w = Undirected(3, (0, 1, 1), (0, 2, 0.5), (1, 2, 0.25));
        var g = Of(w);
        Assert.Equal(11.0 / 18, g.GlobalEfficiency, Tol);
        Assert.Equal(2, g.CharacteristicPathLength, Tol);
        Assert.All(g.Clustering, c => Assert.Equal(0.5, c, Tol));
        Assert.Equal(0.5, g.MeanClustering, Tol);
        Assert.Equal([1.5, 1.25, 0.75], g.InStrength);
        // measures on weights scaled by the max: multiplying every weight by 10 changes nothing
        var g10 = Of(w.Select(x => 10 * x).ToArray());
        Assert.Equal(g.GlobalEfficiency, g10.GlobalEfficiency, Tol);
        Assert.Equal(g.Clustering, g10.Clustering);
        // an explicit scale of 2: weights halved, lengths doubled → E halves (11/36), L doubles (4), C = (0.125/8)^{1/3} = 0.25
        var g2 = Of(w, options: new GraphOptions { WeightScale = 2 });
        Assert.Equal(11.0 / 36, g2.GlobalEfficiency, Tol);
        Assert.Equal(4, g2.CharacteristicPathLength, Tol);
        Assert.All(g2.Clustering, c => Assert.Equal(0.25, c, Tol));
        Assert.Equal(2, g2.WeightScale);
    }

    [Fact]
    public void Star()
    {
        // centre 0, leaves 1…4, unit weights: 8 ordered centre–leaf pairs at d = 1 and 12 leaf–leaf pairs at d = 2
        // E = (8·1 + 12·½)/20 = 0.7; L = (8·1 + 12·2)/20 = 1.6; no triangles: C = 0
        var w = Undirected(5, (0, 1, 1), (0, 2, 1), (0, 3, 1), (0, 4, 1));
        var g = Of(w);
        Assert.Equal(0.7, g.GlobalEfficiency, Tol);
        Assert.Equal(1.6, g.CharacteristicPathLength, Tol);
        Assert.All(g.Clustering, c => Assert.Equal(0, c));
        Assert.Equal(4, g.InStrength[0]);
        Assert.Equal(4, g.Degree[0]);
        // participation for communities {0,1,2}, {3,4}: centre k = 4 with 2 into each → P = 1 − (½)² − (½)² = ½; a leaf has one
        // neighbour: P = 1 − 1² = 0
        Assert.Equal([0.5, 0, 0, 0, 0], Participation.Compute(w, 5, [0, 0, 0, 1, 1]));
        // with every region in its own community the centre spreads over 4: P = 1 − 4·(¼)² = ¾
        Assert.Equal(0.75, Participation.Compute(w, 5, [0, 1, 2, 3, 4])[0], Tol);
    }

    [Fact]
    public void Path_of_four()
    {
        // 0–1–2–3: unordered distances 1, 2, 3, 1, 2, 1 → E = 2(1 + ½ + ⅓ + 1 + ½ + 1)/12 = 13/18, L = 10/6 = 5/3
        var g = Of(Undirected(4, (0, 1, 1), (1, 2, 1), (2, 3, 1)));
        Assert.Equal(13.0 / 18, g.GlobalEfficiency, Tol);
        Assert.Equal(5.0 / 3, g.CharacteristicPathLength, Tol);
        Assert.All(g.Clustering, c => Assert.Equal(0, c));
    }

    [Fact]
    public void Two_cliques_joined_by_one_edge()
    {
        // K4 {0,1,2,3} and K4 {4,5,6,7}, bridge 3–4, unit weights: m = 13 edges, 2m = 26
        // distances: 13 unordered pairs at 1 (12 in the cliques + the bridge), 6 at 2 ({0,1,2}–4 and 3–{5,6,7}), 9 at 3
        //   E = (13 + 6/2 + 9/3)/28 = 19/28; L = (13 + 12 + 27)/28 = 13/7
        // clustering: 0, 1, 2 have 3 mutually linked neighbours → C = 1; 3 has neighbours {0,1,2,4} (k = 4) with the 3 links among
        //   {0,1,2} → C = 2·3 / (4·3) = ½ (same for 4)
        // the two cliques: internal weight 2·6 per clique (matrix sum), strengths 13 each → Q = (24 − (13² + 13²)/26)/26 = 11/26
        // participation: 3 has k = 4 with 3 into its clique and 1 across → P = 1 − (¾)² − (¼)² = 3/8; the others 0
        var w = TwoCliques();
        foreach (int seed in new[] { 1, 2, 3, 17, 2024 })
        {
            var g = Of(w, seed);
            Assert.Equal(19.0 / 28, g.GlobalEfficiency, Tol);
            Assert.Equal(13.0 / 7, g.CharacteristicPathLength, Tol);
            Assert.Equal([1.0, 1, 1, 0.5, 0.5, 1, 1, 1], g.Clustering.Select(c => Math.Round(c, 12)));
            Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1], g.Communities);
            Assert.Equal(2, g.CommunityCount);
            Assert.Equal(11.0 / 26, g.Modularity, Tol);
            for (int i = 0; i < 8; i++) Assert.Equal(i is 3 or 4 ? 3.0 / 8 : 0, g.Participation[i], Tol);
            Assert.Equal(seed, g.Seed);
        }
        Assert.Equal(11.0 / 26, Louvain.Modularity(w, 8, [0, 0, 0, 0, 1, 1, 1, 1]), Tol);
        // all in one community: Q = (26 − 26²/26)/26 = 0
        Assert.Equal(0, Louvain.Modularity(w, 8, new int[8]), Tol);
    }

    [Fact]
    public void A_disconnected_graph_counts_its_unreachable_pairs_and_efficiency_adds_nothing_for_them()
    {
        // pairs 0–1 and 2–3: 4 ordered pairs at d = 1, 8 unreachable → E = 4/12 = ⅓, L = 1 over the finite ones
        var g = Of(Undirected(4, (0, 1, 1), (2, 3, 1)));
        Assert.Equal(1.0 / 3, g.GlobalEfficiency, Tol);
        Assert.Equal(1, g.CharacteristicPathLength, Tol);
        Assert.Equal(8, g.UnreachablePairs);
        // each pair its own community: internal weight 2 + 2 (matrix sums), strengths 2 each, 2m = 4 → Q = (4 − (2² + 2²)/4)/4 = ½
        Assert.Equal(0.5, g.Modularity, Tol);
        Assert.Equal([0, 0, 1, 1], g.Communities);
    }

    [Fact]
    public void A_directed_connectome_has_in_and_out_strengths_and_is_made_undirected_for_clustering()
    {
        // W[1,0] = 2 (0 → 1), W[0,1] = 0: in-strength of 1 is 2, out-strength of 0 is 2, total 2 each
        var w = new double[9];
        w[1 * 3 + 0] = 2; w[2 * 3 + 1] = 1; w[0 * 3 + 2] = 1; // a directed cycle 0 → 1 → 2 → 0
        var g = Of(w);
        Assert.Equal([1.0, 2, 1], g.InStrength);
        Assert.Equal([2.0, 1, 1], g.OutStrength);
        Assert.Equal([3.0, 3, 2], g.Strength);
        // directed lengths with scale 2 (the max): 0 → 1 is 1/(2/2) = 1, 1 → 2 and 2 → 0 are 1/(1/2) = 2
        // distances (from → to): 0→1 1, 0→2 3, 1→2 2, 1→0 4, 2→0 2, 2→1 3 → E = (1 + ⅓ + ½ + ¼ + ½ + ⅓)/6 = 35/72, L = 15/6 = 2.5
        Assert.Equal(35.0 / 72, g.GlobalEfficiency, Tol);
        Assert.Equal(2.5, g.CharacteristicPathLength, Tol);
        // undirected (W + Wᵀ)/2 = 1, ½, ½ over the scale 2 (the max of W) → ŵ = ½, ¼, ¼: C = (½·¼·¼)^{1/3} = 2^{−5/3} for every node
        Assert.All(g.Clustering, c => Assert.Equal(Math.Pow(2, -5.0 / 3), c, Tol));
    }

    [Fact]
    public void Louvain_is_reproducible_for_a_seed_and_its_Q_is_that_of_its_partition()
    {
        var c = TestConnectomes.Random(60, seed: 5, density: 0.2).Symmetrize();
        var w = c.Weights.ToArray();
        var a = Louvain.Compute(w, c.Count, seed: 11);
        var b = Louvain.Compute(w, c.Count, seed: 11);
        Assert.Equal(a.Communities, b.Communities);
        Assert.Equal(a.Q, b.Q);
        Assert.Equal(Louvain.Modularity(w, c.Count, a.Communities), a.Q, Tol);
        Assert.Equal(a.Count, a.Communities.Distinct().Count());
        Assert.Equal(0, a.Communities[0]); // numbered in the order of their first region
        // a partition Louvain found is better than no partition (Q = 0) and than singletons
        Assert.True(a.Q > 0, $"Q = {a.Q}");
        Assert.True(a.Q > Louvain.Modularity(w, c.Count, Enumerable.Range(0, c.Count).ToArray()));
        // no single node can move to another community and raise Q (a local optimum of phase 1)
        var best = a.Communities.ToArray();
        for (int i = 0; i < c.Count; i++)
            for (int k = 0; k < a.Count; k++)
            {
                if (k == best[i]) continue;
                var moved = best.ToArray(); moved[i] = k;
                Assert.True(Louvain.Modularity(w, c.Count, moved) <= a.Q + 1e-12, $"moving {i} to {k} raises Q");
            }
    }

    [Fact]
    public void Louvain_recovers_the_two_modules_of_a_modular_connectome_for_every_seed()
    {
        var c = TestConnectomes.Modular(40, seed: 3);
        foreach (int seed in new[] { 0, 1, 42 })
        {
            var g = GraphMeasures.Compute(c, seed);
            Assert.Equal(Enumerable.Range(0, 40).Select(i => i < 20 ? 0 : 1), g.Communities);
        }
    }

    [Fact]
    public void Graph_measures_of_a_connectome_keep_its_labels_and_refuse_negative_weights()
    {
        var c = new Connectome(Undirected(3, (0, 1, 1), (0, 2, 1), (1, 2, 1)), ["a", "b", "c"]);
        Assert.Equal(["a", "b", "c"], GraphMeasures.Compute(c, 1).Labels);
        var signed = new Connectome(Undirected(3, (0, 1, 1), (0, 2, -1)), ["a", "b", "c"], allowNegativeWeights: true);
        Assert.Contains("negative weights", Assert.Throws<FwbmException>(() => GraphMeasures.Compute(signed, 1)).Message);
        Assert.Contains("resolution γ = 0", Assert.Throws<FwbmException>(() => Louvain.Compute(c.Weights, 3, 1, 0)).Message);
        Assert.Contains("3 community labels for 2", Assert.Throws<FwbmException>(() => Participation.Compute(new double[4], 2, [0, 0, 1])).Message);
    }
}
