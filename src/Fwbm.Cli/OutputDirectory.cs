using Fwbm.Core;

namespace Fwbm.Cli;

/// <summary>
/// Writes a command's output files so that a reader never sees a partial result: files go to a hidden staging directory next to
/// the target and are moved in when everything succeeded (a new directory is renamed into place in one step; into an existing one
/// the old summary.json is deleted first, then the files move one by one with summary.json last, so summary.json always marks a
/// complete output and never describes files of another run).
/// </summary>
internal sealed class OutputDirectory : IDisposable
{
    private readonly string _target, _staging, _given;
    private bool _committed;

    public OutputDirectory(string target, bool overwrite)
    {
        if (string.IsNullOrWhiteSpace(target)) throw new FwbmException("--out is empty; expected a directory to write the results into.");
        _target = Path.GetFullPath(target);
        if (File.Exists(_target)) throw new FwbmException($"--out '{target}' is a file; expected a directory.");
        if (Directory.Exists(_target) && Directory.EnumerateFileSystemEntries(_target).Any() && !overwrite)
            throw new FwbmException($"--out '{target}' already exists and is not empty; choose a new directory or pass --force to replace its files.");
        _given = target;
        var parent = Path.GetDirectoryName(_target)!;
        _staging = Path.Combine(parent, $".{Path.GetFileName(_target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
        Guard(() => { Directory.CreateDirectory(parent); Directory.CreateDirectory(_staging); });
    }

    /// <summary>
    /// Fail early when <paramref name="target"/> cannot be written (before a long run such as <c>fwbm fit</c>): creates and removes
    /// the staging directory, so the error is the same "--out '…': cannot write (…)" line the writes themselves give.
    /// </summary>
    public static void CheckWritable(string target) => new OutputDirectory(target, overwrite: true).Dispose();

    /// <summary>Run <paramref name="write"/>, turning an I/O or permission error into the one-line --out error.</summary>
    public static void Guard(string target, Action write)
    {
        try { write(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw CannotWrite(target, e); }
    }

    private void Guard(Action write)
    {
        try { write(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw CannotWrite(_given, e, _staging, _target); }
    }

    /// <summary>
    /// "--out '&lt;dir&gt;': cannot write (&lt;reason&gt;); choose a writable directory": the option and the directory as given, never the
    /// hidden staging folder or a temporary file name.
    /// </summary>
    internal static FwbmException CannotWrite(string given, Exception e, string? staging = null, string? target = null)
    {
        string full = Path.GetFullPath(given);
        // the system's own words, with the staging folder named as the target it stands for (never the hidden .partial name)
        string system = staging is not null && target is not null ? e.Message.Replace(staging, target, StringComparison.Ordinal) : e.Message;
        string reason = e switch
        {
            UnauthorizedAccessException => "permission denied",
            _ when FileAncestor(full) is { } file => $"'{file}' is a file, not a directory",
            DirectoryNotFoundException => "a parent directory does not exist",
            _ => e.HResult is 28 or unchecked((int)0x80070070) ? "no space left on the device"
               : e.HResult == 30 ? "read-only file system"
               : system.Contains(".partial", StringComparison.Ordinal) || system.Contains(".tmp", StringComparison.Ordinal) || system.Length == 0 ? "an I/O error" : system.TrimEnd('.'),
        };
        return new FwbmException($"--out '{given}': cannot write ({reason}); choose a writable directory.", e);
    }

    /// <summary>The nearest existing ancestor of <paramref name="path"/> (itself included) when it is a file.</summary>
    private static string? FileAncestor(string path)
    {
        for (string? p = path; !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (File.Exists(p)) return p;
            if (Directory.Exists(p)) return null;
        }
        return null;
    }

    public string Target => _target;

    /// <summary>Path of a file inside the staging directory.</summary>
    public string Stage(string fileName) => Path.Combine(_staging, fileName);

    public void Write(string fileName, Action<TextWriter> write) => Guard(() =>
    {
        using var w = new StreamWriter(Stage(fileName), false, new System.Text.UTF8Encoding(false), 1 << 16);
        write(w);
    });

    /// <summary>Move the finished files into place; <paramref name="last"/> moves after all others.</summary>
    public void Commit(string last) => Guard(() =>
    {
        if (!Directory.Exists(_target) || !Directory.EnumerateFileSystemEntries(_target).Any())
        {
            if (Directory.Exists(_target)) Directory.Delete(_target);
            Directory.Move(_staging, _target);
        }
        else
        {
            // the old marker goes first: if a move below fails, no summary.json sits next to a mix of old and new files
            var oldLast = Path.Combine(_target, last);
            if (File.Exists(oldLast)) File.Delete(oldLast);
            foreach (var f in Directory.GetFiles(_staging).Where(f => Path.GetFileName(f) != last))
                File.Move(f, Path.Combine(_target, Path.GetFileName(f)), overwrite: true);
            File.Move(Path.Combine(_staging, last), Path.Combine(_target, last), overwrite: true);
            Directory.Delete(_staging);
        }
        _committed = true;
    });

    public void Dispose()
    {
        if (!_committed && Directory.Exists(_staging))
            try { Directory.Delete(_staging, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
