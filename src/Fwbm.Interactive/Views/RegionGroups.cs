namespace Fwbm.Interactive;

/// <summary>Region helpers for displays.</summary>
public static partial class RegionGroups
{
    /// <summary>
    /// Hemisphere flags (true = right) read from region labels — AAL "Precentral_L", DK "lh-…"/"l_…", Schaefer "7Networks_LH_…" —
    /// or null when some label names no hemisphere.
    /// </summary>
    public static bool[]? HemispheresFromLabels(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var r = new bool[labels.Count];
        for (int i = 0; i < labels.Count; i++)
        {
            if (HemisphereOf(labels[i]) is not bool right) return null;
            r[i] = right;
        }
        return labels.Count > 0 ? r : null;
    }

    private static bool? HemisphereOf(string label)
    {
        var l = label.Trim();
        string u = l.ToUpperInvariant();
        if (u.EndsWith("_L") || u.EndsWith(" L") || u.StartsWith("L_") || u.StartsWith("LH_") || u.StartsWith("LH-") || u.StartsWith("CTX-LH-") || u.Contains("_LH_")) return false;
        if (u.EndsWith("_R") || u.EndsWith(" R") || u.StartsWith("R_") || u.StartsWith("RH_") || u.StartsWith("RH-") || u.StartsWith("CTX-RH-") || u.Contains("_RH_")) return true;
        return null;
    }
}
