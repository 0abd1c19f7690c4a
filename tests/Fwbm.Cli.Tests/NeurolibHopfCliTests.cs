using System.Globalization;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Cli.Tests;

/// <summary>
/// The documented command of docs/coming-from-neurolib-and-tvb.md reproduces neurolib's noise-free Hopf trajectory
/// (shared/reference/neurolib-hopf) from raw_x.csv / raw_y.csv to ≤ 1e-9 absolute, with and without delays; plus the errors of
/// --raw, --initial-state, --couple and --bold none.
/// </summary>
public sealed class NeurolibHopfCliTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fwbm-nl-" + Guid.NewGuid().ToString("N"));
    private static readonly double Scale = Math.Sqrt(1000);   // this project's Hopf amplitude = √1000 × neurolib's (time in s, not ms)

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    /// <summary>$FWBM_REFERENCE_DIR, else "reference" next to $FWBM_DATA_MIRROR, else ../shared/reference next to the repository.</summary>
    private static string Reference() => PeerReferences.Directory("neurolib-hopf", "node0_delays.csv");

    /// <summary>The documented preparation: a folder with the reference's weights.csv and its lengths_mm.csv as tract_lengths.csv.</summary>
    private string Connectome()
    {
        var src = Reference();
        var conn = Path.Combine(_dir, "hopf-ref");
        Directory.CreateDirectory(conn);
        File.Copy(Path.Combine(src, "weights.csv"), Path.Combine(conn, "weights.csv"));
        File.Copy(Path.Combine(src, "lengths_mm.csv"), Path.Combine(conn, "tract_lengths.csv"));
        return conn;
    }

    private static double[][] Csv(string path, bool header = true)
        => File.ReadAllLines(path).Skip(header ? 1 : 0).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Documented_command_reproduces_neurolib_hopf(bool delays)
    {
        var outDir = Path.Combine(_dir, "out");
        string[] args = ["simulate", "--connectome", Connectome(), "--model", "hopf", "--couple", "x",
            "--param", "a=250", "--param", "omega=200", "--param", "sigma=0", "--coupling", "600",
            "--dt", "0.1", "--integrator", "euler", "--duration", "2000ms", "--transient", "0",
            "--initial-state", "x=3.1622776601683795,y=0", "--bold", "none", "--raw", "10ms", "--out", outDir];
        if (delays) args = [.. args, "--velocity", "20"];
        var (code, stdout, err) = ModelsCommandTests.Run(args);
        Assert.True(code == 0, err + stdout);
        Assert.DoesNotContain("warning", stdout);
        Assert.False(File.Exists(Path.Combine(outDir, "bold.csv")));
        Assert.False(File.Exists(Path.Combine(outDir, "fc.csv")));
        var header = File.ReadLines(Path.Combine(outDir, "raw_x.csv")).First().Split(',');
        Assert.Equal("time_s", header[0]);
        Assert.Equal(81, header.Length);
        var x = Csv(Path.Combine(outDir, "raw_x.csv"));
        var y = Csv(Path.Combine(outDir, "raw_y.csv"));
        var expected = Csv(Path.Combine(Reference(), delays ? "node0_delays.csv" : "node0_no_delays.csv"));
        Assert.Equal(expected.Length - 1, x.Length);   // the reference's row t = 0 is the initial state given on the command line
        Assert.Equal(0.1, expected[0][1]);
        double max = 0;
        for (int t = 0; t < x.Length; t++)
        {
            Assert.Equal(expected[t + 1][0] / 1000, x[t][0], 12);
            max = Math.Max(max, Math.Max(Math.Abs(x[t][1] / Scale - expected[t + 1][1]), Math.Abs(y[t][1] / Scale - expected[t + 1][2])));
        }
        output.WriteLine($"delays {delays}: max |diff| of node 0 over {x.Length} rows = {max:E3}");
        Assert.InRange(max, 0, 1e-9);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var o = summary.RootElement.GetProperty("options");
        Assert.Equal("none", o.GetProperty("bold").GetString());
        Assert.Equal("x", Assert.Single(o.GetProperty("coupled_channels").EnumerateArray()).GetString());
        Assert.Equal("raw_x.csv", o.GetProperty("raw").GetProperty("variables").GetProperty("x").GetProperty("file").GetString());
        Assert.Equal("dimensionless", o.GetProperty("raw").GetProperty("variables").GetProperty("y").GetProperty("unit").GetString());
        Assert.Equal(10, o.GetProperty("raw").GetProperty("interval_ms").GetDouble());
        if (delays) Assert.Equal(124, o.GetProperty("max_delay_steps").GetInt32());
    }

    [Fact]
    public void Neurolib_numbers_copied_unconverted_print_a_warning()
    {
        var outDir = Path.Combine(_dir, "w");
        var (code, stdout, err) = ModelsCommandTests.Run("simulate", "--connectome", Connectome(), "--model", "hopf", "--param", "a=0.25", "--param", "omega=0.2",
            "--coupling", "0.6", "--duration", "100ms", "--transient", "0", "--dt", "1", "--bold", "none", "--raw", "10ms", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("warning: Model 'hopf': omega = 0.2 rad/s is valid but implausible", stdout);
        Assert.Contains("did you mean 200 rad/s", stdout);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Contains("did you mean 200 rad/s", Assert.Single(summary.RootElement.GetProperty("options").GetProperty("warnings").EnumerateArray()).GetString());
    }

    [Fact]
    public void A_run_that_fails_with_unconverted_neurolib_numbers_names_the_likely_conversion_in_its_error()
    {
        // the symptom: neurolib's a = 0.25, w = 0.2 (per ms) with the default Balloon BOLD drives the hemodynamics out of
        // range; the warning is printed before the run and the error repeats it, so the unit slip is not hidden behind the blow-up
        var (code, stdout, err) = ModelsCommandTests.Run("simulate", "--connectome", Connectome(), "--model", "hopf", "--param", "a=0.25", "--param", "omega=0.2",
            "--duration", "20s", "--transient", "0", "--out", Path.Combine(_dir, "fail"));
        Assert.Equal(2, code);
        Assert.Contains("warning: Model 'hopf': omega = 0.2 rad/s is valid but implausible", stdout);
        Assert.Contains("BOLD became invalid", err);
        Assert.Contains("Check first: Model 'hopf': omega = 0.2 rad/s", err);
        Assert.Contains("did you mean 200 rad/s", err);
        Assert.False(Directory.Exists(Path.Combine(_dir, "fail")) && Directory.EnumerateFileSystemEntries(Path.Combine(_dir, "fail")).Any(), "nothing is written");
    }

    [Fact]
    public void Initial_state_file_sets_every_region()
    {
        var conn = Connectome();
        var file = Path.Combine(_dir, "init.csv");
        File.WriteAllLines(file, new[] { "label,x,y" }.Concat(Enumerable.Range(0, 80).Select(r => $"R{r},{(r * 0.01).ToString(CultureInfo.InvariantCulture)},0.5")));
        var outDir = Path.Combine(_dir, "f");
        // a = ω = G = 0 (ω = 0 is valid, only implausible): nothing moves, so the first raw sample is the initial state
        var (code, stdout, err) = ModelsCommandTests.Run("simulate", "--connectome", conn, "--model", "hopf", "--param", "a=0", "--param", "omega=0", "--param", "sigma=0",
            "--duration", "2ms", "--transient", "0", "--dt", "1", "--bold", "none", "--raw", "1ms", "--initial-state", file, "--integrator", "euler", "--out", outDir);
        Assert.True(code == 0, err);
        var x = Csv(Path.Combine(outDir, "raw_x.csv"));
        var y = Csv(Path.Combine(outDir, "raw_y.csv"));
        for (int r = 0; r < 80; r++)
        {
            double r2 = Math.Pow(r * 0.01, 2) + 0.25;   // dx/dt = −(x² + y²)x: one Euler step of 1 ms = 0.001 s
            Assert.Equal(r * 0.01 * (1 - 0.001 * r2), x[0][r + 1], 15);
            Assert.Equal(0.5 * (1 - 0.001 * r2), y[0][r + 1], 15);
        }
    }

    [Theory]
    [InlineData("--couple", "z", "--couple 'z': Model 'hopf' has no coupling channel 'z'; expected one or more of: x, y")]
    [InlineData("--initial-state", "x=0.1", "--initial-state 'x=0.1': Initial state: no value for y")]
    [InlineData("--initial-state", "x=0.1,q=2", "has no state variable 'q'")]
    [InlineData("--raw", "0.05ms", "--raw '0.05ms' (0.05 ms) is not a positive whole number of integration steps")]
    [InlineData("--bold", "none", "--bold none writes no BOLD and no FC: add --raw <interval>")]
    public void Bad_peer_options_name_the_option(string option, string value, string message)
    {
        var (code, _, err) = ModelsCommandTests.Run("simulate", "--connectome", Connectome(), "--model", "hopf", "--dt", "0.1", "--duration", "100ms",
            "--transient", "0", "--tr", "0.01", option, value, "--out", Path.Combine(_dir, "bad"));
        Assert.NotEqual(0, code);
        Assert.Contains(message, err);
    }
}
