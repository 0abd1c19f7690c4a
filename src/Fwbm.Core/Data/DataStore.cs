using System.Collections.Concurrent;
using System.Security.Cryptography;
using Fwbm.Core.IO;

namespace Fwbm.Core.Data;

/// <summary>Where one file of a fetch came from.</summary>
public enum FileOrigin
{
    /// <summary>Already in the cache, checksum verified.</summary>
    Cache,
    /// <summary>Copied from the offline mirror, checksum verified.</summary>
    Mirror,
    /// <summary>Downloaded from its source URL, checksum verified.</summary>
    Download,
}

/// <summary>One fetched file.</summary>
public sealed record FetchedFile(CatalogFile File, string LocalPath, FileOrigin Origin);

/// <summary>What <see cref="DataStore.Fetch"/> did.</summary>
public sealed record FetchResult(DatasetInfo Dataset, IReadOnlyList<FetchedFile> Files, string Folder)
{
    public int Count(FileOrigin o) => Files.Count(f => f.Origin == o);
}

/// <summary>
/// Finds the files of catalog datasets, in this order: the per-user cache (checksum verified), the offline mirror
/// (a folder laid out like the catalog's mirror folders; verified, read in place), the network (downloaded to a
/// temporary file while hashing, renamed into the cache only when the checksum matches). Nothing half-written is ever
/// visible in the cache, and a file whose checksum does not match is never used.
/// </summary>
public sealed partial class DataStore
{
    /// <summary>Environment variable: the cache folder (default ~/.cache/fwbm, or $XDG_CACHE_HOME/fwbm).</summary>
    public const string CacheVariable = "FWBM_DATA_DIR";
    /// <summary>Environment variable: an offline mirror folder laid out like the shared data folder.</summary>
    public const string MirrorVariable = "FWBM_DATA_MIRROR";
    /// <summary>Environment variable: set to 1 to forbid network access.</summary>
    public const string OfflineVariable = "FWBM_OFFLINE";

    private static readonly ConcurrentDictionary<string, (long Length, DateTime Modified, string Sha)> Verified = new();
    private readonly HttpMessageHandler? _handler;

    public DataStore(string? cacheDirectory = null, string? mirrorDirectory = null, bool allowNetwork = true,
        HttpMessageHandler? httpHandler = null, DataCatalog? catalog = null)
    {
        CacheDirectory = Path.GetFullPath(cacheDirectory ?? DefaultCacheDirectory());
        MirrorDirectory = string.IsNullOrWhiteSpace(mirrorDirectory) ? null : Path.GetFullPath(mirrorDirectory);
        AllowNetwork = allowNetwork;
        _handler = httpHandler;
        Catalog = catalog ?? DataCatalog.Current;
    }

    /// <summary>A store configured from FWBM_DATA_DIR, FWBM_DATA_MIRROR, FWBM_OFFLINE (and FWBM_DATA_CATALOG, through <see cref="DataCatalog.Current"/>).</summary>
    public static DataStore FromEnvironment(string? mirrorOverride = null, string? cacheOverride = null)
    {
        var offline = Environment.GetEnvironmentVariable(OfflineVariable);
        bool allow = !(offline is "1" or "true" or "yes");
        return new DataStore(cacheOverride ?? Environment.GetEnvironmentVariable(CacheVariable),
            mirrorOverride ?? Environment.GetEnvironmentVariable(MirrorVariable), allow);
    }

