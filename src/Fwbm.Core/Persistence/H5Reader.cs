using System.Globalization;
using PureHDF;

namespace Fwbm.Core.Persistence;

/// <summary>
/// Reads one group of an FWBM result file (see <see cref="H5Writer"/>): attributes, datasets and child groups by name. A missing or
/// mistyped entry is an <see cref="FwbmException"/> naming the file and the HDF5 path and what was expected.
/// </summary>
public sealed class H5Reader
{
    private readonly IH5Group _group;

    internal H5Reader(IH5Group group, string file, string path)
    {
        _group = group; File = file; Path = path;
    }

    /// <summary>The file, for messages.</summary>
    public string File { get; }
    /// <summary>The HDF5 path of this group ("/" for the root).</summary>
    public string Path { get; }

    private string Where(string name) => $"{File}: {(Path == "/" ? "/" : Path + "/")}{name}";

    /// <summary>True when a child (group or dataset) of this name exists.</summary>
    public bool Has(string name) => _group.LinkExists(name);

    /// <summary>True when this group has the attribute.</summary>
    public bool HasAttr(string name) => _group.AttributeExists(name);

    /// <summary>Names of the child groups and datasets, in file order.</summary>
    public IReadOnlyList<string> Children() => _group.Children().Select(c => c.Name).ToArray();

    /// <summary>True when the child is a group.</summary>
    public bool IsGroup(string name) => _group.Get(name) is IH5Group;

    /// <summary>A child group; an error naming it when it is missing.</summary>
    public H5Reader Group(string name)
    {
        if (!Has(name)) throw new FwbmException($"{Where(name)}: missing; expected a group.");
        if (_group.Get(name) is not IH5Group g) throw new FwbmException($"{Where(name)}: is a dataset; expected a group.");
        return new H5Reader(g, File, (Path == "/" ? "" : Path) + "/" + name);
    }

    /// <summary>A child group, or null when it is absent.</summary>
    public H5Reader? TryGroup(string name) => Has(name) ? Group(name) : null;

    private IH5Attribute Attribute(string name)
    {
        if (!_group.AttributeExists(name)) throw new FwbmException($"{Where("@" + name)}: missing attribute; expected it in an FWBM result file.");
        return _group.Attribute(name);
    }

    /// <summary>A text attribute.</summary>
    public string Text(string name) => Attribute(name).Read<string>();
    public string? TextOr(string name) => HasAttr(name) ? Text(name) : null;

    /// <summary>A numeric attribute (any integer or float type) as a double.</summary>
    public double Number(string name) => ReadNumber(Attribute(name), Where("@" + name));
    public double? NumberOr(string name) => HasAttr(name) ? Number(name) : null;

    /// <summary>An integer attribute.</summary>
    public long Integer(string name)
    {
        var a = Attribute(name);
        if (a.Type.Class != H5DataTypeClass.FixedPoint) throw new FwbmException($"{Where("@" + name)}: is {a.Type.Class}; expected an integer.");
        return a.Type.FixedPoint.IsSigned ? a.Type.Size switch { 1 => a.Read<sbyte>(), 2 => a.Read<short>(), 4 => a.Read<int>(), _ => a.Read<long>() }
            : a.Type.Size switch { 1 => a.Read<byte>(), 2 => a.Read<ushort>(), 4 => a.Read<uint>(), _ => checked((long)a.Read<ulong>()) };
    }

    /// <summary>An unsigned 64-bit attribute (seeds).</summary>
    public ulong Unsigned(string name)
    {
        var a = Attribute(name);
        if (a.Type.Class != H5DataTypeClass.FixedPoint) throw new FwbmException($"{Where("@" + name)}: is {a.Type.Class}; expected an unsigned integer.");
        return a.Type.Size == 8 && !a.Type.FixedPoint.IsSigned ? a.Read<ulong>() : checked((ulong)Integer(name));
    }

    public bool Flag(string name) => Integer(name) != 0;

    /// <summary>A numeric-array attribute.</summary>
    public double[] Numbers(string name)
    {
        var a = Attribute(name);
        if (a.Type.Class != H5DataTypeClass.FloatingPoint || a.Type.Size != 8) throw new FwbmException($"{Where("@" + name)}: is {a.Type.Class}; expected 64-bit floats.");
        return a.Read<double[]>();
    }

    /// <summary>A text-array attribute.</summary>
    public string[] Texts(string name) => Attribute(name).Read<string[]>();
    public string[]? TextsOr(string name) => HasAttr(name) ? Texts(name) : null;

    /// <summary>A numeric dataset as doubles with its shape.</summary>
    public (double[] Values, int[] Shape) Array(string name)
    {
        var ds = Dataset(name);
        var shape = ds.Space.Dimensions.Select(d => checked((int)d)).ToArray();
        var t = ds.Type;
        double[] values = t.Class switch
        {
            H5DataTypeClass.FloatingPoint => t.Size == 4 ? ds.Read<float[]>().Select(v => (double)v).ToArray() : ds.Read<double[]>(),
            H5DataTypeClass.FixedPoint => (t.Size, t.FixedPoint.IsSigned) switch
            {
                (1, false) => ds.Read<byte[]>().Select(v => (double)v).ToArray(),
                (1, true) => ds.Read<sbyte[]>().Select(v => (double)v).ToArray(),
                (4, true) => ds.Read<int[]>().Select(v => (double)v).ToArray(),
                (8, true) => ds.Read<long[]>().Select(v => (double)v).ToArray(),
                (8, false) => ds.Read<ulong[]>().Select(v => (double)v).ToArray(),
                _ => throw new FwbmException($"{Where(name)}: integer type of {t.Size} bytes is not used by FWBM result files."),
            },
            _ => throw new FwbmException($"{Where(name)}: has HDF5 type {t.Class}; expected numbers."),
        };
        return (values, shape);
    }

