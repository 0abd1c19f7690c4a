using FsCheck;
using FsCheck.Xunit;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Tests.Simulation;

/// <summary>A run is a pure function of (connectome, options, parameters, seed), in double and in single precision.</summary>
public class DeterminismProperties
{
    private static Precision Of(bool single) => single ? Precision.Single : Precision.Double;

    private static Simulator Hopf(int regions, int connSeed, bool delays, int? threads = null, bool single = false) =>
        new(ModelRegistry.Get("hopf"), TestConnectomes.Random(regions, connSeed), new SimulationOptions
        {
            DtMs = 0.5, DurationMs = 200, VelocityMPerS = delays ? 5.0 : null, Threads = threads, Precision = Of(single),
            Monitors = [new RawMonitorSpec(5), new BoldMonitorSpec(50) { }],
        });

    private static ParameterSet Params(Simulator sim, double g, double a) =>
        sim.DefaultParameters(g).With("a", a).With("omega", 2 * Math.PI * 20).With("sigma", 0.05);

    private static bool SameBits(SimulationResult x, SimulationResult y) =>
        x.Outputs.Count == y.Outputs.Count && x.Outputs.All(kv => kv.Value.Data.AsSpan().SequenceEqual(y.Outputs[kv.Key].Data));

    [Property(MaxTest = 12)]
    public bool Batch_member_equals_the_single_run(PositiveInt batchSize, NonNegativeInt position, bool delays, NonNegativeInt seed)
    {
        int n = 1 + batchSize.Get % 19, b = position.Get % n;
        foreach (bool inSingle in new[] { false, true })
        {
            var sim = Hopf(7, 5, delays, single: inSingle);
            var reqs = Enumerable.Range(0, n).Select(k => new SimulationRequest(Params(sim, 0.1 * k, -0.5 + 0.1 * k), (ulong)(seed.Get + k))).ToArray();
            var batch = sim.RunBatch(reqs);
            var single = sim.Run(reqs[b].Parameters, reqs[b].Seed);
            if (!SameBits(batch[b], single)) return false;
        }
        return true;
    }

    /// <summary>Every registered model with noise on, its default dt, delays or none, observables recorded too.</summary>
    private static Simulator AnyModel(ModelHandle model, int regions, bool delays, int? threads = null, bool single = false)
    {
        var spec = model.Spec;
        double dt = spec.DefaultDtMs;
        var monitors = new List<MonitorSpec> { new RawMonitorSpec(10 * dt) };
        if (spec.ObservableCount > 0) monitors.Add(new TemporalAverageMonitorSpec(20 * dt, spec.Observables.Select(o => o.Name).ToArray()));
        return new Simulator(model, TestConnectomes.Random(regions, 5), new SimulationOptions
        {
            DtMs = dt, DurationMs = 300 * dt, VelocityMPerS = delays ? 5.0 : null, Threads = threads, Monitors = monitors, Precision = Of(single),
        });
    }

    private static ParameterSet NoisyDefaults(ModelSpec spec, double g)
    {
        var p = ParameterSet.Defaults(spec, g);
        int sigma = spec.Parameters.ToList().FindIndex(q => q.Name == "sigma");
        if (sigma >= 0 && spec.Parameters[sigma].Default == 0) p = p.With("sigma", 0.01 * spec.Parameters[sigma].Max);
        return p;
    }

    [Property(MaxTest = 6)]
    public bool Batch_member_equals_the_single_run_for_every_model(PositiveInt batchSize, NonNegativeInt position, bool delays, NonNegativeInt seed)
    {
        int n = 1 + batchSize.Get % 19, b = position.Get % n;
        foreach (bool inSingle in new[] { false, true })
        foreach (var model in ModelRegistry.All)
        {
            var sim = AnyModel(model, 5, delays, single: inSingle);
            var reqs = Enumerable.Range(0, n).Select(k => new SimulationRequest(NoisyDefaults(model.Spec, 0.02 * k), (ulong)(seed.Get + k))).ToArray();
            var batch = sim.RunBatch(reqs);
            var single = sim.Run(reqs[b].Parameters, reqs[b].Seed);
            if (!SameBits(batch[b], single)) return false;
            if (model.Spec.ObservableCount > 0 && !batch[b].Outputs.ContainsKey($"tavg:{model.Spec.Observables[0].Name}")) return false;
        }
        return true;
    }

    [Property(MaxTest = 5)]
    public bool Results_do_not_depend_on_the_thread_count(PositiveInt batchSize, bool delays)
    {
        int n = 2 + batchSize.Get % 40;
        var reqs = Enumerable.Range(0, n).Select(k => new SimulationRequest(Params(Hopf(6, 2, delays), 0.05 * k, -0.2), 7)).ToArray();
        foreach (bool single in new[] { false, true })
        {
            var one = Hopf(6, 2, delays, threads: 1, single: single).RunBatch(reqs);
            var all = Hopf(6, 2, delays, threads: 4, single: single).RunBatch(reqs);
            if (!one.Zip(all).All(p => SameBits(p.First, p.Second))) return false;
        }
        return true;
    }

    [Property(MaxTest = 8)]
    public bool Permuting_regions_permutes_the_outputs(NonNegativeInt permSeed, bool delays)
    {
        int n = 6;
        var conn = TestConnectomes.Random(n, 9);
        var perm = Enumerable.Range(0, n).OrderBy(i => HashCode.Combine(permSeed.Get, i)).ToArray();
        var opts = new SimulationOptions { DtMs = 0.5, DurationMs = 200, VelocityMPerS = delays ? 5.0 : null, Monitors = [new RawMonitorSpec(5)] };
        var a = new double[] { -0.3, -0.2, -0.1, 0.0, 0.1, 0.2 };
        var p = ParameterSet.Defaults(ModelRegistry.Get("hopf").Spec, 0.3).With("a", a).With("sigma", 0.05);
        var simA = new Simulator(ModelRegistry.Get("hopf"), conn, opts);
        var simB = new Simulator(ModelRegistry.Get("hopf"), conn.Reorder(perm), opts with { NoiseRegionKeys = perm });
        var ra = simA.Run(p, 11).Get("raw:x");
        var rb = simB.Run(p.With("a", perm.Select(i => a[i]).ToArray()), 11).Get("raw:x");
        for (int t = 0; t < ra.Length; t++)
            for (int k = 0; k < n; k++)
                if (Math.Abs(ra[t, perm[k]] - rb[t, k]) > 1e-9 * (1 + Math.Abs(ra[t, perm[k]]))) return false; // sums reassociate: not bitwise
        return true;
    }
}
