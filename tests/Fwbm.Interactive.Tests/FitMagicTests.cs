using System.Text.Json;
using Fwbm.Interactive.Magics;
using Fwbm.Torch;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>Kernel-level tests of <c>#!fwbm-fit</c>: cells submitted to a composite kernel with FWBM loaded, as a notebook runs them.</summary>
public sealed class FitMagicTests : KernelTest
{
    /// <summary>A tiny fit: 6 synthetic regions (Hopf ground truth), 40 s per epoch at dt 20 ms, 2 noise realisations.</summary>
    private const string Tiny = "--connectome simulated:6:1 --coupling 0.3 --param \"a=-0.02\" --lr 0.05 --seed 3 --device cpu --dtype float64 " +
                                "--duration 40s --transient 4s --dt 20 --tr 1 --velocity 5 --realisations 2";

    /// <summary>The same fit through the C# API: FitInputs + FitOptions written out by hand, GradientFit.Run.</summary>
    private const string DirectFit = """
        using Fwbm.Torch.Fitting; using Fwbm.Core.Simulation;
        FitResult Direct(int epochs) => GradientFit.Run(FitInputs.Resolve("simulated:6:1", [], []), new FitOptions
        {
            Model = "hopf", Fit = ["coupling", "a"], Initial = new Dictionary<string, double> { ["coupling"] = 0.3, ["a"] = -0.02 },
            Bounds = new Dictionary<string, (double, double)> { ["a"] = (-0.2, 0.05) }, Epochs = epochs, LearningRate = 0.05, Seed = 3,
            Device = "cpu", DType = "float64", Realisations = 2, WindowSamples = 0,
            Simulation = new SimulationOptions { DtMs = 20, DurationMs = 40_000, TransientMs = 4_000, VelocityMPerS = 5, Integrator = IntegratorKind.Heun,
                Monitors = [new BoldMonitorSpec(1000) { IntegrationStepMs = 20 }] },
        });
        """;

    /// <summary>The options of <paramref name="args"/> with those named in <paramref name="overrides"/> replaced (the kernel allows each option once).</summary>
    private static string Override(string args, string overrides)
    {
        var option = new System.Text.RegularExpressions.Regex(@"--([\w-]+)((?:\s+(?!--)(?:""[^""]*""|\S+))?)");
        var replaced = option.Matches(overrides).Select(m => m.Groups[1].Value).ToHashSet();
        var kept = option.Matches(args).Where(m => !replaced.Contains(m.Groups[1].Value)).Select(m => m.Value);
        return string.Join(" ", kept.Append(overrides));
    }

    private async Task<object?> Value(string code)
    {
        var r = await Submit(code);
        AssertSucceeded(r);
        return r.Events.OfType<ReturnValueProduced>().Single().Value;
    }

