using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Simulation;

/// <summary>
/// The run-time estimate's cost model (time ∝ steps × members, calibrated by a probe) against step counts, with probes whose "time" is
/// a known function of what they run — no wall-clock assertion (the machine's load would make one flaky).
/// </summary>
public class RunEstimateTests
{
    private static Simulator Hopf(int regions, double durationMs, double dt = 1, double transientMs = 0) =>
        new(ModelRegistry.Get("hopf"), TestConnectomes.Random(regions, 1), new SimulationOptions
        {
            DtMs = dt, DurationMs = durationMs, TransientMs = transientMs, Monitors = [new BoldMonitorSpec(720)],
        });

    private static ParameterSet[] Members(Simulator sim, int n) => Enumerable.Repeat(sim.DefaultParameters(0.2), n).ToArray();

    /// <summary>A probe that "takes" <paramref name="secondsPerRegionStep"/> per member, region and step, plus a fixed overhead.</summary>
    private static Func<Simulator, IReadOnlyList<ParameterSet>, long, ulong, CancellationToken, double> LinearProbe(double secondsPerRegionStep, List<(int Members, long Steps)> calls, double overhead = 0) =>
        (sim, members, steps, _, _) => { calls.Add((members.Count, steps)); return overhead + secondsPerRegionStep * members.Count * steps * sim.Connectome.Count; };

    [Fact]
    public void The_cost_model_scales_the_probe_by_steps_and_members()
    {
        // 10 min at 1 ms with a 20 s transient, 80 regions, 1 member: 620 000 steps
        var sim = Hopf(80, 600_000, transientMs: 20_000);
        var calls = new List<(int, long)>();
        var e = RunEstimate.For(sim, Members(sim, 1), LinearProbe(1e-7, calls));
        Assert.True(e.Probed);
        Assert.Equal(620_000, e.Steps);
        Assert.Equal(1e-7 * 620_000 * 80, e.Seconds, 6);    // exact for a linear cost
        Assert.Equal(e.Seconds, RunEstimate.Scale(e.ProbeSeconds, e.ProbeSteps, e.ProbeMembers, e.Steps, e.Members), 9);
        // the warm-up ran first with the probe's members and one TR (720 steps), untimed; every probe records whole TRs
        Assert.Equal((1, 720L), calls[0]);
        Assert.All(calls, c => Assert.Equal(0, c.Item2 % 720));
        // never more than a 20th of the run
        Assert.True(e.ProbeSteps <= 620_000 / 20, $"{e.ProbeSteps} probe steps");
    }

    [Fact]
    public void A_batch_is_probed_with_at_most_ProbeMembersMax_members_and_scaled_to_all()
    {
        var sim = Hopf(20, 120_000);
        int n = RunEstimate.ProbeMembersMax * 3 + 5;
        var calls = new List<(int, long)>();
        var e = RunEstimate.For(sim, Members(sim, n), LinearProbe(2e-8, calls));
        Assert.Equal(RunEstimate.ProbeMembersMax, e.ProbeMembers);
        Assert.Equal(2e-8 * n * 120_000 * 20, e.Seconds, 6);
        Assert.Equal(n, e.Members);
    }

    /// <summary>A fixed overhead in the probe (JIT, allocation) inflates the estimate by at most the overhead's share of the probe: within
    /// a factor 3 of the true linear cost once the probe is lengthened to ProbeTargetSeconds.</summary>
    [Fact]
    public void A_fixed_probe_overhead_keeps_the_estimate_within_a_factor_3()
    {
        var sim = Hopf(80, 3_000_000);
        var calls = new List<(int, long)>();
        double perRegionStep = 5e-8, overhead = 0.05;
        var e = RunEstimate.For(sim, Members(sim, 1), LinearProbe(perRegionStep, calls, overhead));
        double truth = perRegionStep * 3_000_000 * 80;
        Assert.InRange(e.Seconds / truth, 1, 3);
        Assert.True(e.ProbeSeconds >= RunEstimate.ProbeTargetSeconds);
    }

    [Fact]
    public void Long_runs_are_flagged_with_a_line_that_says_estimated_and_how_to_shorten_and_short_runs_are_not()
    {
        var sim = Hopf(80, 600_000);
        var slow = RunEstimate.For(sim, Members(sim, 1), LinearProbe(1e-6, []));   // 48 s
        Assert.True(slow.IsLong);
        string line = slow.Describe();
        Assert.StartsWith("estimated ≈ 48 s (one run of 600,000 steps on 80 regions, from a ", line);
        Assert.Contains("an estimate", line);
        Assert.EndsWith("use a shorter --duration or a larger --dt to shorten", line);
        var quick = RunEstimate.For(sim, Members(sim, 1), LinearProbe(1e-8, []));  // 0.5 s
        Assert.True(quick.Probed);
        Assert.False(quick.IsLong);
    }

    [Fact]
    public void Small_runs_are_not_probed()
    {
        var sim = Hopf(10, 60_000);   // 10 regions × 60 000 steps = 6e5 region-steps
        var calls = new List<(int, long)>();
        var e = RunEstimate.For(sim, Members(sim, 4), LinearProbe(1, calls));
        Assert.Empty(calls);
        Assert.False(e.Probed);
        Assert.False(e.IsLong);
        Assert.Equal(0, e.Seconds);
    }

    [Fact]
    public void A_failing_probe_gives_no_estimate()
    {
        var sim = Hopf(80, 600_000);
        var e = RunEstimate.For(sim, Members(sim, 1), (_, _, _, _, _) => throw new FwbmException("diverged"));
        Assert.False(e.Probed);
    }

    /// <summary>The real probe runs the simulator (shortened, without transient) and reports positive times; its probe length is whole TRs.</summary>
    [Fact]
    public void The_real_probe_runs_whole_TRs_of_the_simulator()
    {
        var sim = Hopf(40, 600_000, dt: 1, transientMs: 10_000);
        var e = RunEstimate.For(sim, Members(sim, 2));
        Assert.True(e.Probed);
        Assert.True(e.ProbeSeconds > 0 && e.Seconds > 0);
        Assert.Equal(0, e.ProbeSteps % 720);
        Assert.Equal(610_000, e.Steps);
        Assert.Equal(2, e.ProbeMembers);
    }

    [Theory]
    [InlineData(12.4, "12 s")]
    [InlineData(150, "2.5 min")]
    [InlineData(7200, "2.0 h")]
    public void Seconds_are_formatted_for_reading(double seconds, string expected) => Assert.Equal(expected, RunEstimate.Format(seconds));
}
