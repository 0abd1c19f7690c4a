using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Persistence;
using Fwbm.Core.Simulation;
using Fwbm.Core.Simulation.Stimuli;
using Xunit;

namespace Fwbm.Core.Tests.Simulation.Stimuli;

/// <summary>Stimuli in the CPU engine: the grammar's pulse equals the old pulse stimulus, several stimuli add (also on different variables), and a run saves them.</summary>
public class StimulusEngineTests
{
    private static readonly Connectome Conn = TestConnectomes.Random(5, 3);

    private static double[] Run(SimulationOptions o, string variable = "x", double g = 0.2, ulong seed = 5)
    {
        var sim = new Simulator(ModelRegistry.Get("hopf"), Conn, o with { DurationMs = 400, TransientMs = 0, Monitors = [new RawMonitorSpec(o.DtMs)] });
        var p = sim.DefaultParameters(g).With("a", 0.05);
        return sim.Run(p, seed).Get($"raw:{variable}").Data.ToArray();
    }

    private static Stimulus S(string text, double dt = 1) =>
        StimulusOptions.Resolve([text], Hopf.Spec, new SimulationOptions { DtMs = dt, DurationMs = 400 }, Conn).Single();

    [Fact]
    public void A_grammar_pulse_on_the_step_grid_equals_the_old_pulse_stimulus_bit_for_bit()
    {
        var o = new SimulationOptions { DtMs = 1 };
        var old = Run(o with { Stimulus = new PulseStimulus("x", [0, 3], 20, 50, 0.3, 150) });
        var now = Run(o with { Stimuli = [S("train(rate=6.666666666666667Hz, width=50ms, amplitude=0.3) at #0,#3 from 20ms")] });
        // 1000/6.666… = 150 ms up to rounding: compare the first period exactly, the rest to rounding of the period
        Assert.Equal(old.AsSpan(0, 150 * 5).ToArray(), now.AsSpan(0, 150 * 5).ToArray());
        var single = Run(o with { Stimuli = [S("pulse(amplitude=0.3, width=50ms) at #0,#3 from 20ms")] });
        var oldSingle = Run(o with { Stimulus = new PulseStimulus("x", [0, 3], 20, 50, 0.3) });
        Assert.Equal(oldSingle, single);
        Assert.NotEqual(Run(o), single);
    }

    [Fact]
    public void Stimuli_on_one_variable_add_and_stimuli_on_two_variables_act_together_in_any_order()
    {
        var o = new SimulationOptions { DtMs = 1 };
        var sum = Run(o with { Stimuli = [S("dc(0.25) at #1 from 10ms"), S("dc(0.5) at #1 from 10ms")] });
        var one = Run(o with { Stimuli = [S("dc(0.75) at #1 from 10ms")] });
        Assert.Equal(one, sum);

        Stimulus sx = S("sine(20Hz, 0.5) at #0,#2"), sy = S("dc(-0.3) at #4 on y");
        var xy = Run(o with { Stimuli = [sx, sy] });
        Assert.Equal(xy, Run(o with { Stimuli = [sy, sx] }));
        Assert.Equal(xy, Run(o with { Stimulus = sx, Stimuli = [sy] }));
        Assert.Equal(Run(o with { Stimuli = [sx, sy] }, "y"), Run(o with { Stimuli = [sy, sx] }, "y"));
        Assert.NotEqual(xy, Run(o with { Stimuli = [sx] }));
        Assert.NotEqual(xy, Run(o with { Stimuli = [sy] }));
        var set = new Simulator(ModelRegistry.Get("hopf"), Conn, o with { Stimuli = [sx, sy, S("dc(1) at #3")] }).StimulusSet;
        Assert.Equal([0, 1], set.Variables);
    }

