using System.Text.Json;
using Xunit;

namespace Fwbm.Cli.Tests;

public class FitCommandTests
{
    private static string[] Small(string outDir, params string[] extra) => Small(outDir, 2, extra);

    private static string[] Small(string outDir, int epochs, params string[] extra) =>
        ["fit", "--connectome", "simulated:6:2", "--epochs", epochs.ToString(), "--duration", "30", "--transient", "2", "--dt", "20", "--tr", "1s",
         "--lr", "0.05", "--realisations", "2", "--out", outDir, .. (extra.Contains("--device") ? extra : [.. extra, "--device", "cpu"])];

    [Fact]
    public void Fit_writes_parameters_loss_curve_and_fc_and_resumes()
    {
        var dir = Directory.CreateTempSubdirectory("fwbm-cli-fit-").FullName;
        try
        {
            var cp = Path.Combine(dir, "cp.json");
            var (code, output, err) = ModelsCommandTests.Run(Small(dir, "--checkpoint", cp));
            Assert.True(code == 0, err);
            Assert.Contains("epoch 2/2", output);
            Assert.Contains("FC similarity of the evaluation runs (initial → fitted parameters, evaluation seed): mean over the 4 training subjects of r(simulated FC, subject's FC), 30 s of BOLD (TR 1 s) × 2 realisations: train ", output);
            var loss = File.ReadAllLines(Path.Combine(dir, "loss.csv"));
            Assert.Equal("epoch,loss,fc_similarity,coupling,seconds", loss[0]);
            Assert.Equal(3, loss.Length);
            var fc = File.ReadAllLines(Path.Combine(dir, "fc.csv"));
            Assert.Equal(6, fc.Length);
            Assert.All(fc, l => Assert.Equal(6, l.Split(',').Length));
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "fitted.json")));
            Assert.Equal("hopf", doc.RootElement.GetProperty("model").GetString());
            Assert.Equal(6, doc.RootElement.GetProperty("fitted").GetProperty("a").GetArrayLength());
            Assert.True(doc.RootElement.GetProperty("fitted").GetProperty("coupling").GetDouble() > 0);
            Assert.Equal(2, doc.RootElement.GetProperty("test_subjects").GetArrayLength());
            Assert.Empty(Directory.GetFiles(dir, "*.tmp"));

            // resume to 3 epochs: continues after epoch 2
            var (code2, output2, err2) = ModelsCommandTests.Run(Small(dir, 3, "--checkpoint", cp, "--resume"));
            Assert.True(code2 == 0, err2);
            Assert.Contains("epoch 3/3", output2);
            Assert.DoesNotContain("epoch 1/3", output2);
            Assert.Equal(4, File.ReadAllLines(Path.Combine(dir, "loss.csv")).Length);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>
    /// The header names the size of the fit (the model's defaults marked "*") and what each number is; the summary's numbers are fitted.json's before/after means, and the per-epoch lines are loss.csv's.
    /// </summary>
    [Fact]
    public void Header_names_the_settings_and_the_summary_repeats_fitted_json()
    {
        var dir = Directory.CreateTempSubdirectory("fwbm-cli-fit-header-").FullName;
        try
        {
            var (code, output, err) = ModelsCommandTests.Run(Small(dir));
            Assert.True(code == 0, err);
            var lines = output.Split('\n', StringSplitOptions.TrimEntries);
            Assert.Contains("run: dt 20 ms, float32*, 30 s of BOLD after a 2 s transient, TR 1 s, 2 realisations, 2 epochs, window: whole run* (* hopf's fit defaults: ", output);
            Assert.Contains(lines, l => l.StartsWith("per epoch: loss = 1 − r(FC of the epoch's run, group FC of the training subjects); FC similarity during training (each epoch's own run and seed, the parameters it began with): mean over the 4 training subjects"));
            // an estimate line, when the machine is slow enough to print one, comes before the first epoch and says it is an estimate
            if (output.Contains("estimated ≈")) Assert.True(output.IndexOf("estimated ≈", StringComparison.Ordinal) < output.IndexOf("epoch 1/2", StringComparison.Ordinal) && output.Contains("an estimate)"));
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "fitted.json")));
            var root = doc.RootElement;
            string F(double v) => v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
            double tb = root.GetProperty("fc_similarity_before").GetProperty("train").GetDouble(), ta = root.GetProperty("fc_similarity_after").GetProperty("train").GetDouble();
            double hb = root.GetProperty("fc_similarity_before").GetProperty("test").GetDouble(), ha = root.GetProperty("fc_similarity_after").GetProperty("test").GetDouble();
            Assert.Contains(lines, l => l.StartsWith("FC similarity of the evaluation runs") && l.Contains($": train {F(tb)} → {F(ta)}; held out {F(hb)} → {F(ha)}; device cpu"));
            var loss = File.ReadAllLines(Path.Combine(dir, "loss.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
            for (int e = 0; e < loss.Length; e++)
            {
                double sim = double.Parse(loss[e][2], System.Globalization.CultureInfo.InvariantCulture);
                Assert.Contains(lines, l => l.StartsWith($"epoch {e + 1}/2 ") && l.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"FC similarity (this epoch's run) {sim:F4}")));
            }
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>
    /// <c>fwbm fit --model m</c> with the model's defaults (fit, bounds, initial coupling, dt, window) parses and runs for every
    /// registered model, at a tiny size (6 regions, 0.24 s per epoch, BOLD every 20 ms, one epoch): fitted.json names the coupling and
    /// the model's default fit, the model's default dt, and finite FC similarities.
    /// </summary>
    [Theory]
    [InlineData("hopf")]
    [InlineData("dmf")]
    [InlineData("wilson_cowan")]
    [InlineData("jansen_rit")]
    [InlineData("kuramoto")]
    [InlineData("epileptor2d")]
    public void Fit_runs_with_the_defaults_of_every_model(string model)
    {
        var dir = Directory.CreateTempSubdirectory("fwbm-cli-fit-model-").FullName;
        try
        {
            var (code, output, err) = ModelsCommandTests.Run("fit", "--connectome", "simulated:6:2", "--model", model, "--epochs", "1",
                "--duration", "240ms", "--transient", "40ms", "--tr", "20ms", "--realisations", "1", "--device", "cpu", "--out", dir);
            Assert.True(code == 0, err);
            var spec = Fwbm.Core.Models.ModelRegistry.Get(model).Spec;
            Assert.Contains($"fitting {string.Join(", ", ["coupling", .. spec.DefaultFit])};", output);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "fitted.json")));
            var root = doc.RootElement;
            Assert.Equal(string.Join(",", ["coupling", .. spec.DefaultFit]), string.Join(",", root.GetProperty("fit").EnumerateArray().Select(e => e.GetString())));
            Assert.Equal(Fwbm.Torch.Fitting.FitDefaults.DtMs(spec), root.GetProperty("dt_ms").GetDouble());
            Assert.True(double.IsFinite(root.GetProperty("fc_similarity_after").GetProperty("train").GetDouble()));
            Assert.Equal(2, File.ReadAllLines(Path.Combine(dir, "loss.csv")).Length);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("--lr-schedule", "steps:3", "--lr-schedule 'steps:3': unknown schedule 'steps' (did you mean step?)")]
    [InlineData("--optimizer", "lbfgs", "--optimizer 'lbfgs' is not allowed; allowed values: adam, adamw, sgd")]
    [InlineData("--bounds", "a=1", "--bounds 'a=1'")]
    [InlineData("--train", "sub-9", "--train 'sub-9'")]
    [InlineData("--fit", "omega:region,nope", "no parameter 'nope'")]
    [InlineData("--dtype", "int8", "allowed values: float32, float64")]
    [InlineData("--device", "cuda", "TorchSharp-cuda-linux")]
    [InlineData("--resume", "true", "resume needs a checkpoint")]
    [InlineData("--integrator", "rk4", "--integrator 'rk4' is not allowed; allowed values: heun, euler")]
    [InlineData("--checkpoint", "/", "--checkpoint")]
    public void Bad_arguments_are_one_line_errors(string option, string value, string expected)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"fwbm-cli-fit-bad-{Guid.NewGuid():N}");
        var (code, output, err) = ModelsCommandTests.Run(Small(dir, option, value));
        Assert.True(code == 2, err);
        Assert.Contains(expected, err);
        Assert.DoesNotContain("fit hopf on", output);   // validated before the banner
        Assert.False(File.Exists(Path.Combine(dir, "fitted.json")));
    }

    /// <summary>--integrator euler reaches the fit (recorded in fitted.json and the checkpoint): resuming with heun names the change.</summary>
    [Fact]
    public void Integrator_option_is_used_and_checked_on_resume()
    {
        var dir = Directory.CreateTempSubdirectory("fwbm-cli-fit-int-").FullName;
        try
        {
            var cp = Path.Combine(dir, "cp.json");
            var (code, _, err) = ModelsCommandTests.Run(Small(dir, 1, "--integrator", "euler", "--checkpoint", cp));
            Assert.True(code == 0, err);
            using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "fitted.json"))))
                Assert.Equal("euler-maruyama", doc.RootElement.GetProperty("integrator").GetString());
            var (code2, output2, err2) = ModelsCommandTests.Run(Small(dir, 2, "--integrator", "heun", "--checkpoint", cp, "--resume"));
            Assert.True(code2 == 2, err2);
            Assert.Contains("integrator: was euler, now heun", err2);
            Assert.DoesNotContain("fit hopf on", output2);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>An interrupted fit (completed: false, no evaluation of the last parameters) removes an earlier run's fc.csv from --out.</summary>
    [Fact]
    public void Interrupted_fit_removes_an_earlier_fc_csv()
    {
        var dir = Directory.CreateTempSubdirectory("fwbm-cli-fit-stale-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "fc.csv"), "1,0\n0,1\n");
            var data = Fwbm.Torch.Fitting.FitInputs.Resolve("simulated:6:2", [], []);
            using var cts = new CancellationTokenSource();
            var options = new Fwbm.Torch.Fitting.FitOptions
            {
                Epochs = 3, Device = "cpu", Realisations = 1, Initial = new Dictionary<string, double> { ["coupling"] = 0.1, ["a"] = -0.02 },
                Simulation = new Fwbm.Core.Simulation.SimulationOptions
                {
                    DtMs = 20, DurationMs = 30_000, TransientMs = 2_000, Monitors = [new Fwbm.Core.Simulation.BoldMonitorSpec(1000) { IntegrationStepMs = 20 }],
                },
            };
            var stopped = Assert.Throws<Fwbm.Torch.Fitting.FitCancelledException>(() => Fwbm.Torch.Fitting.GradientFit.Run(data, options,
                new SyncProgress(() => cts.Cancel()), cancellation: cts.Token));
            Fwbm.Cli.Commands.FitCommand.Write(dir, stopped.Partial, data);
            Assert.False(File.Exists(Path.Combine(dir, "fc.csv")), "a previous run's fc.csv was left next to the new fitted.json");
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "fitted.json")));
            Assert.False(doc.RootElement.GetProperty("completed").GetBoolean());
            Assert.Equal(2, File.ReadAllLines(Path.Combine(dir, "loss.csv")).Length);
        }
        finally { Directory.Delete(dir, true); }
    }

    private sealed class SyncProgress(Action report) : IProgress<Fwbm.Torch.Fitting.FitProgress>
    {
        public void Report(Fwbm.Torch.Fitting.FitProgress value) => report();
    }
}

