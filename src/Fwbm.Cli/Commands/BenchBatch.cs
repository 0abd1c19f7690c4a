using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Cli.Commands;

/// <summary>One batch-throughput row: a batch run as one <c>RunBatch</c> on one thread against single runs of the same members on one thread.</summary>
internal sealed record BatchRow(string Model, int BatchSize, string Precision, double BatchPerSecond, double SinglePerSecond, string? Unavailable)
{
    public double SpeedupPerCore => BatchPerSecond / SinglePerSecond;
    public double Target => Precision == "single" ? 8 : 4;
}

/// <summary>Batch throughput for WC and DMF, batches of 16 and 64, double and single, against single runs — all on one thread
/// (<see cref="SimulationOptions.Threads"/> = 1), timed in process CPU seconds, so the ratio is the per-core ratio and depends little
/// on the other processes of the machine.</summary>
internal static class BenchBatch
{
    public static readonly string[] Models = ["wilson_cowan", "dmf"];
    public static readonly int[] Sizes = [16, 64];

    public static IReadOnlyList<BatchRow> Run(Connectome conn, double memberMs, int reps, TextWriter log, out string? singleUnavailable)
    {
        var rows = new List<BatchRow>();
        singleUnavailable = null;
        foreach (var precision in new[] { Precision.Double, Precision.Single })
            foreach (var name in Models)
            {
                var model = ModelRegistry.Get(name);
                var opts = new SimulationOptions
                {
                    DtMs = 0.1, DurationMs = memberMs, VelocityMPerS = 10, Monitors = [new BoldMonitorSpec(720)], Threads = 1, Precision = precision,
                };
                var sim = new Simulator(model, conn, opts);
                var p = Bench.BenchParametersFor(sim);
                string pname = precision == Precision.Single ? "single" : "double";
                if (precision == Precision.Single && (singleUnavailable ??= BenchTiming.SinglePrecisionUnavailable(model, conn, opts, p)) is { } why)
                {
                    foreach (var b in Sizes) rows.Add(new BatchRow(name, b, pname, double.NaN, double.NaN, why));
                    continue;
                }
                // warm-up: a short batch and a short single run until the JIT has settled
                var warm = new Simulator(model, conn, opts with { DurationMs = Math.Max(720, Math.Min(memberMs, 1440)) });
                var wreq = Requests(p, 16);
                for (int k = 0; k < 3; k++) { warm.RunBatch(wreq); warm.Run(p, 1); }
                var singles = new List<double>();
                for (int k = 0; k < reps; k++)
                {
                    var c0 = BenchTiming.Cpu(); sim.Run(p, (ulong)(k + 1)); singles.Add(1 / (BenchTiming.Cpu() - c0));
                }
                double single = singles.Max();
                foreach (var b in Sizes)
                {
                    var req = Requests(p, b);
                    var batch = new List<double>();
                    for (int k = 0; k < reps; k++)
                    {
                        log.WriteLine($"bench: batch of {b} × {name} ({pname}), {memberMs / 1000:G} s, 1 thread, run {k + 1}/{reps} …");
                        var c0 = BenchTiming.Cpu(); sim.RunBatch(req, _ => { }, null); batch.Add(b / (BenchTiming.Cpu() - c0));
                    }
                    rows.Add(new BatchRow(name, b, pname, batch.Max(), single, null));
                }
            }
        return rows;
    }

    private static SimulationRequest[] Requests(ParameterSet p, int n) =>
        Enumerable.Range(0, n).Select(i => new SimulationRequest(p.WithCoupling(p.Coupling * (0.5 + i / (double)n)), (ulong)i)).ToArray();

    public static void WriteJson(Utf8JsonWriter j, IReadOnlyList<BatchRow> rows, Connectome conn, double memberMs)
    {
        j.WriteStartObject("batch_v2");
        j.WriteString("config", $"{conn.Name} ({conn.Count} regions), Heun, dt 0.1 ms, noise σ {Bench.BenchSigma} where the model's default is 0, delays 10 m/s, BOLD (TR 720 ms), {memberMs / 1000:G} s per member, couplings spread over 0.5–1.5 × {Bench.BenchCoupling}");
        j.WriteString("what", "batch members per process-CPU-second of one RunBatch on one thread against single runs per CPU-second on one thread (best of the repeats); the ratio is the per-core throughput ratio");
        j.WriteStartArray("rows");
        foreach (var r in rows)
        {
            j.WriteStartObject();
            j.WriteString("model", r.Model); j.WriteNumber("batch_size", r.BatchSize); j.WriteString("precision", r.Precision);
            if (r.Unavailable is not null) { j.WriteString("unavailable", r.Unavailable); j.WriteEndObject(); continue; }
            j.WriteNumber("batch_simulations_per_second_per_core", BenchStats.R(r.BatchPerSecond));
            j.WriteNumber("single_simulations_per_second_per_core", BenchStats.R(r.SinglePerSecond));
            j.WriteNumber("speedup_per_core", BenchStats.R(r.SpeedupPerCore));
            j.WriteNumber("target_speedup", r.Target);
            j.WriteBoolean("met", r.SpeedupPerCore >= r.Target);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }

    public static void WriteTable(TextWriter o, IReadOnlyList<BatchRow> rows)
    {
        var ci = CultureInfo.InvariantCulture;
        o.WriteLine("batch throughput, one thread (batch vs single runs; target ≥ 4× double, ≥ 8× single):");
        foreach (var r in rows)
            o.WriteLine(r.Unavailable is not null ? $"  {r.Model,-13} {r.BatchSize,3} {r.Precision,-6} {r.Unavailable}"
                : string.Create(ci, $"  {r.Model,-13} {r.BatchSize,3} {r.Precision,-6} {r.BatchPerSecond,8:F3} sims/s vs {r.SinglePerSecond,8:F3}: {r.SpeedupPerCore:F2}×"));
    }
}
