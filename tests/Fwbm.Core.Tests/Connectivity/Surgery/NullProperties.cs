using FsCheck.Xunit;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Connectivity.Surgery;
using Xunit;

namespace Fwbm.Core.Tests.Connectivity.Surgery;

/// <summary>
/// Null connectomes: rewired nulls keep every node's in- and out-degree exactly (issue 12) and the multiset of weights, symmetric ones
/// stay symmetric; the spatial null also keeps the length–weight ranking; same seed → same null.
/// </summary>
public class NullProperties
{
    private static Connectome Graph(int seed, bool symmetric)
    {
        var r = new Random(seed);
        int n = 6 + r.Next(20);
        var c = TestConnectomes.Random(n, seed, density: 0.1 + 0.5 * r.NextDouble());
        return symmetric ? c.Symmetrize() : c;
    }

    private static int[] InDegree(Connectome c) => Enumerable.Range(0, c.Count).Select(i => Enumerable.Range(0, c.Count).Count(j => j != i && c.Weight(i, j) != 0)).ToArray();
    private static int[] OutDegree(Connectome c) => Enumerable.Range(0, c.Count).Select(j => Enumerable.Range(0, c.Count).Count(i => i != j && c.Weight(i, j) != 0)).ToArray();
    private static double[] SortedWeights(Connectome c) => c.Weights.ToArray().Where(v => v != 0).Order().ToArray();
    private static bool Symmetric(Connectome c) => Enumerable.Range(0, c.Count).All(i => Enumerable.Range(0, c.Count).All(j => c.Weight(i, j) == c.Weight(j, i)));

    [Property(MaxTest = 60)]
    public bool Rewired_null_keeps_every_degree_the_weights_and_symmetry(int seed, bool symmetric)
    {
        var c = Graph(seed, symmetric);
        var r = new RewiredNull(5, (ulong)(uint)seed).Apply(c);
        return InDegree(r).SequenceEqual(InDegree(c)) && OutDegree(r).SequenceEqual(OutDegree(c))
            && SortedWeights(r).SequenceEqual(SortedWeights(c)) && (!symmetric || Symmetric(r))
            && Enumerable.Range(0, c.Count).All(i => r.Weight(i, i) == c.Weight(i, i));
    }

    [Property(MaxTest = 60)]
    public bool Spatial_null_keeps_every_degree_the_weights_symmetry_and_the_length_ranking_of_the_weights(int seed, bool symmetric)
    {
        var c = Graph(seed, symmetric);
        var r = new SpatialNull(5, (ulong)(uint)seed).Apply(c);
        // the weights listed by increasing tract length, cut into the null's equal-count bins: each bin keeps its multiset of weights
        // (lengths are continuous: no ties)
        double[][] ByLength(Connectome x)
        {
            var len = x.LengthsOrDistances();
            int n = x.Count;
            var w = Enumerable.Range(0, n * n).Where(k => k / n != k % n && x.Weights[k] != 0 && (!symmetric || k / n > k % n))
                .OrderBy(k => len[k]).Select(k => x.Weights[k]).ToArray();
            return Enumerable.Range(0, SpatialNull.Bins).Select(b => w[(b * w.Length / SpatialNull.Bins)..((b + 1) * w.Length / SpatialNull.Bins)].Order().ToArray()).ToArray();
        }
        bool SameBins(double[][] a, double[][] b) => a.Zip(b).All(p => p.First.SequenceEqual(p.Second));
        return InDegree(r).SequenceEqual(InDegree(c)) && OutDegree(r).SequenceEqual(OutDegree(c))
            && SortedWeights(r).SequenceEqual(SortedWeights(c)) && (!symmetric || Symmetric(r))
            && SameBins(ByLength(r), ByLength(c));
    }

    [Fact]
    public void Same_seed_gives_the_same_null_and_another_seed_another()
    {
        var c = TestConnectomes.Random(30, 5, density: 0.2).Symmetrize();
        foreach (Func<ulong, ConnectomeEdit> make in new Func<ulong, ConnectomeEdit>[] { s => new RewiredNull(10, s), s => new SpatialNull(10, s) })
        {
            var a = make(1).Apply(c).Weights.ToArray();
            Assert.Equal(a, make(1).Apply(c).Weights.ToArray());
            Assert.NotEqual(a, make(2).Apply(c).Weights.ToArray());
        }
    }

    [Fact]
    public void A_complete_graph_cannot_be_rewired_and_the_spatial_null_then_ranks_the_weights_by_length()
    {
        var c = TestConnectomes.Random(8, 2, density: 1.0).Symmetrize();
        var e = Assert.Throws<FwbmException>(() => new RewiredNull().Apply(c));
        Assert.StartsWith("--null 'rewire:10:seed=0': every pair of regions is connected", e.Message);
        // the spatial null cannot move an edge, but shuffles the weights within each of the 10 length bins of 2–3 of the 28 pairs
        var s = new SpatialNull(10, 1).Apply(c);
        Assert.NotEqual(c.Weights.ToArray(), s.Weights.ToArray());
        var len = c.TractLengths.ToArray();
        int[] pairs = Enumerable.Range(0, 64).Where(k => k / 8 > k % 8).OrderBy(k => len[k]).ToArray();
        for (int b = 0; b < SpatialNull.Bins; b++)
        {
            var bin = pairs[(b * 28 / 10)..((b + 1) * 28 / 10)];
            Assert.Equal(bin.Select(k => c.Weights[k]).Order(), bin.Select(k => s.Weights[k]).Order());
        }
    }

    [Fact]
    public void Ten_swaps_per_edge_move_most_edges_of_a_sparse_graph()
    {
        var c = TestConnectomes.Random(40, 9, density: 0.1);
        var r = new RewiredNull(10, 3).Apply(c);
        int n = c.Count, kept = 0, edges = 0;
        for (int k = 0; k < n * n; k++) if (c.Weights[k] != 0) { edges++; if (r.Weights[k] != 0) kept++; }
        // a random directed graph of density 0.1 keeps about 10 % of its edges in place; require fewer than a third
        Assert.True(kept < edges / 3, $"{kept} of {edges} edges stayed in place");
    }

    [Fact]
    public void A_new_edge_without_a_tract_gets_the_centre_distance_as_its_length()
    {
        // a – b and c – d (lengths 0 elsewhere) rewire to a – d and c – b (or a – c, b – d) whose lengths are the centre distances
        var w = new double[16];
        void Link(double[] m, int i, int j, double v) { m[i * 4 + j] = v; m[j * 4 + i] = v; }
        Link(w, 0, 1, 1); Link(w, 2, 3, 2);
        var len = new double[16];
        Link(len, 0, 1, 50); Link(len, 2, 3, 60);
        Point3[] centres = [new(0, 0, 0), new(10, 0, 0), new(0, 30, 0), new(40, 0, 0)];
        var c = new Connectome(w, ["a", "b", "c", "d"], len, centres);
        var r = new RewiredNull(20, 0).Apply(c);
        Assert.Equal(0, r.Weight(1, 0)); // this seed ends with a – b rewired (so new edges are checked below)
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                if (i != j && r.Weight(i, j) != 0)
                    Assert.Equal(c.Weight(i, j) != 0 ? len[i * 4 + j] : centres[i].DistanceTo(centres[j]), r.TractLengths[i * 4 + j], 12);
    }
}