    /// <summary>A numeric dataset as doubles; <paramref name="expectedCount"/> (when given) checks its length.</summary>
    public double[] Doubles(string name, int? expectedCount = null)
    {
        var (v, _) = Array(name);
        if (expectedCount is int n && v.Length != n) throw new FwbmException($"{Where(name)}: holds {v.Length} values; expected {n}.");
        return v;
    }

    /// <summary>A 64-bit unsigned dataset (seeds) exactly.</summary>
    public ulong[] Unsigneds(string name) => Dataset(name).Read<ulong[]>();

    /// <summary>A 32-bit integer dataset exactly.</summary>
    public int[] Integers(string name) => Dataset(name).Read<int[]>();

    /// <summary>A scalar numeric dataset.</summary>
    public double ScalarValue(string name)
    {
        var (v, _) = Array(name);
        if (v.Length != 1) throw new FwbmException($"{Where(name)}: holds {v.Length} values; expected one.");
        return v[0];
    }

    /// <summary>True when the dataset has rank 0 (a scalar).</summary>
    public bool IsScalar(string name) => Dataset(name).Space.Rank == 0;

    /// <summary>A text dataset.</summary>
    public string[] Strings(string name) => Dataset(name).Read<string[]>();
    public string[] StringsOr(string name) => Has(name) ? Strings(name) : [];

    /// <summary>A text attribute of a dataset.</summary>
    public string? DataText(string dataset, string attribute)
    {
        var ds = Dataset(dataset);
        return ds.AttributeExists(attribute) ? ds.Attribute(attribute).Read<string>() : null;
    }

    /// <summary>A numeric attribute of a dataset.</summary>
    public double? DataNumber(string dataset, string attribute)
    {
        var ds = Dataset(dataset);
        return ds.AttributeExists(attribute) ? ReadNumber(ds.Attribute(attribute), Where(dataset + "@" + attribute)) : null;
    }

    /// <summary>A numeric-array attribute of a dataset.</summary>
    public double[]? DataNumbers(string dataset, string attribute)
    {
        var ds = Dataset(dataset);
        return ds.AttributeExists(attribute) ? ds.Attribute(attribute).Read<double[]>() : null;
    }

    /// <summary>A text-array attribute of a dataset.</summary>
    public string[]? DataTexts(string dataset, string attribute)
    {
        var ds = Dataset(dataset);
        return ds.AttributeExists(attribute) ? ds.Attribute(attribute).Read<string[]>() : null;
    }

    /// <summary>The shape of a dataset (empty for a scalar).</summary>
    public int[] Shape(string name) => Dataset(name).Space.Dimensions.Select(d => checked((int)d)).ToArray();

    /// <summary>Every attribute of this group as display text (for <c>fwbm show</c>).</summary>
    public IReadOnlyList<(string Name, string Value)> AttributesText()
        => _group.Attributes().Select(a => (a.Name, Display(a))).ToArray();

    private static string Display(IH5Attribute a)
    {
        try
        {
            bool array = a.Space.Rank > 0;
            return a.Type.Class switch
            {
                H5DataTypeClass.String or H5DataTypeClass.VariableLength => array ? string.Join(", ", a.Read<string[]>()) : a.Read<string>(),
                H5DataTypeClass.FloatingPoint => array ? string.Join(", ", a.Read<double[]>().Select(G)) : G(a.Read<double>()),
                H5DataTypeClass.FixedPoint => a.Type.Size == 8 && !a.Type.FixedPoint.IsSigned
                    ? (array ? string.Join(", ", a.Read<ulong[]>()) : a.Read<ulong>().ToString(CultureInfo.InvariantCulture))
                    : array ? string.Join(", ", a.Read<long[]>()) : a.Read<long>().ToString(CultureInfo.InvariantCulture),
                _ => $"({a.Type.Class})",
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException) { return $"(unreadable: {e.GetType().Name})"; }
    }

    private static string G(double v) => v.ToString("G10", CultureInfo.InvariantCulture);

    private IH5Dataset Dataset(string name)
    {
        if (!Has(name)) throw new FwbmException($"{Where(name)}: missing; expected a dataset.");
        return _group.Get(name) as IH5Dataset ?? throw new FwbmException($"{Where(name)}: is a group; expected a dataset.");
    }

    private static double ReadNumber(IH5Attribute a, string where) => a.Type.Class switch
    {
        H5DataTypeClass.FloatingPoint => a.Type.Size == 4 ? a.Read<float>() : a.Read<double>(),
        H5DataTypeClass.FixedPoint => a.Type.FixedPoint.IsSigned
            ? a.Type.Size switch { 1 => a.Read<sbyte>(), 2 => a.Read<short>(), 4 => a.Read<int>(), _ => a.Read<long>() }
            : a.Type.Size switch { 1 => a.Read<byte>(), 2 => a.Read<ushort>(), 4 => a.Read<uint>(), _ => a.Read<ulong>() },
        _ => throw new FwbmException($"{where}: is {a.Type.Class}; expected a number."),
    };
}
