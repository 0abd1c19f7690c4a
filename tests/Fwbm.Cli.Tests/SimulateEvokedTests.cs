using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>
/// <c>fwbm simulate --stimulus … --evoked</c> end to end on a 4-region chain A → B → C (D unconnected) with delays: the CSV files,
/// the "evoked" section of summary.json, the raw recording turned on when --raw is missing, and the errors that stop before anything
/// is written (no stimulus, no trial inside the recording, with --sweep).
/// </summary>
public sealed class SimulateEvokedTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fwbm-cli-evoked-" + Guid.NewGuid().ToString("N"));

    public SimulateEvokedTests()
    {
        Directory.CreateDirectory(Conn);
        double[,] w = { { 0, 0, 0, 0 }, { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 0, 0 } }; // row target, column source
        double[,] len = { { 0, 40, 40, 40 }, { 20, 0, 40, 40 }, { 40, 30, 0, 40 }, { 40, 40, 40, 0 } };
        string Mat(double[,] m) => string.Join("\n", Enumerable.Range(0, 4).Select(i => string.Join(",", Enumerable.Range(0, 4).Select(j => m[i, j].ToString("R", CultureInfo.InvariantCulture)))));
        File.WriteAllText(Path.Combine(Conn, "weights.csv"), Mat(w));
        File.WriteAllText(Path.Combine(Conn, "tract_lengths.csv"), Mat(len));
        File.WriteAllLines(Path.Combine(Conn, "labels.txt"), ["A", "B", "C", "D"]);
    }

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private string Conn => Path.Combine(_dir, "conn");

    private (int Code, string Out, string Err, string Dir) Simulate(string name, params string[] extra)
    {
        var outDir = Path.Combine(_dir, name);
        var (code, stdout, err) = ModelsCommandTests.Run(["simulate", "--connectome", Conn, "--model", "hopf", "--duration", "2", "--transient", "0.5",
            "--dt", "0.1ms", "--velocity", "5", "--coupling", "1", "--param", "a=-100", "--param", "sigma=0", "--initial-state", "x=0,y=0", "--bold", "none", "--out", outDir, .. extra]);
        return (code, stdout, err, outDir);
    }

    private static string[] Lines(string file) => File.ReadAllLines(file);

    [Fact]
    public void Evoked_writes_the_analysis_with_latencies_along_the_chain_and_records_the_stimulated_variable()
    {
        var (code, stdout, err, dir) = Simulate("ok", "--stimulus", "train(rate=4Hz, width=1ms, amplitude=1) at A from 600ms", "--evoked",
            "--evoked-window", "60ms", "--evoked-baseline", "20ms");
        Assert.True(code == 0, err);
        Assert.Contains("recording 'x' every 1 ms", stdout);
        foreach (var f in new[] { "evoked.csv", "evoked_se.csv", "latency.csv", "entrainment.csv", "raw_x.csv", "summary.json" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        var evoked = Lines(Path.Combine(dir, "evoked.csv"));
        Assert.Equal("time_ms,trials,A,B,C,D", evoked[0]);
        Assert.Equal(1 + 20 + 1 + 60, evoked.Length);                 // header + 20 baseline samples + onset + 60 window samples at 1 ms
        Assert.StartsWith("-20,", evoked[1]);
        var lat = Lines(Path.Combine(dir, "latency.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0]);
        double L(string r) => double.Parse(lat[r][1], CultureInfo.InvariantCulture);
        // B 20 mm at 5 m/s = 4 ms after A; C 30 mm more = 6 ms after B (1 ms samples: within one sample, plus the integration steps)
        Assert.InRange(L("B") - L("A"), 4 - 1, 4 + 1.5);
        Assert.InRange(L("C") - L("B"), 6 - 1, 6 + 1.5);
        Assert.Equal(["D", "NaN", "NaN", "inf", "false", "false"], lat["D"]);
        Assert.Equal("50", lat["C"][3]);                               // path distance 20 + 30 mm
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var e = json.RootElement.GetProperty("evoked");
        Assert.Equal("x", e.GetProperty("variable").GetString());
        Assert.Equal(1, e.GetProperty("raw_interval_ms_turned_on").GetDouble());
        Assert.Equal(["A"], e.GetProperty("sites").EnumerateArray().Select(x => x.GetString()));
        // onsets 600, 850, …, 2350 ms, each with its 20 ms baseline and 60 ms window inside the recording (500–2500 ms)
        Assert.Equal(8, e.GetProperty("trials").GetInt32());
        Assert.Equal(0, e.GetProperty("dropped_trials").GetInt32());
        var l = e.GetProperty("latency");
        Assert.Equal(3, l.GetProperty("responding_regions").GetInt32());
        Assert.Equal(["D"], l.GetProperty("non_responding").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(2, l.GetProperty("path_distance_pairs").GetInt32());
        Assert.Equal(JsonValueKind.Null, l.GetProperty("spearman_latency_path_distance").ValueKind); // 2 pairs (B, C): Spearman needs 3
        Assert.Equal(4, e.GetProperty("entrainment").GetProperty("frequency_hz").GetDouble());
        Assert.True(e.GetProperty("entrainment").GetProperty("site_plv").GetDouble() > 0.9);
        Assert.Equal(1, json.RootElement.GetProperty("options").GetProperty("raw").GetProperty("interval_ms").GetDouble());
    }

    [Theory]
    [InlineData(new string[] { "--evoked" }, "no --stimulus was given")]
    [InlineData(new string[] { "--evoked", "--stimulus", "pulse(amplitude=1, width=1ms) at A from 100ms" }, "no trial of the stimulus on 'x' starts inside the recording")]
    [InlineData(new string[] { "--evoked", "--stimulus", "pulse(amplitude=1, width=1ms) at A from 1s", "--evoked-baseline", "1ms" }, "shorter than 2 samples")]
    [InlineData(new string[] { "--evoked", "--stimulus", "pulse(amplitude=1, width=1ms) at A from 2.49s" }, "none of the 1 trial(s) has a whole epoch")]
    public void Bad_input_stops_and_writes_nothing(string[] extra, string message)
    {
        var (code, _, err, dir) = Simulate("bad", extra);
        Assert.NotEqual(0, code);
        Assert.Contains("--evoked", err);
        Assert.Contains(message, err);
        Assert.False(Directory.Exists(dir), "a failed run leaves no output");
    }
}