    /// <summary>The default cache folder: $FWBM_DATA_DIR, else $XDG_CACHE_HOME/fwbm, else ~/.cache/fwbm (LocalAppData\fwbm on Windows).</summary>
    public static string DefaultCacheDirectory()
    {
        var env = Environment.GetEnvironmentVariable(CacheVariable);
        if (!string.IsNullOrWhiteSpace(env)) return env;
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "fwbm");
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg)) return Path.Combine(xdg, "fwbm");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "fwbm");
    }

    public string CacheDirectory { get; }
    public string? MirrorDirectory { get; }
    public bool AllowNetwork { get; }
    public DataCatalog Catalog { get; }

    /// <summary>The cache path of a file.</summary>
    public string CachePath(DatasetInfo ds, CatalogFile f) => Path.Combine(CacheDirectory, ds.MirrorFolder, f.Path);

    /// <summary>The mirror path of a file, or null without a mirror.</summary>
    public string? MirrorPath(DatasetInfo ds, CatalogFile f) => MirrorDirectory is null ? null : Path.Combine(MirrorDirectory, ds.MirrorFolder, f.Path);

    /// <summary>Folder for products computed from a dataset (group averages, FC).</summary>
    public string DerivedDirectory(DatasetInfo ds) => Path.Combine(CacheDirectory, "derived", ds.Id);

    /// <summary>
    /// The local path of a verified copy of <paramref name="f"/>: cache, else mirror (in place), else downloaded into the cache.
    /// </summary>
    public string Resolve(DatasetInfo ds, CatalogFile f)
    {
        var cache = CachePath(ds, f);
        if (File.Exists(cache))
        {
            if (Matches(cache, f)) return cache;
            File.Delete(cache); // a damaged cache entry is replaced, never used
        }
        var mirror = MirrorPath(ds, f);
        if (mirror is not null && File.Exists(mirror))
        {
            CheckOrThrow(mirror, f, ds, "mirror");
            return mirror;
        }
        if (!AllowNetwork)
            throw new FwbmException($"Dataset '{ds.Id}': '{f.Path}' is not in the cache ({Path.Combine(CacheDirectory, ds.MirrorFolder)}) " +
                (MirrorDirectory is null ? "and no mirror is set" : $"nor in the mirror ({Path.Combine(MirrorDirectory, ds.MirrorFolder)})") +
                $", and network access is off ({OfflineVariable}). Run 'fwbm data fetch {ds.Id}' with network, or set {MirrorVariable}.");
        Download(ds, f, cache);
        return cache;
    }

    /// <summary>Make every file of a dataset present and verified in the cache.</summary>
    public FetchResult Fetch(DatasetInfo ds, IProgress<string>? progress = null)
    {
        var done = new List<FetchedFile>();
        foreach (var f in ds.Files)
        {
            var cache = CachePath(ds, f);
            if (File.Exists(cache) && Matches(cache, f)) { done.Add(new(f, cache, FileOrigin.Cache)); continue; }
            if (File.Exists(cache)) File.Delete(cache);
            var mirror = MirrorPath(ds, f);
            if (mirror is not null && File.Exists(mirror))
            {
                progress?.Report($"copy {f.Path} from mirror");
                using (var src = File.OpenRead(mirror)) CopyVerified(src, cache, f, ds, $"mirror file {mirror}");
                done.Add(new(f, cache, FileOrigin.Mirror));
                continue;
            }
            if (!AllowNetwork)
                throw new FwbmException($"Dataset '{ds.Id}': '{f.Path}' is in neither the cache nor " +
                    (MirrorDirectory is null ? "a mirror (none set)" : $"the mirror {MirrorDirectory}") + $", and network access is off ({OfflineVariable}).");
            progress?.Report($"download {f.Url}");
            Download(ds, f, cache);
            done.Add(new(f, cache, FileOrigin.Download));
        }
        return new FetchResult(ds, done, Path.Combine(CacheDirectory, ds.MirrorFolder));
    }

    /// <summary>How many of a dataset's files are available locally (cache or mirror), without hashing.</summary>
    public (int Cached, int InMirror, int Missing) Availability(DatasetInfo ds)
    {
        int c = 0, m = 0, x = 0;
        foreach (var f in ds.Files)
        {
            if (File.Exists(CachePath(ds, f))) c++;
            else if (MirrorPath(ds, f) is { } mp && File.Exists(mp)) m++;
            else x++;
        }
        return (c, m, x);
    }

    private static bool Matches(string path, CatalogFile f)
    {
        var info = new FileInfo(path);
        if (f.Bytes > 0 && info.Length != f.Bytes) return false;
        var key = info.FullName;
        if (Verified.TryGetValue(key, out var v) && v.Length == info.Length && v.Modified == info.LastWriteTimeUtc)
            return string.Equals(v.Sha, f.Sha256, StringComparison.OrdinalIgnoreCase);
        string sha;
        using (var s = File.OpenRead(path)) sha = Convert.ToHexStringLower(SHA256.HashData(s));
        Verified[key] = (info.Length, info.LastWriteTimeUtc, sha);
        return string.Equals(sha, f.Sha256, StringComparison.OrdinalIgnoreCase);
    }

    private static void CheckOrThrow(string path, CatalogFile f, DatasetInfo ds, string where)
    {
        if (Matches(path, f)) return;
        var actual = Verified.TryGetValue(new FileInfo(path).FullName, out var v) ? v.Sha : $"(size {new FileInfo(path).Length} bytes, expected {f.Bytes})";
        throw new FwbmException($"Dataset '{ds.Id}': {where} file '{path}' has the wrong checksum: sha256 {actual}, expected {f.Sha256}. " +
            "It is corrupt or a different version; replace it (the catalog pins the upstream commit).");
    }

    /// <summary>How old a temporary file of a live process must be before it counts as abandoned.</summary>
    public static readonly TimeSpan StaleTempAge = TimeSpan.FromHours(6);

    private static readonly ConcurrentDictionary<string, bool> Swept = new();

    /// <summary>
    /// Remove temporary files left in <paramref name="folder"/> by fetches that were killed (<c>.&lt;name&gt;.&lt;pid&gt;.&lt;guid&gt;.tmp</c>,
    /// see <see cref="AtomicFile.TempPathFor"/>): those of processes that no longer run, and any older than <see cref="StaleTempAge"/>.
    /// Done once per folder and process, when the store first writes there. Returns the files removed.
    /// </summary>
    public static IReadOnlyList<string> RemoveStaleTempFiles(string folder)
    {
        var removed = new List<string>();
        if (!Directory.Exists(folder)) return removed;
        foreach (var path in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            var m = TempNameRegex().Match(Path.GetFileName(path));
            if (!m.Success) continue;
            bool alive = int.TryParse(m.Groups[1].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid) && ProcessRuns(pid);
            bool old = DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > StaleTempAge;
            if (alive && !old) continue;
            try { File.Delete(path); removed.Add(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    private static bool ProcessRuns(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }   // no such process
        catch (InvalidOperationException) { return false; }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\..+\.(\d+)\.[0-9a-f]{32}\.tmp$")]
    private static partial System.Text.RegularExpressions.Regex TempNameRegex();

    /// <summary>Copy a stream into <paramref name="target"/> via a temporary file, hashing on the way; rename only when it matches.</summary>
    private static void CopyVerified(Stream src, string target, CatalogFile f, DatasetInfo ds, string from)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        if (Swept.TryAdd(Path.GetFullPath(folder), true)) RemoveStaleTempFiles(folder);
        var tmp = AtomicFile.TempPathFor(target);
        try
        {
            string sha;
            long n;
            using (var dst = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buf = new byte[1 << 16];
                int read;
                n = 0;
                while ((read = src.Read(buf, 0, buf.Length)) > 0)
                {
                    if (f.Bytes > 0 && n + read > f.Bytes) // stop at once: a longer body is the wrong file (or an endless stream)
                        throw new FwbmException($"Dataset '{ds.Id}': {from} for '{f.Path}' is longer than the catalog's {f.Bytes} bytes; " +
                            "aborted (a different version or the wrong file). Nothing was written to the cache.");
                    hash.AppendData(buf, 0, read);
                    dst.Write(buf, 0, read);
                    n += read;
                }
                dst.Flush(flushToDisk: true);
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            if (!string.Equals(sha, f.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new FwbmException($"Dataset '{ds.Id}': {from} for '{f.Path}' has the wrong checksum: sha256 {sha} ({n} bytes), expected {f.Sha256} ({f.Bytes} bytes). Nothing was written to the cache.");
            AtomicFile.Commit(tmp, target);
            var info = new FileInfo(target);
            Verified[info.FullName] = (info.Length, info.LastWriteTimeUtc, sha);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    private void Download(DatasetInfo ds, CatalogFile f, string target)
    {
        if (!Uri.TryCreate(f.Url, UriKind.Absolute, out var uri))
            throw new FwbmException($"Dataset '{ds.Id}': '{f.Url}' is not a valid URL for '{f.Path}'.");
        if (uri.IsFile)
        {
            if (!File.Exists(uri.LocalPath)) throw new FwbmException($"Dataset '{ds.Id}': source file '{uri.LocalPath}' for '{f.Path}' does not exist.");
            using var s = File.OpenRead(uri.LocalPath);
            CopyVerified(s, target, f, ds, $"source {f.Url}");
            return;
        }
        Exception? last = null;
        for (int attempt = 1; attempt <= 2; attempt++)
        {
            try
            {
                using var client = _handler is null ? new HttpClient() : new HttpClient(_handler, disposeHandler: false);
                client.Timeout = TimeSpan.FromMinutes(10);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("fwbm-data/1.0");
                using var req = new HttpRequestMessage(HttpMethod.Get, uri);
                using var resp = client.Send(req, HttpCompletionOption.ResponseHeadersRead);
                if (!resp.IsSuccessStatusCode)
                    throw new FwbmException($"Dataset '{ds.Id}': downloading {f.Url} failed: HTTP {(int)resp.StatusCode} {resp.ReasonPhrase}.");
                if (f.Bytes > 0 && resp.Content.Headers.ContentLength is long announced && announced != f.Bytes)
                    throw new FwbmException($"Dataset '{ds.Id}': {f.Url} announces {announced} bytes, the catalog expects {f.Bytes} for '{f.Path}' " +
                        "(a different version or the wrong file); not downloaded.");
                using var body = resp.Content.ReadAsStream();
                CopyVerified(body, target, f, ds, $"download {f.Url}");
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                last = e;
            }
        }
        throw new FwbmException($"Dataset '{ds.Id}': downloading {f.Url} failed: {last!.Message}. Check the network, or set {MirrorVariable} to an offline mirror.", last);
    }
}
