using System.Globalization;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Cli.Commands;

/// <summary>One atlas of the scaling measurement.</summary>
internal sealed record ScalingRow(string Atlas, int Regions, long NonZeroEdges, bool Delays, int MaxDelaySteps, int MinDelaySteps,
    double MicrosecondsPerStep, ChildRun? Process, string? Error)
{
    public double Density => Regions <= 1 ? 0 : NonZeroEdges / (double)((long)Regions * (Regions - 1));
    public double SecondsPerSimulatedMinute => MicrosecondsPerStep * 600_000 / 1e6;
}

/// <summary>Cost per step against the number of regions and of non-zero edges over the catalogue's atlases (steady state, through
/// the public API), with least-squares exponents on logs, and the peak memory of a <c>fwbm simulate</c> process on each.</summary>
internal static class BenchScaling
{
    /// <summary>68, 80, 192, 400 and 998 regions from the data catalogue (Schaefer-400 has neither tract lengths nor centres: no delays).</summary>
    public static readonly string[] Atlases = ["tvb-68", "hcp", "tvb-192", "enigma-schaefer400", "tvb-998"];
    public const double Velocity = 20;

    public static IReadOnlyList<ScalingRow> Run(bool quick, int reps, TextWriter log)
    {
        var model = ModelRegistry.Get("wilson_cowan");
        var rows = new List<ScalingRow>();
        foreach (var id in Atlases)
        {
            Connectome c;
            try { c = Fwbm.Core.Data.Datasets.LoadConnectome(id); }
            catch (FwbmException e) { rows.Add(new ScalingRow(id, 0, 0, false, 0, 0, double.NaN, null, e.Message)); continue; }
            long nnz = 0;
            var w = c.Weights;
            for (int i = 0; i < c.Count; i++)
                for (int j = 0; j < c.Count; j++) if (i != j && w[i * c.Count + j] != 0) nnz++;
            bool delays = c.HasTractLengths || c.Centres is not null;
            var opts = new SimulationOptions
            {
                DtMs = 0.1, Integrator = IntegratorKind.EulerMaruyama, VelocityMPerS = delays ? Velocity : null, Monitors = [new RawMonitorSpec(10)], TransientMs = 0,
            };
            var sim = new Simulator(model, c, opts with { DurationMs = 1 });
            int dmin = 0;
            if (delays)
            {
                dmin = int.MaxValue;
                for (int k = 0; k < sim.Delays.Length; k++) if (w[k] != 0 && k / c.Count != k % c.Count) dmin = Math.Min(dmin, sim.Delays[k]);
            }
            var p = sim.DefaultParameters(0.6);
            log.WriteLine($"bench: scaling, {id} ({c.Count} regions, {nnz} edges), steady state …");
            double us = BenchTiming.MicrosecondsPerStep(model, c, opts, p, quick ? 0.2 : 1.5, quick ? 0.1 : 3, reps);
            // the memory peak of a plain process on this atlas (short: the state, history and outputs are allocated up front)
            double seconds = quick ? 0.01 : Math.Clamp(20.0 / (us * 1e-6) * 1e-4, 0.05, 10);   // ≈ 20 s of stepping, at most 10 s of model time
            seconds = Math.Round(seconds, 3);
            ChildRun? run = null; string? error = null;
            try
            {
                log.WriteLine($"bench: scaling, {id}: fwbm simulate process, {seconds:G} s of model time …");
                string[] args = ["--connectome", id, "--model", "wilson_cowan", "-G", "0.6", "--integrator", "euler", "--dt", "0.1ms", "--transient", "0",
                    "--duration", seconds.ToString("R", CultureInfo.InvariantCulture) + "s", "--bold", "none", "--raw", "10ms", "--force",
                    .. (delays ? new[] { "--velocity", "20" } : [])];
                run = BenchChild.Simulate(args);
            }
            catch (FwbmException e) { error = e.Message; }
            rows.Add(new ScalingRow(id, c.Count, nnz, delays, delays ? sim.MaxDelaySteps : 0, dmin, us, run, error));
        }
        return rows;
    }

    private static IReadOnlyList<ScalingRow> Fitted(IReadOnlyList<ScalingRow> rows) => rows.Where(r => r.Regions > 0 && double.IsFinite(r.MicrosecondsPerStep)).ToList();

