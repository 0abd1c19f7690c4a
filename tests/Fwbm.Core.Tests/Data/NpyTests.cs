using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Fwbm.Core.Data.Formats;
using Xunit;

namespace Fwbm.Core.Tests.Data;

public class NpyTests
{
    /// <summary>Bytes of a .npy file with the given version, header dict and raw data.</summary>
    internal static byte[] NpyBytes(int major, string dict, byte[] data)
    {
        int pre = major == 1 ? 10 : 12;
        var header = dict;
        int pad = (64 - (pre + header.Length + 1) % 64) % 64;
        header += new string(' ', pad) + "\n";
        var h = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(header);
        using var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        if (major == 1) { var l = new byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(l, (ushort)h.Length); ms.Write(l); }
        else { var l = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(l, (uint)h.Length); ms.Write(l); }
        ms.Write(h);
        ms.Write(data);
        return ms.ToArray();
    }

    private static NumericArray ReadBytes(byte[] b) => Npy.Read(new MemoryStream(b), "test.npy");

    [Fact]
    public void Reads_hansen_schaefer_sc_float64_and_binary_int32()
    {
        var sc = Npy.Read(TestData.File("hansen_receptors", "data", "schaefer", "sc_weighted.npy"));
        Assert.Equal([100, 100], sc.Shape);
        Assert.Equal("<f8", sc.DataType);
        Assert.Equal(1.0, sc.Data.Max());
        Assert.Equal(0.0, sc.Data.Min());
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(0.0, sc[i, i]);
            for (int j = 0; j < 100; j++) Assert.Equal(sc[i, j], sc[j, i]);
        }
        var bin = Npy.Read(TestData.File("hansen_receptors", "data", "schaefer", "sc_binary.npy"));
        Assert.Equal("<i4", bin.DataType);
        Assert.All(bin.Data, v => Assert.True(v is 0 or 1));
        // the binary matrix marks exactly the nonzero weights (22.7 % of entries per DESCRIPTION.txt)
        for (int k = 0; k < sc.Length; k++) Assert.Equal(sc.Data[k] != 0 ? 1.0 : 0.0, bin.Data[k]);
        Assert.Equal(0.227, sc.Data.Count(v => v != 0) / 10000.0, 3);
    }

    [Fact]
    public void Reads_hansen_lausanne_fc_with_unit_diagonal()
    {
        var fc = Npy.Read(TestData.File("hansen_receptors", "data", "lausanne", "fc_weighted.npy"));
        Assert.Equal([68, 68], fc.Shape);
        for (int i = 0; i < 68; i++) Assert.Equal(1.0, fc[i, i], 12);
        Assert.Equal(-0.254973, fc.Data.Min(), 5);
    }

    [Fact]
    public void Reads_unicode_receptor_names()
    {
        var names = Npy.ReadStrings(TestData.File("hansen_receptors", "data", "receptor_names_pet.npy"));
        Assert.Equal(["5HT1a", "5HT1b", "5HT2a", "5HT4", "5HT6", "5HTT", "A4B2", "CB1", "D1", "D2", "DAT", "GABAa", "H3", "M1", "mGluR5", "MOR", "NET", "NMDA", "VAChT"], names);
        var e = Assert.Throws<DataFormatException>(() => Npy.Read(TestData.File("hansen_receptors", "data", "receptor_names_pet.npy")));
        Assert.Contains("text", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Reads_all_format_versions(int major)
    {
        var data = new byte[16];
        BinaryPrimitives.WriteDoubleLittleEndian(data, 1.5);
        BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(8), -2.25);
        var a = ReadBytes(NpyBytes(major, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", data));
        Assert.Equal([1.5, -2.25], a.Data);
        Assert.Equal([2], a.Shape);
    }

    [Fact]
    public void Reads_big_endian_integers_floats_and_bool()
    {
        var be = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(be, -7);
        BinaryPrimitives.WriteInt32BigEndian(be.AsSpan(4), 123456);
        Assert.Equal([-7.0, 123456.0], ReadBytes(NpyBytes(1, "{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }", be)).Data);
        var f = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(f, Math.PI);
        Assert.Equal(Math.PI, ReadBytes(NpyBytes(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", f)).Data[0]);
        var f4 = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(f4, 0.1f);
        Assert.Equal((double)0.1f, ReadBytes(NpyBytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", f4)).Data[0]);
        var h = new byte[2];
        BinaryPrimitives.WriteHalfLittleEndian(h, (Half)0.5);
        Assert.Equal(0.5, ReadBytes(NpyBytes(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }", h)).Data[0]);
        Assert.Equal([1.0, 0.0, 1.0], ReadBytes(NpyBytes(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", [1, 0, 7])).Data);
        Assert.Equal([255.0, 0.0], ReadBytes(NpyBytes(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", [255, 0])).Data);
        Assert.Equal([-1.0, 127.0], ReadBytes(NpyBytes(1, "{'descr': '|i1', 'fortran_order': False, 'shape': (2,), }", [255, 127])).Data);
        var u8 = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(u8, 1UL << 40);
        Assert.Equal(Math.Pow(2, 40), ReadBytes(NpyBytes(1, "{'descr': '>u8', 'fortran_order': False, 'shape': (1,), }", u8)).Data[0]);
        var i2 = new byte[2];
        BinaryPrimitives.WriteInt16LittleEndian(i2, -300);
        Assert.Equal(-300.0, ReadBytes(NpyBytes(1, "{'descr': '<i2', 'fortran_order': False, 'shape': (1,), }", i2)).Data[0]);
    }

    [Fact]
    public void Fortran_order_is_converted_to_row_major()
    {
        // The 2×3 matrix [[1,2,3],[4,5,6]] stored column-major: 1 4 2 5 3 6
        var d = new byte[6 * 8];
        double[] colMajor = [1, 4, 2, 5, 3, 6];
        for (int k = 0; k < 6; k++) BinaryPrimitives.WriteDoubleLittleEndian(d.AsSpan(8 * k), colMajor[k]);
        var a = ReadBytes(NpyBytes(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", d));
        Assert.Equal([2, 3], a.Shape);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], a.Data);
        Assert.Equal(6.0, a[1, 2]);
    }

    [Fact]
    public void Three_d_fortran_order()
    {
        // shape (2,2,2): value = 100 i + 10 j + k, stored with i fastest
        var d = new byte[8 * 8];
        int n = 0;
        for (int k = 0; k < 2; k++) for (int j = 0; j < 2; j++) for (int i = 0; i < 2; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(d.AsSpan(8 * n++), 100 * i + 10 * j + k);
        var a = ReadBytes(NpyBytes(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2, 2), }", d));
        Assert.Equal([0.0, 1, 10, 11, 100, 101, 110, 111], a.Data);
    }

    [Fact]
    public void Writer_round_trips()
    {
        using var ms = new MemoryStream();
        Npy.Write(ms, [1, 2, 3, 4, 5, 6], [3, 2]);
        var a = ReadBytes(ms.ToArray());
        Assert.Equal([3, 2], a.Shape);
        Assert.Equal(4.0, a[1, 1]);
        Assert.Equal(0, (ms.Length - 48) % 64); // header padded so the data start on a 64-byte boundary
    }

    [Fact]
    public void Npz_with_stored_and_deflated_members()
    {
        using var dir = new TempDir();
        var path = dir.File("arrays.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var (name, level, values) in new[] { ("sc", CompressionLevel.NoCompression, new double[] { 0, 1, 1, 0 }), ("len", CompressionLevel.Optimal, new double[] { 0, 12.5, 12.5, 0 }) })
            {
                using var s = zip.CreateEntry(name + ".npy", level).Open();
                Npy.Write(s, values, [2, 2]);
            }
        }
        var z = Npy.ReadNpz(path);
        Assert.Equal(12.5, z["len"][0, 1]);
        Assert.Equal(1.0, z["sc"][1, 0]);
    }

    [Theory]
    [InlineData("<c16", "complex")]
    [InlineData("|O", "object")]
    [InlineData("<M8", "datetime")]
    [InlineData("<f16", "float128")]
    public void Unsupported_dtypes_are_named(string descr, string word)
    {
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(NpyBytes(1, $"{{'descr': '{descr}', 'fortran_order': False, 'shape': (1,), }}", new byte[16])));
        Assert.Contains("test.npy", e.Message);
        Assert.Contains(descr, e.Message);
        Assert.Contains(word, e.Message);
    }

    [Fact]
    public void Structured_dtype_is_refused()
    {
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(NpyBytes(1, "{'descr': [('a', '<f8'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,), }", new byte[12])));
        Assert.Contains("structured", e.Message);
    }

    [Fact]
    public void Truncated_and_corrupt_files_name_the_file_and_the_problem()
    {
        var real = File.ReadAllBytes(TestData.File("hansen_receptors", "data", "schaefer", "sc_weighted.npy"));
        using var dir = new TempDir();
        var cut = dir.File("cut.npy");
        File.WriteAllBytes(cut, real[..(real.Length / 2)]);
        var e = Assert.Throws<DataFormatException>(() => Npy.Read(cut));
        Assert.Contains("cut.npy", e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("(100, 100)", e.Message);

        var headerCut = dir.File("header.npy");
        File.WriteAllBytes(headerCut, real[..40]);
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => Npy.Read(headerCut)).Message);

        var garbage = dir.File("garbage.npy");
        File.WriteAllBytes(garbage, Encoding.ASCII.GetBytes("this is not numpy at all"));
        Assert.Contains("magic", Assert.Throws<DataFormatException>(() => Npy.Read(garbage)).Message);

        var v9 = (byte[])real.Clone();
        v9[6] = 9;
        File.WriteAllBytes(dir.File("v9.npy"), v9);
        Assert.Contains("version 9", Assert.Throws<DataFormatException>(() => Npy.Read(dir.File("v9.npy"))).Message);

        var npz = dir.File("bad.npz");
        File.WriteAllBytes(npz, real[..100]);
        Assert.Contains("bad.npz", Assert.Throws<DataFormatException>(() => Npy.ReadNpz(npz)).Message);
    }
}
