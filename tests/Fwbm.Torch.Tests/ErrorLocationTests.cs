using Fwbm.Core;
using Fwbm.Core.Models;
using Fwbm.Core.Numerics;
using Fwbm.Core.Simulation;
using Fwbm.Torch;
using Fwbm.Torch.Fitting;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Fwbm.Torch.Tests;

/// <summary>Blow-ups and bad inputs are named where they happen: step, region, member, parameter, epoch and window.</summary>
public class ErrorLocationTests(ITestOutputHelper output)
{
    /// <summary>
    /// Hopf held at x = −3 in region 2 (a = 9, ω = 0, no noise, no coupling: a fixed point) drives the Balloon model below −γ: its inflow f
    /// falls to ≤ 0. The run stops at exactly the step where f first becomes ≤ 0 (counted here with the Core's Balloon equations on the
    /// same drive), naming region 2, the inflow, the drive and the parameters.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Balloon_inflow_below_zero_names_step_region_and_drive(int checkInterval)
    {
        TestSupport.Init();
        var m = ModelRegistry.Get("hopf");
        var conn = TestSupport.Random(4, 5);
        double[] init = [0, 0, -3, 0, 0, 0, 0, 0];   // x then y, per region
        var opts = new SimulationOptions
        {
            DtMs = 10, DurationMs = 60_000, InitialState = init, Integrator = IntegratorKind.Heun,
            Monitors = [new BoldMonitorSpec(1000) { IntegrationStepMs = 10 }],
        };
        var sim = new TorchSimulator(m, conn, opts, TorchPlacement.CpuFloat64) { FiniteCheckInterval = checkInterval };
        var set = sim.Core.DefaultParameters(0.0).With("a", 9.0).With("omega", 0.0).With("sigma", 0.0);
        // the step at which f first becomes ≤ 0 under a constant drive of −3, 10 ms hemodynamic steps
        var c = BalloonEquations.Constants.Of(BalloonParameters.Stephan2007);
        Real s = new(0), f = new(1), v = new(1), q = new(1);
        long expected = 0;
        for (long k = 1; k <= 6000 && expected == 0; k++)
        {
            BalloonEquations.Step(ref s, ref f, ref v, ref q, new Real(-3), 0.01, c);
            if (!(f.Value > 0) || !(v.Value > 0) || !(q.Value > 0) || !double.IsFinite(s.Value + f.Value + v.Value + q.Value)) expected = k;
        }
        Assert.True(expected > 0, "the constant drive must make the Balloon state invalid within the run");
        var e = Assert.Throws<SimulationDivergedException>(() => { using var _ = sim.Run(sim.Parameters(set), [1]); });
        output.WriteLine(e.Message);
        Assert.Equal(expected, e.Step);
        Assert.Equal(2, e.Region);
        Assert.Contains($"BOLD became invalid at step {expected}", e.Message);
        Assert.Contains("blood inflow f = ", e.Message);
        Assert.Contains("region 2 ('R2')", e.Message);
        Assert.Contains("was -3", e.Message);
        Assert.Contains("a=9", e.Message);
    }

    /// <summary>
    /// The deferred finiteness check (what a GPU uses: the device is read once per <c>FiniteCheckInterval</c> steps, each step records
    /// on the device where values first went bad) names exactly what the per-step check names: a Hopf state that overflows a few steps
    /// in (x = 50 in region 1, dt 10 ms, Euler) gives the same exception message, step, region and variable with intervals 1, 4 and 64,
    /// for a batch of two where only member 1 diverges. With BOLD the Balloon state goes bad first (its drive x is huge but finite);
    /// without BOLD, x itself overflows.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Deferred_finite_check_locates_the_same_step_region_and_variable(bool bold)
    {
        TestSupport.Init();
        var m = ModelRegistry.Get("hopf");
        var conn = TestSupport.Random(4, 5);
        var opts = new SimulationOptions { DtMs = 10, DurationMs = 2000, Integrator = IntegratorKind.EulerMaruyama, Monitors = bold ? [new BoldMonitorSpec(1000) { IntegrationStepMs = 10 }] : [] };
        SimulationDivergedException Run(int interval)
        {
            var sim = new TorchSimulator(m, conn, opts, TorchPlacement.CpuFloat64) { FiniteCheckInterval = interval };
            var ok = sim.Core.DefaultParameters(0.1);
            var bad = ok.With("a", [-0.02, -0.02, -0.02, -0.02]);
            using var scope = torch.NewDisposeScope();
            var p = sim.Parameters(ok, bad);
            using var state = sim.Initial(p, [1, 2]);
            using (torch.no_grad())
            using (var x = state.X[0][1, 1]) x.fill_(50.0);   // member 1, region 1
            return Assert.Throws<SimulationDivergedException>(() => { using var _ = sim.Advance(state, p, 200); });
        }
        var reference = Run(1);
        output.WriteLine(reference.Message);
        Assert.True(reference.Step > 2, $"the divergence should take a few steps (step {reference.Step})");
        Assert.Equal(1, reference.Region);
        Assert.Equal(bold ? "f" : "x", reference.Variable);
        foreach (int interval in new[] { 4, 64 })
        {
            var e = Run(interval);
            Assert.Equal(reference.Message, e.Message);
            Assert.Equal(reference.Step, e.Step);
            Assert.Equal(reference.Region, e.Region);
            Assert.Equal(reference.Variable, e.Variable);
            Assert.Equal(1, e.ParameterSet);
        }
    }

