using System.Globalization;
using System.Text.Json;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Cli.Commands;

/// <summary>One component of the per-step cost: measured µs (a difference of two configurations), the modelled bytes and flops per
/// step, and the floor those imply on this machine.</summary>
internal sealed record BreakdownPart(string Name, string From, double Microseconds, double Bytes, double Flops, string MemoryLevel, string Model)
{
    public double FloorMicroseconds(MachineLimits m)
    {
        double bw = MemoryLevel == "dram" ? m.TriadDramGBps : m.TriadL2GBps;
        return Math.Max(Bytes / (bw * 1e3), Flops / (m.FmaGflopsDouble * 1e3));
    }
}

/// <summary>The per-step cost of the project's default configuration (hcp, Wilson–Cowan, Heun, noise, delays 10 m/s, BOLD) split by
/// differential runs through the public API, and each part against the machine's limit under a stated model of bytes and flops.</summary>
internal static class BenchBreakdown
{
    /// <summary>Modelled flops per region per evaluation of the Wilson–Cowan drift: two sigmoids (an exponential ≈ 14 flops as a
    /// polynomial with range reduction, a division counted as one), ≈ 16 multiply/adds of the two equations.</summary>
    public const double WcDriftFlops = 50, NormalFlops = 40, BalloonFlops = 40, HeunCombineFlops = 8;

    public static (IReadOnlyDictionary<string, double> Configs, IReadOnlyList<BreakdownPart> Parts) Run(Connectome conn, bool quick, int reps, TextWriter log)
    {
        var model = ModelRegistry.Get("wilson_cowan");
        var full = new SimulationOptions { DtMs = 0.1, VelocityMPerS = 10, Integrator = IntegratorKind.Heun, Monitors = [new BoldMonitorSpec(720)] };
        var probe = new Simulator(model, conn, full with { DurationMs = 1 });
        var p = Bench.BenchParametersFor(probe);
        var quiet = p.With("sigma", 0.0);
        var unconnected = new Connectome(new double[conn.Count * conn.Count], conn.Labels, conn.HasTractLengths ? conn.TractLengths.ToArray() : null, conn.Centres, name: conn.Name + "-unconnected");
        var cases = new (string Key, Connectome C, SimulationOptions O, ParameterSet P)[]
        {
            ("full", conn, full, p),
            ("no_coupling", unconnected, full, p),
            ("no_delays", conn, full with { VelocityMPerS = null }, p),
            ("no_noise", conn, full, quiet),
            ("no_bold", conn, full with { Monitors = [] }, p),
            ("plus_raw_1ms", conn, full with { Monitors = [new BoldMonitorSpec(720), new RawMonitorSpec(1)] }, p),
            ("bare_heun", unconnected, full with { Monitors = [] }, quiet),
            ("bare_euler", unconnected, full with { Monitors = [], Integrator = IntegratorKind.EulerMaruyama }, quiet),
        };
        var us = new Dictionary<string, double>();
        foreach (var (key, c, o, pp) in cases)
        {
            log.WriteLine($"bench: breakdown, {key} …");
            us[key] = BenchTiming.MicrosecondsPerStep(model, c, o, pp, quick ? 0.2 : 1.5, quick ? 0.1 : 2, reps);
        }
        int n = conn.Count;
        long nnz = 0;
        var w = conn.Weights;
        for (int k = 0; k < w.Length; k++) if (w[k] != 0 && k / n != k % n) nnz++;
        int maxDelay = probe.MaxDelaySteps;
        long historyBytes = (long)n * (maxDelay + 1) * 8 + nnz * 12;
        string couplingLevel = historyBytes <= 1024 * 1024 ? "l2" : "dram";
        var parts = new List<BreakdownPart>
        {
            new("coupling", "full − no_coupling (all weights zero)", us["full"] - us["no_coupling"], nnz * 20.0, nnz * 2.0, couplingLevel,
                "per non-zero edge and step: weight (8 B) + delay index (4 B) + delayed source value (8 B) read, one FMA (2 flops); Heun's corrector reads the history again only without delays"),
            new("delays", "full − no_delays", us["full"] - us["no_delays"], 0, 0, couplingLevel, "the cost of reading delayed values instead of the current state (no extra work in the model)"),
            new("node_equations", "bare_heun (no coupling, noise, monitors)", us["bare_heun"], n * 2 * 8.0 * 6, n * (2 * WcDriftFlops + 2 * HeunCombineFlops), "l2",
                $"two drift evaluations (Heun) × {WcDriftFlops} flops per region + {HeunCombineFlops} flops per variable to combine; state, slopes and predictor (2 variables × 8 B × 6 accesses) per region"),
            new("noise", "full − no_noise", us["full"] - us["no_noise"], 0, n * 2 * NormalFlops, "l2", $"two normals per region (E and I) × {NormalFlops} flops (counter hash, log, sqrt, sin/cos)"),
            new("bold", "full − no_bold", us["full"] - us["no_bold"], n * 4 * 8.0 * 2 / 10, n * BalloonFlops / 10, "l2",
                $"Balloon–Windkessel every 1 ms (every 10 steps): {BalloonFlops} flops and 4 states read+written per region"),
            new("monitors", "plus_raw_1ms − full (a raw monitor every 1 ms)", us["plus_raw_1ms"] - us["full"], n * 2 * 8.0 / 10, 0, "l2",
                "2 state variables per region written every 10 steps"),
        };
        return (us, parts);
    }

