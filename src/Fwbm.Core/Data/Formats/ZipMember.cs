using System.Globalization;
using System.IO.Compression;
using ICSharpCode.SharpZipLib.Checksum;

namespace Fwbm.Core.Data.Formats;

/// <summary>
/// Reads zip members completely and checks them against the archive's central directory: the uncompressed size and the
/// CRC-32. A damaged member (a flipped bit inside compressed data can still inflate to plausible text) is an error
/// naming the archive and the member, never silently loaded.
/// </summary>
public static class ZipMember
{
    /// <summary>The member's bytes, verified; <paramref name="archive"/> names the zip file in errors.</summary>
    public static MemoryStream ReadVerified(ZipArchiveEntry entry, string archive)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var source = $"{archive}:{entry.FullName}";
        var ms = new MemoryStream(entry.Length is > 0 and < int.MaxValue ? (int)entry.Length : 0);
        var crc = new Crc32();
        try
        {
            using var s = entry.Open();
            var buf = new byte[1 << 16];
            int n;
            while ((n = s.Read(buf, 0, buf.Length)) > 0)
            {
                crc.Update(new ArraySegment<byte>(buf, 0, n));
                ms.Write(buf, 0, n);
            }
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(source, $"zip member is corrupt: {e.Message}", e);
        }
        if (ms.Length != entry.Length)
            throw new DataFormatException(source, $"zip member is damaged: {ms.Length} bytes unpacked, the archive's directory says {entry.Length}.");
        uint actual = (uint)crc.Value;
        if (actual != entry.Crc32)
            throw new DataFormatException(source, string.Create(CultureInfo.InvariantCulture,
                $"zip member is damaged: CRC-32 {actual:x8}, the archive's directory says {entry.Crc32:x8} (the archive is corrupt; fetch or copy it again)."));
        ms.Position = 0;
        return ms;
    }
}
