using System.Text.Json;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>
/// The silent-bad-science cases of issue 17, end to end: each exits 0 (the run is valid) and prints a warning line and writes it to
/// summary.json "warnings"; a healthy run has none. Also --normalise (and its spelling --normalize) through the CLI.
/// </summary>
public sealed class GuardrailCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "fwbm-guard-" + Guid.NewGuid().ToString("N"));

    public GuardrailCliTests() => Directory.CreateDirectory(_dir);
    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private (string Out, JsonElement Summary, string Dir) Simulate(string name, params string[] args)
    {
        string outDir = Path.Combine(_dir, name);
        var (code, stdout, err) = ModelsCommandTests.Run(["simulate", .. args, "--mirror", TestData.Mirror, "--cache", Path.Combine(_dir, "cache"), "--offline", "--out", outDir]);
        Assert.True(code == 0, err + stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        return (stdout, json.RootElement.Clone(), outDir);
    }

    private static string[] Codes(JsonElement summary) => summary.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()!).ToArray();

    private static string Message(JsonElement summary, string code) =>
        summary.GetProperty("warnings").EnumerateArray().First(w => w.GetProperty("code").GetString() == code).GetProperty("message").GetString()!;

    [Fact]
    public void Fc_from_two_bold_samples_warns()
    {
        var (stdout, summary, _) = Simulate("two", "--connectome", "hcp", "--duration", "1.5", "--transient", "0");
        Assert.Contains("bold.csv (2 samples", stdout);
        Assert.Contains("warning [fc-few-samples]: FC from 2 BOLD samples (threshold: at least 30): every correlation is ±1", stdout);
        Assert.Contains("fc-few-samples", Codes(summary));
    }

    [Fact]
    public void Wilson_cowan_at_huge_coupling_warns_of_saturated_fc_and_constant_activity()
    {
        var (stdout, summary, _) = Simulate("wc", "--connectome", "hcp", "--model", "wilson_cowan", "--coupling", "10000", "--duration", "30s", "--transient", "5s");
        Assert.Equal(["fc-saturated", "activity-constant", "activity-constant"], Codes(summary));
        Assert.Contains("warning [fc-saturated]: FC is saturated at G = 10000: mean off-diagonal FC 1 ≥ 0.9", stdout);
        Assert.StartsWith("E is constant in time in 80 of 80 regions (e.g. E = 0.5;", Message(summary, "activity-constant"));
    }

    [Fact]
    public void Dk68_at_coupling_half_warns_with_the_normalisation_and_the_suggested_range_and_spectral_radius_fixes_it()
    {
        var (stdout, summary, _) = Simulate("dk", "--connectome", "enigma-dk68", "--coupling", "0.5");
        var msg = Message(summary, "fc-saturated");
        Assert.Contains("FC is saturated at G = 0.5", msg);
        Assert.Contains("suggested G for hopf on this connectome (normalisation none, ρ(W) = 173.5): 0–0.0278", msg);
        Assert.Contains("--normalise spectral-radius", msg);
        Assert.Contains("warning [fc-saturated]", stdout);
        var conn = summary.GetProperty("connectome");
        Assert.Equal("none", conn.GetProperty("normalisation").GetString());
        Assert.Equal(0.0278, conn.GetProperty("suggested_coupling").GetProperty("max").GetDouble(), 4);

        // the same G on the spectral-radius-normalised connectome is inside hopf's range: no warning; the note records the normalisation
        var (stdout2, summary2, _) = Simulate("dk-sr", "--connectome", "enigma-dk68", "--coupling", "0.5", "--normalize", "spectral-radius");
        Assert.Empty(Codes(summary2));
        Assert.DoesNotContain("warning", stdout2);
        var conn2 = summary2.GetProperty("connectome");
        Assert.Equal("spectral-radius", conn2.GetProperty("normalisation").GetString());
        Assert.Equal(1.0, conn2.GetProperty("spectral_radius").GetDouble(), 12);
        Assert.Contains("weights normalised: spectral-radius", conn2.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        Assert.True(summary2.GetProperty("fc_similarity").GetDouble() > summary.GetProperty("fc_similarity").GetDouble());
    }

    [Fact]
    public void Dmf_at_huge_coupling_warns_that_its_gating_variable_sits_at_its_bound()
    {
        var (stdout, summary, _) = Simulate("dmf", "--connectome", "hcp", "--model", "dmf", "--coupling", "10000", "--duration", "5s", "--transient", "1s");
        Assert.Contains("activity-pinned", Codes(summary));
        Assert.Contains("warning [activity-pinned]: S_E sits at its upper bound 1 in 80 of 80 regions", stdout);
        // S_E is reported once, as pinned (not also as constant)
        var aboutSE = summary.GetProperty("warnings").EnumerateArray().Where(w => w.GetProperty("message").GetString()!.StartsWith("S_E ", StringComparison.Ordinal)).ToArray();
        Assert.Equal("activity-pinned", Assert.Single(aboutSE).GetProperty("code").GetString());
    }

    [Fact]
    public void A_healthy_run_has_no_warnings()
    {
        var (stdout, summary, _) = Simulate("ok", "--connectome", "hcp", "--coupling", "1");
        Assert.Empty(Codes(summary));
        Assert.DoesNotContain("warning", stdout);
    }

    [Fact]
    public void A_sweep_whose_best_point_is_on_the_edge_says_which_axis_and_side()
    {
        var (stdout, summary, _) = Simulate("sweep", "--connectome", "hcp", "--sweep", "coupling=0:0.25:0.5", "--duration", "30s", "--transient", "2s");
        Assert.Contains("warning [sweep-best-on-edge]: best fc_similarity (max,", stdout);
        Assert.Contains("at coupling = 0.5, the upper end of coupling's range 0:0.25:0.5: the optimum may lie above it; extend the range above 0.5", Message(summary, "sweep-best-on-edge"));
    }

    [Fact]
    public void A_bad_normalisation_names_the_option_and_the_nearest_choice()
    {
        var (code, _, err) = ModelsCommandTests.Run("simulate", "--connectome", "hcp", "--normalise", "spectral", "--out", Path.Combine(_dir, "bad"));
        Assert.NotEqual(0, code);
        Assert.Contains("--normalise 'spectral' is not allowed; allowed values: none, max, in-strength, spectral-radius, log1p, rowsum; did you mean spectral-radius?", err);
    }

    [Fact]
    public void Models_lists_the_suggested_coupling_per_normalisation()
    {
        var (code, output, _) = ModelsCommandTests.Run("models", "hopf");
        Assert.Equal(0, code);
        Assert.Contains("suggested coupling G (network gain G·ρ(W) 0–4.82: the fit range 0–2 on hcp, ρ = 2.41), by --normalise:", output);
        Assert.Contains("spectral-radius   G 0–4.82", output);
        Assert.Contains("in-strength       G 0–4.82", output);
        Assert.Contains("none, max, log1p  G 0–4.82 ÷ ρ(W) of the connectome (hcp: 0–2;", output);
    }
}

/// <summary>fwbm fit reads --normalise: the fitted connectome is normalised and fitted.json records it; a bad value names the option.</summary>
public class FitNormaliseTests
{
    [Fact]
    public void Fit_normalises_the_connectome_and_records_it()
    {
        var dir = Directory.CreateTempSubdirectory("fwbm-cli-fitnorm-").FullName;
        try
        {
            var (code, _, err) = ModelsCommandTests.Run("fit", "--connectome", "simulated:6:2", "--normalize", "spectral-radius", "--epochs", "0", "--duration", "30",
                "--transient", "2", "--dt", "20", "--tr", "1s", "--realisations", "1", "--device", "cpu", "--out", dir);
            Assert.True(code == 0, err);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "fitted.json")));
            Assert.Equal("spectral-radius", json.RootElement.GetProperty("normalisation").GetString());
            var (bad, _, message) = ModelsCommandTests.Run("fit", "--connectome", "simulated:6:2", "--normalise", "zscore", "--epochs", "0", "--device", "cpu", "--out", dir);
            Assert.NotEqual(0, bad);
            Assert.Contains("--normalise 'zscore' is not allowed", message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
