using Fwbm.Core.Data;

namespace Fwbm.TestSupport;

/// <summary>
/// The real-data mirror for tests: $FWBM_DATA_MIRROR (scripts/test.sh sets it), else ../shared/data next to the repository.
/// A missing mirror fails the test (it never silently passes).
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> MirrorPath = new(() =>
    {
        var env = Environment.GetEnvironmentVariable(DataStore.MirrorVariable);
        string path = !string.IsNullOrWhiteSpace(env) ? env : Path.Combine(RepoRoot, "..", "shared", "data");
        path = Path.GetFullPath(path);
        if (!System.IO.File.Exists(Path.Combine(path, "SHA256SUMS")))
            throw new InvalidOperationException($"The data mirror is missing: '{path}' has no SHA256SUMS. Set {DataStore.MirrorVariable} to the shared data folder.");
        return path;
    });

    /// <summary>The repository root (the folder holding FWBM.Interactive.sln).</summary>
    public static string RepoRoot
    {
        get
        {
            var d = new DirectoryInfo(AppContext.BaseDirectory);
            while (d is not null && !System.IO.File.Exists(Path.Combine(d.FullName, "FWBM.Interactive.sln"))) d = d.Parent;
            return d?.FullName ?? throw new InvalidOperationException("FWBM.Interactive.sln not found above the test binaries.");
        }
    }

    public static string Mirror => MirrorPath.Value;

    /// <summary>Point the data layer (and anything it starts) at <see cref="Mirror"/> through $FWBM_DATA_MIRROR.</summary>
    public static void UseMirror() => Environment.SetEnvironmentVariable(DataStore.MirrorVariable, Mirror);

    /// <summary>A file of the mirror, e.g. File("tvb_connectivity", "connectivity_68.zip").</summary>
    public static string File(params string[] parts)
    {
        var p = Path.Combine([Mirror, .. parts]);
        if (!System.IO.File.Exists(p)) throw new InvalidOperationException($"Mirror file missing: {p}");
        return p;
    }

    /// <summary>A store reading the mirror, caching into a fresh temporary folder, with the network off.</summary>
    public static DataStore Store(TempDir cache) => new(cache.Path, Mirror, allowNetwork: false);

    /// <summary>One store (and cache) shared by read-only tests, to avoid recomputing derived products in every test.</summary>
    public static DataStore Shared => SharedStore.Value;
    private static readonly Lazy<DataStore> SharedStore = new(() => new DataStore(new TempDir().Path, Mirror, allowNetwork: false));
}

/// <summary>A temporary folder removed on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fwbm-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Every file under the folder (to assert nothing half-written was left).</summary>
    public string[] AllFiles() => Directory.GetFiles(Path, "*", SearchOption.AllDirectories);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