    /// <summary>A state made by another simulator (other connectome size, delays, monitors) is an error naming the cause.</summary>
    [Fact]
    public void State_of_another_simulator_is_named()
    {
        TestSupport.Init();
        var m = ModelRegistry.Get("hopf");
        SimulationOptions Opts(double? velocity, bool bold) => new()
        {
            DtMs = 10, DurationMs = 2000, VelocityMPerS = velocity, Monitors = bold ? [new BoldMonitorSpec(1000) { IntegrationStepMs = 10 }] : [],
        };
        var five = new TorchSimulator(m, TestSupport.Random(5, 5), Opts(null, false), TorchPlacement.CpuFloat64);
        var six = new TorchSimulator(m, TestSupport.Random(6, 5), Opts(null, false), TorchPlacement.CpuFloat64);
        var sixDelays = new TorchSimulator(m, TestSupport.Random(6, 5), Opts(3, false), TorchPlacement.CpuFloat64);
        var sixBold = new TorchSimulator(m, TestSupport.Random(6, 5), Opts(null, true), TorchPlacement.CpuFloat64);
        var p5 = five.Parameters(five.Core.DefaultParameters(0.1));
        var p6 = six.Parameters(six.Core.DefaultParameters(0.1));
        using var s5 = five.Initial(p5, [1]);
        using var s6 = six.Initial(p6, [1]);
        var e1 = Assert.Throws<FwbmException>(() => { using var _ = six.Advance(s5, p6, 1); });
        Assert.Contains("state is for 5 regions but this simulator's connectome", e1.Message);
        Assert.Contains("has 6", e1.Message);
        var e2 = Assert.Throws<FwbmException>(() => { using var _ = sixDelays.Advance(s6, p6, 1); });
        Assert.Contains("other delays", e2.Message);
        var e3 = Assert.Throws<FwbmException>(() => { using var _ = sixBold.Advance(s6, p6, 1); });
        Assert.Contains("no hemodynamic (Balloon) state", e3.Message);
        var p6b = six.Parameters(six.Core.DefaultParameters(0.1), six.Core.DefaultParameters(0.2));
        Assert.Contains("batch of 1 but the parameters for 2", Assert.Throws<FwbmException>(() => { using var _ = six.Advance(s6, p6b, 1); }).Message);
        var gone = six.Initial(p6, [1]);
        gone.Dispose();
        Assert.Contains("disposed", Assert.Throws<FwbmException>(() => { using var _ = six.Advance(gone, p6, 1); }).Message);
    }

    /// <summary>A NaN in one region's BOLD makes its FC row NaN (not 0 as for a constant region), so the loss sees it.</summary>
    [Fact]
    public void NaN_signal_is_not_masked_as_a_constant_region()
    {
        TestSupport.Init();
        using var scope = torch.NewDisposeScope();
        var rng = new Random(2);
        var x = torch.tensor(Enumerable.Range(0, 20 * 4).Select(_ => rng.NextDouble()).ToArray(), [20, 1, 4], dtype: ScalarType.Float64);
        using (var slot = x[3, 0, 1]) slot.fill_(double.NaN);
        var fc = TestSupport.Host(TorchFc.Pearson(x).select(0, 0));
        Assert.True(double.IsNaN(fc[1 * 4 + 2]) && double.IsNaN(fc[0 * 4 + 1]), "FC entries of the NaN region must be NaN");
        Assert.True(double.IsFinite(fc[0 * 4 + 2]));
    }

