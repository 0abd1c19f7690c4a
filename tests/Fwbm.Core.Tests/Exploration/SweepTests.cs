using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Exploration;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Exploration;

public class SweepTests
{
    private static readonly SimulationOptions Opts = new() { DtMs = 1, DurationMs = 4000, VelocityMPerS = 5, Monitors = [new BoldMonitorSpec(100)] };

    [Fact]
    public void Each_row_equals_the_single_run_with_its_parameters_and_seed()
    {
        var conn = TestConnectomes.Random(6, 3);
        var target = FunctionalConnectivity.Compute(new TimeSeries(Enumerable.Range(0, 600).Select(k => Math.Sin(k * 0.37) + k % 7).ToArray(), 6, 100));
        var space = ParameterSpace.Grid(ParameterAxis.Of("G", 0.0, 0.5, 1.0), ParameterAxis.Linspace("a", -0.2, 0.2, 5));
        var baseP = ParameterSet.Defaults(Hopf.Spec).With("sigma", 0.05).With("omega", 2 * Math.PI * 2);
        var sweep = new Sweep(ModelRegistry.Get("hopf"), conn, Opts, space, [SweepMeasure.FcSimilarity(target), SweepMeasure.MeanFc()], baseP,
            new SweepOptions { Seed = 9, Repeats = 2, KeepResults = true });
        Assert.Equal(30, sweep.Runs);
        var table = sweep.Run();
        Assert.Equal(["coupling", "a"], table.ParameterNames);
        Assert.Equal(30, table.Rows.Count);
        var sim = new Simulator(ModelRegistry.Get("hopf"), conn, Opts);
        foreach (int i in new[] { 0, 7, 29 })
        {
            var row = table.Rows[i];
            Assert.Equal(space.Point(i / 2), row.ParameterValues);
            Assert.Equal(row.ParameterValues[0], row.Parameters.Coupling);
            Assert.Equal(row.ParameterValues[1], row.Parameters["a"].Scalar);
            Assert.Equal(9UL + (ulong)(i % 2), row.Seed);
            var single = sim.Run(row.Parameters, row.Seed);
            Assert.Equal(single.Bold.Data, row.Result!.Bold.Data); // bit-identical to the lone run
            Assert.Equal(FcSimilarity.Compute(single.BoldFc(), target, 6), row.Measures[0]);
        }
        // the heatmap: [G index, a index], mean over the two seeds
        var grid = table.Grid("fc_similarity");
        Assert.Equal(3, grid.GetLength(0)); Assert.Equal(5, grid.GetLength(1));
        var rows = table.Rows.Where(r => r.ParameterValues[0] == 0.5 && Math.Abs(r.ParameterValues[1] - 0.1) < 1e-12).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal((rows[0].Measures[0] + rows[1].Measures[0]) / 2, grid[1, 3], 15);
        Assert.Equal(-0.2, baseP.With("a", -0.2)["a"].Scalar); // the base set is untouched (immutable)
        Assert.Equal(-0.02, baseP["a"].Scalar);
        var best = table.Best("fc_similarity");
        Assert.Equal(table.PointValues("fc_similarity").Max(), best.Measure);
    }

    [Fact]
    public void A_diverging_point_gets_nan_and_an_error_while_the_others_complete()
    {
        var conn = new Connectome(new double[4], ["A", "B"]);
        var opts = new SimulationOptions { DtMs = 1, DurationMs = 300, InitialState = [1, 1], Monitors = [new RawMonitorSpec(10)] };
        var space = ParameterSpace.Grid(ParameterAxis.Of("k", 0.1, -50, 0.2, 0.3, 0.4, 0.5));
        var table = new Sweep(Relay.Handle, conn, opts, space, SweepMeasure.Mean("raw:x")).Run();
        Assert.True(table.Rows[1].Failed);
        Assert.Contains("diverged", table.Rows[1].Error);
        Assert.True(double.IsNaN(table.Rows[1].Measures[0]));
        foreach (int i in new[] { 0, 2, 3, 4, 5 }) { Assert.False(table.Rows[i].Failed); Assert.True(double.IsFinite(table.Rows[i].Measures[0])); }
        // x(t) = e^{-k t}: larger k, smaller mean
        Assert.True(table.Rows[0].Measures[0] > table.Rows[5].Measures[0]);
        var strict = new Sweep(Relay.Handle, conn, opts, space, [SweepMeasure.Mean("raw:x")], null, new SweepOptions { ContinueOnDivergence = false });
        Assert.Throws<SimulationDivergedException>(() => strict.Run());
    }

