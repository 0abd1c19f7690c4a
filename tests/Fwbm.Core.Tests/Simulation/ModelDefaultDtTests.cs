using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Simulation;

/// <summary><see cref="SimulationOptions"/> without a dt runs at the model's default step, as the CLI and the magics do.</summary>
public class ModelDefaultDtTests
{
    public static TheoryData<string> Models() => [.. ModelRegistry.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Models))]
    public void Options_without_dt_use_the_models_default_step(string name)
    {
        var model = ModelRegistry.Get(name);
        var options = new SimulationOptions { DurationMs = 20, Monitors = [new RawMonitorSpec(1)] };
        Assert.False(options.HasDt);
        Assert.True(double.IsNaN(options.DtMs));
        var sim = new Simulator(model, TestConnectomes.Random(4, 1), options);
        Assert.Equal(model.Spec.DefaultDtMs, sim.Options.DtMs);
        Assert.True(sim.Options.HasDt);
        Assert.Equal(model.Spec.DefaultDtMs, options.ForModel(model.Spec).DtMs);
    }

    [Fact]
    public void Hopf_defaults_to_1_ms_and_wilson_cowan_to_0_1_ms_not_a_fixed_0_1_ms()
    {
        var conn = TestConnectomes.Random(4, 2);
        var o = new SimulationOptions { DurationMs = 2000, Monitors = [new RawMonitorSpec(10)] };
        Assert.Equal(1.0, new Simulator(ModelRegistry.Get("hopf"), conn, o).Options.DtMs);
        Assert.Equal(0.1, new Simulator(ModelRegistry.Get("wilson_cowan"), conn, o).Options.DtMs);
        Assert.Equal(0.05, new Simulator(ModelRegistry.Get("epileptor2d"), conn, o).Options.DtMs);
        // steps follow the resolved dt: 2000 ms at 1 ms
        Assert.Equal(2000, new Simulator(ModelRegistry.Get("hopf"), conn, o).TotalSteps);
    }

    /// <summary>A run without dt is bit for bit the run with the model's default dt written out; a dt that is set is kept.</summary>
    [Fact]
    public void A_run_without_dt_equals_the_run_with_the_default_dt_set_and_a_set_dt_is_unchanged()
    {
        var conn = TestConnectomes.Random(5, 3);
        var hopf = ModelRegistry.Get("hopf");
        var unset = new SimulationOptions { DurationMs = 3000, TransientMs = 100, Monitors = [new RawMonitorSpec(10)] };
        var set = unset with { DtMs = hopf.Spec.DefaultDtMs };
        var a = new Simulator(hopf, conn, unset);
        var b = new Simulator(hopf, conn, set);
        var p = a.DefaultParameters(0.3);
        Assert.Equal(b.Run(p, 7).Get("raw:x").Data.ToArray(), a.Run(p, 7).Get("raw:x").Data.ToArray());
        var explicitStep = new Simulator(hopf, conn, unset with { DtMs = 0.1 });
        Assert.Equal(0.1, explicitStep.Options.DtMs);
        Assert.Same(set, b.Options);   // options with a dt are used as given
    }

    [Fact]
    public void Sweep_without_dt_checks_and_runs_at_the_models_default_step()
    {
        var conn = TestConnectomes.Random(4, 4);
        var sweep = new Fwbm.Core.Exploration.Sweep(ModelRegistry.Get("hopf"), conn, new SimulationOptions { DurationMs = 1000, Monitors = [new RawMonitorSpec(10)] },
            new Fwbm.Core.Exploration.ParameterSpace([new Fwbm.Core.Exploration.ParameterAxis("coupling", [0.1, 0.2])]));
        Assert.Equal(1.0, sweep.Simulation.Options.DtMs);
    }
}
