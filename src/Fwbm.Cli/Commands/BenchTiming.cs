using System.Diagnostics;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Cli.Commands;

/// <summary>Steady-state cost per step of one configuration through the public API: warm-up runs until the tiered JIT has settled
/// (a wall-time budget), then timed runs sized to a budget; the process CPU time of the best of the repeats (CPU time rather than wall
/// time: a run waiting for a core shared with other processes does not count, so the figure survives a loaded machine).</summary>
internal static class BenchTiming
{
    /// <param name="warmupSeconds">Wall seconds of warm-up runs (short runs repeated).</param>
    /// <param name="budgetSeconds">Wall seconds each timed run should take (its length in steps is set from the warm-up's speed).</param>
    public static double MicrosecondsPerStep(ModelHandle model, Fwbm.Core.Connectivity.Connectome conn, SimulationOptions opts, ParameterSet p,
        double warmupSeconds, double budgetSeconds, int repeats)
    {
        double dt = opts.DtMs;
        // 200 steps, or one sample of the slowest monitor (a run must record at least one)
        double minMs = opts.Monitors.Select(m => m switch { BoldMonitorSpec b => b.TrMs, RawMonitorSpec r => r.PeriodMs, TemporalAverageMonitorSpec t => t.PeriodMs, _ => 0 }).DefaultIfEmpty(0).Max();
        int chunkSteps = (int)Math.Max(200, Math.Ceiling(minMs / dt));
        double chunkMs = chunkSteps * dt;
        var warm = new Simulator(model, conn, opts with { DurationMs = chunkMs, TransientMs = 0 });
        var sw = Stopwatch.StartNew();
        double est = double.MaxValue;
        int runs = 0;
        while (runs < 3 || sw.Elapsed.TotalSeconds < warmupSeconds)
        {
            var t0 = Cpu();
            warm.Run(p, 1);
            est = Math.Min(est, Math.Max(1e-9, Cpu() - t0) / chunkSteps);
            if (++runs > 10_000) break;
        }
        long steps = (long)Math.Clamp(budgetSeconds / est, chunkSteps, 6_000_000);
        var sim = new Simulator(model, conn, opts with { DurationMs = steps * dt, TransientMs = 0 });
        double best = double.MaxValue;
        for (int k = 0; k < repeats; k++)
        {
            var c0 = Cpu();
            sim.Run(p, (ulong)(k + 2));
            best = Math.Min(best, (Cpu() - c0) / steps);
        }
        return best * 1e6;
    }

    /// <summary>CPU seconds of this process so far (all threads: a one-thread run's JIT and GC work counts with it).</summary>
    public static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>Whether the engine computes differently in single precision: a short run in each must differ in its bits (an engine
    /// that ignores <see cref="SimulationOptions.Precision"/> gives identical results). Null when it does; else the reason why not.</summary>
    public static string? SinglePrecisionUnavailable(ModelHandle model, Fwbm.Core.Connectivity.Connectome conn, SimulationOptions opts, ParameterSet p)
    {
        try
        {
            var o = opts with { DurationMs = 100 * opts.DtMs, TransientMs = 0, Monitors = [new RawMonitorSpec(opts.DtMs)] };
            var d = new Simulator(model, conn, o with { Precision = Precision.Double }).Run(p, 3);
            var s = new Simulator(model, conn, o with { Precision = Precision.Single }).Run(p, 3);
            foreach (var (key, ts) in d.Outputs)
                if (!s.Outputs.TryGetValue(key, out var ss) || !ts.Data.AsSpan().SequenceEqual(ss.Data)) return null;
            return "the engine at this commit ignores SimulationOptions.Precision (single gives double's bits)";
        }
        catch (Exception e) when (e is Fwbm.Core.FwbmException or NotSupportedException or NotImplementedException)
        {
            return $"the engine refuses single precision: {e.Message}";
        }
    }
}