    public static void WriteJson(Utf8JsonWriter j, IReadOnlyDictionary<string, double> configs, IReadOnlyList<BreakdownPart> parts, MachineLimits? m, Connectome conn)
    {
        j.WriteStartObject("breakdown");
        j.WriteString("config", $"{conn.Name} ({conn.Count} regions), wilson_cowan, Heun, dt 0.1 ms, G {Bench.BenchCoupling}, noise σ {Bench.BenchSigma}, delays 10 m/s, BOLD (TR 720 ms), double");
        j.WriteString("what", "steady-state process-CPU µs per step of each configuration through the public API (best of the repeats); parts are differences of two configurations (can be negative within noise); floor = max(bytes ÷ measured triad bandwidth of the level the data live in, flops ÷ measured Vector<double> FMA peak)");
        j.WriteStartObject("us_per_step");
        foreach (var (k, v) in configs) j.WriteNumber(k, BenchStats.R(v));
        j.WriteEndObject();
        j.WriteStartArray("parts");
        foreach (var part in parts)
        {
            j.WriteStartObject();
            j.WriteString("part", part.Name); j.WriteString("from", part.From);
            j.WriteNumber("us_per_step", BenchStats.R(part.Microseconds));
            j.WriteNumber("bytes_per_step", BenchStats.R(part.Bytes)); j.WriteNumber("flops_per_step", BenchStats.R(part.Flops));
            j.WriteString("memory_level", part.MemoryLevel); j.WriteString("model", part.Model);
            if (m is not null)
            {
                double floor = part.FloorMicroseconds(m);
                j.WriteNumber("floor_us_per_step", BenchStats.R(floor));
                j.WriteNumber("fraction_of_limit", part.Microseconds > 0 ? BenchStats.R(floor / part.Microseconds) : 0);
                j.WriteNumber("times_above_floor", floor > 0 && part.Microseconds > 0 ? BenchStats.R(part.Microseconds / floor) : 0);
            }
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }

    public static void WriteTable(TextWriter o, IReadOnlyDictionary<string, double> configs, IReadOnlyList<BreakdownPart> parts, MachineLimits? m)
    {
        var ci = CultureInfo.InvariantCulture;
        o.WriteLine("per-step breakdown (hcp, WC, Heun, noise, delays 10 m/s, BOLD; µs per step, steady state):");
        o.WriteLine("  " + string.Join(", ", configs.Select(kv => string.Create(ci, $"{kv.Key} {kv.Value:F2}"))));
        foreach (var part in parts)
        {
            var floor = m is null ? "" : string.Create(ci, $"; floor {part.FloorMicroseconds(m):F3} µs ({(part.Microseconds > 0 ? part.FloorMicroseconds(m) / part.Microseconds * 100 : 0):F1} % of the limit)");
            o.WriteLine(string.Create(ci, $"  {part.Name,-15} {part.Microseconds,7:F2} µs  ({part.From}){floor}"));
        }
        if (m is not null)
            o.WriteLine(string.Create(ci, $"machine limit (1 core): triad {m.TriadL2GBps:F1} GB/s in L2, {m.TriadDramGBps:F1} GB/s from DRAM; FMA peak {m.FmaGflopsDouble:F1} GFLOP/s double, {m.FmaGflopsSingle:F1} single (Vector<T>){(m.Fma512GflopsDouble is { } d ? string.Create(ci, $", 512-bit {d:F1} / {m.Fma512GflopsSingle:F1}") : "")}"));
    }
}
