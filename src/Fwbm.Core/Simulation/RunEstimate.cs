using System.Diagnostics;
using System.Globalization;
using Fwbm.Core.Models;

namespace Fwbm.Core.Simulation;

/// <summary>
/// How long a CPU-engine run (one simulation or a batch, e.g. a sweep) will take — an estimate, said before a long run starts. The cost
/// model: the run's time is proportional to its integration steps and to its members (cost per step × steps × members / the
/// members a probe ran), calibrated by timing a short probe of the same simulator (the same options, connectome, delays and monitors,
/// up to <see cref="ProbeMembersMax"/> of the members, a few hundred steps or more without transient) after an untimed warm-up of
/// the same members for one monitor period (JIT and first allocations would otherwise count as run time). Runs too small
/// to take <see cref="LongSeconds"/> (fewer than <see cref="SmallWork"/> region-steps) are not probed: <see cref="Seconds"/> is 0 and
/// <see cref="Probed"/> false. Fixed costs (loading, FC, writing) are not included; it is an estimate, not a promise (other processes
/// on the machine slow the run as much as the probe).
/// </summary>
/// <param name="Seconds">Estimated wall time of the whole run (0 when not probed).</param>
/// <param name="Members">Simulations in the run (a sweep's points × repeats).</param>
/// <param name="Steps">Integration steps per simulation (transient included).</param>
/// <param name="Regions">Regions of the connectome.</param>
/// <param name="ProbeSteps">Steps of the timed probe (0 when not probed).</param>
/// <param name="ProbeMembers">Members of the timed probe (0 when not probed).</param>
/// <param name="ProbeSeconds">Wall time of the timed probe (0 when not probed).</param>
public sealed record RunEstimate(double Seconds, int Members, long Steps, int Regions, long ProbeSteps, int ProbeMembers, double ProbeSeconds)
{
    /// <summary>Runs estimated above this many seconds are "long": the CLI and the magics print the estimate before them.</summary>
    public const double LongSeconds = 20;
    /// <summary>Region-steps (members × steps × regions) below which no run takes <see cref="LongSeconds"/> (that would need 1 µs per
    /// region and step, about 10× the slowest model's cost): such runs are not probed.</summary>
    public const double SmallWork = 2e7;
    /// <summary>At most this many members run in the probe (two blocks of SIMD lanes per core fill every core as the full batch does).</summary>
    public static int ProbeMembersMax => 2 * Simulator.MaxBlockMembers * Math.Max(1, Environment.ProcessorCount);
    /// <summary>The timed probe runs at least this long (wall time) unless that would exceed a 20th of the run.</summary>
    public const double ProbeTargetSeconds = 0.2;

    /// <summary>True when the run was probed and is expected to take longer than <see cref="LongSeconds"/>.</summary>
    public bool IsLong => Probed && Seconds > LongSeconds;
    /// <summary>False for a run too small to need an estimate (see <see cref="SmallWork"/>).</summary>
    public bool Probed => ProbeSteps > 0;

    /// <summary>The cost model: <paramref name="probeSeconds"/> for <paramref name="probeSteps"/> steps of <paramref name="probeMembers"/>
    /// members, scaled to <paramref name="steps"/> steps of <paramref name="members"/> members (linear in both).</summary>
    public static double Scale(double probeSeconds, long probeSteps, int probeMembers, long steps, int members) =>
        probeSeconds * ((double)steps / probeSteps) * ((double)members / probeMembers);

    /// <summary>
    /// "estimated ≈ 45 s (8 runs × 130 000 steps of 80 regions, from a 600-step probe); use --duration/--dt … to shorten" — the line the
    /// CLI and the magics print before a long run (<paramref name="shorten"/> names the options that make it shorter).
    /// </summary>
    public string Describe(string shorten = "use a shorter --duration or a larger --dt to shorten")
    {
        var ci = CultureInfo.InvariantCulture;
        string what = Members == 1 ? $"one run of {Steps.ToString("N0", ci)} steps" : $"{Members} runs × {Steps.ToString("N0", ci)} steps";
        return string.Create(ci, $"estimated ≈ {Format(Seconds)} ({what} on {Regions} regions, from a {ProbeSteps}-step probe of {ProbeMembers} run{(ProbeMembers == 1 ? "" : "s")}; an estimate); {shorten}");
    }

