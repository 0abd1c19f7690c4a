using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>
/// <c>fwbm simulate --stimulus …</c> end to end: stimuli reach the run and summary.json records them; each bad input of the issue
/// (outside the run, above Nyquist, a negative amplitude where the shape forbids it, …) stops with one line naming --stimulus and
/// nothing is written in --out.
/// </summary>
public sealed class SimulateStimulusTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fwbm-cli-stim-" + Guid.NewGuid().ToString("N"));
    private const int N = FiveRegionFolder.N;

    public SimulateStimulusTests() => FiveRegionFolder.Write(Conn);

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private string Conn => Path.Combine(_dir, "conn");

    private (int Code, string Err, string Out) Simulate(string name, params string[] stimuli)
    {
        var outDir = Path.Combine(_dir, name);
        var (code, _, err) = ModelsCommandTests.Run(["simulate", "--connectome", Conn, "--model", "hopf", "--duration", "4", "--transient", "0", "--tr", "1",
            "--out", outDir, .. stimuli.SelectMany(s => new[] { "--stimulus", s })]);
        return (code, err, outDir);
    }

    [Fact]
    public void Repeated_stimuli_reach_the_run_and_summary_json_records_texts_variables_and_region_weights()
    {
        var (code, err, outDir) = Simulate("ok", "sine(10Hz, 0.5) at lh.A from 1s", "dc(0.2) at [0,0,0,1,0.5] on y");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var stimuli = json.RootElement.GetProperty("stimuli").EnumerateArray().ToArray();
        Assert.Equal(2, stimuli.Length);
        Assert.Equal("sine(frequency=10Hz, amplitude=0.5, phase=0) at lh.A from 1000ms on x", stimuli[0].GetProperty("text").GetString());
        Assert.Equal("x", stimuli[0].GetProperty("variable").GetString());
        Assert.Equal(10, stimuli[0].GetProperty("driving_frequency_hz").GetDouble());
        Assert.Equal(1000, stimuli[0].GetProperty("from_ms").GetDouble());
        Assert.Equal(1, stimuli[0].GetProperty("regions").GetProperty("lh.A").GetDouble());
        Assert.Equal("y", stimuli[1].GetProperty("variable").GetString());
        var w = stimuli[1].GetProperty("regions");
        Assert.Equal(["rh.A", "rh.B"], w.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.5, w.GetProperty("rh.B").GetDouble());
        // the stimulated run differs from the unstimulated one
        var (code0, err0, plain) = Simulate("plain");
        Assert.True(code0 == 0, err0);
        Assert.NotEqual(File.ReadAllText(Path.Combine(plain, "bold.csv")), File.ReadAllText(Path.Combine(outDir, "bold.csv")));
        using var json0 = JsonDocument.Parse(File.ReadAllText(Path.Combine(plain, "summary.json")));
        Assert.Equal(0, json0.RootElement.GetProperty("stimuli").GetArrayLength());
    }

    [Fact]
    public void A_sweep_runs_every_point_with_the_stimuli_and_records_them()
    {
        var outDir = Path.Combine(_dir, "sweep");
        var (code, _, err) = ModelsCommandTests.Run(["simulate", "--connectome", Conn, "--model", "hopf", "--duration", "4", "--transient", "0", "--tr", "1",
            "--sweep", "coupling=0,0.1", "--measure", "mean_fc", "--stimulus", "sine(0.2Hz, 0.005) at lh", "--out", outDir]);
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var s = Assert.Single(json.RootElement.GetProperty("stimuli").EnumerateArray());
        Assert.Equal(["lh.A", "lh.B", "lh.C"], s.GetProperty("regions").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Fwbm_models_says_where_stimuli_enter()
    {
        var (code, output, _) = ModelsCommandTests.Run("models", "jansen_rit");
        Assert.Equal(0, code);
        Assert.Contains("stimuli (--stimulus) enter: y4", output);
    }

    [Theory]
    [InlineData("pulse(1, 1ms) at lh.A from 5s", "after the run ends at 4000 ms")]          // a stimulus outside the run
    [InlineData("sine(600Hz, 1) at lh.A", "above the Nyquist rate")]                       // hopf's dt 1 ms: Nyquist 500 Hz
    [InlineData("train(rate=130Hz, width=90us, amplitude=-1, biphasic) at lh.A", "amplitude = -1 with biphasic")]
    [InlineData("sine(10Hz, -0.5) at lh.A", "amplitude = -0.5")]
    [InlineData("train(rate=130Hz, width=-90us) at lh.A", "width = -0.09 ms")]
    [InlineData("dc(0.1) at lh.A on z", "has no state variable 'z'; expected one of 'x'")]
    [InlineData("dc(0.1) at lh.Q", "lh.A")]
    [InlineData("dc(0.1) at [0,0,0,0,0]", "selects no region")]
    [InlineData("puls(1) at lh.A", "did you mean 'pulse'")]
    public void Bad_input_stops_before_anything_is_written(string stimulus, string message)
    {
        var (code, err, outDir) = Simulate("bad", stimulus);
        Assert.NotEqual(0, code);
        Assert.Contains("--stimulus", err);
        Assert.Contains(message, err);
        Assert.False(Directory.Exists(outDir), "a failed run leaves no output");
    }
}
