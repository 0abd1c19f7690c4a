using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Exploration;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Simulation;

/// <summary>The BOLD monitor inside a simulation: its impulse response, its sampling, the "direct" hemodynamics and the checks that
/// stop a run whose hemodynamic state leaves the Balloon model's valid range.</summary>
public class BoldMonitorTests
{
    private static readonly Connectome Two = new([0.0, 0.0, 0.0, 0.0], ["A", "B"]);

    // Relay with k = 1/ms: x follows the pulse within a few ms (time constant 1 ms), so the neural drive is a 100 ms box of height ≈ 1.
    private static SimulationOptions PulseOptions(double integrationStepMs, double trMs, params MonitorSpec[] extra) => new()
    {
        DtMs = 0.1, DurationMs = 20_000, Integrator = IntegratorKind.Heun, InitialState = [0.0, 0.0],
        Stimulus = new PulseStimulus("x", [0], OnsetMs: 1000, WidthMs: 100, Amplitude: 1.0),
        Monitors = [new BoldMonitorSpec(trMs) { IntegrationStepMs = integrationStepMs }, .. extra],
    };

    [Fact]
    public void Bold_of_a_pulse_peaks_4_to_6_s_later_and_matches_the_offline_balloon_model()
    {
        var p = ParameterSet.Defaults(Relay.Spec).With("k", 1.0);
        // hemodynamics integrated at dt (0.1 ms): the same Euler steps with the same drive as FromNeural on the raw signal
        var exact = new Simulator(Relay.Handle, Two, PulseOptions(0.1, 100, new RawMonitorSpec(0.1))).Run(p);
        var bold = exact.Bold;
        var offline = BalloonWindkessel.FromNeural(exact.Get("raw:x"), 100);
        Assert.Equal(offline.Length, bold.Length);
        double peak = 0; int peakAt = -1;
        for (int t = 0; t < bold.Length; t++)
        {
            Assert.Equal(offline[t, 0], bold[t, 0], 1e-12);
            if (bold[t, 0] > peak) { peak = bold[t, 0]; peakAt = t; }
        }
        double latencyS = (bold.TimeMs(peakAt) - 1000) / 1000;   // from the pulse onset
        Assert.InRange(latencyS, 4.0, 6.0);
        Assert.True(peak > 1e-4, $"peak {peak}");
        Assert.All(Enumerable.Range(0, bold.Length), t => Assert.Equal(0.0, bold[t, 1]));   // the unstimulated region stays at rest

        // default: hemodynamics every 1 ms with the mean drive of those 10 steps. Forward Euler at 1 ms instead of 0.1 ms changes the
        // response by O(h·κ) ≈ 1e-3 relative; we allow 1 % of the peak.
        var coarse = new Simulator(Relay.Handle, Two, PulseOptions(1.0, 100)).Run(p).Bold;
        for (int t = 0; t < bold.Length; t++) Assert.Equal(bold[t, 0], coarse[t, 0], 0.01 * peak);
    }

    [Fact]
    public void Bold_is_sampled_every_TR_after_the_transient()
    {
        var opts = PulseOptions(1.0, 720) with { DurationMs = 7200, TransientMs = 1000 };
        var bold = new Simulator(Relay.Handle, Two, opts).Run(ParameterSet.Defaults(Relay.Spec).With("k", 1.0)).Bold;
        Assert.Equal(10, bold.Length);                  // 7.2 s / 0.72 s
        Assert.Equal(720, bold.SamplePeriodMs);
        Assert.Equal(1000 + 720, bold.StartMs);          // one TR after the transient
        Assert.Equal(1000 + 720 * 10, bold.TimeMs(9));
    }

    [Fact]
    public void Direct_hemodynamics_averages_the_drive_over_each_TR()
    {
        var conn = TestConnectomes.Random(3, 5);
        var opts = new SimulationOptions
        {
            DtMs = 0.5, DurationMs = 3000, TransientMs = 500,
            Monitors = [new BoldMonitorSpec(250) { Hemodynamics = BoldHemodynamics.Direct }, new TemporalAverageMonitorSpec(250, ["x"])],
        };
        var r = new Simulator(Relay.Handle, conn, opts).Run(ParameterSet.Defaults(Relay.Spec, 0.3).With("k", 0.2).With("sigma", 0.5), seed: 3);
        var bold = r.Bold; var tavg = r.Get("tavg:x");
        Assert.Equal(12, bold.Length);
        Assert.Equal(tavg.StartMs, bold.StartMs);
        double scale = tavg.Data.Max(Math.Abs);
        Assert.True(scale > 0.01);
        for (int k = 0; k < bold.Data.Length; k++) Assert.Equal(tavg.Data[k], bold.Data[k], 1e-12 * scale);
    }

