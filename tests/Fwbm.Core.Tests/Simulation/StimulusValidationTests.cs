using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.TestSupport;
using Xunit;

namespace Fwbm.Core.Tests.Simulation;

/// <summary>Issue 17: stimulus values are checked when the stimulus is built, its regions when it meets the connectome.</summary>
public class StimulusValidationTests
{
    private static string Msg(Action a) => Assert.ThrowsAny<FwbmException>(a).Message;

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_pulse_width_that_is_not_positive_and_finite_is_refused_when_built(double width)
    {
        var m = Msg(() => new PulseStimulus("x", [0], 10, width, 1));
        Assert.StartsWith("PulseStimulus: WidthMs = ", m);
        Assert.Contains("expected a positive, finite duration", m);
        // the same check guards `with`
        var ok = new PulseStimulus("x", [0], 10, 5, 1);
        Assert.Contains("WidthMs", Msg(() => _ = ok with { WidthMs = width }));
    }

    [Fact]
    public void Other_pulse_and_sinusoid_values_are_checked_when_built()
    {
        Assert.Contains("Amplitude = NaN; expected a finite number", Msg(() => new PulseStimulus("x", [0], 10, 5, double.NaN)));
        Assert.Contains("OnsetMs = -Infinity; expected a finite number", Msg(() => new PulseStimulus("x", [0], double.NegativeInfinity, 5, 1)));
        Assert.Contains("PeriodMs = -2 ms; expected a positive", Msg(() => new PulseStimulus("x", [0], 10, 5, 1, PeriodMs: -2)));
        Assert.Contains("PeriodMs = 4 ms is shorter than WidthMs = 5 ms", Msg(() => new PulseStimulus("x", [0], 10, 5, 1, PeriodMs: 4)));
        Assert.Contains("region -3 is negative", Msg(() => new PulseStimulus("x", [1, -3], 10, 5, 1)));
        Assert.Contains("Regions is empty", Msg(() => new PulseStimulus("x", [], 10, 5, 1)));
        Assert.Contains("Variable is empty", Msg(() => new PulseStimulus(" ", [0], 10, 5, 1)));
        Assert.Contains("FrequencyHz = -1; expected a finite frequency ≥ 0 Hz", Msg(() => new SinusoidStimulus("x", [0], -1, 1)));
        Assert.Contains("Amplitude = NaN", Msg(() => new SinusoidStimulus("x", [0], 10, double.NaN)));
        Assert.Contains("OffsetMs = 5 ms; expected a time after OnsetMs = 5 ms", Msg(() => new SinusoidStimulus("x", [0], 10, 1, OnsetMs: 5, OffsetMs: 5)));
        Assert.Contains("region -1 is negative", Msg(() => new SinusoidStimulus("x", [-1], 10, 1)));
        // valid values still build, and a period equal to the width (constant input after the onset) is allowed
        Assert.Equal(5, new PulseStimulus("x", [0], 0, 5, 1, PeriodMs: 5).PeriodMs);
        Assert.Equal(double.PositiveInfinity, new SinusoidStimulus("x", [0], 0, 1).OffsetMs);
    }

    [Fact]
    public void A_region_beyond_the_connectome_names_the_stimulus_the_region_the_range_and_the_nearest_label()
    {
        var conn = TestConnectomes.Random(6, seed: 3);
        var opts = new SimulationOptions { DtMs = 0.1, DurationMs = 10, Stimulus = new PulseStimulus("x", [2, 999], 1, 1, 1) };
        var m = Msg(() => new Simulator(ModelRegistry.Get("hopf"), conn, opts));
        Assert.Contains("PulseStimulus on 'x': region 999 does not exist", m);
        Assert.Contains("has 6 regions, indices 0–5 ('R0' … 'R5')", m);
        Assert.Contains("the nearest is 5 ('R5')", m);
        var s = Msg(() => new Simulator(ModelRegistry.Get("hopf"), conn, opts with { Stimulus = new SinusoidStimulus("y", [6], 10, 1) }));
        Assert.Contains("SinusoidStimulus on 'y': region 6 does not exist", s);
    }

    [Fact]
    public void A_stimulus_inside_the_connectome_still_runs_and_drives_only_its_regions()
    {
        // Hopf with zero coupling, zero noise and zero initial state: only the stimulated region moves
        var conn = TestConnectomes.Random(4, seed: 1);
        var sim = new Simulator(ModelRegistry.Get("hopf"), conn, new SimulationOptions
        {
            DtMs = 0.1, DurationMs = 5, InitialState = new double[2 * 4], Integrator = IntegratorKind.EulerMaruyama,
            Stimulus = new PulseStimulus("x", [2], OnsetMs: 1, WidthMs: 1, Amplitude: 1), Monitors = [new RawMonitorSpec(0.1)],
        });
        var p = sim.DefaultParameters().With("sigma", 0);
        var x = sim.Run(p, seed: 0).Get("raw:x");
        double Abs(int region) { double a = 0; for (int t = 0; t < x.Length; t++) a = Math.Max(a, Math.Abs(x[t, region])); return a; }
        Assert.True(Abs(2) > 0, $"stimulated region moved only {Abs(2)}");
        Assert.Equal(0, Abs(0)); Assert.Equal(0, Abs(1)); Assert.Equal(0, Abs(3));
    }
}
