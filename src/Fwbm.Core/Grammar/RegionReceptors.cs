using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;

namespace Fwbm.Core.Grammar;

/// <summary>Receptor-map providers for <see cref="RegionContext"/>.</summary>
public static class RegionReceptors
{
    /// <summary>
    /// The catalog's receptor maps (Hansen 2022: hansen-schaefer100, hansen-dk68) for a connectome: the dataset in the
    /// connectome's atlas (same region-order id), else one whose labels cover the connectome's; loaded as densities (not
    /// z-scored) in the connectome's region order. No match is an error naming the connectome's atlas and region count and
    /// the atlases and counts of the maps there are.
    /// </summary>
    public static RegionReceptorProvider FromCatalog(Connectome connectome, DataStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        ReceptorMaps? cached = null;
        return space =>
        {
            if (cached is not null) return cached;
            var options = new ReceptorOptions { ZScore = false, Store = store };
            var candidates = Datasets.List().Where(d => d.Has("receptor_maps"))
                .OrderBy(d => d.RegionOrder == connectome.Source?.RegionOrder ? 0 : 1).ToArray();
            var tried = new List<string>();
            foreach (var d in candidates)
            {
                try { return cached = Datasets.LoadReceptorMaps(d.Id, connectome, options); }
                catch (FwbmException)
                {
                    var raw = Datasets.LoadReceptorMaps(d.Id, null, options);
                    tried.Add($"{d.Id} ({d.RegionOrder}, {raw.Regions} regions)");
                }
            }
            throw new FwbmException($"No receptor maps match {space.Describe()}; the catalog has maps for {string.Join(", ", tried)}. " +
                "Use a connectome in one of those atlases.");
        };
    }

    /// <summary>A provider that always gives the same maps (for maps loaded once, or built in memory).</summary>
    public static RegionReceptorProvider Fixed(ReceptorMaps maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        return _ => maps;
    }
}
