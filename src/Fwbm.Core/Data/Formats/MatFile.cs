using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Fwbm.Core.Data.Formats;

/// <summary>What a MAT-file variable is, before its values are used.</summary>
/// <param name="Name">Variable name.</param>
/// <param name="Class">MATLAB class (double, single, int8 … uint64, logical, char, sparse, cell, struct, object, function).</param>
/// <param name="Shape">MATLAB dimensions (rows × columns × …).</param>
/// <param name="IsNumeric">True when <see cref="MatFile.Get"/> can return it as numbers.</param>
public sealed record MatVariableInfo(string Name, string Class, IReadOnlyList<int> Shape, bool IsNumeric)
{
    public override string ToString() => $"{Name}: {Class} {NumericArray.ShapeText(Shape)}";
}

/// <summary>
/// MATLAB MAT-files. Level 5 (MATLAB 5 – 7.x, <c>-v6</c>/<c>-v7</c>): every numeric class (double, single, int8–int64,
/// uint8–uint64), logical, real sparse (returned dense), char (text); compressed (<c>miCOMPRESSED</c>) and uncompressed
/// elements; little- and big-endian files; several variables, selected by name; values stored in a narrower type than
/// their class (as MATLAB does) are widened. Version 7.3 files (HDF5) are read through PureHDF: real numeric and logical
/// datasets at the top level. Complex arrays, cells, structs and objects give a clear error naming the variable.
/// Arrays come back in C (row-major) order with MATLAB's shape: a 94×1200 variable is 94 rows of 1200 values.
/// </summary>
public sealed class MatFile
{
    private readonly Dictionary<string, Variable> _vars;
    private readonly List<MatVariableInfo> _infos;

    private sealed record Variable(MatVariableInfo Info, double[]? Data, string? Text, string? Unsupported);

    private MatFile(string path, string format, List<Variable> vars)
    {
        Path = path;
        Format = format;
        _vars = new Dictionary<string, Variable>(StringComparer.Ordinal);
        foreach (var v in vars) _vars[v.Info.Name] = v;
        _infos = vars.Select(v => v.Info).ToList();
    }

    public string Path { get; }
    /// <summary>"level 5" or "v7.3 (HDF5)".</summary>
    public string Format { get; }
    public IReadOnlyList<MatVariableInfo> Variables => _infos;
    public bool Contains(string name) => _vars.ContainsKey(name);

    /// <summary>A numeric variable by name; an error naming the file, the variable and the variables that exist.</summary>
    public NumericArray Get(string name)
    {
        if (!_vars.TryGetValue(name, out var v))
            throw new DataFormatException(Path, $"has no variable '{name}'; it has {(_infos.Count == 0 ? "none" : string.Join(", ", _infos))}.");
        if (v.Unsupported is not null) throw new DataFormatException($"{Path}:{name}", v.Unsupported);
        if (v.Data is null) throw new DataFormatException($"{Path}:{name}", $"is a {v.Info.Class} array, not numbers.");
        return new NumericArray(v.Data, v.Info.Shape, $"{Path}:{name}", name, v.Info.Class);
    }

    /// <summary>The first variable among <paramref name="names"/> that exists, or null.</summary>
    public NumericArray? TryGetAny(params string[] names)
    {
        foreach (var n in names) if (_vars.ContainsKey(n)) return Get(n);
        return null;
    }

    /// <summary>A char variable as text.</summary>
    public string GetText(string name)
    {
        if (!_vars.TryGetValue(name, out var v)) throw new DataFormatException(Path, $"has no variable '{name}'.");
        return v.Text ?? throw new DataFormatException($"{Path}:{name}", $"is a {v.Info.Class} array, not text.");
    }

