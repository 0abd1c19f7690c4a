using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Tests.Persistence;

/// <summary>A small run that exercises every part of the file: provenance, per-region parameters, several monitors, a stimulus.</summary>
internal static class PersistenceFixtures
{
    public static Connectome Connectome()
    {
        var c = TestConnectomes.Random(6, 3, empiricalFc: null);
        var fc = new double[36];
        for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) fc[i * 6 + j] = i == j ? 1 : 0.1 + 0.05 * ((i + j) % 5);
        return new Connectome(c.Weights.ToArray(), c.Labels, c.TractLengths.ToArray(), c.Centres, [false, false, false, true, true, true],
            [true, true, true, true, false, true], fc,
            new ConnectomeSource("toy-set", "A toy dataset", "CC-BY-4.0", "Someone (2026) Toy.") { RegionOrder = "toy6", Notes = ["weights / max", "symmetrised"] },
            "toy6");
    }

    public static Simulator Simulator(Connectome? conn = null) => new(ModelRegistry.Get("hopf"), conn ?? Connectome(), new SimulationOptions
    {
        DtMs = 1, DurationMs = 20_000, TransientMs = 1_000, VelocityMPerS = 5, Integrator = IntegratorKind.Heun,
        Monitors = [new BoldMonitorSpec(500), new RawMonitorSpec(50, ["x"]), new TemporalAverageMonitorSpec(100)],
        Stimulus = new PulseStimulus("x", [1, 4], 2_000, 100, 0.2, 5_000),
        CoupledChannels = ["x"],
    });

    public static SimulationResult Run(Simulator sim, ulong seed = 42)
    {
        var p = sim.DefaultParameters(0.3).With("a", [-0.02, -0.01, 0.0, 0.01, -0.05, 0.02]).With("omega", 0.25);
        return sim.Run(p, seed);
    }
}
