using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Fwbm.Torch.Tests;

/// <summary>The Torch simulator computes in the options' precision unless a placement forces a dtype.</summary>
public class PrecisionTests
{
    private static SimulationOptions Options(Precision precision) => new()
    {
        DtMs = 0.1, DurationMs = 5, Precision = precision, Monitors = [new RawMonitorSpec(0.1)],
    };

    [Theory]
    [InlineData(Precision.Double, ScalarType.Float64)]
    [InlineData(Precision.Single, ScalarType.Float32)]
    public void Options_precision_is_the_default_dtype(Precision precision, ScalarType expected)
    {
        TestSupport.Init();
        var sim = new TorchSimulator(ModelRegistry.Get("wilson_cowan"), TestSupport.Random(4, 2), Options(precision));
        Assert.Equal(expected, sim.Placement.DType);
        Assert.Equal(DeviceType.CPU, sim.Placement.Device.type);
        using var scope = torch.NewDisposeScope();
        using var s = sim.Run(sim.Parameters(sim.Core.DefaultParameters(0.1)), [1]);
        Assert.All(s.Raw.Values, t => Assert.Equal(expected, t.dtype));
    }

    [Fact]
    public void A_placement_forces_its_dtype_over_the_options_precision()
    {
        TestSupport.Init();
        var sim = new TorchSimulator(ModelRegistry.Get("wilson_cowan"), TestSupport.Random(4, 2), Options(Precision.Single), TorchPlacement.CpuFloat64);
        Assert.Equal(ScalarType.Float64, sim.Placement.DType);
    }
}
