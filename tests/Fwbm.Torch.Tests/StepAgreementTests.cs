using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Fwbm.Torch.Tests;

/// <summary>
/// The CPU engine and the Torch simulator share one integration layer (Core <c>StepScheme</c>) and agree STEP BY STEP: for every
/// registered model, Euler–Maruyama and Heun, with and without delays, noise and a stimulus.
/// </summary>
public class StepAgreementTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Cases() =>
        from m in ModelRegistry.All
        from integ in new[] { IntegratorKind.EulerMaruyama, IntegratorKind.Heun }
        from delays in new[] { false, true }
        from noise in new[] { false, true }
        from stimulus in new[] { false, true }
        select new object[] { m.Name, integ, delays, noise, stimulus };

    /// <summary>
    /// 5 regions, 2 batch members (different seeds and couplings), 300 steps at the model's default dt, no transient, every state variable
    /// recorded at every step. Noise off sets the model's σ to 0; the stimulus is a pulse train on the first state variable of regions 0
    /// and 3 (50 steps on, 100 off, amplitude 10⁻³ of the variable's initial range per step). Float64 tolerance on every raw state of every
    /// step: 1e-10 relative + 1e-13 × the variable's largest magnitude (the paths differ only in rounding: SIMD vs libtorch
    /// transcendental functions and the order of the coupling sum).
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Cpu_and_Torch_agree_at_every_step(string model, IntegratorKind integrator, bool delays, bool noise, bool stimulus)
    {
        TestSupport.Init();
        var m = ModelRegistry.Get(model);
        var spec = m.Spec;
        var conn = TestSupport.Random(5, 13);
        double dt = spec.DefaultDtMs, h = dt / spec.TimeUnitMs;
        var first = spec.StateVariables[0];
        double scale = Math.Max(Math.Abs(first.InitMax - first.InitMin), 1e-3);
        var opts = new SimulationOptions
        {
            DtMs = dt, TransientMs = 0, DurationMs = 300 * dt, Integrator = integrator,
            VelocityMPerS = delays ? 80.0 / (20 * dt) : null,
            Monitors = [new RawMonitorSpec(dt)],
            Stimulus = stimulus ? new PulseStimulus(first.Name, [0, 3], 20 * dt, 50 * dt, 1e-3 * scale / h, 150 * dt) : null,
        };
        var core = new Simulator(m, conn, opts);
        Assert.Equal(delays, core.HasDelays);
        double g = spec.DefaultCoupling == CouplingKind.Diffusive ? 0.3 : 0.05;
        var sets = new[] { core.DefaultParameters(g), core.DefaultParameters(g * 1.5) };
        if (!noise)
            for (int b = 0; b < sets.Length; b++)
                foreach (var n in spec.Noise) sets[b] = sets[b].With(n.Parameter, 0.0);
        ulong[] seeds = [21, 22];
        var want = core.RunBatch(sets.Select((p, i) => new SimulationRequest(p, seeds[i])).ToArray());

        var sim = new TorchSimulator(m, conn, opts, TorchPlacement.CpuFloat64);
        using var scope = torch.NewDisposeScope();
        using var got = sim.Run(sim.Parameters(sets), seeds);
        double maxRel = 0;
        for (int b = 0; b < 2; b++)
            foreach (var sv in spec.StateVariables)
            {
                var ts = want[b].Get($"raw:{sv.Name}");
                var t = TestSupport.Host(got.Raw[$"raw:{sv.Name}"].select(1, b));
                Assert.Equal(300 * 5, t.Length);
                Assert.Equal(ts.Data.Length, t.Length);
                double mag = ts.Data.Max(Math.Abs);
                for (int i = 0; i < t.Length; i++)
                {
                    TestSupport.AssertClose(ts.Data[i], t[i], 1e-10, 1e-13 * mag,
                        $"{model} {integrator} delays={delays} noise={noise} stimulus={stimulus} member {b} {sv.Name} step {i / 5 + 1} region {i % 5}");
                    if (Math.Abs(ts.Data[i]) > 1e-6 * mag) maxRel = Math.Max(maxRel, Math.Abs(ts.Data[i] - t[i]) / Math.Abs(ts.Data[i]));
                }
            }
        output.WriteLine($"{model} {integrator} delays={delays} noise={noise} stimulus={stimulus}: max relative difference {maxRel:G3}");
    }

    /// <summary>The stimulus reaches the Torch simulation: with the pulse the stimulated variable of region 0 differs from the run
    /// without it once the pulse has started (the agreement above would also hold if both backends ignored the stimulus).</summary>
    [Fact]
    public void The_stimulus_changes_the_Torch_trajectory()
    {
        TestSupport.Init();
        var m = ModelRegistry.Get("wilson_cowan");
        var conn = TestSupport.Random(5, 13);
        double dt = m.Spec.DefaultDtMs;
        SimulationOptions Opts(bool stim) => new()
        {
            DtMs = dt, TransientMs = 0, DurationMs = 100 * dt, Monitors = [new RawMonitorSpec(dt)],
            Stimulus = stim ? new PulseStimulus(m.Spec.StateVariables[0].Name, [0], 20 * dt, 50 * dt, 0.5) : null,
        };
        using var scope = torch.NewDisposeScope();
        double[] Run(bool stim)
        {
            var sim = new TorchSimulator(m, conn, Opts(stim), TorchPlacement.CpuFloat64);
            using var s = sim.Run(sim.Parameters(sim.Core.DefaultParameters(0.05)), [1]);
            return TestSupport.Host(s.Raw[$"raw:{m.Spec.StateVariables[0].Name}"]);
        }
        var with = Run(true); var without = Run(false);
        // steps 1..20 identical (the pulse starts at step 20), region 0 differs afterwards
        for (int i = 0; i < 20 * 5; i++) Assert.Equal(without[i], with[i]);
        Assert.True(Math.Abs(with[40 * 5] - without[40 * 5]) > 1e-4, $"region 0 at step 41: {with[40 * 5]} with the pulse, {without[40 * 5]} without");
    }
}
