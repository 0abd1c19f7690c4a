using System.Globalization;
using System.Text.Json;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary><c>fwbm simulate --precision</c>: the run computes in the format asked for and says so in summary.json and result.h5.</summary>
public sealed class PrecisionOptionTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fwbm-cli-prec-" + Guid.NewGuid().ToString("N"));
    private const int N = 5;

    public PrecisionOptionTests()
    {
        var conn = Path.Combine(_dir, "conn");
        Directory.CreateDirectory(conn);
        var rng = new Random(4);
        string Mat(Func<int, int, double> f) => string.Join("\n", Enumerable.Range(0, N).Select(i => string.Join(",", Enumerable.Range(0, N).Select(j => f(i, j).ToString("R", CultureInfo.InvariantCulture)))));
        var w = new double[N, N];
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) w[i, j] = i == j ? 0 : Math.Round(rng.NextDouble(), 3);
        File.WriteAllText(Path.Combine(conn, "weights.csv"), Mat((i, j) => w[i, j]));
        File.WriteAllText(Path.Combine(conn, "tract_lengths.csv"), Mat((i, j) => i == j ? 0 : 20 + 10 * Math.Abs(i - j)));
    }

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private string[] Args(string outDir, params string[] extra) =>
        ["simulate", "--connectome", Path.Combine(_dir, "conn"), "--model", "hopf", "--coupling", "0.3", "--velocity", "5", "--duration", "20",
         "--transient", "2", "--tr", "1", "--seed", "7", "--param", "sigma=0.05", "--out", outDir, .. extra];

    private static string Precision(string outDir, string file = "summary.json")
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, file)));
        return json.RootElement.GetProperty("options").GetProperty("precision").GetString()!;
    }

    [Fact]
    public void Single_precision_is_run_recorded_in_the_summary_and_the_result_file_and_double_is_the_default()
    {
        string s = Path.Combine(_dir, "single"), d = Path.Combine(_dir, "double");
        var (code, _, err) = ModelsCommandTests.Run(Args(s, "--precision", "single"));
        Assert.True(code == 0, err);
        (code, _, err) = ModelsCommandTests.Run(Args(d));
        Assert.True(code == 0, err);
        Assert.Equal("single", Precision(s));
        Assert.Equal("double", Precision(d));
        var single = SimulationResult.Load(s);
        Assert.Equal(Fwbm.Core.Simulation.Precision.Single, single.Options!.Precision);
        Assert.Equal(Fwbm.Core.Simulation.Precision.Double, SimulationResult.Load(d).Options!.Precision);
        // a different computation (float), and the file reruns it bit for bit
        Assert.NotEqual(File.ReadAllLines(Path.Combine(d, "bold.csv")), File.ReadAllLines(Path.Combine(s, "bold.csv")));
        Assert.Equal(single.Bold.Data, single.Simulation!.Run(single.Parameters, single.Seed).Bold.Data);
    }

    [Fact]
    public void A_sweep_runs_in_single_precision_and_says_so()
    {
        string o = Path.Combine(_dir, "sweep");
        var (code, _, err) = ModelsCommandTests.Run(Args(o, "--precision", "single", "--sweep", "coupling=0.1,0.3", "--measure", "mean_fc"));
        Assert.True(code == 0, err);
        Assert.Equal("single", Precision(o));
    }

    [Fact]
    public void An_unknown_precision_is_refused_with_the_nearest_choice()
    {
        var (code, _, err) = ModelsCommandTests.Run(Args(Path.Combine(_dir, "bad"), "--precision", "singel"));
        Assert.NotEqual(0, code);
        Assert.Contains("--precision 'singel' is not allowed; allowed values: double, single; did you mean single?", err);
    }
}
