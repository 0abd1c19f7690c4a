using System.Globalization;
using System.Text.Json;
using Fwbm.Core.Analysis;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary><c>fwbm simulate … --resect … --compare-intact</c>: both runs, the comparison files and the before/after table.</summary>
public sealed class SimulateComparisonTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fwbm-cmp-" + Guid.NewGuid().ToString("N"));
    private const int N = FiveRegionFolder.N;

    public SimulateComparisonTests()
    {
        var rng = new Random(4);
        var w = new double[N, N];
        for (int i = 0; i < N; i++) for (int j = i + 1; j < N; j++) w[i, j] = w[j, i] = Math.Round(0.1 + rng.NextDouble(), 3);
        FiveRegionFolder.Write(Path.Combine(_dir, "conn"), (i, j) => w[i, j]);
    }

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private string Conn => Path.Combine(_dir, "conn");

    private static (int Code, string Out, string Err) Run(params string[] args) => ModelsCommandTests.Run(args);

    private static double[] Numbers(IEnumerable<string> lines, int skipColumns) =>
        lines.SelectMany(l => l.Split(',').Skip(skipColumns).Select(s => double.Parse(s, CultureInfo.InvariantCulture))).ToArray();

    [Fact]
    public void Writes_both_runs_and_the_comparison_of_a_resection()
    {
        var outDir = Path.Combine(_dir, "out");
        var (code, stdout, err) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--coupling", "0.5", "--bold", "direct",
            "--duration", "120", "--seed", "3", "--resect", "lh.A", "--compare-intact", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("before/after (5 → 4 regions, 4 shared; seed 3; edits: resect lh.A)", stdout);
        Assert.Contains("global_efficiency", stdout);
        foreach (var f in new[] { "bold_intact.csv", "bold_edited.csv", "result.h5", "result_intact.h5", "fc_intact.csv", "fc_edited.csv", "delta_fc.csv", "regions.csv", "graph.csv", "comparison.json", "summary.json" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);

        var boldI = File.ReadAllLines(Path.Combine(outDir, "bold_intact.csv"));
        var boldE = File.ReadAllLines(Path.Combine(outDir, "bold_edited.csv"));
        Assert.Equal("time_s,lh.A,lh.B,lh.C,rh.A,rh.B", boldI[0]);
        Assert.Equal("time_s,lh.B,lh.C,rh.A,rh.B", boldE[0]);
        // fc_intact.csv is the FC of bold_intact.csv, labelled; delta_fc.csv is FC edited − FC intact over the 4 kept regions
        var fcI = File.ReadAllLines(Path.Combine(outDir, "fc_intact.csv"));
        Assert.Equal("region,lh.A,lh.B,lh.C,rh.A,rh.B", fcI[0]);
        var fcIntact = Numbers(fcI.Skip(1), 1);
        var recomputed = FunctionalConnectivity.Compute(Numbers(boldI.Skip(1), 1), N);
        for (int k = 0; k < N * N; k++) Assert.Equal(recomputed[k], fcIntact[k], 12);
        var fcEdited = Numbers(File.ReadAllLines(Path.Combine(outDir, "fc_edited.csv")).Skip(1), 1);
        var delta = File.ReadAllLines(Path.Combine(outDir, "delta_fc.csv"));
        Assert.Equal("region,lh.B,lh.C,rh.A,rh.B", delta[0]);
        var d = Numbers(delta.Skip(1), 1);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(fcEdited[i * 4 + j] - fcIntact[(i + 1) * N + j + 1], d[i * 4 + j], 12);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "comparison.json")));
        var root = json.RootElement;
        Assert.Equal("resect lh.A", root.GetProperty("edits")[0].GetString());
        Assert.Equal("lh.A", root.GetProperty("regions").GetProperty("removed")[0].GetString());
        double sim = root.GetProperty("fc").GetProperty("similarity_to_intact").GetDouble();
        Assert.Equal(FcSimilarity.Compute(fcEdited, Sub(fcIntact), 4), sim, 12);
        Assert.True(sim < 1);
        Assert.Equal(5, root.GetProperty("measures").GetProperty("regions").GetProperty("intact").GetDouble());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("resect lh.A", summary.RootElement.GetProperty("connectome").GetProperty("edits")[0].GetString());
        Assert.Equal(sim, summary.RootElement.GetProperty("comparison").GetProperty("fc_similarity_to_intact").GetDouble());
        Assert.DoesNotContain(Directory.GetDirectories(_dir), x => Path.GetFileName(x).StartsWith('.'));
    }

    private static double[] Sub(double[] fc)
    {
        var r = new double[16];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) r[i * 4 + j] = fc[(i + 1) * N + j + 1];
        return r;
    }

    [Fact]
    public void Without_an_edit_or_with_a_sweep_it_is_an_error_and_nothing_is_written()
    {
        var outDir = Path.Combine(_dir, "none");
        var (code, _, err) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--duration", "30", "--compare-intact", "--out", outDir);
        Assert.NotEqual(0, code);
        Assert.Contains("--compare-intact compares the intact connectome with an edited one, but no edit was given", err);
        Assert.False(Directory.Exists(outDir));
        var (code2, _, err2) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--duration", "30", "--resect", "lh.A", "--compare-intact",
            "--sweep", "coupling=0,0.5", "--out", outDir);
        Assert.NotEqual(0, code2);
        Assert.Contains("does not combine with --sweep", err2);
        var (code3, _, err3) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--duration", "30", "--resect", "lh.A", "--compare-intact",
            "--bold", "none", "--raw", "10ms", "--out", outDir);
        Assert.NotEqual(0, code3);
        Assert.Contains("drop --bold none", err3);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_resection_alone_gives_the_edited_run_of_the_comparison_bit_for_bit()
    {
        // the edited connectome's regions draw the noise they draw in the intact run (keyed by label), with or without --compare-intact
        var cmpDir = Path.Combine(_dir, "cmp");
        var aloneDir = Path.Combine(_dir, "alone");
        string[] common = ["simulate", "--connectome", Conn, "--model", "hopf", "--coupling", "0.5", "--bold", "direct", "--duration", "60", "--seed", "11", "--resect", "lh.B"];
        var (c1, _, e1) = Run([.. common, "--compare-intact", "--out", cmpDir]);
        Assert.True(c1 == 0, e1);
        var (c2, _, e2) = Run([.. common, "--out", aloneDir]);
        Assert.True(c2 == 0, e2);
        Assert.Equal(File.ReadAllLines(Path.Combine(cmpDir, "bold_edited.csv")), File.ReadAllLines(Path.Combine(aloneDir, "bold.csv")));
        // and a region's noise does not depend on which other region was removed: with no coupling, lh.C's BOLD is the intact one
        var (c3, _, e3) = Run(["simulate", "--connectome", Conn, "--model", "hopf", "--coupling", "0", "--bold", "direct", "--duration", "60", "--seed", "11", "--resect", "lh.A", "--compare-intact", "--out", Path.Combine(_dir, "g0")]);
        Assert.True(c3 == 0, e3);
        var intact = File.ReadAllLines(Path.Combine(_dir, "g0", "bold_intact.csv")).Skip(1).Select(l => l.Split(',')[3]).ToArray(); // lh.C
        var edited = File.ReadAllLines(Path.Combine(_dir, "g0", "bold_edited.csv")).Skip(1).Select(l => l.Split(',')[2]).ToArray();
        Assert.Equal(intact, edited);
    }

    [Fact]
    public void A_stimulus_acts_in_both_runs_of_the_comparison()
    {
        var outDir = Path.Combine(_dir, "stim");
        var (code, _, err) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--coupling", "0.5", "--bold", "direct", "--duration", "60",
            "--seed", "5", "--resect", "lh.A", "--stimulus", "sine(0.05Hz, 0.5) at rh.A", "--compare-intact", "--out", outDir);
        Assert.True(code == 0, err);
        var (code2, _, err2) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--coupling", "0.5", "--bold", "direct", "--duration", "60",
            "--seed", "5", "--resect", "lh.A", "--compare-intact", "--out", Path.Combine(_dir, "nostim"));
        Assert.True(code2 == 0, err2);
        // the stimulus changes rh.A (column 4 of the intact run, 3 of the edited run) in both runs
        string Col(string dir, string file, int c) => string.Join(";", File.ReadAllLines(Path.Combine(dir, file)).Skip(1).Select(l => l.Split(',')[c]));
        Assert.NotEqual(Col(outDir, "bold_intact.csv", 4), Col(Path.Combine(_dir, "nostim"), "bold_intact.csv", 4));
        Assert.NotEqual(Col(outDir, "bold_edited.csv", 3), Col(Path.Combine(_dir, "nostim"), "bold_edited.csv", 3));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.True(summary.RootElement.TryGetProperty("comparison", out _));
        Assert.StartsWith("sine(", summary.RootElement.GetProperty("stimuli")[0].GetProperty("text").GetString());
    }
}
