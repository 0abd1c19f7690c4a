using Fwbm.Core.Exploration;
using Fwbm.Core.Guardrails;
using Fwbm.Core.Measures;
using Fwbm.Core.Models;
using Xunit;

namespace Fwbm.Core.Tests.Guardrails;

/// <summary>A sweep's best point on the edge of its grid is named with the axis, the side and the range; interior optima are silent.</summary>
public class BestOnGridEdgeTests
{
    private static SweepResult Table(ParameterSpace space, string[] measures, MeasureGoal[] goals, Func<double[], double>[] f)
    {
        var p = ParameterSet.Defaults(Hopf.Spec);
        var rows = Enumerable.Range(0, space.Count).Select(i => new SweepRow(i, i, space.Point(i), p, 0, f.Select(g => g(space.Point(i))).ToArray(), null, null)).ToArray();
        return new SweepResult(space, space.Axes.Select(a => a.Name == "G" ? "coupling" : a.Name).ToArray(), measures, rows, TimeSpan.Zero) { MeasureGoals = goals };
    }

    private static readonly ParameterSpace G = ParameterSpace.Grid(ParameterAxis.Parse("G=0:0.1:2"));

    [Fact]
    public void A_maximum_at_the_upper_end_names_the_axis_the_side_and_the_range()
    {
        var t = Table(G, ["fc_similarity"], [MeasureGoal.Maximise], [x => x[0]]); // increasing: best at G = 2
        var w = Assert.Single(t.Warnings);
        Assert.Equal("sweep-best-on-edge", w.Code);
        Assert.Equal("best fc_similarity (max, 2) at coupling = 2, the upper end of coupling's range 0:0.1:2: the optimum may lie above it; extend the range above 2 and sweep again.", w.Message);
    }

    [Fact]
    public void A_minimum_at_the_lower_end_and_an_interior_optimum()
    {
        var t = Table(G, ["fcd_ks", "fc_similarity"], [MeasureGoal.Minimise, MeasureGoal.Maximise], [x => x[0] + 1, x => -(x[0] - 1) * (x[0] - 1)]);
        var w = Assert.Single(t.Warnings);   // fc_similarity peaks at G = 1, inside
        Assert.Contains("best fcd_ks (min, 1) at coupling = 0, the lower end of coupling's range 0:0.1:2: the optimum may lie below it", w.Message);
    }

    [Fact]
    public void Descriptive_and_constant_measures_short_axes_and_interior_ties_give_no_warning()
    {
        Assert.Empty(Table(G, ["gs_std"], [MeasureGoal.None], [x => x[0]]).Warnings);
        Assert.Empty(Table(G, ["fc_similarity"], [MeasureGoal.Maximise], [x => 0.3]).Warnings);
        Assert.Empty(Table(ParameterSpace.Grid(ParameterAxis.Of("G", 0, 1)), ["fc_similarity"], [MeasureGoal.Maximise], [x => x[0]]).Warnings);
        // saturates: the edge value equals an interior one
        Assert.Empty(Table(G, ["fc_similarity"], [MeasureGoal.Maximise], [x => Math.Min(x[0], 1)]).Warnings);
    }

    [Fact]
    public void On_a_grid_each_axis_at_its_edge_is_named()
    {
        var space = ParameterSpace.Grid(ParameterAxis.Parse("G=0:0.5:2"), ParameterAxis.Of("a", -0.1, -0.05, 0.02));
        // best at G = 2 (upper end) and a = -0.05 (inside)
        var t = Table(space, ["fc_similarity"], [MeasureGoal.Maximise], [x => x[0] - (x[1] + 0.05) * (x[1] + 0.05)]);
        var w = Assert.Single(t.Warnings);
        Assert.Contains("at coupling = 2, the upper end of coupling's range 0:0.5:2", w.Message);
        // best at a = 0.02 (a list: named by its ends) and G = 1 (inside)
        var t2 = Table(space, ["fc_similarity"], [MeasureGoal.Maximise], [x => x[1] - (x[0] - 1) * (x[0] - 1)]);
        Assert.Contains("at a = 0.02, the upper end of a's range -0.1 … 0.02 (3 values)", Assert.Single(t2.Warnings).Message);
    }

    [Fact]
    public void A_target_goal_counts_its_closest_point()
    {
        var t = Table(G, ["psd_peak"], [MeasureGoal.TargetValue(10)], [x => x[0]]);   // closest to 10 is G = 2
        Assert.Contains("best psd_peak (target, 2) at coupling = 2", Assert.Single(t.Warnings).Message);
    }
}
