using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Simulation;

/// <summary>Layouts the small determinism properties do not reach: blocks of 32 members (8 vectors per pass), the time-blocked
/// single-member delay path (all delays ≥ 2 vectors of steps) and its gather fallback (a delay of 1 step).</summary>
public class LargeBatchTests
{
    private static bool SameBits(SimulationResult x, SimulationResult y) =>
        x.Outputs.All(kv => kv.Value.Data.AsSpan().SequenceEqual(y.Outputs[kv.Key].Data));

    [Theory]
    [InlineData(null, 40)]   // no delays
    [InlineData(0.5, 37)]    // 5–150 mm at 0.5 m/s, dt 0.5 ms: delays 20–600 steps → time-blocked single path (K = 16)
    [InlineData(40.0, 33)]   // 5 mm at 40 m/s = 0.25 steps: some delays are 0–1 step → gather fallback
    public void Members_of_a_block_of_32_equal_their_single_runs(double? velocity, int members)
    {
        var conn = TestConnectomes.Random(9, 4);
        var sim = new Simulator(ModelRegistry.Get("hopf"), conn, new SimulationOptions
        {
            DtMs = 0.5, DurationMs = 300, VelocityMPerS = velocity, Threads = 2, Monitors = [new RawMonitorSpec(2.5), new BoldMonitorSpec(50)],
        });
        var reqs = Enumerable.Range(0, members).Select(k => new SimulationRequest(
            sim.DefaultParameters(0.02 * k).With("a", -0.3 + 0.01 * k).With("omega", 2 * Math.PI * (5 + 0.5 * k)).With("sigma", 0.05), (ulong)(3 * k))).ToArray();
        var batch = sim.RunBatch(reqs);
        foreach (int b in new[] { 0, 5, 31, 32, members - 1 })
            Assert.True(SameBits(batch[b], sim.Run(reqs[b].Parameters, reqs[b].Seed)), $"member {b}");
    }
}
