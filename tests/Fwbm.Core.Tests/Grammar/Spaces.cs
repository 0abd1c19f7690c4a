using Fwbm.Core.Grammar;

namespace Fwbm.Core.Tests.Grammar;

/// <summary>Small synthetic region spaces with AAL-, Desikan–Killiany- and Schaefer-style labels.</summary>
internal static class Spaces
{
    public static readonly string[] AalLabels =
        ["Precentral_L", "Precentral_R", "Frontal_Sup_2_L", "Frontal_Sup_2_R", "Hippocampus_L", "Hippocampus_R", "Thalamus_L", "Thalamus_R", "Calcarine_L", "Calcarine_R"];

    public static readonly string[] DkLabels =
        ["ctx-lh-precentral", "ctx-lh-insula", "ctx-lh-lingual", "ctx-lh-superiortemporal", "ctx-rh-precentral", "ctx-rh-insula", "ctx-rh-lingual", "ctx-rh-superiortemporal"];

    public static readonly string[] SchaeferLabels =
        ["7Networks_LH_Vis_1", "7Networks_LH_Vis_2", "7Networks_LH_SomMot_1", "7Networks_LH_Default_PFC_1",
         "7Networks_RH_Vis_1", "7Networks_RH_SomMot_1", "7Networks_RH_Default_PFC_1", "7Networks_RH_Default_Temp_1"];

    public static RegionSpace Aal => RegionSpace.FromLabels("aal-toy", AalLabels, atlas: "aal-toy");
    public static RegionSpace Dk => RegionSpace.FromLabels("dk-toy", DkLabels, atlas: "dk-toy");
    public static RegionSpace Schaefer => RegionSpace.FromLabels("schaefer-toy", SchaeferLabels, atlas: "schaefer-toy");

    public static RegionSpace[] All => [Aal, Dk, Schaefer];

    /// <summary>Indices of the labels, in the order given.</summary>
    public static int[] Ix(RegionSpace s, params string[] labels) => labels.Select(l => Array.IndexOf(s.Labels.ToArray(), l)).ToArray();
}
