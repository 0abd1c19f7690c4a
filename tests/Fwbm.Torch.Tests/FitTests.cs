using Fwbm.Core;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Torch;
using Fwbm.Torch.Fitting;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Torch.Tests;

public class FitTests(ITestOutputHelper output)
{
    /// <summary>A small fit setting: Hopf, 6 regions, dt 20 ms, 40 s + 4 s transient, BOLD every 1 s.</summary>
    internal static FitOptions Small(int epochs) => new()
    {
        Model = "hopf", Fit = ["coupling", "a"], Initial = new Dictionary<string, double> { ["coupling"] = 0.1, ["a"] = -0.02 },
        Epochs = epochs, LearningRate = 0.05, Seed = 3, Device = "cpu", DType = "float64",
        Simulation = new SimulationOptions
        {
            DtMs = 20, DurationMs = 40_000, TransientMs = 4_000, Integrator = IntegratorKind.Heun, VelocityMPerS = 5,
            Monitors = [new BoldMonitorSpec(1000) { IntegrationStepMs = 20 }],
        },
    };

    /// <summary>Synthetic subjects on a two-module connectome: FC of 400 s Core simulations of a ground truth (G = 1.2, heterogeneous a) with different seeds.</summary>
    internal static FitData Synthetic(int regions = 6, int subjects = 4)
    {
        var conn = TestConnectomes.Modular(regions, 21);
        var m = ModelRegistry.Get("hopf");
        var truth = ParameterSet.Defaults(m.Spec, 1.2).With("a", Enumerable.Range(0, regions).Select(r => r % 2 == 0 ? -0.01 : 0.02).ToArray());
        var sim = new Simulator(m, conn, new SimulationOptions { DtMs = 20, DurationMs = 400_000, TransientMs = 10_000, VelocityMPerS = 5, Monitors = [new BoldMonitorSpec(1000)] });
        var runs = sim.RunBatch(Enumerable.Range(0, subjects).Select(s => new SimulationRequest(truth, (ulong)(100 + s))).ToArray());
        var subj = runs.Select((r, i) => new FitSubject($"sub-{i + 1}", r.BoldFc())).ToList();
        return new FitData(conn, subj.Take(subjects - 1).ToList(), subj.Skip(subjects - 1).ToList());
    }

    /// <summary>Six epochs of Adam raise the FC similarity on the training subjects and on the held-out subject (by ≥ 0.05).</summary>
    [Fact]
    public void Fit_improves_FC_similarity_on_train_and_held_out_subjects()
    {
        TestSupport.Init();
        var data = Synthetic();
        var seen = new List<FitProgress>();
        var result = GradientFit.Run(data, Small(6), new SyncProgress<FitProgress>(seen.Add));
        Assert.NotNull(result.After);
        Assert.True(result.Completed);
        foreach (var e in result.History) output.WriteLine($"epoch {e.Epoch}: loss {e.Loss:F4}, similarity {e.Similarity:F4}, G {e.Coupling:F4}, {e.Seconds:F1} s");
        output.WriteLine($"train {result.Before.TrainMean:F3} → {result.After!.TrainMean:F3}; held-out {result.Before.TestMean:F3} → {result.After!.TestMean:F3}");
        Assert.Equal(6, seen.Count);
        Assert.Equal(6, result.History.Count);
        Assert.True(result.After!.TrainMean > result.Before.TrainMean + 0.05, $"train similarity {result.Before.TrainMean:F3} → {result.After!.TrainMean:F3}");
        Assert.True(result.After!.TestMean > result.Before.TestMean + 0.05, $"held-out similarity {result.Before.TestMean:F3} → {result.After!.TestMean:F3}");
        Assert.True(result.Fitted.Coupling > 0.1, "G should grow towards the ground truth 1.2");
        Assert.True(result.Fitted["a"].IsPerRegion);
    }

