using Fwbm.Cli.Commands;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>The per-step keys of <c>fwbm bench --torch --json</c> (ms per step, batch 1 and 64, forward and forward+backward).</summary>
public class BenchTorchKeysTests
{
    /// <summary>bench --torch measures by default batch 1 and 64 in float32 and float64 (the options BenchCommand leaves alone).</summary>
    [Fact]
    public void Defaults_measure_batch_1_and_64_in_both_precisions()
    {
        var o = new BenchTorchOptions();
        Assert.Equal([1, 64], o.StepBatches);
        Assert.Equal(["float32", "float64"], o.DTypes.Order());
        Assert.Equal(80, o.Regions);
    }

    /// <summary>
    /// A small run (6 regions, batches 1 and 3, 5 timed steps): one row per dtype × batch × mode, and the merged JSON keeps the Core
    /// bench keys and the earlier torch_… keys and gains torch_ms_per_step_&lt;dtype&gt;_b&lt;batch&gt;_{forward,forward_backward} (> 0),
    /// torch_ms_per_member_step_… (the same divided by the batch) and torch_step_rows.
    /// </summary>
    [Fact]
    public void Step_keys_merge_into_the_bench_json()
    {
        var result = BenchTorch.Run(new BenchTorchOptions
        {
            Model = "dmf", Regions = 6, Trs = 20, WindowTrs = 3, Windows = 1, StepBatches = [1, 3], StepsTimed = 5, StepRepeats = 1,
        });
        Assert.Equal(2 * 2 * 2, result.Steps.Count);
        using var doc = System.Text.Json.JsonDocument.Parse(BenchTorch.MergeJson("{\"seconds_per_10min_delays_1thread\": 1.5, \"machine\": \"m\"}", result));
        var root = doc.RootElement;
        Assert.Equal(1.5, root.GetProperty("seconds_per_10min_delays_1thread").GetDouble());
        Assert.Equal("m", root.GetProperty("machine").GetString());
        Assert.True(root.GetProperty("torch_seconds_per_step_float64").GetDouble() > 0);
        foreach (var dtype in new[] { "float32", "float64" })
            foreach (int b in new[] { 1, 3 })
                foreach (var mode in new[] { "forward", "forward_backward" })
                {
                    double ms = root.GetProperty($"torch_ms_per_step_{dtype}_b{b}_{mode}").GetDouble();
                    Assert.True(ms > 0, $"{dtype} b{b} {mode}");
                    Assert.Equal(ms / b, root.GetProperty($"torch_ms_per_member_step_{dtype}_b{b}_{mode}").GetDouble(), 12);
                }
        Assert.Equal(8, root.GetProperty("torch_step_rows").GetArrayLength());
    }
}
