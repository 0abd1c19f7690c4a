namespace Fwbm.Core.IO;

/// <summary>
/// Writes files so that no reader ever sees a partial one: the content goes to a temporary name in the same folder
/// (same file system), is flushed to disk, and is then renamed over the target. On any failure the temporary file is
/// removed and the target is left as it was.
/// </summary>
public static class AtomicFile
{
    /// <summary>A temporary path next to <paramref name="path"/> (hidden, unique per process and call).</summary>
    public static string TempPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        return Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>Write through a stream; the target appears only when <paramref name="write"/> returns normally.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = TempPathFor(full);
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>Write bytes atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    /// <summary>Write UTF-8 text (no BOM) atomically.</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            write(w);
            w.Flush();
        });
    }

    /// <summary>Move a finished temporary file into place (same folder), replacing any existing file.</summary>
    public static void Commit(string tempPath, string path) => File.Move(tempPath, path, overwrite: true);
}
