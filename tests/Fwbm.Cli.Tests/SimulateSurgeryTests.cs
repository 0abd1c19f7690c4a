using System.Globalization;
using System.Text.Json;
using Fwbm.Core.Grammar;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>
/// <c>fwbm simulate --resect/--lesion/…</c> end to end on the real hcp connectome and on small folder connectomes: the edits apply in the
/// order typed, summary.json and result.h5 list them, a split graph warns, and every bad edit is a one-line error with nothing written.
/// </summary>
public sealed class SimulateSurgeryTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fwbm-surgery-" + Guid.NewGuid().ToString("N"));

    public SimulateSurgeryTests()
    {
        Directory.CreateDirectory(_dir);
        // five regions; lh.A and rh.B are not connected either way
        double[,] w = { { 0, 1, 2, 0.5, 0 }, { 1, 0, 3, 0, 0.2 }, { 2, 3, 0, 1, 1 }, { 0.5, 0, 1, 0, 2 }, { 0, 0.2, 1, 2, 0 } };
        Folder("sided", w, ["lh.A", "lh.B", "lh.C", "rh.A", "rh.B"]);
        Folder("sideless", w, ["n0", "n1", "n2", "n3", "n4"]);
    }

    private void Folder(string name, double[,] w, string[] labels)
    {
        var d = Path.Combine(_dir, name);
        Directory.CreateDirectory(d);
        int n = labels.Length;
        string Mat(Func<int, int, double> f) => string.Join("\n", Enumerable.Range(0, n).Select(i => string.Join(",", Enumerable.Range(0, n).Select(j => f(i, j).ToString("R", CultureInfo.InvariantCulture)))));
        File.WriteAllText(Path.Combine(d, "weights.csv"), Mat((i, j) => w[i, j]));
        File.WriteAllText(Path.Combine(d, "tract_lengths.csv"), Mat((i, j) => i == j ? 0 : 20 + 10 * Math.Abs(i - j)));
        File.WriteAllLines(Path.Combine(d, "labels.txt"), labels);
    }

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private (int Code, string Out, string Err, string OutDir) Simulate(string name, params string[] args)
    {
        string outDir = Path.Combine(_dir, "out-" + name);
        var (code, stdout, err) = ModelsCommandTests.Run(["simulate", .. args, "--duration", "25s", "--transient", "0",
            "--mirror", TestData.Mirror, "--cache", Path.Combine(_dir, "cache"), "--offline", "--out", outDir]);
        return (code, stdout, err, outDir);
    }

    private static JsonElement Summary(string outDir)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        return json.RootElement.Clone();
    }

    [Fact]
    public void Hcp_resection_of_the_occipital_lobe_runs_and_summary_and_result_list_the_edits_in_the_order_typed()
    {
        var (code, stdout, err, outDir) = Simulate("hcp", "--connectome", "hcp", "--lesion", "Precentral_L <-> Precentral_R:0.5",
            "--resect", "lobe:occipital", "--silence", "Frontal_Sup_2_L", "--demyelinate", "lobe:frontal <-> lobe:temporal:2", "--resect", "Precentral_L");
        Assert.True(code == 0, err + stdout);
        Assert.Contains("surgery on 'hcp': lesion Precentral_L <-> Precentral_R:0.5; resect lobe:occipital; silence Frontal_Sup_2_L", stdout);
        Assert.Contains("warning: --demyelinate lengthens tracts, but without --velocity the run has no conduction delays", stdout);
        var summary = Summary(outDir);
        var conn = summary.GetProperty("connectome");
        string[] edits = ["lesion Precentral_L <-> Precentral_R:0.5", "resect lobe:occipital", "silence Frontal_Sup_2_L", "demyelinate lobe:frontal <-> lobe:temporal:2", "resect Precentral_L"];
        Assert.Equal(edits, conn.GetProperty("edits").EnumerateArray().Select(e => e.GetString()!));
        // hcp has 80 regions, 12 of them occipital; then Precentral_L
        Assert.Equal(67, conn.GetProperty("regions").GetInt32());
        var labels = conn.GetProperty("labels").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.DoesNotContain(labels, l => RegionNaming.Lobe(l) == "occipital");
        Assert.DoesNotContain("Precentral_L", labels);
        Assert.Contains("Precentral_R", labels);
        Assert.Equal(["time_s", .. labels], File.ReadLines(Path.Combine(outDir, "bold.csv")).First().Split(','));
        var back = SimulationResult.Load(Path.Combine(outDir, "result.h5")).Connectome!;
        Assert.Equal(edits, back.Edits.Select(e => e.Text));
    }

    [Fact]
    public void Demyelination_needs_a_pair_of_existing_sides_and_is_recorded()
    {
        var (code, stdout, err, outDir) = Simulate("demy", "--connectome", Path.Combine(_dir, "sided"), "--demyelinate", "lh.A -> lh.C:3", "--velocity", "5");
        Assert.True(code == 0, err + stdout);
        Assert.DoesNotContain("without --velocity", stdout);
        Assert.Equal(["demyelinate lh.A -> lh.C:3"], Summary(outDir).GetProperty("connectome").GetProperty("edits").EnumerateArray().Select(e => e.GetString()!));
        var back = SimulationResult.Load(Path.Combine(outDir, "result.h5")).Connectome!;
        Assert.Equal(3 * 40, back.TractLengths[2 * 5 + 0], 12); // lh.C ← lh.A: 40 mm × 3
        Assert.Equal(40, back.TractLengths[0 * 5 + 2], 12);     // lh.A ← lh.C: one way, untouched
    }

    [Fact]
    public void A_callosotomy_that_splits_the_graph_warns_on_stdout_and_in_summary()
    {
        var (code, stdout, err, outDir) = Simulate("callo", "--connectome", "hcp", "--callosotomy");
        Assert.True(code == 0, err + stdout);
        Assert.Contains("warning [graph-disconnected]: after 'callosotomy' the structural graph of 'hcp' falls into 2 connected components (1 before) of 40, 40 regions; cut off from the largest: Precentral_R,", stdout);
        var summary = Summary(outDir);
        Assert.Contains("graph-disconnected", summary.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()));
        Assert.Equal(["callosotomy"], summary.GetProperty("connectome").GetProperty("edits").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(80, summary.GetProperty("connectome").GetProperty("regions").GetInt32());
    }

    [Fact]
    public void An_intact_run_lists_no_edits()
    {
        var (code, stdout, err, outDir) = Simulate("intact", "--connectome", Path.Combine(_dir, "sided"));
        Assert.True(code == 0, err + stdout);
        Assert.Equal(0, Summary(outDir).GetProperty("connectome").GetProperty("edits").GetArrayLength());
        Assert.DoesNotContain("surgery on", stdout);
    }

    [Theory]
    [InlineData("hcp", "--resect|*", "--resect '*': selects all 80 regions; a resection must leave at least one region")]
    [InlineData("sided", "--lesion|lh.A <-> rh.B", "--lesion 'lh.A <-> rh.B': there is no edge between lh.A and rh.B (weight 0 both ways); edges of lh.A: lh.C -> lh.A (2)")]
    [InlineData("hcp", "--resect|Precentrl_L", "--resect 'Precentrl_L': connectome 'hcp' (")]
    [InlineData("sideless", "--callosotomy", "--callosotomy: the atlas has no hemisphere information")]
    [InlineData("hcp", "--demyelinate|Precentral_L:0.5", "--demyelinate 'Precentral_L:0.5': factor 0.5; expected a slowing factor ≥ 1")]
    [InlineData("hcp", "--null|rewire", "--null 'rewire:10:seed=42': every pair of regions is connected")]
    [InlineData("hcp", "--resect|lobe:occipital|--lesion|Calcarine_L:Precentral_L", "--lesion 'Calcarine_L': connectome 'hcp' (aal2-94/sel80, 68 regions) has no region")] // resolved after the resection
    [InlineData("hcp", "--tumour|500,0,0:10", "--tumour '500,0,0:10:resect': no region centre lies within 10 mm of (500, 0, 0)")]
    public void Bad_edits_fail_with_one_line_naming_the_option_and_write_nothing(string connectome, string options, string start)
    {
        string conn = connectome == "hcp" ? "hcp" : Path.Combine(_dir, connectome);
        var (code, stdout, err, outDir) = Simulate("bad", ["--connectome", conn, "--seed", "42", .. options.Split('|')]);
        Assert.NotEqual(0, code);
        Assert.Contains(start, err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(Directory.Exists(outDir), $"{outDir} was written");
        Assert.Empty(Directory.GetDirectories(_dir, "*.partial"));
        if (options.Contains("Precentrl_L")) Assert.Contains("did you mean 'Precentral_L'", err);
    }
}
