using Fwbm.Core;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Torch;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Fwbm.Torch.Tests;

/// <summary>Runs alone (no other test class in parallel), so the process RSS it measures is its own.</summary>
[CollectionDefinition("memory", DisableParallelization = true)]
public class MemoryCollection { }

[Collection("memory")]
public class MemoryAndErrorTests(ITestOutputHelper output)
{
    private static long Live() => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    /// <summary>
    /// A long loop of windows (forward with gradients, backward, detach) leaves the number of live tensors unchanged from window 2
    /// to window 12 (no growth), and native memory (RSS) grows by less than 64 MB over those 10 windows.
    /// </summary>
    [Fact]
    public void Long_windowed_loop_does_not_grow_native_memory()
    {
        TestSupport.Init();
        var m = ModelRegistry.Get("hopf");
        var conn = TestSupport.Random(8, 5);
        var sim = new TorchSimulator(m, conn, new SimulationOptions
        {
            DtMs = 10, DurationMs = 1_000_000, VelocityMPerS = 3, Monitors = [new BoldMonitorSpec(500) { IntegrationStepMs = 10 }],
        }, TorchPlacement.CpuFloat64);
        using var g = torch.tensor(0.4, dtype: ScalarType.Float64).requires_grad_(true);
        var p = sim.Parameters(sim.Core.DefaultParameters()).With("coupling", g);
        using var state = sim.Initial(p, [1]);
        long live2 = 0; long rss2 = 0;
        for (int w = 1; w <= 12; w++)
        {
            using (var scope = torch.NewDisposeScope())
            {
                using var s = sim.Advance(state, p, 500);
                var fc = TorchFc.Pearson(s.Bold!);
                fc.sum().backward();
                state.Detach();
            }
            using (torch.NewDisposeScope()) g.grad?.zero_();   // grad and zero_ return new wrappers: let a scope dispose them
            GC.Collect(); GC.WaitForPendingFinalizers();
            if (w == 2) { live2 = Live(); rss2 = Environment.WorkingSet; }
            if (w == 12)
            {
                output.WriteLine($"live tensors after window 2: {live2}, after window 12: {Live()}; RSS {rss2 >> 20} MB → {Environment.WorkingSet >> 20} MB");
                Assert.Equal(live2, Live());
                Assert.True(Environment.WorkingSet - rss2 < 64L << 20, $"RSS grew from {rss2 >> 20} MB to {Environment.WorkingSet >> 20} MB");
            }
        }
        Assert.Equal(6000, state.Step);
    }

    /// <summary>A state that blows up stops with the step, region, variable, member and parameter values named.</summary>
    [Fact]
    public void Divergence_names_step_region_and_parameters()
    {
        TestSupport.Init();
        var m = ModelRegistry.Get("hopf");
        var conn = TestSupport.Random(4, 5);
        var init = new double[8]; init[2] = 1e60;   // x of region 2 → x³ overflows
        var sim = new TorchSimulator(m, conn, new SimulationOptions { DtMs = 10, DurationMs = 1000, InitialState = init, Monitors = [] }, TorchPlacement.CpuFloat64);
        var e = Assert.Throws<SimulationDivergedException>(() => { using var _ = sim.Run(sim.Parameters(sim.Core.DefaultParameters(0.1)), [1]); });
        output.WriteLine(e.Message);
        Assert.Equal(2, e.Region);
        Assert.Equal(1, e.Step);
        Assert.Contains("step 1", e.Message);
        Assert.Contains("region 2 ('R2')", e.Message);
        Assert.Contains("a=-0.02", e.Message);
        Assert.Contains("coupling=0.1", e.Message);
    }

    [Fact]
    public void Shape_and_model_mismatches_are_clear_errors()
    {
        TestSupport.Init();
        var m = ModelRegistry.Get("hopf");
        var sim = new TorchSimulator(m, TestSupport.Random(5, 5), new SimulationOptions { DtMs = 10, DurationMs = 1000, Monitors = [] }, TorchPlacement.CpuFloat64);
        var p = sim.Parameters(sim.Core.DefaultParameters());
        using var wrong = torch.zeros(7, dtype: ScalarType.Float64);
        var e1 = Assert.Throws<FwbmException>(() => p.With("a", wrong));
        Assert.Contains("'a' has shape [7]", e1.Message);
        Assert.Contains("[5]", e1.Message);
        using var g2 = torch.zeros(5, dtype: ScalarType.Float64);
        Assert.Contains("'coupling'", Assert.Throws<FwbmException>(() => p.With("G", g2)).Message);
        var e3 = Assert.Throws<FwbmException>(() => sim.Initial(p, [1, 2]));
        Assert.Contains("2 seeds for a batch of 1", e3.Message);
        var other = new TorchSimulator(m, TestSupport.Random(6, 5), new SimulationOptions { DtMs = 10, DurationMs = 1000, Monitors = [] }, TorchPlacement.CpuFloat64);
        Assert.Contains("5 regions but the connectome has 6", Assert.Throws<FwbmException>(() => other.Initial(p, [1])).Message);
        // every monitor kind has a Torch monitor (MonitorAgreementTests); direct hemodynamics and two readers of BOLD with different
        // hemodynamic steps are not supported, a repeated output key is an error
        Assert.Contains("'Direct' is not supported", Assert.Throws<FwbmException>(() => new TorchSimulator(m, TestSupport.Random(5, 5),
            new SimulationOptions { DtMs = 10, DurationMs = 1000, Monitors = [new BoldMonitorSpec(100) { Hemodynamics = BoldHemodynamics.Direct }] }, TorchPlacement.CpuFloat64)).Message);
        Assert.Contains("other hemodynamics", Assert.Throws<FwbmException>(() => new TorchSimulator(m, TestSupport.Random(5, 5),
            new SimulationOptions { DtMs = 10, DurationMs = 1000, Monitors = [new BoldMonitorSpec(100), new OnlineFcMonitorSpec { Bold = new BoldMonitorSpec(100) { IntegrationStepMs = 20 } }] }, TorchPlacement.CpuFloat64)).Message);
        Assert.Contains("more than one 'tavg' monitor", Assert.Throws<FwbmException>(() => new TorchSimulator(m, TestSupport.Random(5, 5),
            new SimulationOptions { DtMs = 10, DurationMs = 1000, Monitors = [new TemporalAverageMonitorSpec(100), new TemporalAverageMonitorSpec(50)] }, TorchPlacement.CpuFloat64)).Message);
    }

    /// <summary>Without a GPU a requested CUDA device is an error that says how to add the CUDA backend; auto falls back to the CPU.</summary>
    [Fact]
    public void Missing_cuda_is_a_clear_error_and_auto_uses_the_cpu()
    {
        var info = TorchRuntime.EnsureLoaded();
        if (info.CudaAvailable) return; // a GPU machine: nothing to check here
        var e = Assert.Throws<FwbmException>(() => TorchPlacement.Parse("cuda", "float32"));
        Assert.Contains("TorchSharp-cuda-linux", e.Message);
        Assert.Contains("TorchSharp-cuda-windows", e.Message);
        Assert.Equal(DeviceType.CPU, TorchPlacement.Parse("auto", "float32").Device.type);
        Assert.Equal(ScalarType.Float32, TorchPlacement.Parse("cpu", "f32").DType);
        Assert.Contains("float32 or float64", Assert.Throws<FwbmException>(() => TorchPlacement.Parse("cpu", "int8")).Message);
    }
}
