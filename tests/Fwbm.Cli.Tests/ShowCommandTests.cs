using System.Globalization;
using System.Text.Json;
using Fwbm.Core.Exploration;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary><c>fwbm show</c> on a saved file and on an --out folder; simulate (one run and a sweep) writes result.h5 into --out.</summary>
public sealed class ShowCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private const int N = 5;

    public ShowCommandTests()
    {
        var conn = _dir.File("conn");
        Directory.CreateDirectory(conn);
        string Mat(Func<int, int, double> f) => string.Join("\n", Enumerable.Range(0, N).Select(i => string.Join(",", Enumerable.Range(0, N).Select(j => f(i, j).ToString("R", CultureInfo.InvariantCulture)))));
        File.WriteAllText(Path.Combine(conn, "weights.csv"), Mat((i, j) => i == j ? 0 : 0.1 + 0.1 * ((i + j) % 4)));
        File.WriteAllLines(Path.Combine(conn, "labels.txt"), ["lh.A", "lh.B", "lh.C", "rh.A", "rh.B"]);
        File.WriteAllText(Path.Combine(conn, "empirical_fc.csv"), Mat((i, j) => i == j ? 1 : 0.5 / (1 + Math.Abs(i - j))));
    }

    public void Dispose() => _dir.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args) => ModelsCommandTests.Run(args);

    [Fact]
    public void Simulate_writes_result_h5_that_show_and_Load_open_from_the_folder()
    {
        var outDir = _dir.File("out");
        var (code, _, err) = Run("simulate", "--connectome", _dir.File("conn"), "--coupling", "0.3", "--duration", "20", "--transient", "1", "--tr", "1",
            "--seed", "7", "--param", "a=-0.1,-0.05,0,0.05,0.1", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(outDir, "result.h5")));
        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json"))))
            Assert.True(summary.RootElement.GetProperty("outputs").TryGetProperty("result.h5", out _));

        // the folder opens as its result.h5 and holds what bold.csv holds
        var result = SimulationResult.Load(outDir);
        Assert.Equal(7UL, result.Seed);
        var csv = File.ReadAllLines(Path.Combine(outDir, "bold.csv")).Skip(1)
            .SelectMany(l => l.Split(',').Skip(1).Select(s => double.Parse(s, CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(csv, result.Bold.Data);
        Assert.Equal(["lh.A", "lh.B", "lh.C", "rh.A", "rh.B"], result.Connectome!.Labels);

        foreach (var target in new[] { outDir, Path.Combine(outDir, "result.h5") })
        {
            var (c, text, e) = Run("show", target);
            Assert.True(c == 0, e);
            Assert.Contains("kind:        simulation (format version 1", text);
            Assert.Contains("model:       hopf", text);
            Assert.Contains("a = per region [-0.1 … 0.1] (5 values) 1/s", text);
            Assert.Contains("coupling = 0.3", text);
            Assert.Contains("seed:        7", text);
            Assert.Contains($"connectome:  {result.Connectome.Name}: 5 regions", text);
            Assert.Contains("empirical FC", text);
            Assert.Contains($"bold         {result.Bold.Length} samples × 5 regions, every 1 s from 2 s", text);
            Assert.Contains("dt ", text);
            Assert.Contains("warnings:", text);
        }
    }

    [Fact]
    public void A_sweep_folder_shows_its_table_and_loads_as_a_SweepResult()
    {
        var outDir = _dir.File("sweep");
        var (code, _, err) = Run("simulate", "--connectome", _dir.File("conn"), "--duration", "20", "--transient", "1", "--tr", "1",
            "--sweep", "coupling=0.1,0.3,0.5", "--seed", "3", "--out", outDir);
        Assert.True(code == 0, err);
        var table = SweepResult.Load(outDir);
        Assert.Equal(3, table.Rows.Count);
        var csv = File.ReadAllLines(Path.Combine(outDir, "sweep.csv"));
        var w = new StringWriter();
        table.WriteCsv(w);
        Assert.Equal(csv, w.ToString().TrimEnd('\n', '\r').Split(Environment.NewLine));
        var (c, text, e) = Run("show", outDir);
        Assert.True(c == 0, e);
        Assert.Contains("kind:        sweep", text);
        Assert.Contains("axis 0:      coupling = 0.1, 0.3, 0.5 (3 values", text);
        Assert.Contains("table:       3 runs × 2 measures (0 failed)", text);
        Assert.Contains("measures:    fc_similarity (max), mean_fc (none)", text);
    }

    [Fact]
    public void Fit_writes_result_h5_with_what_fitted_json_says()
    {
        var outDir = _dir.File("fit");
        var (code, _, err) = Run("fit", "--connectome", "simulated:6:2", "--epochs", "2", "--duration", "30", "--transient", "2", "--dt", "20", "--tr", "1s",
            "--lr", "0.05", "--realisations", "2", "--device", "cpu", "--out", outDir);
        Assert.True(code == 0, err);
        var fit = Fwbm.Torch.Fitting.FitResult.Load(outDir);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "fitted.json")));
        var root = doc.RootElement;
        Assert.Equal("result.h5", root.GetProperty("result_file").GetString());
        Assert.Equal(root.GetProperty("fitted").GetProperty("coupling").GetDouble(), fit.Fitted.Coupling);
        Assert.Equal(root.GetProperty("fitted").GetProperty("a").EnumerateArray().Select(e => e.GetDouble()), fit.Fitted["a"].PerRegion!);
        Assert.Equal(root.GetProperty("best_epoch").GetInt32(), fit.BestEpoch);
        Assert.Equal(root.GetProperty("fc_similarity_after").GetProperty("train").GetDouble(), fit.After!.TrainMean);
        Assert.Equal(2, fit.History.Count);
        Assert.Equal(6, fit.Connectome!.Count);
        var fcCsv = File.ReadAllLines(Path.Combine(outDir, "fc.csv")).SelectMany(l => l.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(fcCsv, fit.After.SimulatedFc);
        var (c, text, e) = Run("show", outDir);
        Assert.True(c == 0, e);
        Assert.Contains("kind:        fit", text);
        Assert.Contains("history:     2 epochs", text);
        Assert.Contains("fitted parameters: a = per region", text);
    }

    [Fact]
    public void Show_of_a_bad_path_is_one_line()
    {
        var (code, _, err) = Run("show", _dir.File("missing.h5"));
        Assert.NotEqual(0, code);
        Assert.Contains("missing.h5", err);
        Assert.Contains("no such file", err);
        File.WriteAllText(_dir.File("x.h5"), "hello");
        var (code2, _, err2) = Run("show", _dir.File("x.h5"));
        Assert.NotEqual(0, code2);
        Assert.Contains("not an HDF5 file", err2);
        Assert.Single(err2.Trim().Split('\n'));
    }
}
