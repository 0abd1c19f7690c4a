using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.Simulation;
using Fwbm.Torch.Fitting;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Torch.Tests;

/// <summary>TorchSharp's optimisers and learning-rate schedulers drive the fit; their state survives a checkpoint.</summary>
public class FitOptimizerTests(ITestOutputHelper output)
{
    /// <summary>
    /// fit(2 epochs) → checkpoint → resume(2 more) equals fit(4 epochs) exactly (tolerance 0: every loss, similarity and fitted value is
    /// bit-identical) for each optimiser with a schedule that changes the learning rate within the four epochs; the checkpoint records
    /// the learning rate the schedule reached.
    /// </summary>
    [Theory]
    [InlineData("adam", "step:1:0.5", 0.05 * 0.25)]
    [InlineData("adamw", "cosine:4", 0.05 * 0.5)]          // half-way through a cosine over 4 epochs: (1 + cos(π/2)) / 2
    [InlineData("sgd", "plateau:0:0.5", double.NaN)]       // halves after any epoch without improvement: depends on the losses
    public void Resume_equals_an_uninterrupted_fit(string optimizer, string schedule, double lrAfter2)
    {
        TestSupport.Init();
        var data = FitTests.Synthetic();
        // Hopf on 6 regions, 10 s per epoch (BOLD every 0.5 s), one realisation
        FitOptions O(int epochs) => FitTests.Small(epochs) with
        {
            Realisations = 1, Optimizer = optimizer, LrSchedule = schedule, LearningRate = optimizer == "sgd" ? 0.5 : 0.05,
            Simulation = FitTests.Small(epochs).Simulation! with { DurationMs = 10_000, TransientMs = 1_000, Monitors = [new BoldMonitorSpec(500) { IntegrationStepMs = 20 }] },
        };
        var dir = Directory.CreateTempSubdirectory("fwbm-fit-opt-");
        try
        {
            var cp = Path.Combine(dir.FullName, "fit.json");
            var full = GradientFit.Run(data, O(4));
            GradientFit.Run(data, O(2), checkpoint: cp);
            using (var doc = JsonDocument.Parse(File.ReadAllText(cp)))
            {
                var root = doc.RootElement;
                Assert.Equal("fwbm-fit-checkpoint/3", root.GetProperty("Format").GetString());
                Assert.NotEmpty(root.GetProperty("OptimizerState").GetBytesFromBase64());
                double lr = root.GetProperty("LearningRate").GetDouble();
                output.WriteLine($"{optimizer} {schedule}: learning rate after 2 epochs {lr}; losses {string.Join(", ", root.GetProperty("History").EnumerateArray().Select(h => h.GetProperty("Loss").GetDouble()))}");
                if (!double.IsNaN(lrAfter2)) Assert.Equal(lrAfter2, lr, 12);
            }
            var resumed = GradientFit.Run(data, O(4), checkpoint: cp, resume: true);
            foreach (var e in full.History) output.WriteLine($"epoch {e.Epoch}: loss {e.Loss:R} G {e.Coupling:R}");
            Assert.Equal(full.History.Select(h => h.Loss), resumed.History.Select(h => h.Loss));
            Assert.Equal(full.History.Select(h => h.Similarity), resumed.History.Select(h => h.Similarity));
            Assert.Equal(full.Fitted.Coupling, resumed.Fitted.Coupling);
            Assert.Equal(full.Fitted["a"].PerRegion!, resumed.Fitted["a"].PerRegion!);
            Assert.Equal(full.After!.TrainMean, resumed.After!.TrainMean);
            // a checkpoint made with another optimiser or schedule is refused, naming it
            var e1 = Assert.Throws<FwbmException>(() => GradientFit.Validate(data, O(4) with { LrSchedule = "none" }, cp, resume: true));
            Assert.Contains("lr schedule: was ", e1.Message);
            var e2 = Assert.Throws<FwbmException>(() => GradientFit.Validate(data, O(4) with { Optimizer = optimizer == "sgd" ? "adam" : "sgd" }, cp, resume: true));
            Assert.Contains($"optimizer: was {optimizer}", e2.Message);
        }
        finally { dir.Delete(true); }
    }

    /// <summary>Schedules parse to canonical text with their defaults; bad ones name --lr-schedule and the accepted forms.</summary>
    [Fact]
    public void Schedules_parse_and_bad_ones_are_named()
    {
        Assert.Equal("none", LearningRateSchedule.Parse("none", 10).ToString());
        Assert.Equal("step:5:0.5", LearningRateSchedule.Parse("step:5", 10).ToString());
        Assert.Equal("cosine:10:0", LearningRateSchedule.Parse("cosine", 10).ToString());
        Assert.Equal("plateau:3:0.5", LearningRateSchedule.Parse("plateau", 10).ToString());
        foreach (var (bad, expected) in new[] { ("steps:3", "unknown schedule 'steps' (did you mean step?)"), ("step", "needs the number of epochs"), ("step:0", "whole number ≥ 1"),
                                                ("plateau:2:1.5", "factor '1.5'"), ("cosine:4:0:1", "too many") })
        {
            var e = Assert.Throws<FwbmException>(() => LearningRateSchedule.Parse(bad, 10));
            Assert.Contains($"--lr-schedule '{bad}'", e.Message);
            Assert.Contains(expected, e.Message);
        }
        Assert.Contains("expected adam, adamw or sgd", Assert.Throws<FwbmException>(() => GradientFit.Validate(FitTests.Synthetic(), FitTests.Small(1) with { Optimizer = "lbfgs" })).Message);
    }

    /// <summary>
    /// The curve and the summary report the same FC similarity (issue 17: "curve 0.15 → 0.25 vs summary 0.110 → 0.116" — the curve
    /// was the similarity with the training subjects' mean FC, the summary the mean of the similarities with each subject, which is
    /// lower). Without noise and from a fixed initial state every run is the same whatever its seed, so epoch 1 (simulated with the
    /// initial parameters) must report exactly the "before" score: equal to 1e-9.
    /// </summary>
    [Fact]
    public void Curve_and_summary_report_the_same_similarity()
    {
        TestSupport.Init();
        var data = FitTests.Synthetic();
        var small = FitTests.Small(1);
        int R = data.Connectome.Count;
        var o = small with
        {
            Realisations = 2, LearningRate = 1e-3,
            Initial = new Dictionary<string, double>(small.Initial) { ["sigma"] = 0 },
            Simulation = small.Simulation! with { InitialState = Enumerable.Range(0, 2 * R).Select(i => 0.1 * Math.Sin(i + 1)).ToArray() },
        };
        var r = GradientFit.Run(data, o);
        var target = FitEpochLoop.TrainSimilarity(r.Before.SimulatedFc, data);
        output.WriteLine($"epoch 1 {r.History[0].Similarity:R}; before (mean over subjects) {r.Before.TrainMean:R}; similarity with the mean FC {Fwbm.Core.Analysis.FcSimilarity.Compute(r.Before.SimulatedFc, data.TargetFc(), R):R}");
        Assert.Equal(r.Before.TrainMean, target, 12);
        Assert.Equal(r.Before.TrainMean, r.History[0].Similarity, 9);
    }
}
