using System.IO.Compression;
using System.Text;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>`fwbm simulate --connectome &lt;file&gt;` on damaged files of every binary format: exit 2, one line naming the file.</summary>
public sealed class SimulateBadFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fwbm-badfile-" + Guid.NewGuid().ToString("N")[..10]);

    public SimulateBadFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static byte[] TvbZip(CompressionLevel level)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var s = zip.CreateEntry(name, level).Open();
                s.Write(Encoding.ASCII.GetBytes(text));
            }
            var sb = new StringBuilder();
            for (int i = 0; i < 40; i++)
                sb.AppendLine(string.Join(' ', Enumerable.Range(0, 40).Select(j => i == j ? "0" : "1")));
            Add("weights.txt", sb.ToString());
            Add("centres.txt", string.Concat(Enumerable.Range(0, 40).Select(i => $"r{i} {i} 0 0\n")));
        }
        return ms.ToArray();
    }

    private static byte[] MatHeader(string text)
    {
        var h = new byte[128];
        Array.Fill(h, (byte)' ', 0, 116);
        Encoding.ASCII.GetBytes(text).CopyTo(h, 0);
        Array.Clear(h, 116, 8);
        h[124] = 0x00; h[125] = 0x01; h[126] = (byte)'I'; h[127] = (byte)'M';
        return h;
    }

    private string Make(string kind)
    {
        switch (kind)
        {
            case "truncated-zip":
            {
                var z = TvbZip(CompressionLevel.Optimal);
                var p = Path.Combine(_dir, "cut.zip");
                File.WriteAllBytes(p, z[..(z.Length * 6 / 10)]);
                return p;
            }
            case "corrupt-zip-member":
            {
                var z = TvbZip(CompressionLevel.NoCompression);
                var text = Encoding.ASCII.GetBytes("0 1 1 1");
                int at = z.AsSpan().IndexOf(text); // the first row of the stored weights.txt
                z[at + 2] = (byte)'3';               // '1' → '3': one bit, still a valid matrix
                var p = Path.Combine(_dir, "flipped.zip");
                File.WriteAllBytes(p, z);
                return p;
            }
            case "truncated-mat":
            {
                var body = new MemoryStream();
                body.Write(MatHeader("MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Thu Jan  1 00:00:00 2026"));
                body.Write(BitConverter.GetBytes(14));   // miMATRIX
                body.Write(BitConverter.GetBytes(800));  // says 800 bytes follow
                body.Write(new byte[40]);                // 40 do
                var p = Path.Combine(_dir, "cut.mat");
                File.WriteAllBytes(p, body.ToArray());
                return p;
            }
            case "npy-complex":
            {
                var header = "{'descr': '<c16', 'fortran_order': False, 'shape': (2, 2), }";
                header = header.PadRight(128 - 10 - 1) + "\n";
                var b = new MemoryStream();
                b.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
                b.Write(BitConverter.GetBytes((ushort)header.Length));
                b.Write(Encoding.ASCII.GetBytes(header));
                b.Write(new byte[4 * 16]);
                var p = Path.Combine(_dir, "complex.npy");
                File.WriteAllBytes(p, b.ToArray());
                return p;
            }
            case "garbage-hdf5":
            {
                var b = new MemoryStream();
                b.Write(MatHeader("MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Thu Jan  1 00:00:00 2026 HDF5 schema 1.00 ."));
                b.Write(new byte[512 - 128]);
                b.Write([0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A]);
                var junk = new byte[3000];
                new Random(3).NextBytes(junk);
                b.Write(junk);
                var p = Path.Combine(_dir, "garbage.mat");
                File.WriteAllBytes(p, b.ToArray());
                return p;
            }
            default: throw new ArgumentException(kind);
        }
    }

    [Theory]
    [InlineData("truncated-zip", "zip")]
    [InlineData("corrupt-zip-member", "CRC-32")]
    [InlineData("truncated-mat", "truncated")]
    [InlineData("npy-complex", "complex")]
    [InlineData("garbage-hdf5", "HDF5")]
    public void A_damaged_file_is_exit_2_with_one_line_naming_it(string kind, string expected)
    {
        var file = Make(kind);
        var outDir = Path.Combine(_dir, "out-" + kind);
        var (code, _, err) = ModelsCommandTests.Run("simulate", "--connectome", file, "--model", "hopf", "--duration", "2", "--transient", "0", "--out", outDir);
        Assert.True(code == 2, $"exit {code}: {err}");
        var lines = err.Trim().Split('\n');
        Assert.True(lines.Length == 1, err);
        Assert.StartsWith("fwbm: error: ", lines[0]);
        Assert.Contains(Path.GetFileName(file), lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.False(File.Exists(Path.Combine(outDir, "summary.json")));
    }
}