    public static double ExponentVsRegions(IReadOnlyList<ScalingRow> rows)
    {
        var f = Fitted(rows);
        return BenchStats.LogLogSlope(f.Select(r => (double)r.Regions).ToList(), f.Select(r => r.MicrosecondsPerStep).ToList());
    }

    public static double ExponentVsEdges(IReadOnlyList<ScalingRow> rows)
    {
        var f = Fitted(rows);
        return BenchStats.LogLogSlope(f.Select(r => (double)r.NonZeroEdges).ToList(), f.Select(r => r.MicrosecondsPerStep).ToList());
    }

    public static void WriteJson(Utf8JsonWriter j, IReadOnlyList<ScalingRow> rows)
    {
        j.WriteStartObject("scaling");
        j.WriteString("config", $"wilson_cowan, Euler, dt 0.1 ms, no noise, G 0.6, delays at {Velocity} m/s where the atlas has tract lengths or centres, raw monitor every 10 ms, no BOLD");
        j.WriteString("what", "steady-state process-CPU µs per step through the public API (warm-up, then the best of the repeats); peak RSS and reported simulation time of a short `fwbm simulate` process on the same configuration");
        j.WriteNumber("exponent_vs_regions", BenchStats.R(ExponentVsRegions(rows)));
        j.WriteNumber("exponent_vs_edges", BenchStats.R(ExponentVsEdges(rows)));
        j.WriteString("exponent_fit", "least squares of log(µs per step) on log(regions) and on log(non-zero edges), over the rows measured");
        j.WriteStartArray("rows");
        foreach (var r in rows)
        {
            j.WriteStartObject();
            j.WriteString("atlas", r.Atlas);
            if (r.Regions == 0) { j.WriteString("error", r.Error); j.WriteEndObject(); continue; }
            j.WriteNumber("regions", r.Regions); j.WriteNumber("nonzero_edges", r.NonZeroEdges); j.WriteNumber("density", BenchStats.R(r.Density));
            j.WriteBoolean("delays", r.Delays); j.WriteNumber("max_delay_steps", r.MaxDelaySteps); j.WriteNumber("min_delay_steps_nonzero_weights", r.MinDelaySteps);
            j.WriteNumber("us_per_step", BenchStats.R(r.MicrosecondsPerStep));
            j.WriteNumber("seconds_per_simulated_minute", BenchStats.R(r.SecondsPerSimulatedMinute));
            j.WriteNumber("ns_per_edge_step", BenchStats.R(r.MicrosecondsPerStep * 1000 / Math.Max(1, r.NonZeroEdges)));
            if (r.Process is { } pr)
            {
                j.WriteNumber("process_peak_rss_mb", BenchStats.R(pr.PeakRssMb));
                j.WriteNumber("process_simulate_seconds", BenchStats.R(pr.SimulateSeconds));
                j.WriteNumber("process_wall_seconds", BenchStats.R(pr.WallSeconds));
            }
            if (r.Error is not null) j.WriteString("process_error", r.Error);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }

    public static void WriteTable(TextWriter o, IReadOnlyList<ScalingRow> rows)
    {
        var ci = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(ci, $"scaling (WC, Euler, delays {Velocity} m/s where available; steady state): exponent {ExponentVsRegions(rows):F2} vs regions, {ExponentVsEdges(rows):F2} vs edges"));
        foreach (var r in rows)
        {
            if (r.Regions == 0) { o.WriteLine($"  {r.Atlas,-20} {r.Error}"); continue; }
            o.WriteLine(string.Create(ci, $"  {r.Atlas,-20} {r.Regions,4} regions {r.NonZeroEdges,7} edges ({r.Density * 100,5:F1} %) delays {(r.Delays ? $"{r.MinDelaySteps}–{r.MaxDelaySteps}" : "none"),-8} {r.MicrosecondsPerStep,9:F2} µs/step {r.SecondsPerSimulatedMinute,8:F1} s/min  peak RSS {(r.Process is { } p ? p.PeakRssMb.ToString("F0", ci) + " MB" : r.Error)}"));
        }
    }
}
