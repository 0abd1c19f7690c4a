using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;

namespace Fwbm.Core.Grammar;

/// <summary>
/// The regions a selector or a per-region vector is resolved against: the connectome's name and atlas (region-order id), its
/// labels and, per region, the hemisphere (true = right, null = unknown), the Schaefer network and the lobe (null where the
/// atlas has none). A plain value, so tests and callers need no data store; <see cref="Of"/> builds it from a connectome.
/// </summary>
public sealed record RegionSpace
{
    /// <summary>Build and check a space (all per-region lists must have one entry per label).</summary>
    public RegionSpace(string name, IReadOnlyList<string> labels, IReadOnlyList<bool?>? rightHemisphere = null,
        IReadOnlyList<string?>? networks = null, IReadOnlyList<string?>? lobes = null, string? atlas = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(labels);
        int n = labels.Count;
        if (n == 0) throw new FwbmException($"Regions of '{name}': no labels; expected one label per region.");
        Check(rightHemisphere?.Count, n, name, "hemisphere flags");
        Check(networks?.Count, n, name, "network names");
        Check(lobes?.Count, n, name, "lobe names");
        Name = name;
        Atlas = atlas;
        Labels = labels.ToArray();
        RightHemisphere = rightHemisphere?.ToArray() ?? new bool?[n];
        Networks = networks?.ToArray() ?? new string?[n];
        Lobes = lobes?.ToArray() ?? new string?[n];
    }

    private static void Check(int? count, int n, string name, string what)
    {
        if (count is int c && c != n) throw new FwbmException($"Regions of '{name}': {c} {what} for {n} labels; expected one per region.");
    }

    /// <summary>The connectome's display name (used in every error message).</summary>
    public string Name { get; }
    /// <summary>The atlas / region-order id (e.g. "schaefer100-7n", "dk68-lausanne033"), or null when unknown.</summary>
    public string? Atlas { get; }
    public IReadOnlyList<string> Labels { get; }
    public IReadOnlyList<bool?> RightHemisphere { get; }
    public IReadOnlyList<string?> Networks { get; }
    public IReadOnlyList<string?> Lobes { get; }
    public int Count => Labels.Count;

    /// <summary>"connectome 'name' (atlas, N regions)" for messages.</summary>
    public string Describe() => $"connectome '{Name}' ({(Atlas is null ? "" : Atlas + ", ")}{Count} regions)";

    /// <summary>
    /// The regions of a connectome: hemispheres from its flags, else from the labels (per label, or TVB's whole-list styles);
    /// networks and lobes from the labels (<see cref="RegionNaming"/>).
    /// </summary>
    public static RegionSpace Of(Connectome connectome)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        return FromLabels(connectome.Name, connectome.Labels, connectome.RightHemisphere, connectome.Source?.RegionOrder);
    }

    /// <summary>A space from labels alone (hemisphere flags optional; otherwise read from the labels).</summary>
    public static RegionSpace FromLabels(string name, IReadOnlyList<string> labels, IReadOnlyList<bool>? rightHemisphere = null, string? atlas = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        IReadOnlyList<bool>? whole = rightHemisphere ?? RegionLabels.GuessHemispheres(labels);
        var hemi = whole is not null && whole.Count == labels.Count
            ? whole.Select(b => (bool?)b).ToArray()
            : labels.Select(RegionNaming.Hemisphere).ToArray();
        return new RegionSpace(name, labels, hemi, labels.Select(RegionNaming.Network).ToArray(), labels.Select(RegionNaming.Lobe).ToArray(), atlas);
    }

    /// <summary>Distinct network names in region order.</summary>
    public IReadOnlyList<string> NetworkNames => Networks.Where(x => x is not null).Select(x => x!).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    /// <summary>Distinct lobe names in region order.</summary>
    public IReadOnlyList<string> LobeNames => Lobes.Where(x => x is not null).Select(x => x!).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}
