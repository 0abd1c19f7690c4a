using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Torch.Fitting;
using Xunit;

namespace Fwbm.Torch.Tests;

/// <summary>A fit's result saved to HDF5 and loaded back holds the same options, parameters, history, evaluations and target FC.</summary>
public class FitResultPersistenceTests
{
    [Fact]
    public void A_saved_fit_loads_back_exactly()
    {
        TestSupport.Init();
        var conn = TestSupport.Random(5, 3);
        var spec = Hopf.Spec;
        var initial = ParameterSet.Defaults(spec, 0.2);
        var fitted = initial.WithCoupling(0.35).With("a", [-0.03, -0.01, 0.0, -0.02, -0.04]);
        var best = initial.WithCoupling(0.3);
        var rnd = new Random(1);
        double[] Fc() => Enumerable.Range(0, 25).Select(_ => rnd.NextDouble()).ToArray();
        var options = new FitOptions
        {
            Model = "hopf", Fit = ["coupling", "a"], Initial = new Dictionary<string, double> { ["coupling"] = 0.2 },
            Bounds = new Dictionary<string, (double, double)> { ["a"] = (-0.1, 0.05) }, Epochs = 3, LearningRate = 0.05, Seed = 77, DType = "float32",
            WindowSamples = 20, Simulation = new SimulationOptions { DtMs = 10, DurationMs = 60_000, TransientMs = 5_000, Monitors = [new BoldMonitorSpec(720)] },
        };
        var before = new FitEvaluation([new SubjectScore("s1", 0.1), new SubjectScore("s2", 0.12)], [new SubjectScore("s3", 0.09)], Fc());
        var after = new FitEvaluation([new SubjectScore("s1", 0.3), new SubjectScore("s2", 0.31)], [new SubjectScore("s3", 0.25)], Fc());
        var history = new[] { new FitEpoch(1, 0.9, 0.1, 0.25, 1.5), new FitEpoch(2, 0.8, 0.2, 0.3, 1.4), new FitEpoch(3, 0.85, 0.22, 0.35, 1.6) };
        var r = new FitResult(options, initial, fitted, history, before, after, Fc(), TorchPlacement.CpuFloat64, best, 2, completed: true);
        using var dir = new TempDir();
        r.Save(dir.File("fit.h5"), conn);
        var b = FitResult.Load(dir.File("fit.h5"));
        Assert.Equal(r.History, b.History);
        Assert.Equal(r.TargetFc, b.TargetFc);
        Assert.Equal(r.Fitted.ToString(), b.Fitted.ToString());
        Assert.Equal((double[])r.Fitted.ToDictionary()["a"], (double[])b.Fitted.ToDictionary()["a"]);
        Assert.Equal(r.Initial.ToString(), b.Initial.ToString());
        Assert.Equal(r.Best.ToString(), b.Best.ToString());
        Assert.Equal(2, b.BestEpoch);
        Assert.True(b.Completed);
        Assert.Equal(r.Placement.ToString(), b.Placement.ToString());
        Assert.Equal(r.Before.Train, b.Before.Train);
        Assert.Equal(r.Before.Test, b.Before.Test);
        Assert.Equal(r.Before.SimulatedFc, b.Before.SimulatedFc);
        Assert.Equal(r.After!.SimulatedFc, b.After!.SimulatedFc);
        Assert.Equal(r.After.Train, b.After.Train);
        Assert.Equal(options.Fit, b.Options.Fit);
        Assert.Equal(options.Initial, b.Options.Initial);
        Assert.Equal(options.Bounds, b.Options.Bounds);
        Assert.Equal(options with { Fit = b.Options.Fit, Initial = b.Options.Initial, Bounds = b.Options.Bounds, Simulation = b.Options.Simulation }, b.Options);
        Assert.Equal(options.Simulation!.DurationMs, b.Options.Simulation!.DurationMs);
        Assert.Equal(options.Simulation.Monitors[0], b.Options.Simulation.Monitors[0]);
        Assert.Equal(conn.Weights.ToArray(), b.Connectome!.Weights.ToArray());

        // an interrupted fit: no "after"
        var partial = new FitResult(options, initial, fitted, history[..1], before, null, Fc(), TorchPlacement.CpuFloat64, initial, 0, completed: false);
        partial.Save(dir.File("partial.h5"));
        var p = FitResult.Load(dir.File("partial.h5"));
        Assert.False(p.Completed);
        Assert.Null(p.After);
        Assert.Null(p.Connectome);
        Assert.Single(p.History);

        // stopped before the first epoch ended: an empty history
        var none = new FitResult(options, initial, initial, [], before, null, Fc(), TorchPlacement.CpuFloat64, initial, 0, completed: false);
        none.Save(dir.File("none.h5"));
        Assert.Empty(FitResult.Load(dir.File("none.h5")).History);
    }
}
