using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Torch;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Fwbm.Torch.Tests;

/// <summary>
/// The Torch monitors (raw, temporal average, BOLD, online FC; <see cref="ITorchMonitor"/>) built from the same Core monitor specs
/// record what the CPU monitors record on the same run.
/// </summary>
public class MonitorAgreementTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Models() => ModelRegistry.All.Select(m => new object[] { m.Name });

    /// <summary>
    /// Every model, 6 regions with delays, Heun with noise, 2 batch members (different seeds and coupling), 100 transient + 400
    /// recorded steps: raw (every 10 steps) and temporal average (windows of 10 steps) of every state variable and observable, BOLD
    /// every 50 steps on the 1-ms hemodynamic step, online FC of BOLD and of the first state variable (averaged over 5 steps) and of
    /// the first observable when there is one (sampled every 4 steps). Float64: raw, tavg and BOLD within 1e-9 relative + 1e-12
    /// absolute of the CPU monitors (the paths differ only in rounding, as in SimulationEquivalenceTests); online FC within 1e-9
    /// absolute of the CPU online FC (Welford there, shifted sums here: both exact up to rounding; measured ≤ 4e-14), and
    /// within 1e-10 of the FC of the Torch run's own stored series (TorchFc.Pearson of its raw/tavg/BOLD samples).
    /// </summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Torch_monitors_equal_Core_monitors(string model)
    {
        TestSupport.Init();
        var m = ModelRegistry.Get(model);
        var spec = m.Spec;
        var conn = TestSupport.Random(6, 11);
        double dt = spec.DefaultDtMs;
        var names = spec.StateVariables.Select(v => v.Name).Concat(spec.Observables.Select(o => o.Name)).ToList();
        string first = spec.StateVariables[0].Name;
        var bold = new BoldMonitorSpec(50 * dt) { IntegrationStepMs = Math.Max(dt, Math.Round(1.0 / dt) * dt) };
        var monitors = new List<MonitorSpec>
        {
            new RawMonitorSpec(10 * dt, names), new TemporalAverageMonitorSpec(10 * dt, names), bold,
            new OnlineFcMonitorSpec() { Bold = bold },
            new OnlineFcMonitorSpec(first) { PeriodMs = 5 * dt, Average = true },
        };
        string? obs = spec.Observables.Count > 0 ? spec.Observables[0].Name : null;
        if (obs is not null) monitors.Add(new OnlineFcMonitorSpec(obs) { PeriodMs = 4 * dt });
        var opts = new SimulationOptions
        {
            DtMs = dt, TransientMs = 100 * dt, DurationMs = 400 * dt, Integrator = IntegratorKind.Heun,
            VelocityMPerS = 80.0 / (20 * dt), Monitors = monitors,
        };
        var core = new Simulator(m, conn, opts);
        double g = spec.DefaultCoupling == CouplingKind.Diffusive ? 0.3 : 0.05;
        var sets = new[] { core.DefaultParameters(g), core.DefaultParameters(g * 1.5) };
        ulong[] seeds = [7, 8];
        var want = core.RunBatch(sets.Select((p, i) => new SimulationRequest(p, seeds[i])).ToArray());

        var sim = new TorchSimulator(m, conn, opts, TorchPlacement.CpuFloat64);
        using var scope = torch.NewDisposeScope();
        using var got = sim.Run(sim.Parameters(sets), seeds);
        var series = names.SelectMany(n => new[] { $"raw:{n}", $"tavg:{n}" }).Append("bold").ToList();
        var fcs = new List<string> { "fc:bold", $"fc:{first}" };
        if (obs is not null) fcs.Add($"fc:{obs}");
        Assert.Equal(series.Count + fcs.Count, got.Outputs.Count);
        double maxFc = 0;
        for (int b = 0; b < 2; b++)
        {
            foreach (var key in series)
            {
                var ts = want[b].Get(key);
                var t = TestSupport.Host(got.Outputs[key].select(1, b));
                Assert.Equal(ts.Data.Length, t.Length);
                for (int i = 0; i < t.Length; i++) TestSupport.AssertClose(ts.Data[i], t[i], 1e-9, 1e-12, $"{model} member {b} {key}[{i / 6}, {i % 6}]");
            }
            foreach (var key in fcs)
            {
                var fc = OnlineFcMonitorSpec.Matrix(want[b], key["fc:".Length..]);
                var t = TestSupport.Host(got.Outputs[key].select(0, b));
                Assert.Equal(36, t.Length);
                for (int i = 0; i < 36; i++)
                {
                    TestSupport.AssertClose(fc[i], t[i], 0, 1e-9, $"{model} member {b} {key}[{i / 6}, {i % 6}]");
                    maxFc = Math.Max(maxFc, Math.Abs(fc[i] - t[i]));
                }
            }
        }
        // online FC = FC of the stored series of the same Torch run (BOLD here; a raw series in Online_fc_equals_fc_of_the_stored_series)
        var stored = TestSupport.Host(TorchFc.Pearson(got.Outputs["bold"]));
        var online = TestSupport.Host(got.Outputs["fc:bold"]);
        for (int i = 0; i < stored.Length; i++) TestSupport.AssertClose(stored[i], online[i], 0, 1e-10, $"{model} fc:bold vs Pearson(bold) [{i}]");
        output.WriteLine($"{model}: max |online FC Torch − CPU| {maxFc:G3}");
    }

    /// <summary>
    /// Online FC of a raw state variable sampled every 10 steps equals TorchFc.Pearson of the raw series of the same run (1e-10), for
    /// a float64 batch of 3 (Wilson–Cowan, no delays, Euler with noise), and the temporal average with period 1 step equals raw.
    /// </summary>
    [Fact]
    public void Online_fc_equals_fc_of_the_stored_series()
    {
        TestSupport.Init();
        var m = ModelRegistry.Get("wilson_cowan");
        var conn = TestSupport.Random(8, 2);
        double dt = m.Spec.DefaultDtMs;
        string v = m.Spec.StateVariables[0].Name;
        var opts = new SimulationOptions
        {
            DtMs = dt, TransientMs = 50 * dt, DurationMs = 2000 * dt,
            Monitors = [new RawMonitorSpec(10 * dt, [v]), new OnlineFcMonitorSpec(v) { PeriodMs = 10 * dt }, new TemporalAverageMonitorSpec(dt, [v])],
        };
        var sim = new TorchSimulator(m, conn, opts, TorchPlacement.CpuFloat64);
        using var scope = torch.NewDisposeScope();
        var p = sim.Parameters(sim.Core.DefaultParameters(0.1), sim.Core.DefaultParameters(0.3), sim.Core.DefaultParameters(0.5));
        using var s = sim.Run(p, [1, 2, 3]);
        var raw = s.Outputs[$"raw:{v}"];
        Assert.Equal(200, raw.shape[0]);
        var want = TestSupport.Host(TorchFc.Pearson(raw));
        var got = TestSupport.Host(s.Outputs[$"fc:{v}"]);
        Assert.Equal(3 * 64, got.Length);
        Assert.Contains(got, x => Math.Abs(x) is > 0.05 and < 0.999);   // a non-trivial FC
        for (int i = 0; i < want.Length; i++) TestSupport.AssertClose(want[i], got[i], 0, 1e-10, $"fc[{i}]");
        // tavg with a one-step window = the state of every step; its every 10th sample = raw
        var tavg = s.Outputs[$"tavg:{v}"];
        Assert.Equal(2000, tavg.shape[0]);
        var every10 = TestSupport.Host(tavg.index_select(0, torch.arange(9, 2000, 10, dtype: ScalarType.Int64)));
        Assert.Equal(TestSupport.Host(raw), every10);
    }

    /// <summary>
    /// Gradients flow through the online FC: Hopf on 5 regions with delays (Heun, dt 10 ms, 40 s, online FC of BOLD every 1 s, no
    /// stored BOLD), loss = 1 − similarity to a target FC; d(loss)/dG by backpropagation agrees with central differences (h = 1e-5)
    /// within 1e-5 relative (float64), and advancing in two stretches (with a detach in between) gives the FC of one run (1e-12).
    /// </summary>
    [Fact]
    public void Gradient_flows_through_online_fc()
    {
        TestSupport.Init();
        var m = ModelRegistry.Get("hopf");
        var conn = TestSupport.Random(5, 3);
        var opts = new SimulationOptions
        {
            DtMs = 10, DurationMs = 40_000, TransientMs = 0, Integrator = IntegratorKind.Heun, VelocityMPerS = 4.0,
            Monitors = [new OnlineFcMonitorSpec { Bold = new BoldMonitorSpec(1000) { IntegrationStepMs = 10 } }],
        };
        var sim = new TorchSimulator(m, conn, opts, TorchPlacement.CpuFloat64);
        using var scope = torch.NewDisposeScope();
        Tensor target;
        using (var s = sim.Run(sim.Parameters(sim.Core.DefaultParameters(0.8).With("a", -0.05)), [99])) target = s.Outputs["fc:bold"].select(0, 0).detach();
        double Loss(double g)
        {
            using var inner = torch.NewDisposeScope();
            using var s = sim.Run(sim.Parameters(sim.Core.DefaultParameters(0.5)).With("coupling", torch.tensor(g, dtype: ScalarType.Float64)), [5]);
            return TorchFc.Loss(s.Outputs["fc:bold"], target).item<double>();
        }
        const double g0 = 0.5, h = 1e-5;
        var gt = torch.tensor(g0, dtype: ScalarType.Float64).requires_grad_(true);
        using (var s = sim.Run(sim.Parameters(sim.Core.DefaultParameters(0.5)).With("coupling", gt), [5]))
            TorchFc.Loss(s.Outputs["fc:bold"], target).backward();
        double dG = gt.grad!.item<double>();
        double fd;
        using (torch.no_grad()) fd = (Loss(g0 + h) - Loss(g0 - h)) / (2 * h);
        output.WriteLine($"dL/dG through online FC: autograd {dG:R}, central difference {fd:R}");
        Assert.True(Math.Abs(fd) > 1e-4, "the loss must depend on G for the check to mean anything");
        TestSupport.AssertClose(fd, dG, 1e-5, 1e-9, "dL/dG");

        // two stretches with a detach in between = one run
        var p = sim.Parameters(sim.Core.DefaultParameters(0.5));
        using var whole = sim.Run(p, [5]);
        using var state = sim.Initial(p, [5]);
        using (sim.Advance(state, p, 1700)) { }
        state.Detach();
        using var rest = sim.Advance(state, p, sim.Core.TotalSteps - 1700);
        Assert.Equal(TestSupport.Host(whole.Outputs["fc:bold"]), TestSupport.Host(rest.Outputs["fc:bold"]));
    }
}
