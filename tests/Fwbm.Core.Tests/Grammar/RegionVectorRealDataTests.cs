using Fwbm.Core.Data;
using Fwbm.Core.Grammar;
using Fwbm.Core.Tests.Data;
using Xunit;

namespace Fwbm.Core.Tests.Grammar;

/// <summary>receptor:5HT2a against the real Hansen maps of the data mirror.</summary>
public class RegionVectorRealDataTests
{
    [Fact]
    public void Receptor_5HT2a_on_the_enigma_schaefer100_connectome_is_the_hansen_map_divided_by_its_maximum()
    {
        // ENIGMA's Schaefer-100 connectome has the Schaefer labels (networks) and the same region order as Hansen's maps
        var c = Datasets.LoadConnectome("enigma-schaefer100", new ConnectomeOptions { Store = TestData.Shared });
        Assert.Equal("schaefer100-7n", c.Source!.RegionOrder);
        var ctx = RegionContext.For(c, receptors: RegionReceptors.FromCatalog(c, TestData.Shared));
        var v = RegionVector.Resolve("receptor:5HT2a", ctx, "--modulate gain_e");
        // the expected values straight from the mirror's file (column 3 of receptor_data_scale100.csv is 5HT2a)
        var raw = File.ReadAllLines(TestData.File("hansen_receptors", "results", "receptor_data_scale100.csv"))
            .Select(l => double.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(100, v.Length);
        Assert.Equal(1.0, v.Max(), 15);
        for (int i = 0; i < 100; i++) Assert.Equal(raw[i] / raw.Max(), v[i], 12);
        Assert.True(v.Min() > 0.5 && v.Min() < 0.65, $"min {v.Min()}"); // 37.57 / 63.38 = 0.593
        // the same map restricted to the visual network through a label map
        var vis = RegionVector.Resolve("label:network:Vis:1,else:0", ctx);
        Assert.Equal(17, vis.Sum());
    }

    [Fact]
    public void Receptor_GABAa_on_the_tvb68_connectome_comes_from_hansen_dk68()
    {
        var c = Datasets.LoadConnectome("tvb-68", new ConnectomeOptions { Store = TestData.Shared });
        var ctx = RegionContext.For(c, receptors: RegionReceptors.FromCatalog(c, TestData.Shared));
        var v = RegionVector.Resolve("receptor:GABAa:0.5:1", ctx);
        Assert.Equal(68, v.Length);
        Assert.Equal(1.5, v.Max(), 15);
        Assert.True(v.All(x => x > 1 && x <= 1.5));
        var maps = Datasets.LoadReceptorMaps("hansen-dk68", c, new ReceptorOptions { ZScore = false, Store = TestData.Shared });
        var g = maps.Map("GABAa");
        for (int i = 0; i < 68; i++) Assert.Equal(1 + 0.5 * g[i] / g.Max(), v[i], 12);
    }

    [Fact]
    public void Receptor_maps_on_a_connectome_of_another_atlas_name_both_atlases_and_counts()
    {
        var c = Datasets.LoadConnectome("synthetic-20", new ConnectomeOptions { Store = TestData.Shared });
        var ctx = RegionContext.For(c, receptors: RegionReceptors.FromCatalog(c, TestData.Shared));
        var e = Assert.Throws<FwbmException>(() => RegionVector.Resolve("receptor:5HT2a", ctx, "--modulate gain_e"));
        Assert.Contains("No receptor maps match connectome", e.Message);
        Assert.Contains("20 regions", e.Message);
        Assert.Contains("hansen-schaefer100 (schaefer100-7n, 100 regions)", e.Message);
        Assert.Contains("hansen-dk68 (dk68-lausanne033, 68 regions)", e.Message);
    }

    [Fact]
    public void Selectors_on_the_enigma_dk68_connectome()
    {
        var c = Datasets.LoadConnectome("enigma-dk68", new ConnectomeOptions { Store = TestData.Shared });
        var s = RegionSpace.Of(c);
        Assert.Equal(34, RegionSelector.Select(s, "left").Count);
        Assert.Equal(34, RegionSelector.Select(s, "L_*").Count);
        Assert.Equal(0, RegionSelector.Select(s, "left & R_*", allowEmpty: true).Count);
        Assert.Equal(18, RegionSelector.Select(s, "lobe:temporal").Count);   // 9 DK temporal regions per hemisphere
        Assert.Equal(68, RegionSelector.Select(s, "lobe:frontal,lobe:parietal,lobe:temporal,lobe:occipital,lobe:cingulate,lobe:insula").Count);
        var e = Assert.Throws<FwbmException>(() => RegionSelector.Select(s, "L_precentrl", subject: "--resect"));
        Assert.Equal("--resect 'L_precentrl': connectome 'enigma-dk68' (dk68-enigma, 68 regions) has no region, network or lobe 'L_precentrl'; did you mean 'L_precentral', 'R_precentral' or 'L_paracentral'?", e.Message);
    }
}
