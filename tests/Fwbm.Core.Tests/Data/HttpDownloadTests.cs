using System.Security.Cryptography;
using Fwbm.Core.Data;
using Xunit;

namespace Fwbm.Core.Tests.Data;

/// <summary>Downloads through a real HTTP server on loopback (no fake handler): good, cut, missing, wrong and oversized bodies.</summary>
public class HttpDownloadTests
{
    private static readonly byte[] Payload = MakePayload();

    private static byte[] MakePayload()
    {
        var b = new byte[200_000]; // several reads, so a cut lands mid-stream
        new Random(7).NextBytes(b);
        return b;
    }

    private static CatalogFile FileFor(string url, string path) =>
        new() { Path = path, Role = "data", Url = url, Sha256 = Convert.ToHexStringLower(SHA256.HashData(Payload)), Bytes = Payload.Length };

    private static DatasetInfo Dataset(string id, params CatalogFile[] files) => new()
    {
        Id = id, Kind = "tvb-zip", Title = id, Parcellation = "p", RegionOrder = "r", Repository = "https://github.com/x/y",
        Commit = new string('0', 40), MirrorFolder = "served", Licence = "CC0", Files = files,
    };

    internal static (LoopbackServer Server, DataCatalog Catalog) Serve()
    {
        var wrong = (byte[])Payload.Clone();
        wrong[wrong.Length / 3] ^= 0xFF;
        var longer = Payload.Concat(new byte[100_000]).ToArray();
        var server = new LoopbackServer(new()
        {
            ["good.bin"] = new(Payload),
            ["cut.bin"] = new(Payload, CutAfter: Payload.Length / 2),          // announces the full length, sends half, closes
            ["wrong.bin"] = new(wrong),                                       // same length, different bytes
            ["longer.bin"] = new(longer, AnnouncedLength: null),              // chunked, no length announced, longer than the catalog says
            ["announced.bin"] = new(longer),                                  // announces more bytes than the catalog says
        });
        var catalog = new DataCatalog([
            Dataset("good", FileFor(server.Url("good.bin"), "good.bin")),
            Dataset("cut", FileFor(server.Url("cut.bin"), "cut.bin")),
            Dataset("missing", FileFor(server.Url("missing.bin"), "missing.bin")),
            Dataset("wrong", FileFor(server.Url("wrong.bin"), "wrong.bin")),
            Dataset("longer", FileFor(server.Url("longer.bin"), "longer.bin")),
            Dataset("announced", FileFor(server.Url("announced.bin"), "announced.bin")),
        ]);
        return (server, catalog);
    }

    [Fact]
    public void Only_the_good_file_reaches_the_cache_and_each_failure_says_what_happened()
    {
        var (server, catalog) = Serve();
        using var _ = server;
        using var cache = new TempDir();
        var store = new DataStore(cache.Path, null, allowNetwork: true, httpHandler: null, catalog: catalog);

        var r = store.Fetch(catalog.Get("good"));
        Assert.Equal(FileOrigin.Download, r.Files[0].Origin);
        Assert.Equal(Payload, File.ReadAllBytes(r.Files[0].LocalPath));

        string Fails(string id) => Assert.Throws<FwbmException>(() => store.Fetch(catalog.Get(id))).Message;

        var cut = Fails("cut");
        Assert.Contains(server.Url("cut.bin"), cut);
        Assert.Contains("failed", cut);
        var missing = Fails("missing");
        Assert.Contains("HTTP 404", missing);
        Assert.Contains(server.Url("missing.bin"), missing);
        var wrong = Fails("wrong");
        Assert.Contains("wrong checksum", wrong);
        Assert.Contains("wrong.bin", wrong);
        var longer = Fails("longer");
        Assert.Contains($"longer than the catalog's {Payload.Length} bytes", longer);
        var announced = Fails("announced");
        Assert.Contains($"announces {Payload.Length + 100_000} bytes", announced);

        // the cache holds exactly the good file: no partial, temporary or wrong file
        Assert.Equal([Path.Combine(cache.Path, "served", "good.bin")], cache.AllFiles());
        // and a second fetch of the good dataset uses the cache, not the server
        int before = server.Requests;
        Assert.Equal(FileOrigin.Cache, store.Fetch(catalog.Get("good")).Files[0].Origin);
        Assert.Equal(before, server.Requests);
    }

    [Fact]
    public void An_oversized_body_is_aborted_early()
    {
        var huge = new byte[50_000_000];
        using var server = new LoopbackServer(new() { ["huge.bin"] = new(huge, AnnouncedLength: null) });
        var catalog = new DataCatalog([Dataset("huge", FileFor(server.Url("huge.bin"), "huge.bin"))]);
        using var cache = new TempDir();
        var store = new DataStore(cache.Path, null, true, null, catalog);
        var e = Assert.Throws<FwbmException>(() => store.Fetch(catalog.Get("huge")));
        Assert.Contains("longer than the catalog's", e.Message);
        Assert.Empty(cache.AllFiles());
    }

    [Fact]
    public void Stale_temporary_files_of_dead_processes_are_removed_when_the_store_writes_a_folder()
    {
        using var cache = new TempDir();
        var folder = Path.Combine(cache.Path, "served");
        Directory.CreateDirectory(folder);
        int dead;
        using (var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            p.WaitForExit();
            dead = p.Id;
        }
        string Temp(int pid) => Path.Combine(folder, $".good.bin.{pid}.{Guid.NewGuid():N}.tmp");
        var ofDead = Temp(dead);
        var ofLiveOld = Temp(Environment.ProcessId);
        var ofLiveNew = Temp(Environment.ProcessId);
        var unrelated = Path.Combine(folder, ".notes.tmp");
        foreach (var f in new[] { ofDead, ofLiveOld, ofLiveNew, unrelated }) File.WriteAllText(f, "partial");
        File.SetLastWriteTimeUtc(ofLiveOld, DateTime.UtcNow - DataStore.StaleTempAge - TimeSpan.FromMinutes(5));

        var removed = DataStore.RemoveStaleTempFiles(folder);
        Assert.Equal(new[] { ofDead, ofLiveOld }.Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal));
        Assert.True(File.Exists(ofLiveNew)); // a fetch in progress (this process, recent) is left alone
        Assert.True(File.Exists(unrelated));

        // and the store sweeps a folder when it first writes into it
        var (server, catalog) = Serve();
        using var _ = server;
        var folder2 = Path.Combine(cache.Path, "other");
        Directory.CreateDirectory(folder2);
        var stale2 = Path.Combine(folder2, $".good.bin.{dead}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(stale2, "partial");
        var ds = catalog.Get("good") with { MirrorFolder = "other" };
        new DataStore(cache.Path, null, true, null, new DataCatalog([ds])).Fetch(ds);
        Assert.False(File.Exists(stale2));
        Assert.True(File.Exists(Path.Combine(folder2, "good.bin")));
    }
}