    /// <summary>Seconds as "45 s", "3.2 min" or "1.5 h".</summary>
    public static string Format(double seconds) => seconds < 90 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s")
        : seconds < 5400 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F1} min") : string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h");

    /// <summary>Estimate a run of <paramref name="sim"/> with one member per parameter set (probing when it may be long).</summary>
    /// <param name="seed">The probe's noise seed (its results are discarded).</param>
    public static RunEstimate For(Simulator sim, IReadOnlyList<ParameterSet> members, ulong seed = 0, CancellationToken cancellation = default) =>
        For(sim, members, Probe, seed, cancellation);

    /// <summary>As <see cref="For(Simulator, IReadOnlyList{ParameterSet}, ulong, CancellationToken)"/> with the probe supplied: it runs
    /// <c>steps</c> steps of the given members on a simulator like <paramref name="sim"/> and returns its wall time in seconds (tests
    /// pass a deterministic one).</summary>
    public static RunEstimate For(Simulator sim, IReadOnlyList<ParameterSet> members, Func<Simulator, IReadOnlyList<ParameterSet>, long, ulong, CancellationToken, double> probe,
        ulong seed = 0, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(probe);
        int n = members.Count, R = sim.Connectome.Count;
        long steps = sim.TotalSteps;
        var none = new RunEstimate(0, n, steps, R, 0, 0, 0);
        if (n == 0 || (double)n * steps * R < SmallWork) return none;
        // the probe records: every monitor needs at least one sample, so it runs a whole number of the longest monitor period
        long unit = MonitorUnitSteps(sim);
        long probeSteps = Math.Max(unit, (long)Math.Ceiling(200.0 / unit) * unit);
        var chosen = members.Take(Math.Min(n, ProbeMembersMax)).ToArray();
        try
        {
            // warm-up, not timed: the same members (so the same SIMD block shapes are compiled and allocated), one monitor period
            probe(sim, chosen, unit, seed, cancellation);
            double t = probe(sim, chosen, probeSteps, seed, cancellation);
            // too short to time well: lengthen (up to a 20th of the run)
            while (t < ProbeTargetSeconds && probeSteps * 2 <= Math.Max(unit, steps / 20))
            {
                long factor = t <= 0 ? 8 : Math.Clamp((long)Math.Ceiling(ProbeTargetSeconds / t), 2, 8);
                probeSteps = Math.Min(probeSteps * factor, Math.Max(unit, steps / 20) / unit * unit);
                t = probe(sim, chosen, probeSteps, seed, cancellation);
            }
            return new RunEstimate(Scale(t, probeSteps, chosen.Length, steps, n), n, steps, R, probeSteps, chosen.Length, t);
        }
        catch (FwbmException)
        {
            return none;   // the probe itself failed (e.g. diverged): the real run will say why
        }
    }

    /// <summary>The longest sampling period of the run's monitors, in steps (1 without monitors).</summary>
    private static long MonitorUnitSteps(Simulator sim)
    {
        double dt = sim.Options.DtMs, longest = dt;
        foreach (var m in sim.Options.Monitors)
            longest = Math.Max(longest, m switch { BoldMonitorSpec b => b.TrMs, RawMonitorSpec r => r.PeriodMs, TemporalAverageMonitorSpec a => a.PeriodMs, _ => dt });
        return Math.Max(1, (long)Math.Ceiling(longest / dt - 1e-9));
    }

    /// <summary>The real probe: <paramref name="steps"/> recorded steps (no transient) of the members, timed.</summary>
    private static double Probe(Simulator sim, IReadOnlyList<ParameterSet> members, long steps, ulong seed, CancellationToken ct)
    {
        var o = sim.Options with { DurationMs = steps * sim.Options.DtMs, TransientMs = 0 };
        var probe = new Simulator(sim.Model, sim.Connectome, o);
        var requests = members.Select((p, i) => new SimulationRequest(p, seed + (ulong)i)).ToArray();
        var clock = Stopwatch.StartNew();
        probe.RunBatch(requests, _ => { }, null, null, ct);
        return clock.Elapsed.TotalSeconds;
    }
}
