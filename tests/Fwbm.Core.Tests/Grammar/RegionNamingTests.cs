using Fwbm.Core.Grammar;
using Xunit;

namespace Fwbm.Core.Tests.Grammar;

public class RegionNamingTests
{
    [Theory]
    [InlineData("Precentral_L", false)]
    [InlineData("Frontal_Sup_2_R", true)]
    [InlineData("ctx-lh-insula", false)]
    [InlineData("ctx-rh-insula", true)]
    [InlineData("lh_bankssts", false)]
    [InlineData("rh.lingual", true)]
    [InlineData("L_insula", false)]
    [InlineData("R_insula", true)]
    [InlineData("7Networks_LH_Vis_1", false)]
    [InlineData("17Networks_RH_DefaultA_PFCm_1", true)]
    [InlineData("left_thalamus", false)]
    [InlineData("Vermis_1_2", null)]
    [InlineData("brainstem", null)]
    public void Hemisphere_from_label(string label, bool? right) => Assert.Equal(right, RegionNaming.Hemisphere(label));

    [Theory]
    [InlineData("7Networks_LH_Vis_1", "Vis")]
    [InlineData("7Networks_RH_SalVentAttn_FrOperIns_1", "SalVentAttn")]
    [InlineData("17Networks_LH_DefaultA_PFCm_1", "DefaultA")]
    [InlineData("Precentral_L", null)]
    [InlineData("ctx-lh-lingual", null)]
    public void Network_from_Schaefer_labels_only(string label, string? network) => Assert.Equal(network, RegionNaming.Network(label));

    [Theory]
    [InlineData("ctx-lh-precentral", "frontal")]
    [InlineData("L_bankssts", "temporal")]
    [InlineData("rh_isthmuscingulate", "cingulate")]
    [InlineData("lh.pericalcarine", "occipital")]
    [InlineData("R_insula", "insula")]
    [InlineData("precuneus", "parietal")]
    [InlineData("Frontal_Sup_2_L", "frontal")]
    [InlineData("Precuneus_R", "parietal")]
    [InlineData("Cuneus_L", "occipital")]
    [InlineData("Temporal_Pole_Sup_R", "temporal")]
    [InlineData("Hippocampus_L", "limbic")]
    [InlineData("ParaHippocampal_R", "limbic")]
    [InlineData("ctx-lh-parahippocampal", "temporal")]
    [InlineData("Thalamus_R", "subcortical")]
    [InlineData("Cingulate_Post_L", "cingulate")]
    [InlineData("7Networks_LH_Vis_1", null)]
    [InlineData("rA1", null)]
    public void Lobe_from_DK_and_AAL_labels(string label, string? lobe) => Assert.Equal(lobe, RegionNaming.Lobe(label));

    [Fact]
    public void Every_AAL2_and_DK68_label_of_the_repository_has_a_lobe_and_a_hemisphere()
    {
        var aal = File.ReadAllLines(Path.Combine(TestData.RepoRoot, "data", "aal2_regions.tsv"))
            .Where(l => !l.StartsWith('#') && !l.StartsWith("index")).Select(l => l.Split('\t')[1]).ToArray();
        Assert.Equal(94, aal.Length);
        Assert.All(aal, l => Assert.NotNull(RegionNaming.Lobe(l)));
        Assert.All(aal, l => Assert.NotNull(RegionNaming.Hemisphere(l)));
        string[] dk = ["bankssts", "caudalanteriorcingulate", "caudalmiddlefrontal", "cuneus", "entorhinal", "fusiform", "inferiorparietal",
            "inferiortemporal", "isthmuscingulate", "lateraloccipital", "lateralorbitofrontal", "lingual", "medialorbitofrontal", "middletemporal",
            "parahippocampal", "paracentral", "parsopercularis", "parsorbitalis", "parstriangularis", "pericalcarine", "postcentral",
            "posteriorcingulate", "precentral", "precuneus", "rostralanteriorcingulate", "rostralmiddlefrontal", "superiorfrontal",
            "superiorparietal", "superiortemporal", "supramarginal", "frontalpole", "temporalpole", "transversetemporal", "insula"];
        Assert.All(dk, l => Assert.NotNull(RegionNaming.Lobe("L_" + l)));
        Assert.Equal(6, dk.Select(l => RegionNaming.Lobe("ctx-rh-" + l)).Distinct().Count());
    }

    [Fact]
    public void Space_of_a_connectome_reads_hemispheres_networks_and_lobes()
    {
        var s = Spaces.Schaefer;
        Assert.Equal(["Vis", "SomMot", "Default"], s.NetworkNames);
        Assert.Empty(s.LobeNames);
        Assert.Equal([false, false, false, false, true, true, true, true], s.RightHemisphere.Select(h => h!.Value));
        var a = Spaces.Aal;
        Assert.Equal(["frontal", "limbic", "subcortical", "occipital"], a.LobeNames);
        Assert.Empty(a.NetworkNames);
        // TVB's whole-list style ("rA1", "lV2") is read when every label follows it
        var tvb = RegionSpace.FromLabels("tvb", ["rA1", "rV2", "lA1", "lV2"]);
        Assert.Equal([true, true, false, false], tvb.RightHemisphere.Select(h => h!.Value));
        var e = Assert.Throws<FwbmException>(() => new RegionSpace("x", ["a", "b"], rightHemisphere: [true]));
        Assert.Contains("1 hemisphere flags for 2 labels", e.Message);
    }
}