public class BenchTorchTests
{
    [Fact]
    public void Bench_torch_json_has_the_torch_keys()
    {
        var (code, output, err) = ModelsCommandTests.Run("bench-torch", "--json", "--regions", "8", "--trs", "40", "--window", "3", "--windows", "1", "--model", "hopf");
        Assert.True(code == 0, err);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        foreach (var key in new[] { "torch_seconds_per_step_float32", "torch_seconds_per_step_float64", "torch_seconds_per_epoch_float64", "torch_peak_rss_mb_float64", "machine" })
            Assert.True(doc.RootElement.TryGetProperty(key, out _), key);
        Assert.True(doc.RootElement.GetProperty("torch_seconds_per_step_float64").GetDouble() > 0);
    }

    /// <summary>
    /// The peak memory of each dtype is its own: after 256 MB of native memory were touched and freed, resetting the peak brings VmHWM
    /// back down (so float64's figure no longer includes float32's peak).
    /// </summary>
    [Fact]
    public void Peak_rss_resets_between_measurements()
    {
        if (!Fwbm.Cli.Commands.BenchTorch.ResetPeakRss()) return;   // not Linux: the figure is documented as process-wide
        const int Size = 256 << 20;
        var block = System.Runtime.InteropServices.Marshal.AllocHGlobal(Size);
        try { unsafe { byte* b = (byte*)block; for (int i = 0; i < Size; i += 4096) b[i] = 1; } }
        finally { System.Runtime.InteropServices.Marshal.FreeHGlobal(block); }
        double high = Fwbm.Cli.Commands.BenchTorch.PeakRssMb();
        Assert.True(Fwbm.Cli.Commands.BenchTorch.ResetPeakRss());
        double after = Fwbm.Cli.Commands.BenchTorch.PeakRssMb();
        Assert.True(high - after > 200, $"peak {high:F0} MB → {after:F0} MB after the reset");
        var rows = Fwbm.Cli.Commands.BenchTorch.Run(new Fwbm.Cli.Commands.BenchTorchOptions { Model = "hopf", Regions = 6, Trs = 20, WindowTrs = 3, Windows = 1, DTypes = ["float64"] });
        Assert.Equal(Fwbm.Cli.Commands.BenchTorch.PerDtype, rows[0].PeakRssScope);
    }

    /// <summary>fwbm bench --torch --json: the Core bench object keeps its keys and gains the torch_… keys.</summary>
    [Fact]
    public void Torch_keys_merge_into_the_bench_json()
    {
        var rows = Fwbm.Cli.Commands.BenchTorch.Run(new Fwbm.Cli.Commands.BenchTorchOptions { Model = "hopf", Regions = 6, Trs = 20, WindowTrs = 3, Windows = 1, DTypes = ["float64"] });
        using var doc = System.Text.Json.JsonDocument.Parse(Fwbm.Cli.Commands.BenchTorch.MergeJson("{\"seconds_per_10min_delays_1thread\": 1.5, \"machine\": \"m\"}", rows));
        Assert.Equal(1.5, doc.RootElement.GetProperty("seconds_per_10min_delays_1thread").GetDouble());
        Assert.Equal("m", doc.RootElement.GetProperty("machine").GetString());
        Assert.True(doc.RootElement.GetProperty("torch_seconds_per_epoch_float64").GetDouble() > 0);
    }
}
