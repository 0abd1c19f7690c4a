using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Simulation;

/// <summary>Issue 2's bad-input list: every case is a <see cref="FwbmException"/> whose message names the input and what was expected.</summary>
public class BadInputTests
{
    private static string Msg(Action a) => Assert.ThrowsAny<FwbmException>(a).Message;
    private static readonly string[] Abc = ["A", "B", "C"];

    [Fact]
    public void Mismatched_lengths_fc_and_flags_name_the_field()
    {
        var w = new double[9];
        Assert.Contains("'tract lengths' is 2×2; expected 3×3", Msg(() => new Connectome(w, Abc, tractLengths: new double[4])));
        Assert.Contains("'empirical FC' is 4×4; expected 3×3", Msg(() => new Connectome(w, Abc, empiricalFc: new double[16])));
        Assert.Contains("'weights' is 5 values (not square)", Msg(() => new Connectome(new double[5], Abc)));
        Assert.Contains("2 centres for 3 regions", Msg(() => new Connectome(w, Abc, centres: [new(0, 0, 0), new(1, 1, 1)])));
        Assert.Contains("2 hemisphere flags", Msg(() => new Connectome(w, Abc, rightHemisphere: [true, false])));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1.0)]
    public void Non_finite_or_negative_tract_lengths_are_rejected(double bad)
    {
        var len = new double[9]; len[5] = bad;
        Assert.Contains("'tract lengths'[1,2]", Msg(() => new Connectome(new double[9], Abc, tractLengths: len)));
    }

    [Fact]
    public void Infinite_weights_and_nan_fc_are_rejected()
    {
        var w = new double[9]; w[1] = double.PositiveInfinity;
        Assert.Contains("'weights'[0,1] is ∞", Msg(() => new Connectome(w, Abc)).Replace("Infinity", "∞"));
        var fc = new double[9]; fc[4] = double.NaN;
        Assert.Contains("'empirical FC' contains NaN/Inf", Msg(() => new Connectome(new double[9], Abc, empiricalFc: fc)));
    }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(double.NaN)]
    public void Negative_or_nan_velocity_is_rejected(double v)
    {
        var conn = TestConnectomes.Random(3, 1);
        Assert.Contains("velocity", Msg(() => new Simulator(ModelRegistry.Get("hopf"), conn, new SimulationOptions { VelocityMPerS = v })));
    }

    [Fact]
    public void Options_out_of_range_name_the_option()
    {
        var conn = TestConnectomes.Random(3, 1);
        var hopf = ModelRegistry.Get("hopf");
        Simulator Make(SimulationOptions o) => new(hopf, conn, o);
        Assert.Contains("dt = -1 ms", Msg(() => Make(new SimulationOptions { DtMs = -1 })));
        Assert.Contains("duration = 0 ms", Msg(() => Make(new SimulationOptions { DurationMs = 0 })));
        Assert.Contains("transient = -5 ms", Msg(() => Make(new SimulationOptions { TransientMs = -5 })));
        Assert.Contains("threads = 0", Msg(() => Make(new SimulationOptions { Threads = 0 })));
        Assert.Contains("NoiseRegionKeys has 2 entries", Msg(() => Make(new SimulationOptions { NoiseRegionKeys = [0, 1] })));
        Assert.Contains("InitialState has 3 values; expected 2 variables × 3 regions", Msg(() => Make(new SimulationOptions { InitialState = [0, 0, 0] })));
        Assert.Contains("InitialState[4] (variable 'y', region 1) is not finite", Msg(() => Make(new SimulationOptions { InitialState = [0, 0, 0, 0, double.NaN, 0] })));
        Assert.Contains("no state variable 'v'", Msg(() => Make(new SimulationOptions { Stimulus = new PulseStimulus("v", [0], 0, 1, 1) })));
        Assert.Contains("slope", Msg(() => Make(new SimulationOptions { Coupling = new CouplingSpec(CouplingKind.Sigmoidal) { SigmoidSlope = 0 } })));
        Assert.Contains("raw monitor period = 0.25 ms is not a whole number of integration steps",
            Msg(() => Make(new SimulationOptions { DtMs = 0.1, DurationMs = 10, Monitors = [new RawMonitorSpec(0.25)] }).Run(ParameterSet.Defaults(Hopf.Spec))));
    }

    [Fact]
    public void Unknown_model_and_bad_parameter_values_name_the_parameter_and_region()
    {
        Assert.Contains("Unknown model 'hopff'; did you mean hopf?", Msg(() => ModelRegistry.Get("hopff")));
        var p = ParameterSet.Defaults(Hopf.Spec);
        Assert.Contains("parameter 'a' (region 2) = 50000 is outside its valid range [-10000, 10000]", Msg(() => p.With("a", [0.0, 0.1, 50000.0])));
        Assert.Contains("parameter 'sigma' = NaN", Msg(() => p.With("sigma", double.NaN)));
        Assert.Contains("'coupling' = -1", Msg(() => p.WithCoupling(-1)));
        Assert.Contains("one number, not a per-region vector", Msg(() => p.With("G", [1.0, 2.0])));
        var relay = ParameterSet.Defaults(Relay.Spec);
        var sim = new Simulator(ModelRegistry.Get("hopf"), TestConnectomes.Random(3, 1), new SimulationOptions { DtMs = 1, DurationMs = 1000 });
        Assert.Contains("Batch member 1: parameters are for model 'relay'", Msg(() => sim.RunBatch([new(p, 0), new(relay, 0)])));
    }

    [Fact]
    public void A_blow_up_names_time_region_variable_and_parameter_values()
    {
        var conn = new Connectome(new double[4], ["A", "B"]);
        var sim = new Simulator(Relay.Handle, conn, new SimulationOptions { DtMs = 1, DurationMs = 10000, InitialState = [1, 1], Monitors = [new RawMonitorSpec(100)] });
        var bad = ParameterSet.Defaults(Relay.Spec).With("k", -50.0);
        var e = Assert.Throws<SimulationDivergedException>(() => sim.Run(bad, 4));
        Assert.Equal(e.Step * 1.0, e.TimeMs);
        Assert.Equal("x", e.Variable);
        Assert.Contains($"t = {e.TimeMs} ms", e.Message);
        Assert.Contains("k=-50", e.Message);
        Assert.Contains("seed 4", e.Message);
        // with a BOLD monitor the exploding drive wrecks the hemodynamics a few steps before x overflows: the BOLD check stops the run
        // first, with the same kind of error, and says the drive grew (not that it went negative)
        var withBold = new Simulator(Relay.Handle, conn, new SimulationOptions { DtMs = 1, DurationMs = 10000, InitialState = [1, 1], Monitors = [new BoldMonitorSpec(100)] });
        var eb = Assert.Throws<SimulationDivergedException>(() => withBold.Run(bad, 4));
        Assert.InRange(eb.Step, 1, e.Step);
        Assert.Contains("k=-50", eb.Message);
        Assert.Contains("probably diverging", eb.Message);
    }

    [Fact]
    public void Hopf_dt_limit_depends_on_omega_per_batch_member()
    {
        var conn = TestConnectomes.Random(3, 1);
        var sim = new Simulator(ModelRegistry.Get("hopf"), conn, new SimulationOptions { DtMs = 10, DurationMs = 1000, Monitors = [new RawMonitorSpec(10)] });
        var basis = ParameterSet.Defaults(Hopf.Spec);
        // ω = 100 rad/s: 0.1 rad per step needs dt ≤ 1 ms
        Assert.Equal(1.0, Hopf.Spec.MaxDtFor(basis.With("omega", 100)).MaxDtMs, 12);
        var msg = Msg(() => sim.RunBatch([new SimulationRequest(basis, 0), new SimulationRequest(basis.With("omega", 100), 0)]));
        Assert.Contains("Batch member 1", msg);
        Assert.Contains("omega = 100 rad/s", msg);
        Assert.Contains("dt ≤ 1 ms", msg);
        Assert.Contains("dt = 10 ms", msg);
        // per region: the largest |ω| decides, and the error names its region
        msg = Msg(() => sim.Run(basis.With("omega", [0.3, 200.0, 5.0])));
        Assert.Contains("omega = 200 rad/s (region 1)", msg);
        Assert.Contains("dt ≤ 0.5 ms", msg);
        // ω = 5 rad/s: 20 ms allowed; the default ω (0.31 rad/s) leaves the fixed 200 ms limit in charge
        sim.Run(basis.With("omega", 5.0));
        var (max, lim, _, _) = Hopf.Spec.MaxDtFor(basis);
        Assert.Equal(200.0, max);
        Assert.Null(lim);
    }

    [Fact]
    public void Kuramoto_dt_limit_depends_on_omega()
    {
        var conn = TestConnectomes.Random(3, 1);
        var sim = new Simulator(ModelRegistry.Get("kuramoto"), conn, new SimulationOptions { DtMs = 1, DurationMs = 100, Monitors = [new RawMonitorSpec(1)] });
        var p = ParameterSet.Defaults(Kuramoto.Spec);
        sim.Run(p);                                                    // 40 Hz: 0.25 rad per step, ≤ 2π/20
        var msg = Msg(() => sim.Run(p.With("omega", 2 * Math.PI * 100))); // 100 Hz at 1 ms: 0.63 rad per step
        Assert.Contains("omega = 628.319 rad/s", msg);
        Assert.Contains("dt ≤ 0.5 ms", msg);
    }

    [Fact]
    public void Sweep_points_whose_dt_is_too_large_are_rejected_up_front()
    {
        var conn = TestConnectomes.Random(3, 1);
        var msg = Msg(() => new Fwbm.Core.Exploration.Sweep(ModelRegistry.Get("hopf"), conn, new SimulationOptions { DtMs = 10, DurationMs = 1000 },
            new Fwbm.Core.Exploration.ParameterSpace([Fwbm.Core.Exploration.ParameterAxis.Of("omega", 1, 50)]), Fwbm.Core.Exploration.SweepMeasure.MeanFc()));
        Assert.Contains("Sweep point 1 (omega=50)", msg);
        Assert.Contains("dt ≤ 2 ms", msg);
    }
}