    [Fact]
    public void A_stimulated_member_is_bit_identical_alone_and_in_a_parallel_batch()
    {
        var stimuli = new[] { S("ou(tau=20ms, sigma=0.05, seed=4) at [1,0.5,0,0,0.25]"), S("train(rate=25Hz, width=0.5ms, amplitude=2, biphasic) at #3 on y") };
        var o = new SimulationOptions { DtMs = 1, DurationMs = 400, TransientMs = 0, Monitors = [new RawMonitorSpec(1)], Stimuli = stimuli, Threads = 3 };
        var sim = new Simulator(ModelRegistry.Get("hopf"), Conn, o);
        var requests = Enumerable.Range(0, 7).Select(k => new SimulationRequest(sim.DefaultParameters(0.05 * k).With("a", 0.02), (ulong)(10 + k))).ToArray();
        var batch = sim.RunBatch(requests);
        // fresh stimuli (a fresh OU path cache) and one member at a time give the same bits
        var alone = new Simulator(ModelRegistry.Get("hopf"), Conn, o with { Threads = 1, Stimuli = stimuli.Select(x => S(x.ToString())).ToArray() });
        foreach (int k in new[] { 0, 4, 6 })
            Assert.Equal(alone.Run(requests[k].Parameters, requests[k].Seed).Get("raw:x").Data.ToArray(), batch[k].Get("raw:x").Data.ToArray());
    }

    [Fact]
    public void An_uncoupled_damped_region_under_dc_settles_where_its_drift_balances_the_input()
    {
        // Hopf, G = 0, no noise, a = −1 /s, ω = 0: ẋ = (a − x² − y²)x + u (per second), so x* solves (a − x*²)x* = −u
        double u = 0.05;
        var sim = new Simulator(ModelRegistry.Get("hopf"), Conn, new SimulationOptions
        {
            DtMs = 1, DurationMs = 20_000, TransientMs = 0, Monitors = [new RawMonitorSpec(1000)],
            InitialState = new double[10], Stimuli = [S($"dc({u}) at #2")],
        });
        var p = sim.DefaultParameters(0).With("a", -1.0).With("omega", 0.0).With("sigma", 0.0);
        var x = sim.Run(p, 1).Get("raw:x");
        double xs = u;   // Newton on (−1 − x²)x + u = 0
        for (int i = 0; i < 50; i++) xs -= ((-1 - xs * xs) * xs + u) / (-1 - 3 * xs * xs);
        Assert.Equal(xs, x[x.Length - 1, 2], 1e-6);
        Assert.Equal(0, x[x.Length - 1, 1]);
    }

    [Fact]
    public void A_saved_run_keeps_its_stimuli_and_their_weights()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("w.csv"), "0,0\n10,1\n20,0\n");
        var o = new SimulationOptions { DtMs = 0.5, DurationMs = 100, TransientMs = 0, Monitors = [new RawMonitorSpec(10)] };
        var stimuli = StimulusOptions.Resolve(["csv(@w.csv, amplitude=2) at [0,0.5,0,0,1] from 5ms", "ou(tau=5ms, sigma=0.2, seed=3) at #1 on y",
            "train(rate=40Hz, width=0.2ms, amplitude=1, biphasic) at R2 from 10ms to 80ms ramp 5ms"], Hopf.Spec, o, Conn, Fwbm.Core.Grammar.RegionContext.For(Conn, dir.Path));
        var sim = new Simulator(ModelRegistry.Get("hopf"), Conn, o with { Stimuli = stimuli });
        var run = sim.Run(sim.DefaultParameters(0.1), 2);
        run.Save(dir.File("run.h5"));
        var back = SimulationResult.Load(dir.File("run.h5"));
        Assert.Empty(back.LoadNotes);
        var again = back.Options!.Stimuli.Cast<Stimulus>().ToArray();
        Assert.Equal(stimuli, again);
        Assert.Equal(stimuli.Select(s => s.ToString()), again.Select(s => s.ToString()));
        // the reloaded stimuli drive the same run
        var rerun = new Simulator(ModelRegistry.Get("hopf"), Conn, o with { Stimuli = again }).Run(sim.DefaultParameters(0.1), 2);
        Assert.Equal(run.Get("raw:x").Data.ToArray(), rerun.Get("raw:x").Data.ToArray());
    }
}
