using Fwbm.Core.Data;
using Xunit;

namespace Fwbm.Core.Tests.Data;

/// <summary>Catalog "centresFrom": centres (then Euclidean lengths) for datasets without them, only where the regions provably match.</summary>
public class CentresFromTests
{
    private static ConnectomeOptions O => new() { Store = TestData.Shared };

    [Fact]
    public void Hansen_dk68_takes_the_tvb68_centres_in_the_same_order()
    {
        var tvb = Datasets.LoadConnectome("tvb-68", O);
        var h = Datasets.LoadConnectome("hansen-dk68", O);
        Assert.Equal(tvb.Labels, h.Labels); // the region orders really match, label by label
        Assert.Equal(tvb.Centres, h.Centres);
        Assert.True(h.HasTractLengths);
        Assert.Contains(h.Source!.Notes, n => n.Contains("region centres from tvb-68 (same labels in the same order)", StringComparison.Ordinal));
        Assert.Contains(h.Source!.Notes, n => n.Contains("Euclidean distances", StringComparison.Ordinal));
        // lengths are the distances between those centres
        var (a, b) = (tvb.Centres![3], tvb.Centres![40]);
        double dist = Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2) + Math.Pow(a.Z - b.Z, 2));
        Assert.Equal(dist, h.TractLengths[3 * 68 + 40], 1e-9);
    }

    [Fact]
    public void Enigma_dk68_matches_the_tvb68_centres_by_label()
    {
        var tvb = Datasets.LoadConnectome("tvb-68", O);
        var e = Datasets.LoadConnectome("enigma-dk68", O);
        Assert.Equal("L_bankssts", e.Labels[0]);
        int k = tvb.Labels.ToList().IndexOf("l_bankssts");
        Assert.True(k > 0); // a different order: TVB lists the right hemisphere first
        Assert.Equal(tvb.Centres![k], e.Centres![0]);
        for (int i = 0; i < e.Count; i++)
            Assert.Equal(tvb.Centres[tvb.Labels.ToList().FindIndex(l => string.Equals(l, e.Labels[i], StringComparison.OrdinalIgnoreCase))], e.Centres[i]);
        Assert.Contains(e.Source!.Notes, n => n.Contains("region centres from tvb-68 (matched by label)", StringComparison.Ordinal));
        Assert.True(e.HasTractLengths);
    }

    [Fact]
    public void Enigma_schaefer100_takes_hansens_schaefer_centres_by_position_and_the_orders_agree()
    {
        var hansen = Datasets.LoadConnectome("hansen-schaefer100", O);
        var e = Datasets.LoadConnectome("enigma-schaefer100", O);
        Assert.Equal(hansen.Centres, e.Centres);
        Assert.Contains(e.Source!.Notes, n => n.Contains("by position (same region order 'schaefer100-7n'; hemispheres agree", StringComparison.Ordinal));
        Assert.True(e.HasTractLengths);
        // evidence that position i is the same region in both: the two group FCs agree (Hansen's SOURCE.md check), and a
        // relabelling within each hemisphere destroys the agreement
        double Corr(Func<int, int> perm)
        {
            var x = new List<double>();
            var y = new List<double>();
            for (int i = 0; i < 100; i++)
                for (int j = i + 1; j < 100; j++) { x.Add(e.EmpiricalFc[i * 100 + j]); y.Add(hansen.EmpiricalFc[perm(i) * 100 + perm(j)]); }
            double mx = x.Average(), my = y.Average();
            double sxy = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
            return sxy / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
        }
        Assert.True(Corr(i => i) > 0.95, $"r = {Corr(i => i)}");
        Assert.True(Corr(i => i < 50 ? 49 - i : 149 - i) < 0.5);
        // the hemispheres agree at every position
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(hansen.Centres![i].X > 0, e.Labels[i].Contains("_RH_", StringComparison.Ordinal)));
    }

    [Fact]
    public void Datasets_without_a_matching_source_still_have_no_centres()
    {
        var e = Datasets.LoadConnectome("enigma-schaefer200", O);
        Assert.Null(e.Centres);
        Assert.False(e.HasTractLengths);
    }

    [Fact]
    public void A_wrong_centres_source_is_an_error_not_a_guess()
    {
        var ds = DataCatalog.Default.Get("enigma-schaefer200") with { CentresFrom = "hansen-schaefer100" };
        var catalog = new DataCatalog([.. DataCatalog.Default.Datasets.Where(d => d.Id != ds.Id), ds]);
        var store = new DataStore(TestData.Shared.CacheDirectory, TestData.Mirror, allowNetwork: false, catalog: catalog);
        var e = Assert.Throws<FwbmException>(() => Datasets.CentresFrom(ds, DataCatalogLabels(store, ds), store, []));
        Assert.Contains("do not match", e.Message);
    }

    private static string[] DataCatalogLabels(DataStore store, DatasetInfo ds) =>
        Fwbm.Core.Data.Formats.DelimitedText.ReadLabels(store.Resolve(ds, ds.File("labels")));
}
