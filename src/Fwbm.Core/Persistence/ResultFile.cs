using System.Reflection;
using PureHDF;
using Fwbm.Core.IO;

namespace Fwbm.Core.Persistence;

/// <summary>
/// FWBM result files: ordinary HDF5 (readable by h5py, MATLAB, HDFView) with the root attributes <c>fwbm_kind</c>,
/// <c>fwbm_format_version</c>, <c>fwbm_version</c> and <c>created_utc</c>. Written atomically (temporary file + rename); opened with a
/// one-line <see cref="FwbmException"/> for anything that is not a readable FWBM file of the expected kind. A folder written by
/// <c>fwbm simulate/sweep/fit --out</c> opens as its <c>result.h5</c>. The layout is described in docs/saving-results.md.
/// </summary>
public static class ResultFile
{
    /// <summary>The layout version this FWBM writes and the newest it reads.</summary>
    public const int FormatVersion = 1;
    /// <summary>The file name inside an output folder.</summary>
    public const string FileNameInFolder = "result.h5";

    /// <summary>The FWBM version written into files (the Core assembly's informational version).</summary>
    public static string FwbmVersion { get; } =
        typeof(ResultFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
        ?? typeof(ResultFile).Assembly.GetName().Version?.ToString() ?? "?";

    /// <summary>Write a result file of <paramref name="kind"/>: <paramref name="fill"/> writes the content below the root.</summary>
    public static void Write(string path, string kind, Action<H5Writer> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (string.IsNullOrWhiteSpace(path)) throw new FwbmException("Save: the path is empty; expected a file name such as run.h5.");
        if (Directory.Exists(path)) path = Path.Combine(path, FileNameInFolder);
        var file = new H5File();
        var root = new H5Writer(file);
        root.Attr("fwbm_kind", kind).Attr("fwbm_format_version", FormatVersion).Attr("fwbm_version", FwbmVersion)
            .Attr("created_utc", DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        fill(root);
        // PureHDF needs a readable, writable, seekable stream: the temporary file is opened read-write, then renamed into place
        var full = Path.GetFullPath(path);
        string? tmp = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            tmp = AtomicFile.TempPathFor(full);
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                file.Write(fs);
                fs.Flush(flushToDisk: true);
            }
            AtomicFile.Commit(tmp, full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FwbmException($"Save '{path}': cannot write ({e.Message}); expected a writable path such as run.h5.", e);
        }
        finally
        {
            if (tmp is not null && File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>The file a path names: the path itself, or <c>result.h5</c> inside a folder.</summary>
    public static string Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new FwbmException("Load: the path is empty; expected an FWBM result file (.h5) or an fwbm --out folder.");
        if (Directory.Exists(path))
        {
            var inside = Path.Combine(path, FileNameInFolder);
            if (File.Exists(inside)) return inside;
            throw new FwbmException($"{path}: folder has no {FileNameInFolder}; expected an output folder of fwbm simulate, sweep or fit (or a result .h5 file).");
        }
        if (!File.Exists(path)) throw new FwbmException($"{path}: no such file or folder; expected an FWBM result file (.h5) or an fwbm --out folder.");
        return path;
    }

    /// <summary>What a result file's root says it is.</summary>
    public sealed record Header(string Path, string Kind, int FormatVersion, string FwbmVersion, string Created);

    /// <summary>
    /// Open a result file (or folder), check that it is FWBM's and, when <paramref name="expectedKind"/> is given, of that kind, and read
    /// it with <paramref name="read"/>. Every failure is one line naming the file and what was expected.
    /// </summary>
    public static T Read<T>(string path, string? expectedKind, Func<Header, H5Reader, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var file = Resolve(path);
        CheckSignature(file);
        PureHDF.VOL.Native.NativeFile h5;
        try { h5 = H5File.OpenRead(file); }
        catch (Exception e) when (e is not OutOfMemoryException and not FwbmException)
        {
            throw new FwbmException($"{file}: HDF5 file cannot be read ({FirstLine(e.Message)}); it is truncated or corrupt — expected an FWBM result file.", e);
        }
        using (h5)
        {
            try
            {
                var root = new H5Reader(h5, file, "/");
                if (!root.HasAttr("fwbm_kind"))
                    throw new FwbmException($"{file}: an HDF5 file without the root attribute 'fwbm_kind'; expected an FWBM result file (written by Save or fwbm simulate/sweep/fit).");
                string kind = root.Text("fwbm_kind");
                int version = root.HasAttr("fwbm_format_version") ? checked((int)root.Integer("fwbm_format_version"))
                    : throw new FwbmException($"{file}: has no 'fwbm_format_version' attribute; expected an FWBM result file of format version {FormatVersion}.");
                if (version > FormatVersion)
                    throw new FwbmException($"{file}: FWBM result format version {version} is newer than this FWBM ({FwbmVersion}) reads (up to {FormatVersion}); update FWBM to open it.");
                if (version < 1) throw new FwbmException($"{file}: FWBM result format version {version} is invalid; expected 1 to {FormatVersion}.");
                if (expectedKind is not null && kind != expectedKind)
                    throw new FwbmException($"{file}: holds a {kind} result; expected a {expectedKind} — open it with {ResultKind.Loader(kind)}" +
                        (ResultKind.All.Contains(kind) ? "." : $" (known kinds: {string.Join(", ", ResultKind.All)})."));
                var header = new Header(file, kind, version, root.TextOr("fwbm_version") ?? "?", root.TextOr("created_utc") ?? "?");
                return read(header, root);
            }
            catch (FwbmException) { throw; }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new FwbmException($"{file}: HDF5 content cannot be read ({FirstLine(e.Message)}); it is truncated or corrupt — expected an FWBM result file.", e);
            }
        }
    }

    /// <summary>The header of a result file (kind, versions) without reading its content.</summary>
    public static Header ReadHeader(string path) => Read(path, null, (h, _) => h);

    private static readonly byte[] Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>HDF5's signature sits at byte 0, 512, 1024, 2048 … (after a user block).</summary>
    private static void CheckSignature(string file)
    {
        using var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buf = new byte[8];
        for (long at = 0; at + 8 <= fs.Length; at = at == 0 ? 512 : at * 2)
        {
            fs.Position = at;
            fs.ReadExactly(buf);
            if (buf.AsSpan().SequenceEqual(Signature)) return;
        }
        throw new FwbmException(fs.Length == 0
            ? $"{file}: is empty; expected an FWBM result file (HDF5)."
            : $"{file}: is not an HDF5 file (no HDF5 signature); expected an FWBM result file written by Save or fwbm simulate/sweep/fit.");
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim().TrimEnd('.');
}
