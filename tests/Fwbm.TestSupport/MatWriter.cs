using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Fwbm.TestSupport;

/// <summary>
/// Writes small MAT level-5 files for tests: any numeric class, data stored in any MAT type, compressed or not, either
/// endianness, logical, sparse, char, struct and complex flags. Independent of the reader (spec: MATLAB "MAT-File Format", 2020).
/// </summary>
public sealed class MatWriter
{
    private readonly bool _big;
    private readonly MemoryStream _ms = new();

    public MatWriter(bool bigEndian = false)
    {
        _big = bigEndian;
        var text = Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, Platform: test, Created by: FWBM tests".PadRight(116));
        _ms.Write(text);
        _ms.Write(new byte[8]);
        WriteU16(_ms, 0x0100);
        _ms.Write(_big ? "MI"u8 : "IM"u8);
    }

    public const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9, MiInt64 = 12, MiUInt64 = 13, MiUtf16 = 17;
    public const int CDouble = 6, CSingle = 7, CInt8 = 8, CUInt8 = 9, CInt16 = 10, CUInt16 = 11, CInt32 = 12, CUInt32 = 13, CInt64 = 14, CUInt64 = 15, CChar = 4, CSparse = 5, CStruct = 2, CCell = 1;

    /// <summary>A numeric matrix given row-major; written column-major as MATLAB does, values stored as <paramref name="miType"/>.</summary>
    public MatWriter Numeric(string name, int mxClass, int miType, int rows, int cols, double[] rowMajor, bool compress = false, bool logical = false, bool complex = false)
    {
        var col = new double[rows * cols];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) col[j * rows + i] = rowMajor[i * cols + j];
        var body = new MemoryStream();
        Flags(body, mxClass, logical, complex, 0);
        Dims(body, [rows, cols]);
        Name(body, name);
        Element(body, miType, Encode(miType, col));
        if (complex) Element(body, miType, Encode(miType, new double[col.Length]));
        Matrix(body.ToArray(), compress);
        return this;
    }

    public MatWriter Sparse(string name, int rows, int cols, (int I, int J, double V)[] entries, bool compress = false)
    {
        var byCol = entries.OrderBy(e => e.J).ThenBy(e => e.I).ToArray();
        var jc = new double[cols + 1];
        foreach (var e in byCol) jc[e.J + 1]++;
        for (int j = 0; j < cols; j++) jc[j + 1] += jc[j];
        var body = new MemoryStream();
        Flags(body, CSparse, false, false, byCol.Length);
        Dims(body, [rows, cols]);
        Name(body, name);
        Element(body, MiInt32, Encode(MiInt32, byCol.Select(e => (double)e.I).ToArray()));
        Element(body, MiInt32, Encode(MiInt32, jc));
        Element(body, MiDouble, Encode(MiDouble, byCol.Select(e => e.V).ToArray()));
        Matrix(body.ToArray(), compress);
        return this;
    }

    public MatWriter Char(string name, string text)
    {
        var body = new MemoryStream();
        Flags(body, CChar, false, false, 0);
        Dims(body, [1, text.Length]);
        Name(body, name);
        Element(body, MiUtf16, (_big ? Encoding.BigEndianUnicode : Encoding.Unicode).GetBytes(text));
        Matrix(body.ToArray(), false);
        return this;
    }

    /// <summary>A struct with one double field (enough to test that it is refused clearly).</summary>
    public MatWriter Struct(string name)
    {
        var body = new MemoryStream();
        Flags(body, CStruct, false, false, 0);
        Dims(body, [1, 1]);
        Name(body, name);
        Element(body, MiInt32, Encode(MiInt32, [32]));       // field name length
        Element(body, MiInt8, Encoding.ASCII.GetBytes("a".PadRight(32, '\0')));
        var inner = new MemoryStream();
        Flags(inner, CDouble, false, false, 0);
        Dims(inner, [1, 1]);
        Name(inner, "");
        Element(inner, MiDouble, Encode(MiDouble, [1]));
        Element(body, 14, inner.ToArray());
        Matrix(body.ToArray(), false);
        return this;
    }

    public byte[] ToArray() => _ms.ToArray();

    public string Save(string path) { File.WriteAllBytes(path, ToArray()); return path; }

    private void Matrix(byte[] body, bool compress)
    {
        var el = new MemoryStream();
        Element(el, 14, body);
        if (!compress) { _ms.Write(el.ToArray()); return; }
        var z = new MemoryStream();
        using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) zs.Write(el.ToArray());
        WriteU32(_ms, 15);
        WriteU32(_ms, (uint)z.Length);
        _ms.Write(z.ToArray()); // compressed elements are not padded
    }

    private void Flags(Stream s, int cls, bool logical, bool complex, int nzmax)
    {
        uint f = (uint)cls | (logical ? 0x0200u : 0) | (complex ? 0x0800u : 0);
        var b = new MemoryStream();
        WriteU32(b, f);
        WriteU32(b, (uint)nzmax);
        Element(s, MiUInt32, b.ToArray());
    }

    private void Dims(Stream s, int[] dims) => Element(s, MiInt32, Encode(MiInt32, dims.Select(d => (double)d).ToArray()));

    private void Name(Stream s, string name)
    {
        var b = Encoding.ASCII.GetBytes(name);
        if (b.Length is > 0 and <= 4)
        {   // small data element format
            WriteU32(s, (uint)(b.Length << 16 | MiInt8));
            var pad = new byte[4];
            b.CopyTo(pad, 0);
            s.Write(pad);
        }
        else Element(s, MiInt8, b);
    }

    private void Element(Stream s, int type, byte[] data)
    {
        WriteU32(s, (uint)type);
        WriteU32(s, (uint)data.Length);
        s.Write(data);
        int pad = (8 - data.Length % 8) % 8;
        s.Write(new byte[pad]);
    }

    private byte[] Encode(int miType, double[] v)
    {
        int size = miType switch { MiInt8 or MiUInt8 => 1, MiInt16 or MiUInt16 => 2, MiInt32 or MiUInt32 or MiSingle => 4, _ => 8 };
        var b = new byte[v.Length * size];
        for (int k = 0; k < v.Length; k++)
        {
            var c = b.AsSpan(k * size, size);
            switch (miType)
            {
                case MiInt8: c[0] = (byte)(sbyte)v[k]; break;
                case MiUInt8: c[0] = (byte)v[k]; break;
                case MiInt16: if (_big) BinaryPrimitives.WriteInt16BigEndian(c, (short)v[k]); else BinaryPrimitives.WriteInt16LittleEndian(c, (short)v[k]); break;
                case MiUInt16: if (_big) BinaryPrimitives.WriteUInt16BigEndian(c, (ushort)v[k]); else BinaryPrimitives.WriteUInt16LittleEndian(c, (ushort)v[k]); break;
                case MiInt32: if (_big) BinaryPrimitives.WriteInt32BigEndian(c, (int)v[k]); else BinaryPrimitives.WriteInt32LittleEndian(c, (int)v[k]); break;
                case MiUInt32: if (_big) BinaryPrimitives.WriteUInt32BigEndian(c, (uint)v[k]); else BinaryPrimitives.WriteUInt32LittleEndian(c, (uint)v[k]); break;
                case MiSingle: if (_big) BinaryPrimitives.WriteSingleBigEndian(c, (float)v[k]); else BinaryPrimitives.WriteSingleLittleEndian(c, (float)v[k]); break;
                case MiInt64: if (_big) BinaryPrimitives.WriteInt64BigEndian(c, (long)v[k]); else BinaryPrimitives.WriteInt64LittleEndian(c, (long)v[k]); break;
                case MiUInt64: if (_big) BinaryPrimitives.WriteUInt64BigEndian(c, (ulong)v[k]); else BinaryPrimitives.WriteUInt64LittleEndian(c, (ulong)v[k]); break;
                default: if (_big) BinaryPrimitives.WriteDoubleBigEndian(c, v[k]); else BinaryPrimitives.WriteDoubleLittleEndian(c, v[k]); break;
            }
        }
        return b;
    }

    private void WriteU32(Stream s, uint v) { var b = new byte[4]; if (_big) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v); s.Write(b); }
    private void WriteU16(Stream s, ushort v) { var b = new byte[2]; if (_big) BinaryPrimitives.WriteUInt16BigEndian(b, v); else BinaryPrimitives.WriteUInt16LittleEndian(b, v); s.Write(b); }
}
