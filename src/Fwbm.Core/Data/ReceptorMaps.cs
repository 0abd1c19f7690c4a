using Fwbm.Core.Connectivity;

namespace Fwbm.Core.Data;

/// <summary>
/// Regional receptor/transporter densities: <see cref="Regions"/> rows (in <see cref="RegionLabels"/> order) ×
/// <see cref="Count"/> maps (named by <see cref="Names"/>), usually z-scored per map.
/// </summary>
public sealed class ReceptorMaps
{
    private readonly double[] _values;

    public ReceptorMaps(IReadOnlyList<string> names, IReadOnlyList<string> regionLabels, double[] values, bool zScored,
        ConnectomeSource source)
    {
        if (values.Length != names.Count * regionLabels.Count)
            throw new FwbmException($"Receptor maps '{source.DatasetId}': {values.Length} values for {regionLabels.Count} regions × {names.Count} maps.");
        foreach (var v in values)
            if (!double.IsFinite(v)) throw new FwbmException($"Receptor maps '{source.DatasetId}': contain NaN/Inf.");
        Names = names.ToArray();
        RegionLabels = regionLabels.ToArray();
        _values = (double[])values.Clone();
        ZScored = zScored;
        Source = source;
    }

    public IReadOnlyList<string> Names { get; }
    public IReadOnlyList<string> RegionLabels { get; }
    public int Regions => RegionLabels.Count;
    public int Count => Names.Count;
    public bool ZScored { get; }
    /// <summary>Dataset, licence, citation (cite it whenever the maps are used).</summary>
    public ConnectomeSource Source { get; }

    /// <summary>Density of map <paramref name="map"/> in region <paramref name="region"/>.</summary>
    public double this[int region, int map] => _values[region * Count + map];

    /// <summary>Row-major regions × maps.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>One map as a per-region vector (in region order); an unknown name suggests near matches.</summary>
    public double[] Map(string name)
    {
        int k = IndexOf(name);
        var r = new double[Regions];
        for (int i = 0; i < Regions; i++) r[i] = _values[i * Count + k];
        return r;
    }

    public int IndexOf(string name)
    {
        for (int k = 0; k < Count; k++) if (Names[k] == name) return k;
        for (int k = 0; k < Count; k++) if (string.Equals(Names[k], name, StringComparison.OrdinalIgnoreCase)) return k;
        var hint = Grammar.Suggest.DidYouMean(name, Names, quote: "", max: 4);
        throw new FwbmException($"Receptor maps '{Source.DatasetId}': no map '{name}'" + (hint is null ? $"; maps: {string.Join(", ", Names)}." : $"; {hint}"));
    }

    /// <summary>Keep regions in the given order (new row k = old row indices[k]).</summary>
    internal ReceptorMaps Reorder(IReadOnlyList<int> indices, IReadOnlyList<string> labels, ConnectomeSource source)
    {
        var v = new double[indices.Count * Count];
        for (int i = 0; i < indices.Count; i++)
            for (int k = 0; k < Count; k++) v[i * Count + k] = _values[indices[i] * Count + k];
        return new ReceptorMaps(Names, labels, v, ZScored, source);
    }

    /// <summary>z-score each map across regions (population SD); a constant map becomes zeros.</summary>
    internal static double[] ZScoreColumns(double[] values, int regions, int maps)
    {
        var z = (double[])values.Clone();
        for (int k = 0; k < maps; k++)
        {
            double mean = 0;
            for (int i = 0; i < regions; i++) mean += values[i * maps + k];
            mean /= regions;
            double ss = 0;
            for (int i = 0; i < regions; i++) { double d = values[i * maps + k] - mean; ss += d * d; }
            double sd = Math.Sqrt(ss / regions);
            for (int i = 0; i < regions; i++) z[i * maps + k] = sd > 0 ? (values[i * maps + k] - mean) / sd : 0.0;
        }
        return z;
    }

    public override string ToString() => $"Receptor maps '{Source.DatasetId}': {Count} maps × {Regions} regions{(ZScored ? " (z-scored)" : "")}";
}

/// <summary>An empirical FC matrix (row-major, Pearson r) with its region labels.</summary>
public sealed record EmpiricalFc(double[] Values, IReadOnlyList<string> Labels, string? Subject, ConnectomeSource Source)
{
    public int Count => Labels.Count;
    public double this[int i, int j] => Values[i * Count + j];
}