    [Fact]
    public async Task Fit_binds_a_FitRun_equal_to_a_direct_GradientFit_run_and_draws_loss_scores_parameters_and_FC()
    {
        var r = await Submit($"#!fwbm-fit {Tiny} --epochs 2 --name fit");
        AssertSucceeded(r);
        AssertSucceeded(await Submit(DirectFit));
        AssertSucceeded(await Submit("var direct = Direct(2);"));
        // bit-identical: the magic is a thin layer over GradientFit
        Assert.Equal(true, await Value("fit.State == Fwbm.Interactive.FitRunState.Completed && fit.Result!.Completed"));
        Assert.Equal(true, await Value("fit.Fitted!.Coupling == direct.Fitted.Coupling && fit.Fitted[\"a\"].PerRegion!.SequenceEqual(direct.Fitted[\"a\"].PerRegion!)"));
        Assert.Equal(true, await Value("fit.History.Select(h => h.Loss).SequenceEqual(direct.History.Select(h => h.Loss)) && fit.History.Count == 2"));
        Assert.Equal(true, await Value("fit.Before!.TrainMean == direct.Before.TrainMean && fit.After!.TrainMean == direct.After!.TrainMean && fit.After.TestMean == direct.After.TestMean"));
        Assert.Equal(true, await Value("fit.Best!.Coupling == direct.Best.Coupling && fit.Result!.BestEpoch == direct.BestEpoch"));
        Assert.Equal("sub-1,sub-2,sub-3,sub-4|sub-5,sub-6", await Value("string.Join(\",\", fit.Data.Train.Select(s => s.Id)) + \"|\" + string.Join(\",\", fit.Data.Test.Select(s => s.Id))"));
        var losses = (double[])(await Value("fit.Loss"))!;

        // the live display: updated with the loss curve after every epoch (the last curve has one point per epoch), then
        // shrunk to one line because the result card below repeats the curve
        var updates = r.Events.OfType<DisplayedValueUpdated>().SelectMany(e => e.FormattedValues).Where(f => f.MimeType == "text/html").ToList();
        Assert.Contains("done: 2 epochs, loss ", updates[^1].Value);
        Assert.Empty(FiguresIn(updates[^1].Value));
        var live = updates.Last(u => u.Value.Contains("fwbm-figure"));
        var curve = FiguresIn(live.Value).Single().RootElement;
        Assert.StartsWith("#!fwbm-fit hopf on 'synthetic-6-1'", curve.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("epoch", curve.GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal([1, 2], curve.GetProperty("data")[0].GetProperty("x").EnumerateArray().Select(x => x.GetInt32()).ToArray());
        Assert.Equal(losses, curve.GetProperty("data")[0].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()).ToArray());
        Assert.Contains("epoch 2/2", live.Value);
        Assert.Contains(updates, u => u.Value.Contains("epoch 1/2, loss ") && u.Value.Contains("ETA "));
        // updates never carry plotly.js: the session got it in an output of its own before the live chart
        Assert.DoesNotContain("embedded by FWBM for offline rendering", live.Value);
        Assert.Contains(Formatted(r, "text/html"), f => f.Value.Contains("embedded by FWBM for offline rendering") && !f.Value.Contains("fwbm-figure"));

        // the bound result's display: loss per epoch, FC similarity per subject, the per-region a (bars + brain map), simulated vs empirical FC
        var figs = Figures(r).Select(f => f.RootElement).ToList();
        string Title(JsonElement f) => f.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!;
        // long titles wrap at 120 characters (ChartLayout.Wrap turns a space into <br>): compare with line breaks as spaces
        string Flat(string t) => t.Replace("<br>", " ");
        var loss = figs.Single(f => Flat(Title(f)).StartsWith(Flat("Fit of hopf: loss and FC similarity<br><sub>FC similarity = mean over the 4 training subjects of r(simulated FC, subject's FC), 40 s of BOLD (TR 1 s) × 2 realisations; evaluations train ")));
        Assert.Equal(losses, loss.GetProperty("data")[0].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()).ToArray());
        // x = epochs done before a run: epoch k's run simulated the parameters after k − 1 epochs
        Assert.Equal([0, 1], loss.GetProperty("data")[0].GetProperty("x").EnumerateArray().Select(x => x.GetInt32()).ToArray());
        // the curve's FC similarity is the epochs' mean over training subjects: the measure of the summary's "train before → after"
        var curveSimilarity = (double[])(await Value("fit.History.Select(h => h.Similarity).ToArray()"))!;
        Assert.Equal(curveSimilarity, loss.GetProperty("data")[1].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()).ToArray());
        // and the summary's numbers are on the same chart: the evaluations before (at 0) and after (at the last epoch)
        var evaluations = (double[])(await Value("new[] { fit.Before!.TrainMean, fit.After!.TrainMean }"))!;
        var marks = loss.GetProperty("data")[2];
        Assert.Equal("FC similarity of the evaluations (summary)", marks.GetProperty("name").GetString());
        Assert.Equal(evaluations, marks.GetProperty("y").EnumerateArray().Select(y => y.GetDouble()).ToArray());
        Assert.Equal([0, 2], marks.GetProperty("x").EnumerateArray().Select(x => x.GetInt32()).ToArray());
        var scores = figs.Single(f => Title(f).StartsWith("FC similarity per subject: train "));
        Assert.Equal(["sub-1", "sub-2", "sub-3", "sub-4", "sub-5 (held out)", "sub-6 (held out)"],
            scores.GetProperty("data")[1].GetProperty("x").EnumerateArray().Select(x => x.GetString()!).ToArray());
        var after = (double)(await Value("fit.After!.Train[0].Similarity"))!;
        Assert.Equal(after, scores.GetProperty("data")[1].GetProperty("y")[0].GetDouble());
        var bars = figs.Single(f => Title(f).StartsWith("a per region: fitted"));
        Assert.Equal(6, bars.GetProperty("data")[1].GetProperty("y").GetArrayLength());
        Assert.Contains(figs, f => Title(f) == "fitted a on the brain" && f.GetProperty("data")[0].GetProperty("type").GetString() == "scatter3d");
        Assert.Contains(figs, f => Title(f).StartsWith("simulated FC after fitting vs ") && Title(f).Contains(": r = "));
        var text = string.Concat(Formatted(r, "text/plain").Select(f => f.Value));
        // the card's summary: the same numbers, named as in the CLI (quantity, subjects, run length)
        var summary = (string)(await Value("Fwbm.Torch.Fitting.FitReport.Summary(fit.Before!, fit.After)"))!;
        Assert.Equal(true, await Value($"\"{summary}\" == $\"train {{fit.Before!.TrainMean.ToString(\"F3\", System.Globalization.CultureInfo.InvariantCulture)}} → {{fit.After!.TrainMean.ToString(\"F3\", System.Globalization.CultureInfo.InvariantCulture)}}; held out {{fit.Before.TestMean.ToString(\"F3\", System.Globalization.CultureInfo.InvariantCulture)}} → {{fit.After.TestMean.ToString(\"F3\", System.Globalization.CultureInfo.InvariantCulture)}}\""));
        Assert.Contains("FC similarity of the evaluation runs (initial → fitted parameters, evaluation seed): mean over the 4 training subjects of r(simulated FC, subject's FC), 40 s of BOLD (TR 1 s) × 2 realisations: " + summary, text);
        Assert.EndsWith("evaluations " + summary + "</sub>", Title(loss));
        Assert.Contains("bound: FitRun fit", text);
    }

    [Theory]
    [InlineData("--model hopff", "--model 'hopff' is not allowed; allowed values: hopf")]
    [InlineData("--device gpu", "--device 'gpu' is not allowed; allowed values: cpu, cuda, cuda:N, auto; did you mean cpu?")]
    [InlineData("--dtype float16", "--dtype 'float16' is not allowed; allowed values: float32, float64")]
    [InlineData("--fit coupling,b", "--fit 'b': model 'hopf' has no parameter 'b'; allowed: coupling (G), a, omega, sigma")]
    [InlineData("--fit coupling:region", "the global coupling is one number, not a per-region vector")]
    [InlineData("--epochs many", "--epochs 'many' is not a whole number")]
    [InlineData("--lr 0", "--lr = 0 is outside")]
    [InlineData("--window 5", "window = 5 BOLD samples; expected 0 (whole run) or at least 10")]
    [InlineData("--train sub-9", "--train 'sub-9': no such subject; expected one of sub-1, sub-2, sub-3, sub-4, sub-5, sub-6")]
    [InlineData("--train sub-1 --test sub-1", "--train and --test share subject(s) sub-1")]
    [InlineData("--resume", "--resume needs --checkpoint")]
    [InlineData("--bounds a=1", "--bounds 'a=1' is not name=min:max")]
    [InlineData("--bounds a=-20000:0.05", "bounds of 'a' [-20000, 0.05] must be an interval inside its declared range [-10000, 10000]")]
    [InlineData("--param \"b=1\"", "--param 'b': model 'hopf' has no parameter 'b'; allowed: a, omega, sigma")]
    [InlineData("--name 2fast", "--name '2fast' is not a valid C# variable name")]
    public async Task Wrong_arguments_fail_the_cell_naming_the_parameter_and_what_is_allowed_and_bind_nothing(string wrong, string expected)
    {
        var message = FailureMessage(await Submit("#!fwbm-fit " + Override($"{Tiny} --epochs 1 --name fit", wrong)));
        Assert.StartsWith("#!fwbm-fit: ", message);
        Assert.Contains(expected, message);
        Assert.DoesNotContain("   at ", message);
        Assert.Contains("fit", FailureMessage(await Submit("fit")));   // nothing was bound
    }

    [Fact]
    public async Task Unknown_connectome_names_variables_and_the_accepted_forms()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var message = FailureMessage(await Submit("#!fwbm-fit --connectome nowhere --epochs 1"));
        Assert.Contains("--connectome 'nowhere' is neither a Connectome or FitData variable of this notebook (there are: conn), nor simulated[:regions[:seed]], nor a loadable dataset", message);
    }

    [Fact]
    public async Task A_missing_native_Torch_library_fails_the_cell_naming_the_package_to_add()
    {
        var empty = Directory.CreateTempSubdirectory("fwbm-no-torch-");
        var previous = FitMagic.LoadTorch;
        try
        {
            // the real search over folders without libtorch (the test process itself has Torch loaded)
            var search = new TorchRuntime.TorchSearch(null, null, [empty.FullName], empty.FullName, null, null);
            FitMagic.LoadTorch = () => { TorchRuntime.RequireNative(search); throw new InvalidOperationException("unreachable"); };
            var message = FailureMessage(await Submit($"#!fwbm-fit {Tiny} --epochs 1"));
            Assert.StartsWith("#!fwbm-fit: Torch backend: the native libtorch library was not found.", message);
            Assert.Contains("#r \"nuget: libtorch-cpu-linux-x64, 2.10.0\"", message);
            Assert.Contains("#r \"nuget: TorchSharp-cuda-linux, 0.107.0\"", message);
        }
        finally
        {
            FitMagic.LoadTorch = previous;
            empty.Delete(true);
        }
    }

    /// <summary>
    /// Interrupting the kernel stops the fit within the current epoch: the cell fails with a message saying what was kept, the bound
    /// FitRun holds the completed epochs and the last/best parameters (= the checkpoint's), the checkpoint is complete JSON with no temporary
    /// file beside it, and resuming from it continues the same loss curve.
    /// </summary>
    [Fact]
    public async Task Interrupting_a_fit_stops_cleanly_and_keeps_the_completed_epochs_and_the_checkpoint()
    {
        var dir = Directory.CreateTempSubdirectory("fwbm-fit-magic-");
        try
        {
            string cp = Path.Combine(dir.FullName, "fit.json");
            var running = Submit($"#!fwbm-fit {Tiny} --epochs 500 --checkpoint \"{cp}\" --name fit");
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!File.Exists(cp) && DateTime.UtcNow < deadline) await Task.Delay(100);
            Assert.True(File.Exists(cp), "no epoch completed within 120 s");
            await Kernel.SendAsync(new Cancel());
            var r = await running.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Contains(r.Events, e => e is CommandFailed);
            AssertSucceeded(await Submit("1 + 1"));   // the kernel is alive

            Assert.Equal("Stopped", await Value("await fit.Completion; fit.State.ToString()"));
            int epochs = (int)(await Value("fit.History.Count"))!;
            Assert.InRange(epochs, 1, 499);
            Assert.Equal(true, await Value("fit.Result!.Completed == false && fit.After == null && fit.Before != null && fit.Best != null"));
            Assert.Equal(["fit.json"], dir.GetFiles().Select(f => f.Name).ToArray());   // no temporary or half-written file
            using (var doc = JsonDocument.Parse(File.ReadAllText(cp)))
            {
                var root = doc.RootElement;
                Assert.Equal(epochs, root.GetProperty("EpochsDone").GetInt32());
                // one window per epoch: the last parameters are the checkpoint's
                Assert.Equal((double)(await Value("fit.Fitted!.Coupling"))!, root.GetProperty("Values").GetProperty("coupling")[0].GetDouble());
            }
            var r2 = await Submit($"#!fwbm-fit {Tiny} --epochs {epochs + 1} --checkpoint \"{cp}\" --resume --show none --name resumed");
            AssertSucceeded(r2);
            Assert.Equal(true, await Value($"resumed.History.Count == {epochs + 1} && resumed.History.Take({epochs}).Select(h => h.Loss).SequenceEqual(fit.History.Select(h => h.Loss))"));
        }
        finally { dir.Delete(true); }
    }

    /// <summary>
    /// <c>#!fwbm-fit --model wilson_cowan</c> with the model's defaults (issue 10: it failed with "no parameter 'a'") runs at a tiny
    /// size: it fits coupling and ext_e within their fit ranges, at the model's default dt and window.
    /// </summary>
    [Fact]
    public async Task Fit_uses_the_model_defaults_for_Wilson_Cowan()
    {
        AssertSucceeded(await Submit("#!fwbm-fit --connectome simulated:6:1 --model wilson_cowan --epochs 1 --duration 240ms --transient 40ms --tr 0.02 " +
                                     "--realisations 1 --device cpu --show none --name wc"));
        Assert.Equal("coupling,ext_e", await Value("string.Join(\",\", wc.Options.Fit)"));
        Assert.Equal(true, await Value("wc.State == Fwbm.Interactive.FitRunState.Completed"));
        Assert.Equal(0.5, await Value("wc.Options.Simulation!.DtMs"));
        Assert.Equal(10, await Value("wc.Options.WindowSamples!.Value"));
        Assert.Equal(0.5, await Value("wc.Initial!.Coupling"));
        Assert.Equal(true, await Value("wc.Fitted!.Coupling is >= 0 and <= 2 && wc.Values(\"ext_e\").All(v => v is >= 0 and <= 4)"));
    }

    [Fact]
    public async Task Completions_offer_devices_dtypes_and_models()
    {
        var directive = MagicRegistry.All.Single(m => m.Name == "#!fwbm-fit").CreateDirective();
        async Task<string[]> Values(string p) => (await directive.Parameters.Single(x => x.Name == p).GetValueCompletionsAsync()).Select(i => i.DisplayText).ToArray();
        Assert.Equal(["cpu", "cuda", "auto"], await Values("--device"));
        Assert.Equal(["float32", "float64"], await Values("--dtype"));
        Assert.Contains("hopf", await Values("--model"));
        Assert.Contains("coupling,a", await Values("--fit"));
        var help = string.Concat(Formatted(await Submit("#!fwbm-fit --help"), "text/plain").Select(f => f.Value));
        Assert.Contains("allowed: float32, float64", help);
        Assert.Contains("--checkpoint", help);
        Assert.Contains("(default: coupling and the model's default fit (hopf: a;", help);
        Assert.Contains("--lr-schedule", help);
        Assert.Contains("allowed: adam, adamw, sgd", help);
    }
}