    /// <summary>In float32 a constant FC has similarity 0 with any target (as the Core), not 0/0 = NaN, and the loss of a constant
    /// signal is 1.</summary>
    [Fact]
    public void Float32_similarity_of_a_constant_FC_is_zero_not_NaN()
    {
        TestSupport.Init();
        using var scope = torch.NewDisposeScope();
        int R = 5;
        var target = torch.tensor(Enumerable.Range(0, R * R).Select(i => i / R == i % R ? 1.0 : Math.Sin(i)).ToArray(), [R, R], dtype: ScalarType.Float32);
        var constant = torch.full([1, R, R], 0.5, dtype: ScalarType.Float32);   // exact: its centred upper triangle is exactly 0
        Assert.Equal(0.0, TorchFc.Similarity(constant, target).item<float>());
        var flat = torch.ones([20, 1, R], dtype: ScalarType.Float32);
        Assert.Equal(1.0f, TorchFc.Loss(TorchFc.Pearson(flat), target).item<float>());
    }

    private static FitOptions Quick() => FitTests.Small(1) with { Realisations = 1 };

    /// <summary>A non-finite gradient (forced after backpropagation) stops the fit naming the parameter, the region, epoch and window.</summary>
    [Fact]
    public void Non_finite_gradient_names_parameter_and_region()
    {
        TestSupport.Init();
        var data = FitTests.Synthetic();
        var nanAt3 = new FitProbe(AfterBackward: leaves =>
        {
            using var _ = torch.no_grad();
            using var g = leaves["a"].grad!;
            using var slot = g.narrow(0, 3, 1);
            slot.fill_(double.NaN);
        });
        var e = Assert.Throws<FwbmException>(() => GradientFit.Run(data, Quick(), null, null, false, default, null, nanAt3));
        output.WriteLine(e.Message);
        Assert.Contains("gradient of 'a' at region 3 ('R3') is NaN in epoch 1, window 1", e.Message);
        var infinite = new FitProbe(AfterBackward: leaves =>
        {
            using var _ = torch.no_grad();
            using var g = leaves["coupling"].grad!;
            g.fill_(double.PositiveInfinity);
        });
        var e2 = Assert.Throws<FwbmException>(() => GradientFit.Run(data, Quick(), null, null, false, default, null, infinite));
        Assert.Contains("gradient of 'coupling' is ∞ in epoch 1, window 1", e2.Message.Replace("Infinity", "∞"));
    }

    /// <summary>
    /// A non-finite BOLD value (forced before the loss) makes the loss NaN: the error names the epoch, the window, the BOLD sample's step
    /// and the region. Whole run: sample 5 = step 200 (transient) + 5 · 50. Windows of 10 samples: the first sample of window 2 = step
    /// 200 + 11 · 50.
    /// </summary>
    [Fact]
    public void Non_finite_loss_names_epoch_window_step_and_region()
    {
        TestSupport.Init();
        var data = FitTests.Synthetic();
        int calls = 0;
        Func<int, int, FitProbe> poison = (onCall, sample) => new FitProbe(Bold: bold =>
        {
            if (++calls != onCall) return bold;
            using var _ = torch.no_grad();
            var b = bold.clone();
            using (var slot = b[sample, 0, 2]) slot.fill_(double.NaN);
            return b;
        });
        var e = Assert.Throws<FwbmException>(() => GradientFit.Run(data, Quick(), null, null, false, default, null, poison(1, 4)));
        output.WriteLine(e.Message);
        Assert.Contains("loss became NaN in epoch 1, window 1: BOLD sample 5 of the window (step 450, t = 9000 ms) of region 2 ('R2')", e.Message);
        calls = 0;
        var e2 = Assert.Throws<FwbmException>(() => GradientFit.Run(data, Quick() with { WindowSamples = 10 }, null, null, false, default, null, poison(2, 0)));
        output.WriteLine(e2.Message);
        Assert.Contains("loss became NaN in epoch 1, window 2: BOLD sample 1 of the window (step 750, t = 15000 ms) of region 2 ('R2')", e2.Message);
    }
}
