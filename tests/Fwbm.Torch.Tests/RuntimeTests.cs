using Fwbm.Torch;
using Fwbm.Torch.Native;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Fwbm.Torch.Tests;

public class RuntimeTests
{
    [Fact]
    public void Loads_and_computes()
    {
        var info = TorchRuntime.EnsureLoaded();
        using var a = torch.arange(6, dtype: ScalarType.Float64).reshape(2, 3);
        using var b = a.matmul(a.t());
        Assert.Equal(new double[] { 5, 14, 14, 50 }, b.data<double>().ToArray());
        Assert.Contains("libtorch", info.ToString());
    }
}
