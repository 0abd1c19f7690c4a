using System.Buffers.Binary;
using System.IO.Compression;
using Fwbm.Core.Data;
using Fwbm.Core.Data.Formats;
using Xunit;

namespace Fwbm.Core.Tests.Data;

/// <summary>Damaged zip members (bit flips that still inflate, or stored members) are errors naming archive and member.</summary>
public class ZipIntegrityTests
{
    /// <summary>Offset and length of a member's (compressed) data inside the archive bytes, from its local header.</summary>
    private static (int Offset, int Length) MemberData(byte[] zipBytes, string member)
    {
        long headerOffset, compressed;
        using (var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read))
        {
            var e = zip.Entries.Single(x => x.FullName == member);
            compressed = e.CompressedLength;
            // the local header offset is not public: find the header by its name
            headerOffset = -1;
            var name = System.Text.Encoding.UTF8.GetBytes(member);
            for (int i = 0; i + 30 + name.Length < zipBytes.Length; i++)
                if (BinaryPrimitives.ReadUInt32LittleEndian(zipBytes.AsSpan(i)) == 0x04034b50
                    && BinaryPrimitives.ReadUInt16LittleEndian(zipBytes.AsSpan(i + 26)) == name.Length
                    && zipBytes.AsSpan(i + 30, name.Length).SequenceEqual(name)) { headerOffset = i; break; }
        }
        Assert.True(headerOffset >= 0, $"local header of {member} not found");
        int n = BinaryPrimitives.ReadUInt16LittleEndian(zipBytes.AsSpan((int)headerOffset + 26));
        int m = BinaryPrimitives.ReadUInt16LittleEndian(zipBytes.AsSpan((int)headerOffset + 28));
        return ((int)headerOffset + 30 + n + m, (int)compressed);
    }

    /// <summary>The inflated bytes when the deflate data still inflate without error to <paramref name="length"/> bytes, else null.</summary>
    private static byte[]? Inflate(byte[] deflated, long length)
    {
        try
        {
            using var d = new DeflateStream(new MemoryStream(deflated), CompressionMode.Decompress);
            var ms = new MemoryStream();
            d.CopyTo(ms);
            return ms.Length == length ? ms.ToArray() : null;
        }
        catch (InvalidDataException) { return null; }
    }

    /// <summary>
    /// The archive with the first bit flipped, from the middle of the member's compressed data on, that the inflater does
    /// not notice and whose unpacked text <paramref name="plausible"/> still accepts (so only the CRC can tell).
    /// </summary>
    private static byte[] SilentFlip(byte[] bytes, string member, Func<byte[], bool> plausible)
    {
        long unpacked;
        byte[] original;
        using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
        {
            var e = zip.GetEntry(member)!;
            unpacked = e.Length;
            using var s = e.Open();
            var ms = new MemoryStream();
            s.CopyTo(ms);
            original = ms.ToArray();
        }
        var (off, len) = MemberData(bytes, member);
        for (int bit = len / 2 * 8; bit < len * 8; bit++)
        {
            var copy = (byte[])bytes.Clone();
            copy[off + bit / 8] ^= (byte)(1 << (bit % 8));
            if (Inflate(copy.AsSpan(off, len).ToArray(), unpacked) is { } text && !text.AsSpan().SequenceEqual(original) && plausible(text))
                return copy;
        }
        throw new InvalidOperationException($"no silent bit flip found in {member}");
    }

    /// <summary>Same lines, same number of fields per line, every field a number.</summary>
    private static bool SameShapedNumbers(byte[] text, byte[] original)
    {
        static string[][] Split(byte[] b) => System.Text.Encoding.ASCII.GetString(b).Split('\n')
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var a = Split(text);
        var o = Split(original);
        return a.Length == o.Length && a.Zip(o).All(p => p.First.Length == p.Second.Length
            && p.First.All(f => double.TryParse(f, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)));
    }

    [Fact]
    public void A_bit_flip_inside_a_deflated_tvb_member_is_an_error_naming_archive_and_member()
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(TestData.File("tvb_connectivity", "connectivity_76.zip"));
        string member;
        byte[] weights;
        using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
        {
            var entry = zip.Entries.Single(x => x.FullName.EndsWith("weights.txt", StringComparison.Ordinal));
            member = entry.FullName;
            using var s = entry.Open();
            var ms = new MemoryStream();
            s.CopyTo(ms);
            weights = ms.ToArray();
        }
        var damaged = SilentFlip(bytes, member, text => SameShapedNumbers(text, weights)); // still a valid 76×76 matrix
        var path = dir.File("connectivity_76_flipped.zip");
        File.WriteAllBytes(path, damaged);

        var e = Assert.Throws<DataFormatException>(() => TvbConnectivity.Read(path));
        Assert.Contains("connectivity_76_flipped.zip", e.Message);
        Assert.Contains("weights.txt", e.Message);
        Assert.True(e.Message.Contains("CRC-32", StringComparison.Ordinal), e.Message);
        // through the path loader too (what `fwbm simulate --connectome <file>` uses)
        Assert.Contains("CRC-32", Assert.Throws<DataFormatException>(() => Datasets.LoadConnectome(path)).Message);
    }

    private static byte[] StoredZip(params (string Name, byte[] Data)[] members)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, data) in members)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                s.Write(data);
            }
        return ms.ToArray();
    }

    [Fact]
    public void A_changed_digit_in_a_stored_tvb_member_is_an_error()
    {
        using var dir = new TempDir();
        var bytes = StoredZip(("weights.txt", "0 1\n1 0\n"u8.ToArray()), ("centres.txt", "a 0 0 0\nb 1 0 0\n"u8.ToArray()));
        var (off, _) = MemberData(bytes, "weights.txt");
        Assert.Equal((byte)'1', bytes[off + 2]);
        bytes[off + 2] = (byte)'3'; // one bit: '1' (0x31) → '3' (0x33); still a valid matrix
        File.WriteAllBytes(dir.File("stored.zip"), bytes);
        var e = Assert.Throws<DataFormatException>(() => TvbConnectivity.Read(dir.File("stored.zip")));
        Assert.Contains("stored.zip:weights.txt", e.Message);
        Assert.True(e.Message.Contains("CRC-32", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void A_bit_flip_in_an_npz_member_is_an_error()
    {
        using var dir = new TempDir();
        var npy = new MemoryStream();
        Npy.Write(npy, [1.0, 2.0, 3.0, 4.0], [2, 2]);
        var bytes = StoredZip(("sc.npy", npy.ToArray()));
        var good = dir.File("good.npz");
        File.WriteAllBytes(good, bytes);
        Assert.Equal([1.0, 2.0, 3.0, 4.0], Npy.ReadNpz(good)["sc"].Data);

        var (off, len) = MemberData(bytes, "sc.npy");
        bytes[off + len - 2] ^= 0x01; // inside the last float64: a slightly different number, still a valid array
        File.WriteAllBytes(dir.File("flip.npz"), bytes);
        var e = Assert.Throws<DataFormatException>(() => Npy.ReadNpz(dir.File("flip.npz")));
        Assert.Contains("flip.npz:sc.npy", e.Message);
        Assert.True(e.Message.Contains("CRC-32", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void A_bit_flip_in_an_xlsx_member_is_an_error()
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(TestData.File("hansen_receptors", "data", "lausanne", "region_info_scale033.xlsx"));
        var damaged = SilentFlip(bytes, "xl/sharedStrings.xml", text =>
        {
            try { System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(text)); return true; }
            catch (System.Xml.XmlException) { return false; }
        });
        File.WriteAllBytes(dir.File("info.xlsx"), damaged);
        var e = Assert.Throws<DataFormatException>(() => XlsxSheet.Read(dir.File("info.xlsx")));
        Assert.True(e.Message.Contains("info.xlsx:xl/sharedStrings.xml", StringComparison.Ordinal), e.Message);
        Assert.True(e.Message.Contains("CRC-32", StringComparison.Ordinal), e.Message);
    }
}