    /// <summary>Two epochs, checkpoint, resume to four = four epochs uninterrupted, bit for bit (parameters and loss curve).</summary>
    [Fact]
    public void Resume_continues_bit_for_bit()
    {
        TestSupport.Init();
        var data = Synthetic();
        var dir = Directory.CreateTempSubdirectory("fwbm-fit-");
        try
        {
            var full = GradientFit.Run(data, Small(4));
            var cp = Path.Combine(dir.FullName, "fit.json");
            GradientFit.Run(data, Small(2), checkpoint: cp);
            Assert.Empty(Directory.GetFiles(dir.FullName, "*.tmp"));
            var resumed = GradientFit.Run(data, Small(4), checkpoint: cp, resume: true);
            Assert.Equal(full.Fitted.Coupling, resumed.Fitted.Coupling);
            Assert.Equal(full.Fitted["a"].PerRegion!, resumed.Fitted["a"].PerRegion!);
            Assert.Equal(full.History.Select(h => h.Loss), resumed.History.Select(h => h.Loss));
            Assert.Equal(full.History.Select(h => h.Similarity), resumed.History.Select(h => h.Similarity));
            Assert.Equal(full.After!.TrainMean, resumed.After!.TrainMean);
            Assert.Equal(full.BestEpoch, resumed.BestEpoch);
            Assert.Equal(full.Best.Coupling, resumed.Best.Coupling);

            // a checkpoint from another connectome or model, or other settings: clear errors
            var other = data with { Connectome = TestSupport.Random(6, 22) };
            var e1 = Assert.Throws<FwbmException>(() => GradientFit.Run(other, Small(4), checkpoint: cp, resume: true));
            Assert.Contains("connectome", e1.Message);
            // a real model (so the registry accepts it and the checkpoint's model check is what fails)
            var kuramoto = Small(4) with { Model = "kuramoto", Fit = ["coupling"], Initial = new Dictionary<string, double> { ["coupling"] = 0.1 } };
            var e2 = Assert.Throws<FwbmException>(() => GradientFit.Run(data, kuramoto, checkpoint: cp, resume: true));
            Assert.Contains("is for model 'hopf', but this fit runs model 'kuramoto'", e2.Message);
            var e3 = Assert.Throws<FwbmException>(() => GradientFit.Run(data, Small(4) with { LearningRate = 0.1 }, checkpoint: cp, resume: true));
            Assert.Contains("different settings", e3.Message);
            var e4 = Assert.Throws<FwbmException>(() => GradientFit.Run(data, Small(4) with { Fit = ["coupling"] }, checkpoint: cp, resume: true));
            Assert.Contains("fits [", e4.Message);
            File.WriteAllText(Path.Combine(dir.FullName, "bad.json"), "{ not json");
            Assert.Throws<FwbmException>(() => GradientFit.Run(data, Small(4), checkpoint: Path.Combine(dir.FullName, "bad.json"), resume: true));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Bad_fit_input_is_named()
    {
        TestSupport.Init();
        var conn = TestSupport.Random(6, 1);
        var bad = new FitData(conn, [new FitSubject("s1", new double[25])], []);
        var e = Assert.Throws<FwbmException>(() => GradientFit.Run(bad, Small(1)));
        Assert.Contains("'s1'", e.Message);
        Assert.Contains("6×6", e.Message);
        var ok = new FitData(conn, [new FitSubject("s1", new double[36])], []);
        Assert.Contains("'nope'", Assert.Throws<FwbmException>(() => GradientFit.Run(ok, Small(1) with { Fit = ["nope"] })).Message);
        Assert.Contains("per-region", Assert.Throws<FwbmException>(() => GradientFit.Run(ok, Small(1) with { Fit = ["coupling:region"] })).Message);
        Assert.Contains("device", Assert.Throws<FwbmException>(() => GradientFit.Run(ok, Small(1) with { Device = "tpu" })).Message);
    }
}

public class CheckpointTests(ITestOutputHelper output)
{
    /// <summary>
    /// A checkpoint records every setting: resuming with any one of them changed (delays, TR, integrator, BOLD integration step,
    /// initial/fixed parameter values, Adam's betas and epsilon, dt, the train/held-out split, the subjects' FC) is an error that names
    /// the setting with its old and new value — before any simulation runs. Only the epochs and the device may change.
    /// </summary>
    [Fact]
    public void Resume_rejects_every_changed_setting_naming_old_and_new_values()
    {
        TestSupport.Init();
        var data = FitTests.Synthetic();
        var dir = Directory.CreateTempSubdirectory("fwbm-fit-settings-");
        try
        {
            var cp = Path.Combine(dir.FullName, "fit.json");
            var o = FitTests.Small(1) with { Realisations = 1 };
            GradientFit.Run(data, o, checkpoint: cp);
            var sim = o.Simulation!;
            var bold = (BoldMonitorSpec)sim.Monitors[0];
            var split = new FitData(data.Connectome, [data.Train[0]], [data.Train[1]]);
            var otherFc = data with { Train = [data.Train[0] with { Fc = data.Train[0].Fc.Select((v, i) => i % 7 == 1 ? v * 0.5 : v).ToArray() }, .. data.Train.Skip(1)] };
            var cases = new (string What, FitData Data, FitOptions Options, string Expected)[]
            {
                ("velocity", data, o with { Simulation = sim with { VelocityMPerS = 3 } }, "velocity (m/s): was 5, now 3"),
                ("omega", data, o with { Initial = new Dictionary<string, double>(o.Initial) { ["omega"] = 1.0 } }, "now 1."),
                ("a", data, o with { Initial = new Dictionary<string, double>(o.Initial) { ["a"] = -0.05 } }, "initial a: was -0.02, now -0.05"),
                ("TR", data, o with { Simulation = sim with { Monitors = [bold with { TrMs = 2000 }] } }, "BOLD TR (ms): was 1000, now 2000"),
                ("BOLD step", data, o with { Simulation = sim with { Monitors = [bold with { IntegrationStepMs = 40 }] } }, "BOLD integration step (ms): was 20, now 40"),
                ("integrator", data, o with { Simulation = sim with { Integrator = IntegratorKind.EulerMaruyama } }, "integrator: was heun, now euler"),
                ("dt", data, o with { Simulation = sim with { DtMs = 10 } }, "dt (ms): was 20, now 10"),
                ("beta1", data, o with { Beta1 = 0.8 }, "Adam beta1: was 0.9, now 0.8"),
                ("beta2", data, o with { Beta2 = 0.99 }, "Adam beta2: was 0.999, now 0.99"),
                ("epsilon", data, o with { Epsilon = 1e-6 }, "Adam epsilon: was 1E-08, now 1E-06"),
                ("split", split, o, "train subjects: was sub-1,sub-2,sub-3, now sub-1"),
                ("held out", split, o, "held-out subjects: was sub-4, now sub-2"),
                ("subject FC", otherFc, o, "train FC (hash): was "),
            };
            foreach (var (what, d, opts, expected) in cases)
            {
                var seen = new List<FitPhase>();
                var e = Assert.Throws<FwbmException>(() => GradientFit.Run(d, opts with { Epochs = 2 }, checkpoint: cp, resume: true, phases: new SyncProgress<FitPhase>(seen.Add)));
                output.WriteLine($"{what}: {e.Message}");
                Assert.Contains("different settings", e.Message);
                Assert.Contains(expected, e.Message);
                Assert.Empty(seen);   // rejected before the initial evaluation
            }
            // the omega case names the parameter
            var eo = Assert.Throws<FwbmException>(() => GradientFit.Validate(data, o with { Initial = new Dictionary<string, double>(o.Initial) { ["omega"] = 1.0 } }, cp, resume: true));
            Assert.Contains("initial omega: was ", eo.Message);
            // the epochs and the device may change
            GradientFit.Validate(data, o with { Epochs = 5, Device = "auto" }, cp, resume: true);
        }
        finally { dir.Delete(true); }
    }

    /// <summary>
    /// A file without the checkpoint format (<c>{}</c>), an old-format checkpoint, a checkpoint path that is a folder, and one whose
    /// folder cannot be created are clear errors naming the checkpoint, raised before the first epoch.
    /// </summary>
    [Fact]
    public void Bad_checkpoint_files_and_paths_fail_before_the_fit()
    {
        TestSupport.Init();
        var conn = TestSupport.Random(6, 1);
        var data = new FitData(conn, [new FitSubject("s1", Enumerable.Range(0, 36).Select(i => i % 7 == 0 ? 1.0 : 0.1).ToArray())], []);
        var o = FitTests.Small(1);
        var dir = Directory.CreateTempSubdirectory("fwbm-fit-cp-");
        try
        {
            var empty = Path.Combine(dir.FullName, "empty.json");
            File.WriteAllText(empty, "{}");
            var e1 = Assert.Throws<FwbmException>(() => GradientFit.Run(data, o, checkpoint: empty, resume: true));
            Assert.Contains("no format field", e1.Message);
            var v1 = Path.Combine(dir.FullName, "v1.json");
            File.WriteAllText(v1, "{\"Format\": \"fwbm-fit-checkpoint/1\"}");
            Assert.Contains("did not record every setting", Assert.Throws<FwbmException>(() => GradientFit.Run(data, o, checkpoint: v1, resume: true)).Message);
            var v2 = Path.Combine(dir.FullName, "v2.json");
            File.WriteAllText(v2, "{\"Format\": \"fwbm-fit-checkpoint/2\"}");
            var ev2 = Assert.Throws<FwbmException>(() => GradientFit.Run(data, o, checkpoint: v2, resume: true));
            Assert.Contains("expected fwbm-fit-checkpoint/3", ev2.Message);
            Assert.Contains("hand-written Adam", ev2.Message);

            var seen = new List<FitPhase>();
            var e2 = Assert.Throws<FwbmException>(() => GradientFit.Run(data, o, checkpoint: dir.FullName, phases: new SyncProgress<FitPhase>(seen.Add)));
            Assert.Contains("--checkpoint", e2.Message);
            Assert.Contains("is a folder", e2.Message);
            Assert.Empty(seen);
            var underFile = Path.Combine(empty, "sub", "cp.json");
            var e3 = Assert.Throws<FwbmException>(() => GradientFit.Validate(data, o, underFile));
            Assert.Contains("--checkpoint", e3.Message);
            Assert.Contains("cannot be written", e3.Message);
            var e4 = Assert.Throws<FwbmException>(() => GradientFit.Validate(data, o, Path.Combine(empty, "cp.json")));
            Assert.Contains("is a file, not a folder", e4.Message);
            Assert.Contains("does not exist", Assert.Throws<FwbmException>(() => GradientFit.Validate(data, o, Path.Combine(dir.FullName, "none.json"), resume: true)).Message);
            Assert.Empty(Directory.GetFiles(dir.FullName, "*.probe"));
        }
        finally { dir.Delete(true); }
    }
}

public class FitCancellationTests
{
    /// <summary>
    /// Cancelled right after epoch 2: a <see cref="FitCancelledException"/> keeps the two epochs, the parameters after them (equal to
    /// an uninterrupted 2-epoch fit), the best epoch's starting parameters and the initial evaluation; the checkpoint holds epoch 2,
    /// no temporary file is left, and resuming it to 3 epochs equals 3 uninterrupted epochs.
    /// </summary>
    [Fact]
    public void Cancellation_keeps_the_completed_epochs_last_and_best_parameters_and_the_checkpoint()
    {
        TestSupport.Init();
        var data = FitTests.Synthetic();
        var dir = Directory.CreateTempSubdirectory("fwbm-fit-stop-");
        try
        {
            var cp = Path.Combine(dir.FullName, "fit.json");
            using var cts = new CancellationTokenSource();
            var phases = new List<FitPhase>();
            var stopped = Assert.Throws<FitCancelledException>(() => GradientFit.Run(data, FitTests.Small(20),
                new SyncProgress<FitProgress>(p => { if (p.Latest.Epoch == 2) cts.Cancel(); }), cp, cancellation: cts.Token,
                phases: new SyncProgress<FitPhase>(phases.Add)));
            var partial = stopped.Partial;
            Assert.False(partial.Completed);
            Assert.Null(partial.After);
            Assert.Equal(2, partial.History.Count);
            Assert.Contains("after 2 of 20 epochs", stopped.Message);
            Assert.Equal([FitPhase.EvaluateInitial, FitPhase.Train, FitPhase.Train], phases.Select(p => p.Stage).ToArray());

            var two = GradientFit.Run(data, FitTests.Small(2));
            Assert.Equal(two.Fitted.Coupling, partial.Fitted.Coupling);
            Assert.Equal(two.Fitted["a"].PerRegion!, partial.Fitted["a"].PerRegion!);
            Assert.Equal(two.History.Select(h => h.Loss), partial.History.Select(h => h.Loss));
            Assert.Equal(two.Before.TrainMean, partial.Before.TrainMean);
            Assert.Equal(two.BestEpoch, partial.BestEpoch);
            // the best epoch's parameters are the ones it started from: the initial ones, or those after epoch 1
            var startOfBest = partial.BestEpoch == 1 ? partial.Initial : GradientFit.Run(data, FitTests.Small(1)).Fitted;
            Assert.Equal(startOfBest.Coupling, partial.Best.Coupling);
            Assert.Equal(partial.History.Min(h => h.Loss), partial.History[partial.BestEpoch - 1].Loss);

            Assert.Empty(Directory.GetFiles(dir.FullName, "*.tmp"));
            Assert.Empty(Directory.GetFiles(dir.FullName, ".*"));
            using (var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(cp)))
                Assert.Equal(2, doc.RootElement.GetProperty("EpochsDone").GetInt32());
            var resumed = GradientFit.Run(data, FitTests.Small(3), checkpoint: cp, resume: true);
            var three = GradientFit.Run(data, FitTests.Small(3));
            Assert.Equal(three.Fitted.Coupling, resumed.Fitted.Coupling);
            Assert.Equal(three.History.Select(h => h.Loss), resumed.History.Select(h => h.Loss));
        }
        finally { dir.Delete(true); }
    }

    /// <summary>Cancelled before anything was done (during the initial evaluation): a plain cancellation, nothing to keep.</summary>
    [Fact]
    public void Cancellation_before_the_first_evaluation_is_a_plain_cancellation()
    {
        TestSupport.Init();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var e = Assert.ThrowsAny<OperationCanceledException>(() => GradientFit.Run(FitTests.Synthetic(), FitTests.Small(3), cancellation: cts.Token));
        Assert.IsNotType<FitCancelledException>(e);
    }
}

/// <summary>An IProgress that reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

public class Float32FitTests
{
    /// <summary>The same fit runs in float32 (the GPU-friendly precision) and gives a finite loss curve and similarities.</summary>
    [Fact]
    public void Float32_fit_runs()
    {
        TestSupport.Init();
        var r = GradientFit.Run(FitTests.Synthetic(), FitTests.Small(1) with { DType = "float32", Realisations = 2 });
        Assert.Single(r.History);
        Assert.True(double.IsFinite(r.History[0].Loss) && double.IsFinite(r.After!.TrainMean) && double.IsFinite(r.After.TestMean));
        Assert.Equal(TorchSharp.torch.ScalarType.Float32, r.Placement.DType);
    }
}

public class WindowedFitTests
{
    /// <summary>Truncated backpropagation: a 40-sample run in windows of 10 samples takes 4 Adam steps per epoch (state detached between).</summary>
    [Fact]
    public void Windows_take_one_Adam_step_each()
    {
        TestSupport.Init();
        var dir = Directory.CreateTempSubdirectory("fwbm-fit-win-");
        try
        {
            var cp = Path.Combine(dir.FullName, "cp.json");
            var r = GradientFit.Run(FitTests.Synthetic(), FitTests.Small(1) with { WindowSamples = 10, Realisations = 2 }, checkpoint: cp);
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(cp));
            Assert.Equal(4, doc.RootElement.GetProperty("OptimizerSteps").GetInt64());
            Assert.True(double.IsFinite(r.History[0].Loss));
            Assert.NotEqual(0.1, r.Fitted.Coupling);
        }
        finally { dir.Delete(true); }
    }
}
