using System.Text.RegularExpressions;

namespace Fwbm.Core.Grammar;

/// <summary>
/// What region labels say about a region, by atlas naming convention (the one place this knowledge lives; the notebook's
/// region ordering reads it too):
/// <list type="bullet">
/// <item><b>Hemisphere</b> — AAL "Precentral_L"/"Frontal_Sup_2_R", ENIGMA-DK "L_insula", FreeSurfer "ctx-lh-insula"/"lh_insula"/"lh-insula",
/// "left_…"/"right_…", Schaefer "7Networks_LH_Vis_1". TVB's whole-list styles ("rA1", "Rthal") are read by
/// <see cref="Data.RegionLabels.GuessHemispheres"/>, which <see cref="RegionSpace.Of"/> also consults.</item>
/// <item><b>Network</b> — Schaefer 2018 labels only ("7Networks_LH_Vis_1" → "Vis", "17Networks_RH_DefaultA_PFCm_1" → "DefaultA").
/// Long names are accepted as aliases of the 7 Yeo networks: Visual → Vis, Somatomotor → SomMot, DorsalAttention → DorsAttn,
/// Salience/VentralAttention → SalVentAttn, Limbic, Control/Frontoparietal → Cont, DefaultMode/DMN → Default.</item>
/// <item><b>Lobe</b> — Desikan–Killiany labels (any prefix: "ctx-lh-", "lh_", "L_", "rh.") and AAL/AAL2 labels: frontal, parietal,
/// temporal, occipital, cingulate, insula (DK); AAL adds limbic (hippocampus, parahippocampal gyrus, amygdala) and subcortical
/// (caudate, putamen, pallidum, thalamus). DK cingulate regions are "cingulate"; AAL's Cingulate_* are "cingulate" as well.</item>
/// </list>
/// Schaefer, TVB-66/76/192/998 and other atlases have no lobes here; DK and AAL have no networks.
/// </summary>
public static partial class RegionNaming
{
    /// <summary>true = right, false = left, null = the label does not say.</summary>
    public static bool? Hemisphere(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var l = label.Trim();
        if (l.Contains("_RH_", StringComparison.Ordinal) || l.Contains("-rh-", StringComparison.OrdinalIgnoreCase) || RightPrefix().IsMatch(l) || RightSuffix().IsMatch(l)) return true;
        if (l.Contains("_LH_", StringComparison.Ordinal) || l.Contains("-lh-", StringComparison.OrdinalIgnoreCase) || LeftPrefix().IsMatch(l) || LeftSuffix().IsMatch(l)) return false;
        return null;
    }

    /// <summary>The Schaefer network named in the label ("Vis", "SomMot", "DefaultA", …), or null.</summary>
    public static string? Network(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var m = SchaeferNetwork().Match(label);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The lobe of a Desikan–Killiany or AAL/AAL2 label ("frontal", "temporal", …), or null.</summary>
    public static string? Lobe(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var core = StripSide(label.Trim());
        var key = core.ToLowerInvariant().Replace("_", "").Replace("-", "").Replace(".", "");
        string? aal = null;
        foreach (var (prefix, lobe) in AalLobes)
            if (core.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) { aal = lobe; break; }
        string? dk = DkLobes.GetValueOrDefault(key);
        // AAL names are capitalised ("ParaHippocampal" is limbic there), DK names are lower case ("parahippocampal" is temporal).
        return core.Any(char.IsUpper) ? aal ?? dk : dk ?? aal;
    }

    /// <summary>Aliases of the 7 Yeo/Schaefer network names (lower case long name → label short name).</summary>
    public static IReadOnlyDictionary<string, string> NetworkAliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["visual"] = "Vis", ["somatomotor"] = "SomMot", ["dorsalattention"] = "DorsAttn", ["salience"] = "SalVentAttn",
        ["ventralattention"] = "SalVentAttn", ["salienceventralattention"] = "SalVentAttn", ["control"] = "Cont",
        ["frontoparietal"] = "Cont", ["defaultmode"] = "Default", ["dmn"] = "Default",
    };

    /// <summary>The lobe names <see cref="Lobe"/> returns.</summary>
    public static IReadOnlyList<string> LobeNames { get; } = ["frontal", "parietal", "temporal", "occipital", "cingulate", "insula", "limbic", "subcortical"];

