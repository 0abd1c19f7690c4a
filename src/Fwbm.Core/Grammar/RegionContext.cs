using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;

namespace Fwbm.Core.Grammar;

/// <summary>
/// Gives receptor/transporter maps for a region space (e.g. <see cref="RegionReceptors.FromCatalog"/>, or a fixed set in tests).
/// The maps may be in another region order; <see cref="RegionVectorReceptor"/> aligns them by atlas id or label and rejects maps
/// of another atlas.
/// </summary>
public delegate ReceptorMaps RegionReceptorProvider(RegionSpace space);

/// <summary>
/// Everything a per-region vector needs to resolve: the regions (labels, hemispheres, networks, lobes), the directory that
/// relative <c>@file</c> paths start from, and where receptor maps come from (null: <c>receptor:</c> is an error).
/// </summary>
public sealed record RegionContext(RegionSpace Space, string BaseDirectory, RegionReceptorProvider? Receptors = null)
{
    /// <summary>A context for a connectome: files relative to <paramref name="baseDirectory"/> (default: the current directory).</summary>
    public static RegionContext For(Connectome connectome, string? baseDirectory = null, RegionReceptorProvider? receptors = null)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        return new RegionContext(RegionSpace.Of(connectome), baseDirectory ?? Directory.GetCurrentDirectory(), receptors);
    }
}
