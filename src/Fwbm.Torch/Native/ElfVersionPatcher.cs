using System.Buffers.Binary;
using System.Text;
using Fwbm.Core;

namespace Fwbm.Torch.Native;

/// <summary>
/// Marks version requirements of an ELF64 shared library as weak (<c>VER_FLG_WEAK</c> in its <c>.gnu.version_r</c> section), in a copy.
/// TorchSharp 0.107's <c>libLibTorchSharp.so</c> requires <c>GLIBCXX_3.4.32</c> (GCC 13's libstdc++) only for the iostream init anchor
/// <c>_ZSt21ios_base_library_initv</c>; older distributions (Debian 12: GLIBCXX_3.4.30) refuse to load it. A weak requirement lets the
/// dynamic linker load the library with the older libstdc++, whose iostreams are initialised by its own static constructor anyway.
/// Only the two flag bytes of the matching <c>Vernaux</c> entries change; everything else is copied byte for byte.
/// </summary>
public static class ElfVersionPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>One version requirement of a library: the file it is needed from, the version name, and whether it is weak.</summary>
    public sealed record VersionNeed(string File, string Version, bool Weak, long FlagsOffset);

    /// <summary>Every entry of the library's version-needs table.</summary>
    public static IReadOnlyList<VersionNeed> ReadVersionNeeds(ReadOnlySpan<byte> elf, string what = "library")
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new FwbmException($"{what}: not an ELF file.");
        if (elf[4] != 2 || elf[5] != 1) throw new FwbmException($"{what}: only 64-bit little-endian ELF files are supported (class {elf[4]}, data {elf[5]}).");
        long shoff = (long)U64(elf, 0x28, what);
        int shentsize = U16(elf, 0x3A, what), shnum = U16(elf, 0x3C, what);
        if (shentsize != 64) throw new FwbmException($"{what}: unexpected section header size {shentsize}.");
        var list = new List<VersionNeed>();
        for (int s = 0; s < shnum; s++)
        {
            long h = shoff + (long)s * shentsize;
            if (U32(elf, h + 4, what) != ShtGnuVerneed) continue;
            long off = (long)U64(elf, h + 24, what), size = (long)U64(elf, h + 32, what);
            int link = (int)U32(elf, h + 40, what), count = (int)U32(elf, h + 44, what);
            long strOff = (long)U64(elf, shoff + (long)link * shentsize + 24, what);
            long strSize = (long)U64(elf, shoff + (long)link * shentsize + 32, what);
            long vn = off;
            for (int i = 0; i < count; i++)
            {
                if (vn < off || vn + 16 > off + size) throw new FwbmException($"{what}: corrupt .gnu.version_r (entry {i} outside the section).");
                int cnt = U16(elf, vn + 2, what);
                string file = Str(elf, strOff, strSize, U32(elf, vn + 4, what), what);
                long aux = vn + U32(elf, vn + 8, what);
                for (int a = 0; a < cnt; a++)
                {
                    if (aux < off || aux + 16 > off + size) throw new FwbmException($"{what}: corrupt .gnu.version_r (aux entry outside the section).");
                    ushort flags = (ushort)U16(elf, aux + 4, what);
                    string name = Str(elf, strOff, strSize, U32(elf, aux + 8, what), what);
                    list.Add(new VersionNeed(file, name, (flags & VerFlgWeak) != 0, aux + 4));
                    uint next = U32(elf, aux + 12, what);
                    if (next == 0) break;
                    aux += next;
                }
                uint vnext = U32(elf, vn + 12, what);
                if (vnext == 0) break;
                vn += vnext;
            }
        }
        return list;
    }

    /// <summary>
    /// Copy <paramref name="source"/> to <paramref name="destination"/> (temp file + rename) with every requirement on one of
    /// <paramref name="versions"/> marked weak. Returns the number of entries changed (0: the copy is identical).
    /// </summary>
    public static int PatchCopy(string source, string destination, IReadOnlyCollection<string> versions)
    {
        var bytes = File.ReadAllBytes(source);
        int changed = MarkWeak(bytes, versions, source);
        var dir = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(destination)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(tmp, bytes);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File.Move(tmp, destination, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
        return changed;
    }

    /// <summary>Set VER_FLG_WEAK in place (in memory) on the requirements named in <paramref name="versions"/>; returns how many changed.</summary>
    public static int MarkWeak(byte[] elf, IReadOnlyCollection<string> versions, string what = "library")
    {
        int changed = 0;
        foreach (var need in ReadVersionNeeds(elf, what))
        {
            if (need.Weak || !versions.Contains(need.Version)) continue;
            var span = elf.AsSpan((int)need.FlagsOffset, 2);
            BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(span) | VerFlgWeak));
            changed++;
        }
        return changed;
    }

    private static int U16(ReadOnlySpan<byte> b, long at, string what) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(b, at, 2, what));
    private static uint U32(ReadOnlySpan<byte> b, long at, string what) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(b, at, 4, what));
    private static ulong U64(ReadOnlySpan<byte> b, long at, string what) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(b, at, 8, what));

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> b, long at, int n, string what)
    {
        if (at < 0 || at + n > b.Length) throw new FwbmException($"{what}: truncated ELF file (needs byte {at + n}, has {b.Length}).");
        return b.Slice((int)at, n);
    }

    private static string Str(ReadOnlySpan<byte> b, long strOff, long strSize, uint index, string what)
    {
        if (index >= strSize) throw new FwbmException($"{what}: corrupt string table index {index}.");
        var s = Slice(b, strOff + index, (int)Math.Min(strSize - index, 4096), what);
        int end = s.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? s : s[..end]);
    }
}