    private static string StripSide(string l)
    {
        var m = SidePrefix().Match(l);
        if (m.Success) l = l[m.Length..];
        var s = SideSuffix().Match(l);
        if (s.Success) l = l[..s.Index];
        return l;
    }

    private static readonly Dictionary<string, string> DkLobes = new(StringComparer.Ordinal)
    {
        ["superiorfrontal"] = "frontal", ["rostralmiddlefrontal"] = "frontal", ["caudalmiddlefrontal"] = "frontal",
        ["parsopercularis"] = "frontal", ["parstriangularis"] = "frontal", ["parsorbitalis"] = "frontal",
        ["lateralorbitofrontal"] = "frontal", ["medialorbitofrontal"] = "frontal", ["precentral"] = "frontal",
        ["paracentral"] = "frontal", ["frontalpole"] = "frontal",
        ["superiorparietal"] = "parietal", ["inferiorparietal"] = "parietal", ["supramarginal"] = "parietal",
        ["postcentral"] = "parietal", ["precuneus"] = "parietal",
        ["superiortemporal"] = "temporal", ["middletemporal"] = "temporal", ["inferiortemporal"] = "temporal",
        ["bankssts"] = "temporal", ["fusiform"] = "temporal", ["transversetemporal"] = "temporal", ["entorhinal"] = "temporal",
        ["temporalpole"] = "temporal", ["parahippocampal"] = "temporal",
        ["lateraloccipital"] = "occipital", ["lingual"] = "occipital", ["cuneus"] = "occipital", ["pericalcarine"] = "occipital",
        ["rostralanteriorcingulate"] = "cingulate", ["caudalanteriorcingulate"] = "cingulate", ["posteriorcingulate"] = "cingulate",
        ["isthmuscingulate"] = "cingulate",
        ["insula"] = "insula",
    };

    // AAL/AAL2 names by prefix (preferred for capitalised labels; the DK table for lower-case ones).
    private static readonly (string Prefix, string Lobe)[] AalLobes =
    [
        ("Frontal_", "frontal"), ("Precentral", "frontal"), ("Rolandic_Oper", "frontal"), ("Supp_Motor_Area", "frontal"),
        ("Olfactory", "frontal"), ("Rectus", "frontal"), ("OFC", "frontal"), ("Paracentral_Lobule", "frontal"),
        ("Postcentral", "parietal"), ("Parietal_", "parietal"), ("SupraMarginal", "parietal"), ("Angular", "parietal"), ("Precuneus", "parietal"),
        ("Temporal_", "temporal"), ("Heschl", "temporal"), ("Fusiform", "temporal"),
        ("Occipital_", "occipital"), ("Calcarine", "occipital"), ("Cuneus", "occipital"), ("Lingual", "occipital"),
        ("Cingulate_", "cingulate"), ("Cingulum_", "cingulate"), ("Insula", "insula"),
        ("Hippocampus", "limbic"), ("ParaHippocampal", "limbic"), ("Amygdala", "limbic"),
        ("Caudate", "subcortical"), ("Putamen", "subcortical"), ("Pallidum", "subcortical"), ("Thalamus", "subcortical"),
    ];

    [GeneratedRegex(@"^(ctx[-_])?(r|rh|right)[_\-\. ]", RegexOptions.IgnoreCase)] private static partial Regex RightPrefix();
    [GeneratedRegex(@"^(ctx[-_])?(l|lh|left)[_\-\. ]", RegexOptions.IgnoreCase)] private static partial Regex LeftPrefix();
    [GeneratedRegex(@"[_\-\. ](r|rh|right)$", RegexOptions.IgnoreCase)] private static partial Regex RightSuffix();
    [GeneratedRegex(@"[_\-\. ](l|lh|left)$", RegexOptions.IgnoreCase)] private static partial Regex LeftSuffix();
    [GeneratedRegex(@"^(ctx[-_])?(l|r|lh|rh|left|right)[_\-\. ]", RegexOptions.IgnoreCase)] private static partial Regex SidePrefix();
    [GeneratedRegex(@"[_\-\. ](l|r|lh|rh|left|right)$", RegexOptions.IgnoreCase)] private static partial Regex SideSuffix();
    [GeneratedRegex(@"Networks_[LR]H_([A-Za-z]+)", RegexOptions.IgnoreCase)] private static partial Regex SchaeferNetwork();
}