    [Fact]
    public void Progress_is_reported_and_cancellation_stops_the_sweep()
    {
        var conn = TestConnectomes.Random(5, 1);
        var opts = new SimulationOptions { DtMs = 0.1, DurationMs = 60_000, Monitors = [new BoldMonitorSpec(720)] };
        var sweep = new Sweep(ModelRegistry.Get("hopf"), conn, opts, ParameterSpace.Grid(ParameterAxis.Linspace("G", 0, 1, 8)), SweepMeasure.MeanFc());
        using var cts = new CancellationTokenSource();
        var seen = new List<SimulationProgress>();
        var progress = new SyncProgress(p => { lock (seen) seen.Add(p); cts.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => sweep.Run(progress, cts.Token));
        lock (seen) Assert.NotEmpty(seen);
        Assert.True(seen[0].StepsTotal == 8 * 600_000L);
        Assert.True(seen[0].StepsDone < seen[0].StepsTotal);
    }

    private sealed class SyncProgress(Action<SimulationProgress> f) : IProgress<SimulationProgress> { public void Report(SimulationProgress v) => f(v); }

    [Fact]
    public void Axes_are_checked_before_anything_runs()
    {
        var conn = TestConnectomes.Random(4, 1);
        var hopf = ModelRegistry.Get("hopf");
        FwbmException E(params ParameterAxis[] axes) => Assert.Throws<FwbmException>(() => new Sweep(hopf, conn, Opts, ParameterSpace.Grid(axes), SweepMeasure.MeanFc()));
        Assert.Contains("no parameter 'b'", E(ParameterAxis.Of("b", 1)).Message);
        Assert.Contains("outside its valid range", E(ParameterAxis.Of("a", 0, 99999)).Message);
        Assert.Contains("same parameter", E(ParameterAxis.Of("G", 0), ParameterAxis.Of("coupling", 1)).Message);
        Assert.Contains("twice", Assert.Throws<FwbmException>(() => ParameterSpace.Grid(ParameterAxis.Of("a", 0), ParameterAxis.Of("A", 1))).Message);
        Assert.Contains("not finite", Assert.Throws<FwbmException>(() => ParameterAxis.Of("a", double.NaN)).Message);
    }

    [Fact]
    public void Axis_parsing_and_linspace()
    {
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], ParameterAxis.Parse("G=0:0.25:1").Values);
        Assert.Equal([-0.1, 0.0, 2.5], ParameterAxis.Parse("a=-0.1,0,2.5").Values);
        Assert.Equal("G", ParameterAxis.Parse("G=1").Name);
        Assert.Contains("not a number", Assert.Throws<FwbmException>(() => ParameterAxis.Parse("a=1,x")).Message);
        Assert.Contains("start:step:stop", Assert.Throws<FwbmException>(() => ParameterAxis.Parse("a=1:2")).Message);
        var space = ParameterSpace.Grid(ParameterAxis.Of("x", 1, 2), ParameterAxis.Of("y", 10, 20, 30));
        Assert.Equal(6, space.Count);
        Assert.Equal([2.0, 10.0], space.Point(3));
        Assert.Equal([1, 0], space.Coordinates(3));
    }

    [Fact]
    public void Linspace_hits_zero_and_the_endpoints_exactly()
    {
        Assert.Equal([-0.1, 0.0, 0.1, 0.2], ParameterAxis.Linspace("a", -0.1, 0.2, 4).Values.Select(v => Math.Round(v, 15)));
        Assert.Equal(0.0, ParameterAxis.Linspace("a", -0.1, 0.2, 4).Values[1]);          // not 1.4e-17
        Assert.Equal(0.0, ParameterAxis.Linspace("a", -0.3, 0.3, 7).Values[3]);
        var v = ParameterAxis.Linspace("G", 0.1, 0.7, 13).Values;
        Assert.Equal(0.1, v[0]); Assert.Equal(0.7, v[^1]);
        for (int k = 0; k < v.Count; k++) Assert.Equal(0.1 + 0.05 * k, v[k], 1e-15);
    }
}
