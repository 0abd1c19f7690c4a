using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>
/// `fwbm data fetch` end to end against a real HTTP server on loopback, with the catalog replaced by --catalog or
/// FWBM_DATA_CATALOG. Run as a child process so the environment (network on, cache, catalog) is the child's alone.
/// </summary>
public class DataDownloadCommandTests
{
    private static readonly byte[] Payload = Enumerable.Range(0, 150_000).Select(i => (byte)(i * 31 % 251)).ToArray();

    private static string WriteCatalog(string dir, LoopbackServer server)
    {
        object Entry(string id, string file) => new
        {
            id, kind = "tvb-zip", title = $"served {id}", parcellation = "p", regionOrder = "r", regions = 2,
            repository = "https://github.com/x/y", commit = new string('0', 40), mirrorFolder = "served", licence = "CC0",
            citations = new[] { $"Served {id} (test)." },
            files = new[] { new { path = file, role = "zip", url = server.Url(file), sha256 = Convert.ToHexStringLower(SHA256.HashData(Payload)), bytes = Payload.Length } },
        };
        var path = Path.Combine(dir, "catalog.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { schema = 1, datasets = new[] { Entry("good", "good.bin"), Entry("cut", "cut.bin"), Entry("gone", "gone.bin") } }));
        return path;
    }

    private static (int Code, string Out, string Err) Fwbm(Dictionary<string, string?> env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fwbm.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var v in new[] { "FWBM_OFFLINE", "FWBM_DATA_MIRROR", "FWBM_DATA_DIR", "FWBM_DATA_CATALOG" }) psi.Environment.Remove(v);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "fwbm did not finish");
        return (p.ExitCode, o.Result, e.Result);
    }

    private static string NewDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "fwbm-dl-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(d);
        return d;
    }

    [Fact]
    public void Fetch_downloads_through_the_catalog_option_and_the_environment_variable()
    {
        using var server = new LoopbackServer(new()
        {
            ["good.bin"] = new(Payload),
            ["cut.bin"] = new(Payload, CutAfter: Payload.Length / 2),
        });
        var dir = NewDir();
        try
        {
            var catalog = WriteCatalog(dir, server);
            var cache = Path.Combine(dir, "cache");

            var (code, o, e) = Fwbm([], "data", "fetch", "good", "--catalog", catalog, "--cache", cache);
            Assert.True(code == 0, e);
            Assert.Contains("good: 1 file verified (0 already cached, 0 from mirror, 1 downloaded)", o);
            Assert.Equal(Payload, File.ReadAllBytes(Path.Combine(cache, "served", "good.bin")));

            var (c2, _, e2) = Fwbm(new() { ["FWBM_DATA_CATALOG"] = catalog, ["FWBM_DATA_DIR"] = cache }, "data", "fetch", "cut");
            Assert.Equal(2, c2);
            Assert.Single(e2.Trim().Split('\n'));
            Assert.Contains(server.Url("cut.bin"), e2);
            Assert.Contains("failed", e2);

            var (c3, _, e3) = Fwbm(new() { ["FWBM_DATA_CATALOG"] = catalog, ["FWBM_DATA_DIR"] = cache }, "data", "fetch", "gone");
            Assert.Equal(2, c3);
            Assert.Contains("HTTP 404", e3);

            var (c4, o4, _) = Fwbm(new() { ["FWBM_DATA_CATALOG"] = catalog }, "data", "list", "--cache", cache);
            Assert.Equal(0, c4);
            Assert.Contains("good", o4);
            Assert.DoesNotContain("hcp", o4); // the file replaces the built-in catalog

            Assert.Equal([Path.Combine(cache, "served", "good.bin")], Directory.GetFiles(cache, "*", SearchOption.AllDirectories));

            var (c5, _, e5) = Fwbm([], "data", "list", "--catalog", Path.Combine(dir, "nope.json"));
            Assert.Equal(2, c5);
            Assert.Contains("nope.json", e5);
        }
        finally { Directory.Delete(dir, true); }
    }
}
