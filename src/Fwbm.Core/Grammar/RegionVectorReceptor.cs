using Fwbm.Core.Data;

namespace Fwbm.Core.Grammar;

/// <summary>
/// A receptor/transporter density map as a per-region value: "receptor:&lt;name&gt;[:scale[:offset]]" gives
/// offset + scale · R / max(R), where R is the map (as the provider gives it — the catalog provider gives the Hansen 2022
/// densities, not z-scored) <b>divided by its maximum</b> over the connectome's regions, as Deco et al. 2018 did for 5-HT2A.
/// Defaults: scale 1, offset 0 (so "receptor:5HT2a" alone lies in (0, 1]); "receptor:5HT2a:0.2:1" is a gain of 1 + 0.2·R/max R.
/// The maps must be in the connectome's atlas: the same atlas id and region count (matched by position), else every region
/// label must be found among the maps' labels; otherwise an error names both atlases and region counts.
/// </summary>
public sealed record RegionVectorReceptor(string Name, double Scale = 1.0, double Offset = 0.0) : RegionVector
{
    internal static RegionVectorReceptor ParseReceptor(string t, Errors err)
    {
        var parts = t.Split(':');
        if (parts.Length is < 2 or > 4 || parts[1].Trim().Length == 0)
            throw err.Fail("expected receptor:<name>[:scale[:offset]], e.g. receptor:5HT2a or receptor:5HT2a:0.2:1");
        double scale = 1, offset = 0;
        if (parts.Length >= 3 && !TryNumber(parts[2], out scale)) throw err.Fail($"scale '{parts[2]}' is not a finite number");
        if (parts.Length == 4 && !TryNumber(parts[3], out offset)) throw err.Fail($"offset '{parts[3]}' is not a finite number");
        return new RegionVectorReceptor(parts[1].Trim(), scale, offset);
    }

    internal override double[] Values(RegionContext context, Errors err)
    {
        var space = context.Space;
        if (context.Receptors is null)
            throw err.Fail($"no receptor maps are available for {space.Describe()} here");
        var maps = context.Receptors(space);
        int k = MapIndex(maps, err);
        var rows = Align(maps, space, err);
        var r = rows.Select(row => maps[row, k]).ToArray();
        double max = r.Max();
        if (!(max > 0))
            throw err.Fail($"map '{maps.Names[k]}' of '{maps.Source.DatasetId}' has maximum {Format(max)} over the regions of {space.Describe()}; dividing by the maximum needs a positive maximum");
        return r.Select(x => Offset + Scale * x / max).ToArray();
    }

    private int MapIndex(ReceptorMaps maps, Errors err)
    {
        for (int k = 0; k < maps.Count; k++) if (maps.Names[k] == Name) return k;
        var loose = Enumerable.Range(0, maps.Count).Where(k => string.Equals(maps.Names[k], Name, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (loose.Length == 1) return loose[0];
        throw err.Fail($"receptor maps '{maps.Source.DatasetId}' have no map '{Name}'",
            Suggest.DidYouMean(Name, maps.Names) ?? $"maps: {string.Join(", ", maps.Names)}");
    }

    /// <summary>For each region of the space, the row of the maps that holds it.</summary>
    private static int[] Align(ReceptorMaps maps, RegionSpace space, Errors err)
    {
        if (maps.Regions == space.Count && (maps.Source.RegionOrder is { } a && a == space.Atlas || maps.RegionLabels.SequenceEqual(space.Labels)))
            return Enumerable.Range(0, space.Count).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < maps.Regions; i++) index.TryAdd(RegionLabels.Normalize(maps.RegionLabels[i]), i);
        var rows = new int[space.Count];
        int missing = 0;
        string? firstMissing = null;
        for (int i = 0; i < space.Count; i++)
        {
            if (index.TryGetValue(RegionLabels.Normalize(space.Labels[i]), out var row)) rows[i] = row;
            else { missing++; firstMissing ??= space.Labels[i]; }
        }
        if (missing > 0)
            throw err.Fail($"the receptor maps '{maps.Source.DatasetId}' ({maps.Source.RegionOrder ?? "unknown atlas"}, {maps.Regions} regions) " +
                $"do not match {space.Describe()}: {missing} of its regions (e.g. '{firstMissing}') have no map region",
                "use a connectome in the maps' atlas");
        return rows;
    }

    public override string ToString() => $"receptor:{Name}" + (Scale == 1 && Offset == 0 ? "" : $":{Format(Scale)}") + (Offset == 0 ? "" : $":{Format(Offset)}");
}