    /// <summary>Read a MAT-file (level 5 or v7.3).</summary>
    public static MatFile Read(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, "file not found.");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (IOException e) { throw new DataFormatException(path, $"cannot be read: {e.Message}", e); }
        return Read(bytes, path);
    }

    /// <summary>Read a MAT-file from memory; <paramref name="source"/> names it in errors.</summary>
    public static MatFile Read(byte[] bytes, string source)
    {
        if (IsHdf5(bytes)) return ReadHdf5(bytes, source);
        if (bytes.Length < 128)
            throw new DataFormatException(source, $"is {bytes.Length} bytes long; a MAT-file has a 128-byte header (truncated or not a MAT-file).");
        if (bytes[0] == 0 || bytes[1] == 0 || bytes[2] == 0 || bytes[3] == 0)
            throw new DataFormatException(source, "looks like a MATLAB level 4 MAT-file (or is not a MAT-file); only level 5 (-v6/-v7) and v7.3 (HDF5) are supported.");
        bool big;
        if (bytes[126] == 'I' && bytes[127] == 'M') big = false;
        else if (bytes[126] == 'M' && bytes[127] == 'I') big = true;
        else throw new DataFormatException(source, "is not a MAT-file: no 'MI'/'IM' endian indicator at byte 126 of the header.");
        var text = Encoding.ASCII.GetString(bytes, 0, 116);
        if (text.StartsWith("MATLAB 7.3", StringComparison.Ordinal))
            throw new DataFormatException(source, "says it is a v7.3 (HDF5) MAT-file but has no HDF5 signature; the file is truncated or corrupt.");
        var vars = new List<Variable>();
        var r = new Reader(bytes, 128, bytes.Length, big, source);
        while (r.Remaining >= 8)
        {
            var (type, n, dataStart, next) = r.Tag();
            if (dataStart + n > bytes.Length)
                throw new DataFormatException(source, $"is truncated: an element at byte {dataStart - 8} declares {n} bytes but only {bytes.Length - dataStart} remain.");
            if (type == MiCompressed)
            {
                byte[] inner;
                try
                {
                    using var zs = new ZLibStream(new MemoryStream(bytes, dataStart, n), CompressionMode.Decompress);
                    using var ms = new MemoryStream();
                    zs.CopyTo(ms);
                    inner = ms.ToArray();
                }
                catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
                {
                    throw new DataFormatException(source, $"a compressed element at byte {dataStart - 8} is corrupt or truncated ({e.Message}).", e);
                }
                var ir = new Reader(inner, 0, inner.Length, big, source);
                while (ir.Remaining >= 8)
                {
                    var (t2, n2, s2, nx2) = ir.Tag();
                    if (s2 + n2 > inner.Length)
                        throw new DataFormatException(source, $"is corrupt: a compressed element's matrix declares {n2} bytes but decompresses to {inner.Length - s2}.");
                    if (t2 == MiMatrix) vars.Add(ParseMatrix(inner, s2, n2, big, source));
                    ir.Position = nx2;
                }
            }
            else if (type == MiMatrix) vars.Add(ParseMatrix(bytes, dataStart, n, big, source));
            r.Position = next;
        }
        return new MatFile(source, "level 5", vars);
    }

    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9,
        MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15, MiUtf8 = 16, MiUtf16 = 17, MiUtf32 = 18;

    private static readonly string[] ClassNames =
        ["?", "cell", "struct", "object", "char", "sparse", "double", "single", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "function", "opaque"];

    private static Variable ParseMatrix(byte[] b, int start, int length, bool big, string source)
    {
        var r = new Reader(b, start, start + length, big, source);
        if (length == 0) return new Variable(new MatVariableInfo("", "empty", [0, 0], false), null, null, "is an empty element.");
        // Array flags
        var (ft, fn, fs, fnext) = r.Tag();
        if (ft != MiUInt32 || fn < 8) throw new DataFormatException(source, "has a matrix element without array flags (corrupt file).");
        uint flags = r.U32(fs);
        int cls = (int)(flags & 0xFF);
        bool complex = (flags & 0x0800) != 0, logical = (flags & 0x0200) != 0;
        r.Position = fnext;
        // Dimensions
        var (dt, dn, ds, dnext) = r.Tag();
        if (dt != MiInt32) throw new DataFormatException(source, "has a matrix element without dimensions (corrupt file).");
        var dims = new int[dn / 4];
        for (int k = 0; k < dims.Length; k++) dims[k] = r.I32(ds + 4 * k);
        r.Position = dnext;
        // Name
        var (nt, nn, ns, nnext) = r.Tag();
        if (nt != MiInt8 && nt != MiUInt8) throw new DataFormatException(source, "has a matrix element without a name (corrupt file).");
        var name = Encoding.ASCII.GetString(b, ns, nn);
        r.Position = nnext;
        string className = cls < ClassNames.Length ? ClassNames[cls] : $"class {cls}";
        if (logical) className = "logical";
        string where = $"{source}:{name}";
        long count = dims.Aggregate(1L, (a, d) => a * d);

        if (cls is >= 6 and <= 15)
        {
            var info = new MatVariableInfo(name, className, dims, !complex);
            if (complex) return new Variable(info, null, null, $"is a complex {ClassNames[cls]} array; only real arrays are supported.");
            var data = ReadNumbers(ref r, count, where);
            return new Variable(info, NumericArray.ColumnMajorToRowMajor(data, dims), null, null);
        }
        if (cls == 5) // sparse
        {
            var info = new MatVariableInfo(name, logical ? "sparse logical" : "sparse", dims, !complex);
            if (complex) return new Variable(info, null, null, "is a complex sparse array; only real arrays are supported.");
            if (dims.Length != 2) return new Variable(info, null, null, $"is a sparse array of shape {NumericArray.ShapeText(dims)}; expected 2-D.");
            var ir = ReadNumbers(ref r, -1, where);
            var jc = ReadNumbers(ref r, -1, where);
            var pr = ReadNumbers(ref r, -1, where);
            int rows = dims[0], cols = dims[1];
            if (jc.Length != cols + 1) throw new DataFormatException(where, $"sparse column index has {jc.Length} entries; expected {cols + 1}.");
            var dense = new double[(long)rows * cols];
            for (int j = 0; j < cols; j++)
                for (int k = (int)jc[j]; k < (int)jc[j + 1]; k++)
                {
                    if (k >= ir.Length || k >= pr.Length || ir[k] < 0 || ir[k] >= rows)
                        throw new DataFormatException(where, "sparse indices are out of range (corrupt file).");
                    dense[(long)ir[k] * cols + j] = pr[k];
                }
            return new Variable(info, dense, null, null);
        }
        if (cls == 4) // char
        {
            var info = new MatVariableInfo(name, "char", dims, false);
            var (ct, cn, cs, _) = r.Tag();
            r.CheckRange(cs, cn, where);
            string text = ct switch
            {
                MiUtf8 or MiUInt8 or MiInt8 => Encoding.UTF8.GetString(b, cs, cn),
                MiUtf16 or MiUInt16 or MiInt16 => (big ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(b, cs, cn),
                MiUtf32 or MiUInt32 or MiInt32 => (big ? new UTF32Encoding(true, false) : Encoding.UTF32).GetString(b, cs, cn),
                _ => "",
            };
            if (dims.Length == 2 && dims[0] > 1)
            {   // a char matrix: rows are strings stored column-major
                int rows = dims[0], cols = dims[1];
                var sb = new StringBuilder();
                for (int i = 0; i < rows; i++)
                {
                    if (i > 0) sb.Append('\n');
                    for (int j = 0; j < cols && j * rows + i < text.Length; j++) sb.Append(text[j * rows + i]);
                }
                text = sb.ToString();
            }
            return new Variable(info, null, text, null);
        }
        var kind = cls switch { 1 => "cell array", 2 => "struct", 3 => "object", 16 => "function handle", _ => className };
        return new Variable(new MatVariableInfo(name, className, dims, false), null, null,
            $"is a MATLAB {kind}; only numeric, logical and sparse arrays (and char text) can be read. Save the matrix as its own variable.");
    }

    /// <summary>Read one data element as doubles; <paramref name="expected"/> &lt; 0 accepts any count.</summary>
    private static double[] ReadNumbers(ref Reader r, long expected, string where)
    {
        if (r.Remaining < 8) throw new DataFormatException(where, "is truncated: the data element is missing.");
        var (t, n, s, next) = r.Tag();
        r.CheckRange(s, n, where);
        int size = t switch
        {
            MiInt8 or MiUInt8 => 1,
            MiInt16 or MiUInt16 => 2,
            MiInt32 or MiUInt32 or MiSingle => 4,
            MiDouble or MiInt64 or MiUInt64 => 8,
            _ => throw new DataFormatException(where, $"has data of MAT type {t}, which is not a numeric type (corrupt or unsupported file)."),
        };
        if (n % size != 0) throw new DataFormatException(where, $"data element of {n} bytes is not a whole number of {size}-byte values.");
        int count = n / size;
        if (expected >= 0 && count != expected)
            throw new DataFormatException(where, $"holds {count} values; its dimensions say {expected} (truncated or corrupt).");
        var d = new double[count];
        var span = r.Bytes.AsSpan(s, n);
        bool big = r.Big;
        for (int k = 0; k < count; k++)
        {
            var c = span.Slice(k * size, size);
            d[k] = t switch
            {
                MiInt8 => (sbyte)c[0],
                MiUInt8 => c[0],
                MiInt16 => big ? BinaryPrimitives.ReadInt16BigEndian(c) : BinaryPrimitives.ReadInt16LittleEndian(c),
                MiUInt16 => big ? BinaryPrimitives.ReadUInt16BigEndian(c) : BinaryPrimitives.ReadUInt16LittleEndian(c),
                MiInt32 => big ? BinaryPrimitives.ReadInt32BigEndian(c) : BinaryPrimitives.ReadInt32LittleEndian(c),
                MiUInt32 => big ? BinaryPrimitives.ReadUInt32BigEndian(c) : BinaryPrimitives.ReadUInt32LittleEndian(c),
                MiSingle => big ? BinaryPrimitives.ReadSingleBigEndian(c) : BinaryPrimitives.ReadSingleLittleEndian(c),
                MiDouble => big ? BinaryPrimitives.ReadDoubleBigEndian(c) : BinaryPrimitives.ReadDoubleLittleEndian(c),
                MiInt64 => big ? BinaryPrimitives.ReadInt64BigEndian(c) : BinaryPrimitives.ReadInt64LittleEndian(c),
                _ => big ? BinaryPrimitives.ReadUInt64BigEndian(c) : BinaryPrimitives.ReadUInt64LittleEndian(c),
            };
        }
        r.Position = next;
        return d;
    }

    private struct Reader(byte[] bytes, int position, int end, bool big, string source)
    {
        public readonly byte[] Bytes = bytes;
        public readonly bool Big = big;
        public int Position = position;
        private readonly int _end = end;
        private readonly string _source = source;
        public readonly int Remaining => _end - Position;

        public readonly uint U32(int at)
        {
            CheckRange(at, 4, _source);
            return Big ? BinaryPrimitives.ReadUInt32BigEndian(Bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(at));
        }
        public readonly int I32(int at) => unchecked((int)U32(at));

        public readonly void CheckRange(int at, int n, string where)
        {
            if (at < 0 || n < 0 || (long)at + n > _end)
                throw new DataFormatException(where, $"is truncated: needs {n} bytes at offset {at}, the element ends at {_end}.");
        }

        /// <summary>Read a tag at the current position: (type, byte count, data start, next element position).</summary>
        public readonly (int Type, int Bytes, int DataStart, int Next) Tag()
        {
            uint first = U32(Position);
            if ((first >> 16) != 0)
            {   // small data element: 2-byte count, 2-byte type, up to 4 data bytes
                int n = (int)(first >> 16), t = (int)(first & 0xFFFF);
                if (n > 4) throw new DataFormatException(_source, $"has a malformed small element at byte {Position}.");
                return (t, n, Position + 4, Position + 8);
            }
            int type = (int)first;
            uint nb = U32(Position + 4);
            if (nb > int.MaxValue) throw new DataFormatException(_source, $"declares an element of {nb} bytes at byte {Position} (corrupt file).");
            int start = Position + 8, len = (int)nb;
            // Compressed elements are not padded; all others end on an 8-byte boundary.
            int next = type == MiCompressed ? start + len : start + ((len + 7) & ~7);
            return (type, len, start, next);
        }
    }

    // ---------------- v7.3 (HDF5) ----------------

    private static bool IsHdf5(byte[] b)
    {
        ReadOnlySpan<byte> sig = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];
        for (int off = 0; off + 8 <= b.Length && off <= 4096; off = off == 0 ? 512 : off * 2)
            if (b.AsSpan(off, 8).SequenceEqual(sig)) return true;
        return false;
    }

    private static MatFile ReadHdf5(byte[] bytes, string source)
    {
        var vars = new List<Variable>();
        try
        {
            using var ms = new MemoryStream(bytes, writable: false);
            using var file = PureHDF.H5File.Open(ms);
            foreach (var child in file.Children())
            {
                if (child is not PureHDF.IH5Dataset ds)
                {
                    vars.Add(new Variable(new MatVariableInfo(child.Name, "struct", [], false), null, null,
                        "is an HDF5 group (a MATLAB struct or cell in a v7.3 file); only numeric arrays can be read."));
                    continue;
                }
                string cls = "double";
                if (ds.AttributeExists("MATLAB_class"))
                {
                    try { cls = ds.Attribute("MATLAB_class").Read<string>(); } catch (Exception) { cls = "unknown"; }
                }
                // HDF5 stores MATLAB's column-major array with the dimensions reversed.
                var h5dims = ds.Space.Dimensions.Select(d => checked((int)d)).ToArray();
                var dims = h5dims.Reverse().ToArray();
                if (dims.Length == 1) dims = [dims[0], 1];
                if (ds.AttributeExists("MATLAB_empty"))
                {
                    vars.Add(new Variable(new MatVariableInfo(child.Name, cls, [0, 0], true), [], null, null));
                    continue;
                }
                var t = ds.Type;
                double[]? values = null;
                string? why = null;
                if (cls is "cell" or "struct" or "function_handle" or "char")
                    why = $"is a MATLAB {cls} in a v7.3 file; only numeric and logical arrays can be read.";
                else if (t.Class == PureHDF.H5DataTypeClass.FloatingPoint)
                    values = t.Size == 4 ? ds.Read<float[]>().Select(v => (double)v).ToArray() : ds.Read<double[]>();
                else if (t.Class == PureHDF.H5DataTypeClass.FixedPoint)
                {
                    bool signed = t.FixedPoint.IsSigned;
                    values = (t.Size, signed) switch
                    {
                        (1, true) => ds.Read<sbyte[]>().Select(v => (double)v).ToArray(),
                        (1, false) => ds.Read<byte[]>().Select(v => (double)v).ToArray(),
                        (2, true) => ds.Read<short[]>().Select(v => (double)v).ToArray(),
                        (2, false) => ds.Read<ushort[]>().Select(v => (double)v).ToArray(),
                        (4, true) => ds.Read<int[]>().Select(v => (double)v).ToArray(),
                        (4, false) => ds.Read<uint[]>().Select(v => (double)v).ToArray(),
                        (8, true) => ds.Read<long[]>().Select(v => (double)v).ToArray(),
                        _ => ds.Read<ulong[]>().Select(v => (double)v).ToArray(),
                    };
                }
                else if (t.Class == PureHDF.H5DataTypeClass.Compound)
                    why = "is a complex array in a v7.3 file; only real arrays are supported.";
                else why = $"has HDF5 type {t.Class}; only numeric arrays can be read.";
                var info = new MatVariableInfo(child.Name, cls, dims, values is not null);
                // The HDF5 row-major data over reversed dims is exactly MATLAB's column-major order.
                vars.Add(new Variable(info, values is null ? null : NumericArray.ColumnMajorToRowMajor(values, dims), null, why));
            }
        }
        catch (DataFormatException) { throw; }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new DataFormatException(source, $"is a v7.3 (HDF5) MAT-file that could not be read: {e.Message}", e);
        }
        return new MatFile(source, "v7.3 (HDF5)", vars);
    }
}
