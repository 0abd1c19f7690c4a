using Xunit;

namespace Fwbm.Cli.Tests;

public class DataCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => ModelsCommandTests.Run(args);

    private static string NewCache() => Path.Combine(Path.GetTempPath(), "fwbm-cli-" + Guid.NewGuid().ToString("N")[..10]);

    [Fact]
    public void List_shows_every_dataset_with_licence()
    {
        var (code, o, _) = Run("data", "list", "--mirror", TestData.Mirror, "--cache", NewCache(), "--offline");
        Assert.Equal(0, code);
        foreach (var id in new[] { "hcp", "gw", "tvb-68", "tvb-998", "enigma-schaefer400", "hansen-dk68" }) Assert.Contains(id, o);
        Assert.Contains("CC BY-NC-SA", o);
        var (c2, json, _) = Run("data", "list", "--json");
        Assert.Equal(0, c2);
        Assert.Contains("\"sha256\"", json);
    }

    [Fact]
    public void Info_and_cite()
    {
        var (code, o, _) = Run("data", "info", "hansen-dk68", "--mirror", TestData.Mirror, "--cache", NewCache());
        Assert.Equal(0, code);
        Assert.Contains("netneurolab/hansen_receptors @ f8b41da92a733f99368c1f39d4959731aa1316c1", o);
        Assert.Contains("CC BY-NC-SA 4.0", o);
        var (c2, cite, _) = Run("data", "cite", "hcp");
        Assert.Equal(0, c2);
        Assert.Contains("Cakan C, Jajcay N, Obermayer K (2021)", cite);
        Assert.Contains("WU-Minn", cite);
    }

    [Fact]
    public void Datasets_with_centres_from_another_dataset_simulate_with_delays()
    {
        var dir = NewCache();
        try
        {
            foreach (var id in new[] { "hansen-dk68", "enigma-schaefer100" })
            {
                var outDir = Path.Combine(dir, "out-" + id);
                var (code, _, err) = Run("simulate", "--connectome", id, "--model", "hopf", "--velocity", "3", "--duration", "4", "--transient", "0",
                    "--mirror", TestData.Mirror, "--cache", Path.Combine(dir, "cache"), "--offline", "--out", outDir);
                Assert.True(code == 0, $"{id}: {err}");
                using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
                Assert.True(json.RootElement.GetProperty("connectome").GetProperty("tract_lengths").GetBoolean());
            }
            var (c2, info, _) = Run("data", "info", "enigma-dk68", "--mirror", TestData.Mirror, "--cache", Path.Combine(dir, "cache"));
            Assert.Equal(0, c2);
            Assert.Contains("centres:      from tvb-68", info);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void Cite_lists_each_pet_maps_primary_reference()
    {
        var (code, cite, err) = Run("data", "cite", "hansen-dk68", "--mirror", TestData.Mirror, "--cache", NewCache(), "--offline");
        Assert.True(code == 0, err);
        Assert.Contains("Original PET studies (manuscript/Table_S3.xlsx", cite);
        Assert.Contains("  - GABAa-bz_flumazenil_hc16_norgaard ([11C]FLUMAZENIL, N=16): norgaard2021neuroimage", cite);
        Assert.Contains("  - NMDA_ge179_hc29_galovic ([18F]GE-179, N=29): galovic2021preprint; galovic2021neuroimage", cite);
        Assert.Contains("  - SERT_MADAM_c11: no row of Table_S3.xlsx matches", cite);
    }

    [Fact]
    public void Fetch_from_the_mirror_into_a_cache()
    {
        var cache = NewCache();
        try
        {
            var (code, o, e) = Run("data", "fetch", "tvb-68", "enigma-dk68", "--mirror", TestData.Mirror, "--cache", cache, "--offline");
            Assert.True(code == 0, e);
            Assert.Contains("tvb-68: 1 file verified (0 already cached, 1 from mirror, 0 downloaded)", o);
            Assert.Contains("enigma-dk68: 4 files verified", o);
            Assert.True(File.Exists(Path.Combine(cache, "tvb_connectivity", "connectivity_68.zip")));
            var (c2, o2, _) = Run("data", "fetch", "tvb-68", "--mirror", TestData.Mirror, "--cache", cache, "--offline");
            Assert.Equal(0, c2);
            Assert.Contains("1 already cached", o2);
        }
        finally { if (Directory.Exists(cache)) Directory.Delete(cache, true); }
    }

    [Fact]
    public void Errors_are_one_line_with_exit_2()
    {
        var (code, _, err) = Run("data", "info", "hcpp");
        Assert.Equal(2, code);
        Assert.Contains("Unknown dataset 'hcpp'; did you mean hcp", err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.DoesNotContain("path", err); // data info/cite take ids only
        var (cc, _, citeErr) = Run("data", "cite", "hansen-dk86");
        Assert.Equal(2, cc);
        Assert.Contains("did you mean hansen-dk68", citeErr);
        Assert.DoesNotContain("path", citeErr);

        var cache = NewCache();
        var empty = NewCache();
        Directory.CreateDirectory(empty);
        try
        {
            var (c2, _, e2) = Run("data", "fetch", "tvb-76", "--mirror", empty, "--cache", cache, "--offline");
            Assert.Equal(2, c2);
            Assert.Contains("network access is off", e2);
            Assert.Single(e2.Trim().Split('\n'));

            // a corrupt mirror file: exit 2, one line, nothing in the cache
            var bad = Path.Combine(empty, "tvb_connectivity");
            Directory.CreateDirectory(bad);
            var bytes = File.ReadAllBytes(Path.Combine(TestData.Mirror, "tvb_connectivity", "connectivity_76.zip"));
            File.WriteAllBytes(Path.Combine(bad, "connectivity_76.zip"), bytes[..(bytes.Length / 2)]);
            var (c3, _, e3) = Run("data", "fetch", "tvb-76", "--mirror", empty, "--cache", cache, "--offline");
            Assert.Equal(2, c3);
            Assert.Contains("wrong checksum", e3);
            Assert.Single(e3.Trim().Split('\n'));
            Assert.False(Directory.Exists(cache) && Directory.GetFiles(cache, "*", SearchOption.AllDirectories).Length > 0);
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, true);
            Directory.Delete(empty, true);
        }
    }
}
