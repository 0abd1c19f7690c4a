using Fwbm.Core.Analysis;
using Fwbm.Core.Exploration;
using Fwbm.Core.Measures;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Exploration;

/// <summary>A sweep's best point follows each measure's declared goal; callers pass no direction.</summary>
public class SweepBestTests
{
    // one axis, five points; measure values chosen by hand (one failed point)
    private static SweepResult Table(string measure, MeasureGoal? goal, params double[] values)
    {
        var space = ParameterSpace.Grid(ParameterAxis.Of("coupling", 0, 0.1, 0.2, 0.3, 0.4));
        var p = ParameterSet.Defaults(Hopf.Spec);
        var rows = values.Select((v, i) => new SweepRow(i, i, space.Point(i), p.WithCoupling(space.Point(i)[0]), 0, [v], double.IsNaN(v) ? "failed" : null, null)).ToArray();
        var table = new SweepResult(space, ["coupling"], [measure], rows, TimeSpan.Zero); // goals: the catalogue's declared ones
        return goal is null ? table : new SweepResult(space, ["coupling"], [measure], rows, TimeSpan.Zero) { MeasureGoals = [goal] };
    }

    private static readonly double[] V = [0.2, 0.9, double.NaN, 0.5, -0.4];

    [Fact]
    public void Maximised_minimised_and_target_measures_pick_the_largest_the_smallest_and_the_closest()
    {
        Assert.Equal(0.1, Table("fc_similarity", null, V).Best("fc_similarity").Values[0]);   // declared: maximise
        Assert.Equal(0.4, Table("fcd_ks", null, V).Best("fcd_ks").Values[0]);                 // declared: minimise
        var target = Table("psd_peak", MeasureGoal.TargetValue(0.45), V).Best("psd_peak");
        Assert.Equal(0.3, target.Values[0]);
        Assert.Equal(0.5, target.Measure);
        Assert.Equal(0.3, target.Parameters.Coupling);
    }

    [Fact]
    public void A_descriptive_measure_has_no_best_point_until_a_target_is_given()
    {
        var t = Table("gs_std", null, V);
        Assert.Equal(MeasureGoal.None, t.GoalOf("gs_std"));
        var e = Assert.Throws<FwbmException>(() => t.Best("gs_std"));
        Assert.Contains("measure 'gs_std' has goal none (descriptive), so no point is best; give a target (gs_std=<value>)", e.Message);
        Assert.Equal(0.0, t.Best("gs_std", MeasureGoal.TargetValue(0.25)).Values[0]);
        Assert.Contains("give its target value (psd_peak=<value>)", Assert.Throws<FwbmException>(() => Table("psd_peak", null, V).Best("psd_peak")).Message);
    }

    [Fact]
    public void A_sweep_carries_the_goals_of_its_measures_into_its_table()
    {
        var conn = TestConnectomes.Random(4, 1);
        var opts = new SimulationOptions { DtMs = 1, DurationMs = 3000, Monitors = [new BoldMonitorSpec(100), new TemporalAverageMonitorSpec(10, ["x"])] };
        var table = new Sweep(ModelRegistry.Get("hopf"), conn, opts, ParameterSpace.Grid(ParameterAxis.Of("G", 0, 0.5, 1.0)),
            [MeasureCatalog.Bind("gs_std"), SweepMeasure.FcdKs(new TimeSeries(new double[60 * 4].Select((_, k) => Math.Sin(k * 0.7)).ToArray(), 4, 100), FcdWindows.InSamples(10, 5)),
             MeasureCatalog.Bind("psd_peak", new MeasureSettings { Output = "tavg:x", Target = 3 })], null, null).Run();
        Assert.Equal(["none", "min", "target"], table.MeasureGoals.Select(g => g.Short));
        Assert.Equal(3.0, table.GoalOf("psd_peak").Target);
        var ks = table.PointValues("fcd_ks");
        Assert.Equal(ks.Min(), table.Best("fcd_ks").Measure);
        var peak = table.PointValues("psd_peak");
        Assert.Equal(peak.MinBy(v => Math.Abs(v - 3)), table.Best("psd_peak").Measure);
        Assert.Throws<FwbmException>(() => table.Best("gs_std"));
    }
}
