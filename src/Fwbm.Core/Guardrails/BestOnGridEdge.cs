using Fwbm.Core.Exploration;

namespace Fwbm.Core.Guardrails;

/// <summary>
/// A sweep's best point on the edge of its grid: for every measure with a goal (max, min or a given target), the best grid point lies
/// at the first or last value of an axis with at least 3 values — the optimum may lie outside the range. Ties with an interior point
/// and a measure constant over the grid are not reported.
/// </summary>
public static class BestOnGridEdge
{
    public static Guardrail Info { get; } = new("sweep-best-on-edge", "A sweep's best point on the edge of its grid",
        "the best point of a measure with a goal is the first or last value of an axis with ≥ 3 values",
        "extend that axis beyond the edge (the warning names the axis and the side) and sweep again");

    public static IEnumerable<GuardrailWarning> Check(SweepResult sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (sweep.Rows.All(r => r.Failed)) yield break;
        var space = sweep.Space;
        for (int j = 0; j < sweep.MeasureNames.Count; j++)
        {
            var goal = sweep.MeasureGoals[j];
            if (!goal.Ranks) continue;
            string measure = sweep.MeasureNames[j];
            var v = sweep.PointValues(measure);
            int best = goal.BestIndex(v);
            if (best < 0) continue;
            var finite = v.Where(double.IsFinite).ToArray();
            if (finite.Length < 2 || finite.Max() == finite.Min()) continue;
            double bestCost = goal.Cost(v[best]);
            var coords = space.Coordinates(best);
            for (int a = 0; a < space.Axes.Count; a++)
            {
                var axis = space.Axes[a];
                int n = axis.Values.Count;
                if (n < 3 || (coords[a] != 0 && coords[a] != n - 1)) continue;
                // an interior point along this axis (other coordinates fixed) as good as the best: not an edge optimum
                bool tie = false;
                for (int k = 1; k < n - 1 && !tie; k++)
                {
                    var c = (int[])coords.Clone(); c[a] = k;
                    double x = v[Index(space, c)];
                    tie = double.IsFinite(x) && goal.Cost(x) <= bestCost;
                }
                if (tie) continue;
                bool upper = coords[a] == n - 1 ? axis.Values[n - 1] >= axis.Values[0] : axis.Values[0] > axis.Values[n - 1];
                string name = sweep.ParameterNames[a];
                double at = axis.Values[coords[a]];
                yield return new GuardrailWarning(Info.Code,
                    $"best {measure} ({goal.Short}, {Fmt.G(v[best])}) at {name} = {Fmt.G(at, 6)}, the {(upper ? "upper" : "lower")} end of {name}'s range {RangeText(axis.Values)}: " +
                    $"the optimum may lie {(upper ? "above" : "below")} it; extend the range {(upper ? "above" : "below")} {Fmt.G(at, 6)} and sweep again.");
            }
        }
    }

    private static int Index(ParameterSpace space, int[] coords)
    {
        int i = 0;
        for (int a = 0; a < coords.Length; a++) i = i * space.Axes[a].Values.Count + coords[a];
        return i;
    }

    /// <summary>"0:0.1:2" for evenly spaced values, else "v1 … vn (n values)".</summary>
    internal static string RangeText(IReadOnlyList<double> v)
    {
        int n = v.Count;
        double step = (v[n - 1] - v[0]) / (n - 1);
        bool even = step != 0;
        for (int k = 1; k < n && even; k++) even = Math.Abs(v[k] - v[k - 1] - step) <= 1e-9 * Math.Abs(step);
        return even ? $"{Fmt.G(v[0], 6)}:{Fmt.G(step, 6)}:{Fmt.G(v[n - 1], 6)}" : $"{Fmt.G(v[0], 6)} … {Fmt.G(v[n - 1], 6)} ({n} values)";
    }
}
