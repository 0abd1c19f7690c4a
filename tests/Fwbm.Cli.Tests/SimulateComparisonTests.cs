using System.Globalization;
using System.Text.Json;
using Fwbm.Core.Analysis;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary><c>fwbm simulate … --resect … --compare-intact</c>: both runs, the comparison files and the before/after table.</summary>
public sealed class SimulateComparisonTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fwbm-cmp-" + Guid.NewGuid().ToString("N"));
    private const int N = 5;

    public SimulateComparisonTests()
    {
        var conn = Path.Combine(_dir, "conn");
        Directory.CreateDirectory(conn);
        var rng = new Random(4);
        var w = new double[N, N];
        for (int i = 0; i < N; i++) for (int j = i + 1; j < N; j++) w[i, j] = w[j, i] = Math.Round(0.1 + rng.NextDouble(), 3);
        File.WriteAllText(Path.Combine(conn, "weights.csv"), string.Join("\n", Enumerable.Range(0, N).Select(i => string.Join(",", Enumerable.Range(0, N).Select(j => w[i, j].ToString("R", CultureInfo.InvariantCulture))))));
        File.WriteAllLines(Path.Combine(conn, "labels.txt"), ["lh.A", "lh.B", "lh.C", "rh.A", "rh.B"]);
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
}
