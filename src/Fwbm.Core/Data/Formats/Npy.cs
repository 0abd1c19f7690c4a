using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Fwbm.Core.Data.Formats;

/// <summary>
/// NumPy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0) and <c>.npz</c> archives. Numeric dtypes: float16/32/64,
/// signed and unsigned integers of 1–8 bytes, bool; little-, big- and native-endian; C and Fortran order. Unicode
/// (<c>U</c>) and byte (<c>S</c>) string arrays are read by <see cref="ReadStrings(string)"/>. Complex, object (pickled)
/// and structured dtypes are refused with a clear error.
/// </summary>
public static partial class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>A parsed header.</summary>
    internal sealed record Header(int Major, int Minor, string Descr, bool FortranOrder, int[] Shape, long DataOffset)
    {
        public long Count => Shape.Aggregate(1L, (a, b) => a * b);
    }

    /// <summary>Read a numeric array from a .npy file.</summary>
    public static NumericArray Read(string path)
    {
        using var s = OpenRead(path);
        return Read(s, path);
    }

    /// <summary>Read a numeric array from a stream holding a .npy file; <paramref name="source"/> names it in errors.</summary>
    public static NumericArray Read(Stream stream, string source, string? name = null)
    {
        var bytes = ReadAll(stream, source);
        var h = ParseHeader(bytes, source);
        var dt = ParseDescr(h.Descr, source);
        if (dt.Kind is 'U' or 'S')
            throw new DataFormatException(source, $"holds text (dtype '{h.Descr}'), not numbers; use Npy.ReadStrings for string arrays.");
        var data = DecodeNumbers(bytes, h, dt, source);
        if (h.FortranOrder) data = NumericArray.ColumnMajorToRowMajor(data, h.Shape);
        return new NumericArray(data, h.Shape, source, name, h.Descr);
    }

    /// <summary>Read a string array (dtype U or S) from a .npy file, in C order.</summary>
    public static string[] ReadStrings(string path)
    {
        using var s = OpenRead(path);
        var bytes = ReadAll(s, path);
        var h = ParseHeader(bytes, path);
        var dt = ParseDescr(h.Descr, path);
        if (dt.Kind is not ('U' or 'S')) throw new DataFormatException(path, $"holds dtype '{h.Descr}'; expected a string array (U or S).");
        long need = h.Count * dt.Size;
        CheckLength(bytes, h, need, path);
        var result = new string[h.Count];
        var span = bytes.AsSpan((int)h.DataOffset);
        for (long k = 0; k < h.Count; k++)
        {
            var cell = span.Slice((int)(k * dt.Size), dt.Size);
            string v;
            if (dt.Kind == 'S') v = Encoding.Latin1.GetString(cell).TrimEnd('\0');
            else
            {
                var sb = new StringBuilder();
                for (int c = 0; c < dt.Size; c += 4)
                {
                    uint cp = dt.BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(cell[c..]) : BinaryPrimitives.ReadUInt32LittleEndian(cell[c..]);
                    if (cp == 0) break;
                    sb.Append(char.ConvertFromUtf32((int)cp));
                }
                v = sb.ToString();
            }
            result[k] = v;
        }
        if (h.FortranOrder && h.Shape.Length > 1)
        {
            var idx = NumericArray.ColumnMajorToRowMajor(Enumerable.Range(0, result.Length).Select(i => (double)i).ToArray(), h.Shape);
            result = idx.Select(i => result[(int)i]).ToArray();
        }
        return result;
    }

    /// <summary>Read every numeric array of a .npz archive (stored or deflated members), by name without ".npy".</summary>
    public static IReadOnlyDictionary<string, NumericArray> ReadNpz(string path)
    {
        var result = new Dictionary<string, NumericArray>(StringComparer.Ordinal);
        using var fs = OpenRead(path);
        ZipArchive zip;
        try { zip = new ZipArchive(fs, ZipArchiveMode.Read); }
        catch (InvalidDataException e) { throw new DataFormatException(path, $"is not a valid .npz (zip) archive: {e.Message}", e); }
        using (zip)
        {
            foreach (var entry in zip.Entries)
            {
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
                var name = entry.FullName[..^4];
                var src = $"{path}:{entry.FullName}";
                using var es = ZipMember.ReadVerified(entry, path); // size and CRC-32 checked
                result[name] = Read(es, src, name);
            }
        }
        if (result.Count == 0) throw new DataFormatException(path, "the .npz archive holds no .npy arrays.");
        return result;
    }

    /// <summary>Write a float64 array as a version 1.0 .npy (little-endian, C order).</summary>
    public static void Write(Stream stream, ReadOnlySpan<double> data, IReadOnlyList<int> shape)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != data.Length) throw new ArgumentException($"{data.Length} values for shape {NumericArray.ShapeText(shape)}.");
        string shapeText = shape.Count == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        var header = $"{{'descr': '<f8', 'fortran_order': False, 'shape': {shapeText}, }}";
        int total = Magic.Length + 2 + 2 + header.Length + 1;
        int pad = (64 - total % 64) % 64;
        header = header + new string(' ', pad) + "\n";
        stream.Write(Magic);
        stream.WriteByte(1); stream.WriteByte(0);
        Span<byte> len = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
        stream.Write(len);
        stream.Write(Encoding.ASCII.GetBytes(header));
        var buf = new byte[8 * Math.Min(data.Length, 8192)];
        for (int off = 0; off < data.Length; off += 8192)
        {
            int n = Math.Min(8192, data.Length - off);
            for (int k = 0; k < n; k++) BinaryPrimitives.WriteDoubleLittleEndian(buf.AsSpan(8 * k), data[off + k]);
            stream.Write(buf, 0, 8 * n);
        }
    }

    private static FileStream OpenRead(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, "file not found.");
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    private static byte[] ReadAll(Stream s, string source)
    {
        try
        {
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        }
        catch (InvalidDataException e) { throw new DataFormatException(source, $"cannot be read: {e.Message}", e); }
    }

    internal static Header ParseHeader(byte[] b, string source)
    {
        if (b.Length < 10 || !b.AsSpan(0, 6).SequenceEqual(Magic))
            throw new DataFormatException(source, "is not a NumPy .npy file (missing the \\x93NUMPY magic).");
        int major = b[6], minor = b[7];
        long hlen;
        int start;
        switch (major)
        {
            case 1: hlen = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(8)); start = 10; break;
            case 2 or 3:
                if (b.Length < 12) throw new DataFormatException(source, "is truncated inside the .npy header.");
                hlen = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(8)); start = 12; break;
            default: throw new DataFormatException(source, $".npy format version {major}.{minor} is not supported; expected 1.0, 2.0 or 3.0.");
        }
        if (start + hlen > b.Length) throw new DataFormatException(source, $"is truncated: the header says {hlen} bytes but the file has {b.Length - start} after the preamble.");
        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(b, start, (int)hlen);
        var descr = DescrRegex().Match(text);
        var fortran = FortranRegex().Match(text);
        var shape = ShapeRegex().Match(text);
        if (!descr.Success)
        {
            if (text.Contains("'descr': [", StringComparison.Ordinal))
                throw new DataFormatException(source, "holds a structured (record) dtype; only plain numeric or string arrays are supported.");
            throw new DataFormatException(source, $"has a malformed .npy header (no 'descr'): {text.Trim()}");
        }
        if (!fortran.Success || !shape.Success) throw new DataFormatException(source, $"has a malformed .npy header: {text.Trim()}");
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
                : throw new DataFormatException(source, $"has a malformed shape '{shape.Groups[1].Value}' in its .npy header.")).ToArray();
        return new Header(major, minor, descr.Groups[1].Value, fortran.Groups[1].Value == "True", dims, start + hlen);
    }

    internal readonly record struct DType(char Kind, int Size, bool BigEndian);

    internal static DType ParseDescr(string descr, string source)
    {
        if (descr.Length < 2) throw new DataFormatException(source, $"unsupported dtype '{descr}'.");
        char order = descr[0];
        string rest = descr;
        if (order is '<' or '>' or '|' or '=') rest = descr[1..];
        else order = '=';
        bool big = order == '>' || (order == '=' && !BitConverter.IsLittleEndian);
        char kind = rest[0];
        if (!int.TryParse(rest.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int size)) size = -1;
        bool ok = size > 0 && kind switch
        {
            'f' => size is 2 or 4 or 8,
            'i' or 'u' => size is 1 or 2 or 4 or 8,
            'b' => size == 1,
            'U' => size >= 1,
            'S' => size >= 1,
            _ => false,
        };
        if (!ok)
        {
            string what = kind switch
            {
                _ when size < 0 && kind is not ('O' or 'c' or 'M' or 'm' or 'V') => "malformed element type",
                'c' => "complex numbers are not supported",
                'O' => "object arrays (pickled Python objects) are not supported",
                'M' or 'm' => "datetime/timedelta arrays are not supported",
                'V' => "raw void/structured records are not supported",
                'f' => $"float{size * 8} is not supported",
                _ => "this element type is not supported",
            };
            throw new DataFormatException(source, $"unsupported dtype '{descr}': {what}; expected float16/32/64, (u)int8–64 or bool.");
        }
        return new DType(kind, kind == 'U' ? size * 4 : size, big);
    }

    private static void CheckLength(byte[] b, Header h, long need, string source)
    {
        long have = b.Length - h.DataOffset;
        if (have < need)
            throw new DataFormatException(source, $"is truncated: shape ({string.Join(", ", h.Shape)}) of '{h.Descr}' needs {need} data bytes, the file has {have}.");
        if (have > need)
            throw new DataFormatException(source, $"has {have - need} bytes after the data of shape ({string.Join(", ", h.Shape)}) '{h.Descr}'; the file is corrupt or not a single array.");
    }

    private static double[] DecodeNumbers(byte[] b, Header h, DType dt, string source)
    {
        long need = h.Count * dt.Size;
        CheckLength(b, h, need, source);
        var d = new double[h.Count];
        var s = b.AsSpan((int)h.DataOffset);
        bool be = dt.BigEndian;
        for (int k = 0; k < d.Length; k++)
        {
            var c = s.Slice(k * dt.Size, dt.Size);
            d[k] = (dt.Kind, dt.Size) switch
            {
                ('f', 8) => be ? BinaryPrimitives.ReadDoubleBigEndian(c) : BinaryPrimitives.ReadDoubleLittleEndian(c),
                ('f', 4) => be ? BinaryPrimitives.ReadSingleBigEndian(c) : BinaryPrimitives.ReadSingleLittleEndian(c),
                ('f', 2) => (double)(be ? BinaryPrimitives.ReadHalfBigEndian(c) : BinaryPrimitives.ReadHalfLittleEndian(c)),
                ('i', 1) => (sbyte)c[0],
                ('u', 1) => c[0],
                ('b', 1) => c[0] != 0 ? 1 : 0,
                ('i', 2) => be ? BinaryPrimitives.ReadInt16BigEndian(c) : BinaryPrimitives.ReadInt16LittleEndian(c),
                ('u', 2) => be ? BinaryPrimitives.ReadUInt16BigEndian(c) : BinaryPrimitives.ReadUInt16LittleEndian(c),
                ('i', 4) => be ? BinaryPrimitives.ReadInt32BigEndian(c) : BinaryPrimitives.ReadInt32LittleEndian(c),
                ('u', 4) => be ? BinaryPrimitives.ReadUInt32BigEndian(c) : BinaryPrimitives.ReadUInt32LittleEndian(c),
                ('i', 8) => be ? BinaryPrimitives.ReadInt64BigEndian(c) : BinaryPrimitives.ReadInt64LittleEndian(c),
                ('u', 8) => be ? BinaryPrimitives.ReadUInt64BigEndian(c) : BinaryPrimitives.ReadUInt64LittleEndian(c),
                _ => throw new DataFormatException(source, $"unsupported dtype '{h.Descr}'."),
            };
        }
        return d;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrRegex();
    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranRegex();
    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
