using Fwbm.Core.Exploration;
using Fwbm.Core.Measures;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Persistence;

public class SweepResultPersistenceTests
{
    private static SweepResult Run(bool keep)
    {
        var conn = PersistenceFixtures.Connectome();
        var options = new SimulationOptions { DtMs = 1, DurationMs = 10_000, TransientMs = 500, Monitors = [new BoldMonitorSpec(500)] };
        var space = ParameterSpace.Grid(ParameterAxis.Of("G", 0.1, 0.4), ParameterAxis.Of("a", -0.02, 0.01));
        var basis = ParameterSet.Defaults(Hopf.Spec).With("omega", 0.3);
        return new Sweep(ModelRegistry.Get("hopf"), conn, options, space,
            [SweepMeasure.FcSimilarity(), SweepMeasure.MeanFc(), MeasureCatalog.Bind("gs_std", new MeasureSettings())], basis,
            new SweepOptions { Seed = 11, Repeats = 2, KeepResults = keep }).Run();
    }

    [Fact]
    public void A_saved_sweep_loads_back_with_the_same_table_axes_goals_and_context()
    {
        using var dir = new TempDir();
        var s = Run(keep: false);
        s.Save(dir.File("sweep.h5"));
        var b = SweepResult.Load(dir.File("sweep.h5"));
        Assert.Equal(s.ParameterNames, b.ParameterNames);
        Assert.Equal(s.MeasureNames, b.MeasureNames);
        Assert.Equal(s.MeasureGoals, b.MeasureGoals);
        Assert.Equal(s.Space.Axes.Select(a => a.Name), b.Space.Axes.Select(a => a.Name));
        Assert.Equal(s.Space.Axes.Select(a => a.Values.ToArray()), b.Space.Axes.Select(a => a.Values.ToArray()));
        Assert.Equal(s.Rows.Count, b.Rows.Count);
        for (int i = 0; i < s.Rows.Count; i++)
        {
            Assert.Equal(s.Rows[i].Point, b.Rows[i].Point);
            Assert.Equal(s.Rows[i].Seed, b.Rows[i].Seed);
            Assert.Equal(s.Rows[i].ParameterValues, b.Rows[i].ParameterValues);
            Assert.Equal(s.Rows[i].Measures, b.Rows[i].Measures);
            Assert.Equal(s.Rows[i].Error, b.Rows[i].Error);
            Assert.Equal(s.Rows[i].Parameters.ToString(), b.Rows[i].Parameters.ToString());
            Assert.Null(b.Rows[i].Result);
        }
        Assert.Equal(s.Grid("fc_similarity"), b.Grid("fc_similarity"));
        Assert.Equal(s.Best("fc_similarity").Values, b.Best("fc_similarity").Values);
        Assert.Equal(s.SweepOptions, b.SweepOptions);
        Assert.Equal(s.Simulation!.Connectome.Weights.ToArray(), b.Simulation!.Connectome.Weights.ToArray());
        Assert.Equal(s.Simulation.Options.DurationMs, b.Simulation.Options.DurationMs);
        var csv1 = new StringWriter(); s.WriteCsv(csv1);
        var csv2 = new StringWriter(); b.WriteCsv(csv2);
        Assert.Equal(csv1.ToString(), csv2.ToString());
    }

    [Fact]
    public void Kept_runs_and_failed_rows_survive()
    {
        using var dir = new TempDir();
        var s = Run(keep: true);
        // a failed row, as ContinueOnDivergence records it
        var rows = s.Rows.ToArray();
        rows[3] = rows[3] with { Measures = [double.NaN, double.NaN, double.NaN], Error = "diverged at t = 1 s", Result = null };
        var withFailure = new SweepResult(s.Space, s.ParameterNames, s.MeasureNames, rows, s.Elapsed) { MeasureGoals = s.MeasureGoals, Simulation = s.Simulation, SweepOptions = s.SweepOptions };
        withFailure.Save(dir.File("kept.h5"));
        var b = SweepResult.Load(dir.File("kept.h5"));
        Assert.Equal("diverged at t = 1 s", b.Rows[3].Error);
        Assert.True(b.Rows[3].Failed);
        Assert.Null(b.Rows[3].Result);
        Assert.All(b.Rows[3].Measures, v => Assert.True(double.IsNaN(v)));
        foreach (int i in new[] { 0, 5, 7 })
        {
            Assert.Equal(rows[i].Result!.Bold.Data, b.Rows[i].Result!.Bold.Data);
            Assert.Equal(rows[i].Result!.Seed, b.Rows[i].Result!.Seed);
            Assert.Same(b.Simulation, b.Rows[i].Result!.Simulation);
        }
    }
}
