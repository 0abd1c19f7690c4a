using System.Text.Json;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>A smoke test of the benchmark's output format (tiny spans; speed itself is measured by `fwbm bench`, never in a test).</summary>
public class BenchCommandTests
{
    [Fact]
    public void Json_has_the_required_keys_and_positive_values()
    {
        var (code, stdout, err) = ModelsCommandTests.Run("bench", "--json", "--measure-seconds", "1", "--batch-size", "8", "--batch-seconds", "1.44", "--repeats", "1");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        foreach (var key in new[] { "seconds_per_10min_delays_1thread", "seconds_per_10min_nodelay_1thread", "seconds_per_10min_delays_allthreads", "batch_simulations_per_second" })
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        var machine = root.GetProperty("machine");
        Assert.True(machine.GetProperty("cores").GetInt32() >= 1);
        Assert.False(string.IsNullOrEmpty(machine.GetProperty("cpu").GetString()));
        Assert.Contains(".NET", machine.GetProperty("dotnet").GetString());
        Assert.True(machine.GetProperty("simd_width_bits").GetInt32() >= 128);
        var single = root.GetProperty("single_run");
        Assert.Equal(80, single.GetProperty("regions").GetInt32());
        Assert.True(single.GetProperty("extrapolated_to_10min_per_step").GetBoolean());
        Assert.Equal(1.0, single.GetProperty("measured_model_seconds").GetDouble());
        Assert.Equal("wilson_cowan", single.GetProperty("model").GetString());
        Assert.Equal("dmf", root.GetProperty("batch").GetProperty("model").GetString());
        Assert.Equal(8, root.GetProperty("batch").GetProperty("batch_size").GetInt32());
    }

    [Fact]
    public void Bad_bench_options_are_exit_2()
    {
        var (code, _, err) = ModelsCommandTests.Run("bench", "--batch-size", "0");
        Assert.Equal(2, code);
        Assert.Contains("--batch-size", err);
    }
}
