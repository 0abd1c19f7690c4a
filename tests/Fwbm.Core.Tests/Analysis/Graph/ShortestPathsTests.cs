using Fwbm.Core.Analysis.Graph;
using Xunit;
using static Fwbm.Core.Tests.Analysis.Graph.GraphFixtures;

namespace Fwbm.Core.Tests.Analysis.Graph;

public class ShortestPathsTests
{
    private const double Tol = 1e-12;

    [Fact]
    public void A_directed_chain_is_walked_from_column_to_row()
    {
        // W[i, j] is the connection from j to i: W[1,0] = 1 is 0 → 1, W[2,1] = 1 is 1 → 2
        const int n = 3;
        var w = new double[n * n];
        w[1 * n + 0] = 1; w[2 * n + 1] = 1;
        var len = new double[n * n];
        len[1 * n + 0] = 2.5; len[2 * n + 1] = 4;
        Assert.Equal([0, 2.5, 6.5], ShortestPaths.FromSource(len, w, n, 0));
        var back = ShortestPaths.FromSource(len, w, n, 2);
        Assert.True(double.IsPositiveInfinity(back[0]) && double.IsPositiveInfinity(back[1]));
        Assert.Equal(0, back[2]);
        var all = ShortestPaths.AllPairs(len, w, n);
        Assert.Equal(6.5, all[2 * n + 0]); // from 0 to 2 is entry [2, 0]
        Assert.True(double.IsPositiveInfinity(all[0 * n + 2]));
    }

    [Fact]
    public void A_detour_shorter_than_the_direct_edge_is_taken_and_a_zero_weight_is_no_edge()
    {
        // weighted triangle w01 = 1, w02 = 0.5, w12 = 0.25 → lengths 1/w = 1, 2, 4; d12 = min(4, 1 + 2) = 3
        var w = Undirected(3, (0, 1, 1), (0, 2, 0.5), (1, 2, 0.25));
        var d = ShortestPaths.AllPairsFromWeights(w, 3);
        Assert.Equal(1, d[0 * 3 + 1], Tol); Assert.Equal(2, d[0 * 3 + 2], Tol); Assert.Equal(3, d[1 * 3 + 2], Tol); Assert.Equal(3, d[2 * 3 + 1], Tol);
        // a length given where the weight is 0 is ignored
        var len = new double[9]; Array.Fill(len, 1.0);
        var none = ShortestPaths.FromSource(len, new double[9], 3, 1);
        Assert.Equal(0, none[1]);
        Assert.True(double.IsPositiveInfinity(none[0]) && double.IsPositiveInfinity(none[2]));
    }

    [Fact]
    public void Negative_log_lengths_make_the_strongest_edge_free()
    {
        // −log(w / max): lengths 0, ln 2, 2 ln 2 for w = 1, 0.5, 0.25; d12 = min(2 ln 2, 0 + ln 2) = ln 2
        var w = Undirected(3, (0, 1, 1), (0, 2, 0.5), (1, 2, 0.25));
        var d = ShortestPaths.AllPairsFromWeights(w, 3, LengthConversion.NegativeLog);
        Assert.Equal(0, d[0 * 3 + 1], Tol);
        Assert.Equal(Math.Log(2), d[0 * 3 + 2], Tol);
        Assert.Equal(Math.Log(2), d[1 * 3 + 2], Tol);
        // the scale does not change −log(w / max); it divides the 1/w lengths' weights
        Assert.Equal(d, ShortestPaths.AllPairsFromWeights(w, 3, LengthConversion.NegativeLog, scale: 7));
        Assert.Equal(2 * 3, ShortestPaths.AllPairsFromWeights(w, 3, LengthConversion.Inverse, scale: 2)[1 * 3 + 2], Tol);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void QuikGraph_Dijkstra_matches_Floyd_Warshall_on_random_directed_graphs(int seed)
    {
        var c = TestConnectomes.Random(30, seed, density: 0.15);
        var w = c.Weights.ToArray();
        var len = c.TractLengths.ToArray();
        var expected = FloydWarshall(len, w, c.Count);
        var all = ShortestPaths.AllPairs(len, w, c.Count);
        for (int k = 0; k < all.Length; k++)
            if (double.IsPositiveInfinity(expected[k])) Assert.True(double.IsPositiveInfinity(all[k]), $"entry {k}");
            else Assert.Equal(expected[k], all[k], Tol);
        for (int s = 0; s < c.Count; s += 7)
        {
            var row = ShortestPaths.FromSource(len, w, c.Count, s);
            for (int t = 0; t < c.Count; t++) Assert.Equal(all[t * c.Count + s], row[t]);
        }
    }

    [Fact]
    public void Bad_input_names_what_is_wrong()
    {
        var w = Undirected(3, (0, 1, 1));
        var len = new double[9];
        len[0 * 3 + 1] = -1;
        Assert.Contains("lengths[0,1] = -1", Assert.Throws<FwbmException>(() => ShortestPaths.FromSource(len, w, 3, 0)).Message);
        Assert.Contains("source region 5", Assert.Throws<FwbmException>(() => ShortestPaths.FromSource(new double[9], w, 3, 5)).Message);
        Assert.Contains("expected an 3×3 matrix", Assert.Throws<FwbmException>(() => ShortestPaths.AllPairs(new double[8], w, 3)).Message);
        Assert.Contains("scale = 0", Assert.Throws<FwbmException>(() => WeightsToLengths.Convert(w, 3, scale: 0)).Message);
    }
}
