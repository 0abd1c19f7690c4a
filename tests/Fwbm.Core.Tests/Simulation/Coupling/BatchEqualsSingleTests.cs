using FsCheck;
using FsCheck.Xunit;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Tests.Simulation.Coupling;

/// <summary>
/// The engine end to end on connectomes that mix every kind of edge the coupling kernels split: zero-, one- and two-step delays,
/// delays just below and above the block length, long ones, sparse and dense. Each batch member must equal its single run bit for
/// bit, whatever the batch size (one SIMD block or several), the member's position and the thread count.
/// </summary>
public class BatchEqualsSingleTests
{
    private const double Dt = 0.1, Velocity = 10.0; // 1 mm per step

    /// <summary>Weights with the given density; lengths so that delays are 0, 1, 2, 3–17 or 18–60 steps.</summary>
    private static Connectome Mixed(int n, int seed, double density)
    {
        var rng = new Random(seed);
        var w = new double[n * n]; var len = new double[n * n];
        for (int k = 0; k < w.Length; k++)
        {
            if (k / n != k % n && rng.NextDouble() < density) w[k] = rng.NextDouble();
            int steps = rng.Next(5) switch { 0 => rng.Next(3), 1 => 3 + rng.Next(15), _ => 18 + rng.Next(43) };
            len[k] = steps * Velocity * Dt;   // exactly that many steps (length / velocity / dt)
        }
        return new Connectome(w, Enumerable.Range(0, n).Select(i => $"R{i}").ToArray(), len);
    }

    private static bool SameBits(SimulationResult x, SimulationResult y) =>
        x.Outputs.Count == y.Outputs.Count && x.Outputs.All(kv => kv.Value.Data.AsSpan().SequenceEqual(y.Outputs[kv.Key].Data));

    [Property(MaxTest = 10)]
    public bool Batch_member_equals_the_single_run_with_mixed_short_and_long_delays(NonNegativeInt seed, PositiveInt size, bool heun, bool sparse)
    {
        var model = (seed.Get % 3) switch { 0 => ModelRegistry.Get("wilson_cowan"), 1 => ModelRegistry.Get("dmf"), _ => ModelRegistry.Get("hopf") };
        var conn = Mixed(5 + seed.Get % 19, seed.Get, sparse ? 0.15 : 0.8);
        var sim = new Simulator(model, conn, new SimulationOptions
        {
            DtMs = Dt, DurationMs = 30, VelocityMPerS = Velocity, Threads = 1 + seed.Get % 2,
            Integrator = heun ? IntegratorKind.Heun : IntegratorKind.EulerMaruyama, Monitors = [new RawMonitorSpec(1.0)],
        });
        int n = 2 + size.Get % 40, b = (seed.Get * 7 + 3) % n;
        var reqs = Enumerable.Range(0, n).Select(k => new SimulationRequest(sim.DefaultParameters(0.05 + 0.01 * k), (ulong)(seed.Get + k))).ToArray();
        var batch = sim.RunBatch(reqs);
        var single = sim.Run(reqs[b].Parameters, reqs[b].Seed);
        return SameBits(batch[b], single) && SameBits(batch[0], sim.Run(reqs[0].Parameters, reqs[0].Seed));
    }
}
