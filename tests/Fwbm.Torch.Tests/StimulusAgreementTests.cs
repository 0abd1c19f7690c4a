using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Core.Simulation.Stimuli;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Fwbm.Torch.Tests;

/// <summary>
/// Every shape of the --stimulus grammar is applied identically by the CPU engine and Torch: the same step means (Core's StimulusSet
/// on the host) enter the same StepScheme, step by step. Wilson–Cowan (two variables, stimuli on E and on I at once) and Hopf, Heun
/// with delays and noise.
/// </summary>
public class StimulusAgreementTests
{
    public static TheoryData<string, string> Shapes => new()
    {
        { "wilson_cowan", "pulse(amplitude=0.5, width=0.35ms) at #0 from 2.05ms" },
        { "wilson_cowan", "train(rate=130Hz, width=90us, amplitude=2, biphasic) at #1,#3 from 1ms ramp 5ms,0ms" },
        { "wilson_cowan", "tbs(amplitude=0.3, width=0.5ms, rate=500Hz, burst=200Hz) at #2" },
        { "wilson_cowan", "sine(40Hz, 0.2, phase=1) at falloff(x=50, y=50, z=50, sigma=30mm) from 3ms to 25ms ramp 2ms" },
        { "wilson_cowan", "dc(-0.1) at #0..2 from 4ms; dc(0.05) at #4 on I" },
        { "wilson_cowan", "ou(tau=2ms, sigma=0.1, mean=0.05, seed=9) at [1,0.5,0,0,0.2]" },
        { "wilson_cowan", "csv(@wave.csv, amplitude=0.4) at #0,#4 on I" },
        { "hopf", "sine(40Hz, 0.5) at #1 from 10ms; ou(tau=5ms, sigma=0.3) at #2 on y; train(rate=100Hz, width=0.3ms, amplitude=3) at #0" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Cpu_and_Torch_apply_every_shape_the_same_at_every_step(string model, string stimulus)
    {
        TestSupport.Init();
        using var dir = new TempDir();
        File.WriteAllText(dir.File("wave.csv"), "time_ms,value\n0,0\n3,1\n9,-1\n20,0.5\n");
        var m = ModelRegistry.Get(model);
        var conn = TestConnectomes.Random(5, 13, maxLengthMm: 80);   // with centres, for the falloff
        double dt = m.Spec.DefaultDtMs;
        var opts = new SimulationOptions
        {
            DtMs = dt, TransientMs = 0, DurationMs = 300 * dt, Integrator = IntegratorKind.Heun, VelocityMPerS = 80.0 / (20 * dt),
            Monitors = [new RawMonitorSpec(dt)],
        };
        var stimuli = StimulusOptions.Resolve([stimulus], m.Spec, opts, conn, Fwbm.Core.Grammar.RegionContext.For(conn, dir.Path));
        opts = opts with { Stimuli = stimuli };
        var core = new Simulator(m, conn, opts);
        var sets = new[] { core.DefaultParameters(0.05), core.DefaultParameters(0.08) };
        ulong[] seeds = [21, 22];
        var want = core.RunBatch(sets.Select((p, i) => new SimulationRequest(p, seeds[i])).ToArray());
        // the stimulus acts: without it the first member's first variable differs
        var plain = new Simulator(m, conn, opts with { Stimuli = [] }).Run(sets[0], seeds[0]);
        Assert.NotEqual(plain.Get($"raw:{m.Spec.StateVariables[0].Name}").Data.ToArray(), want[0].Get($"raw:{m.Spec.StateVariables[0].Name}").Data.ToArray());

        var sim = new TorchSimulator(m, conn, opts, TorchPlacement.CpuFloat64);
        using var scope = torch.NewDisposeScope();
        using var got = sim.Run(sim.Parameters(sets), seeds);
        for (int b = 0; b < 2; b++)
            foreach (var sv in m.Spec.StateVariables)
            {
                var ts = want[b].Get($"raw:{sv.Name}");
                var t = TestSupport.Host(got.Raw[$"raw:{sv.Name}"].select(1, b));
                Assert.Equal(ts.Data.Length, t.Length);
                double mag = ts.Data.Max(Math.Abs);
                for (int i = 0; i < t.Length; i++)
                    TestSupport.AssertClose(ts.Data[i], t[i], 1e-10, 1e-13 * mag, $"{model} '{stimulus}' member {b} {sv.Name} step {i / 5 + 1} region {i % 5}");
            }
    }
}