    [Fact]
    public void A_drive_held_below_minus_gamma_stops_the_run_naming_step_region_and_parameter_set()
    {
        // x = −1 constantly (k = 0, no input): the steady-state inflow 1 + x/γ would be 1 − 1/0.32 < 0
        var opts = new SimulationOptions { DtMs = 1, DurationMs = 30_000, InitialState = [0.0, -1.0], Monitors = [new BoldMonitorSpec(1000)] };
        var e = Assert.Throws<SimulationDivergedException>(() => new Simulator(Relay.Handle, Two, opts).Run(ParameterSet.Defaults(Relay.Spec), seed: 4));
        Assert.Equal(1, e.Region);
        Assert.Equal("B", e.RegionLabel);
        Assert.Equal("f", e.Variable);
        Assert.Equal(0, e.ParameterSet);
        Assert.InRange(e.TimeMs, 1000, 30_000);
        Assert.Contains("step", e.Message);
        Assert.Contains("relay(k=0", e.Message);
        Assert.Contains("−γ", e.Message);
        Assert.Contains("direct", e.Message);
        // the same drive with direct hemodynamics is a valid (constant) BOLD signal
        var direct = new Simulator(Relay.Handle, Two, opts with { Monitors = [new BoldMonitorSpec(1000) { Hemodynamics = BoldHemodynamics.Direct }] })
            .Run(ParameterSet.Defaults(Relay.Spec));
        Assert.All(Enumerable.Range(0, direct.Bold.Length), t => Assert.Equal(-1.0, direct.Bold[t, 1]));
    }

    private static readonly SimulationOptions HopfOptions = new() { DtMs = 10, DurationMs = 60_000, Monitors = [new BoldMonitorSpec(1000)] };

    [Fact]
    public void A_batch_member_with_invalid_bold_is_reported_failed_and_the_others_finish()
    {
        // Hopf with a = 0.2: x oscillates with amplitude √0.2 ≈ 0.45 at 0.05 Hz, i.e. x < −γ for seconds at a time
        var conn = TestConnectomes.Random(4, 2);
        var sim = new Simulator(ModelRegistry.Get("hopf"), conn, HopfOptions);
        var basis = ParameterSet.Defaults(Hopf.Spec);
        var reqs = new[] { -0.1, 0.2, -0.05, -0.2, 0.01 }.Select(a => new SimulationRequest(basis.With("a", a), 1)).ToArray();
        var ok = new List<int>(); var failed = new Dictionary<int, FwbmException>();
        sim.RunBatch(reqs, r => { lock (ok) { ok.Add(r.Index); Assert.All(r.Bold.Data, v => Assert.True(double.IsFinite(v))); } },
            (i, e) => { lock (failed) failed[i] = e; });
        Assert.Equal([0, 2, 3, 4], ok.Order());
        var err = Assert.IsType<SimulationDivergedException>(Assert.Single(failed).Value);
        Assert.Equal(1, failed.Keys.Single());
        Assert.Equal(1, err.ParameterSet);
        Assert.Contains("a=0.2", err.Message);
        // without a failure handler the batch stops with that error
        Assert.Throws<SimulationDivergedException>(() => sim.RunBatch(reqs));
    }

    [Fact]
    public void A_sweep_reports_the_member_with_invalid_bold_as_failed_never_as_zeros()
    {
        var conn = TestConnectomes.Random(4, 2);
        var sweep = new Sweep(ModelRegistry.Get("hopf"), conn, HopfOptions, new ParameterSpace([ParameterAxis.Of("a", -0.1, 0.2)]), SweepMeasure.MeanFc());
        var table = sweep.Run();
        Assert.False(table.Rows[0].Failed);
        Assert.True(double.IsFinite(table.Rows[0].Measures[0]));
        Assert.True(table.Rows[1].Failed);
        Assert.True(double.IsNaN(table.Rows[1].Measures[0]));
        Assert.Contains("BOLD became invalid", table.Rows[1].Error);
    }

    public static TheoryData<string> ModelNames() => new(ModelRegistry.All.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Every_model_gives_finite_bold_at_its_defaults(string name)
    {
        // what `fwbm simulate --model <name> --duration 20` does (10 s transient, the model's dt, Balloon BOLD at TR 0.72 s), on 5 regions
        var model = ModelRegistry.Get(name);
        var opts = new SimulationOptions { DtMs = model.Spec.DefaultDtMs, DurationMs = 20_000, TransientMs = 10_000, Monitors = [new BoldMonitorSpec(720)] };
        var sim = new Simulator(model, TestConnectomes.Random(5, 11), opts);
        var bold = sim.Run(sim.DefaultParameters(), seed: 1).Bold;
        Assert.Equal(27, bold.Length);
        Assert.All(bold.Data, v => Assert.True(double.IsFinite(v)));
        var fc = FunctionalConnectivity.Compute(bold);
        Assert.All(fc, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Fc_and_fc_similarity_reject_non_finite_input()
    {
        var d = Enumerable.Range(0, 30).Select(k => Math.Sin(k * 0.7) + k % 3).ToArray();
        d[7] = double.NaN;
        var e = Assert.Throws<FwbmException>(() => FunctionalConnectivity.Compute(d, 3));
        Assert.Contains("region 1", e.Message);
        Assert.Contains("time point 2", e.Message);
        d[7] = double.PositiveInfinity;
        Assert.Throws<FwbmException>(() => FunctionalConnectivity.Compute(d, 3));
        var a = new double[] { 1, 0.2, 0.3, 0.2, 1, 0.5, 0.3, 0.5, 1 };
        var b = (double[])a.Clone(); b[5] = double.NaN;
        Assert.Contains("(1, 2)", Assert.Throws<FwbmException>(() => FcSimilarity.Compute(a, b, 3)).Message);
        Assert.Throws<FwbmException>(() => FcSimilarity.Pearson([1.0, double.NaN, 3.0], [1.0, 2.0, 3.0]));
        // a constant series keeps its documented meaning: no defined correlation, 0 (not an error)
        Assert.Equal(0.0, FcSimilarity.Pearson([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]));
    }
}
