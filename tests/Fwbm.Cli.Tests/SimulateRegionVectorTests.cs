using System.Globalization;
using System.Text.Json;
using Fwbm.Core.Data;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>
/// <c>fwbm simulate --param name=&lt;per-region value&gt;</c> end to end: each vector form reaches the simulation (summary.json
/// records one value per region), and wrong values stop before anything is written with a message naming the option.
/// </summary>
public sealed class SimulateRegionVectorTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fwbm-cli-vec-" + Guid.NewGuid().ToString("N"));
    private const int N = FiveRegionFolder.N;

    public SimulateRegionVectorTests() => FiveRegionFolder.Write(Conn);

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private string Conn => Path.Combine(_dir, "conn");

    private (int Code, string Err, double[] A) Simulate(string connectome, string param, string name, params string[] more)
    {
        var outDir = Path.Combine(_dir, name);
        var (code, _, err) = ModelsCommandTests.Run(["simulate", "--connectome", connectome, "--model", "hopf", "--param", param,
            "--duration", "4", "--transient", "0", "--tr", "1", "--out", outDir, .. more]);
        if (code != 0) { Assert.False(Directory.Exists(outDir), "a failed run leaves no output"); return (code, err, []); }
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var a = json.RootElement.GetProperty("parameters").GetProperty("a");
        return (code, err, a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(x => x.GetDouble()).ToArray() : [a.GetDouble()]);
    }

    [Fact]
    public void A_bracketed_list_gives_one_value_per_region_and_the_old_comma_form_the_same()
    {
        var (code, err, a) = Simulate(Conn, "a=[-0.1,-0.05,0,0.01,-0.2]", "list");
        Assert.True(code == 0, err);
        Assert.Equal(new[] { -0.1, -0.05, 0, 0.01, -0.2 }, a);
        var (code2, err2, a2) = Simulate(Conn, "a=-0.1,-0.05,0,0.01,-0.2,omega=40", "commas");
        Assert.True(code2 == 0, err2);
        Assert.Equal(a, a2);
    }

    [Fact]
    public void A_label_vector_sets_the_left_hemisphere_and_else_the_rest()
    {
        var (code, err, a) = Simulate(Conn, "a=label:left:0.1,else:-0.02", "label");
        Assert.True(code == 0, err);
        Assert.Equal(new[] { 0.1, 0.1, 0.1, -0.02, -0.02 }, a);
    }

    [Fact]
    public void A_file_vector_is_read_relative_to_the_working_directory_or_by_absolute_path()
    {
        var file = Path.Combine(_dir, "a.csv");
        File.WriteAllLines(file, ["-0.3", "-0.2", "-0.1", "0", "0.1"]);
        var (code, err, a) = Simulate(Conn, "a=@" + file, "file");
        Assert.True(code == 0, err);
        Assert.Equal(new[] { -0.3, -0.2, -0.1, 0, 0.1 }, a);
        var (bad, badErr, _) = Simulate(Conn, "a=@" + Path.Combine(_dir, "missing.csv"), "file-missing");
        Assert.Equal(2, bad);
        Assert.Contains("--param a '@", badErr);
        Assert.Contains("missing.csv", badErr);
    }

    [Fact]
    public void A_receptor_vector_on_tvb68_is_offset_plus_scale_times_the_hansen_dk68_map_over_its_maximum()
    {
        string[] store = ["--mirror", TestData.Mirror, "--cache", Path.Combine(_dir, "cache"), "--offline"];
        var (code, err, a) = Simulate("tvb-68", "a=receptor:GABAa:0.05:-0.1", "receptor", store);
        Assert.True(code == 0, err);
        var c = Datasets.LoadConnectome("tvb-68", new ConnectomeOptions { Store = TestData.Shared });
        var g = Datasets.LoadReceptorMaps("hansen-dk68", c, new ReceptorOptions { ZScore = false, Store = TestData.Shared }).Map("GABAa");
        Assert.Equal(68, a.Length);
        for (int i = 0; i < 68; i++) Assert.Equal(-0.1 + 0.05 * g[i] / g.Max(), a[i], 12);
        // an unknown receptor is refused with the nearest map's name
        var (bad, badErr, _) = Simulate("tvb-68", "a=receptor:GABAA2", "receptor-bad", store);
        Assert.Equal(2, bad);
        Assert.Contains("--param a 'receptor:GABAA2", badErr);
        Assert.Contains("did you mean", badErr);
        Assert.Contains("GABAa", badErr);
    }

    [Fact]
    public void A_list_of_the_wrong_length_names_both_counts()
    {
        var (code, err, _) = Simulate(Conn, "a=[0.1,0.2,0.3]", "short");
        Assert.Equal(2, code);
        Assert.Contains("--param a '[0.1,0.2,0.3]': has 3 values but", err);
        Assert.Contains("needs 5 (one per region)", err);
    }

    [Fact]
    public void A_misspelt_vector_kind_and_an_unknown_selector_are_refused_naming_the_option()
    {
        var (code, err, _) = Simulate(Conn, "a=recepter:5HT2a", "kind");
        Assert.Equal(2, code);
        Assert.Contains("--param a 'recepter:5HT2a'", err);
        Assert.Contains("did you mean 'receptor'", err);
        var (code2, err2, _) = Simulate(Conn, "a=label:lh.Q:1,else:0", "selector");
        Assert.Equal(2, code2);
        Assert.Contains("--param a", err2);
        Assert.Contains("lh.Q", err2);
    }
}
