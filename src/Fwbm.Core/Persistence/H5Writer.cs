using PureHDF;

namespace Fwbm.Core.Persistence;

/// <summary>
/// The small HDF5 vocabulary FWBM result files are written with: groups, datasets (numbers, text) and attributes, over PureHDF's
/// in-memory tree. A writer fills one group; <see cref="ResultFile.Write"/> creates the root and writes the file atomically.
/// Arrays are stored row-major (C order) with the shape given, so h5py and numpy read them as they are.
/// </summary>
public sealed class H5Writer
{
    private readonly H5Group _group;

    internal H5Writer(H5Group group) => _group = group;

    /// <summary>A child group (created on first use).</summary>
    public H5Writer Group(string name)
    {
        if (_group.TryGetValue(name, out var existing) && existing is H5Group g) return new H5Writer(g);
        var child = new H5Group();
        _group[name] = child;
        return new H5Writer(child);
    }

    /// <summary>Set an attribute of this group (string, double, long, int, ulong, string[], double[], long[]).</summary>
    public H5Writer Attr(string name, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _group.Attributes[name] = Normalise(value);
        return this;
    }

    /// <summary>Set an attribute only when <paramref name="value"/> is not null.</summary>
    public H5Writer AttrIfAny(string name, object? value) => value is null ? this : Attr(name, value);

    /// <summary>A numeric dataset of the given shape (default 1-D), its unit as the attribute <c>unit</c> and any other attributes.</summary>
    public H5Writer Data<T>(string name, T[] values, IReadOnlyList<int>? shape = null, string? unit = null, IReadOnlyDictionary<string, object>? attributes = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        var dims = (shape ?? [values.Length]).Select(d => (ulong)d).ToArray();
        ulong count = dims.Aggregate(1UL, (a, d) => a * d);
        if (count != (ulong)values.Length) throw new FwbmException($"HDF5 dataset '{name}': {values.Length} values do not fill shape {string.Join("×", dims)}.");
        var ds = new H5Dataset(values, fileDims: dims);
        Decorate(ds, unit, attributes);
        _group[name] = ds;
        return this;
    }

    /// <summary>A scalar numeric dataset with its unit.</summary>
    public H5Writer Scalar(string name, double value, string? unit = null, IReadOnlyDictionary<string, object>? attributes = null)
    {
        var ds = new H5Dataset(value);
        Decorate(ds, unit, attributes);
        _group[name] = ds;
        return this;
    }

    /// <summary>A 1-D dataset of text (variable-length UTF-8 strings).</summary>
    public H5Writer Strings(string name, IReadOnlyList<string> values, IReadOnlyDictionary<string, object>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var ds = new H5Dataset(values.ToArray());
        Decorate(ds, null, attributes);
        _group[name] = ds;
        return this;
    }

    private static void Decorate(H5Dataset ds, string? unit, IReadOnlyDictionary<string, object>? attributes)
    {
        if (unit is not null) ds.Attributes["unit"] = unit;
        if (attributes is null) return;
        foreach (var (k, v) in attributes) ds.Attributes[k] = Normalise(v);
    }

    private static object Normalise(object value) => value switch
    {
        bool b => b ? (byte)1 : (byte)0,
        IReadOnlyList<string> s when value is not string[] => s.ToArray(),
        _ => value,
    };
}
