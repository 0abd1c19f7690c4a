using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Exploration;
using Fwbm.Core.Measures;
using Fwbm.Core.Models;
using Microsoft.Data.Analysis;

namespace Fwbm.Interactive;

/// <summary>
/// A parameter sweep as a notebook shows it (what <c>#!fwbm-sweep --name s</c> binds): Core's <see cref="SweepResult"/> plus the
/// measure that decides the best point — by the goal the measure catalogue declares for it — the grid of any measure, and a <see cref="DataFrame"/>.
/// </summary>
public sealed partial class SweepView
{
    public SweepView(SweepResult result, string? primaryMeasure = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.MeasureNames.Count == 0) throw new FwbmException("SweepView: the sweep has no measures.");
        primaryMeasure ??= result.MeasureNames[0];
        if (!result.MeasureNames.Contains(primaryMeasure))
            throw new FwbmException($"SweepView: the sweep has no measure '{primaryMeasure}'; measures: {string.Join(", ", result.MeasureNames)}.");
        Result = result; PrimaryMeasure = primaryMeasure;
    }

    /// <summary>The Core result: rows (grid point × repeat) with parameter values, seed, measures and errors.</summary>
    public SweepResult Result { get; }
    /// <summary>The measure whose best value <see cref="Best"/> reports and the chart stars.</summary>
    public string PrimaryMeasure { get; }
    /// <summary>The goal of <see cref="PrimaryMeasure"/> (maximise, minimise, target or none), as the sweep's measure declared it.</summary>
    public MeasureGoal Goal => Result.GoalOf(PrimaryMeasure);

    /// <summary>Swept parameters (canonical names: "coupling" for G).</summary>
    public IReadOnlyList<string> Parameters => Result.ParameterNames;
    /// <summary>Values of each axis.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Axes => Result.Space.Axes.Select(a => a.Values).ToArray();
    public IReadOnlyList<string> Measures => Result.MeasureNames;
    /// <summary>The sweep's guardrail warnings (a best point on the edge of the grid: axis, side, what to do); empty when none.</summary>
    public IReadOnlyList<Core.Guardrails.GuardrailWarning> Warnings => Result.Warnings;
    public TimeSpan Elapsed => Result.Elapsed;
    /// <summary>Rows of the Core table (one per run).</summary>
    public IReadOnlyList<SweepRow> Rows => Result.Rows;

    /// <summary>One measure per grid point (averaged over repeats; NaN where every run failed), in grid order.</summary>
    public double[] Values(string? measure = null) => Result.PointValues(measure ?? PrimaryMeasure);

    /// <summary>The grid of one measure, indexed [i0, i1] (i1 = 0 for a single parameter).</summary>
    public double[,] Grid(string? measure = null)
    {
        if (Axes.Count == 2) return Result.Grid(measure ?? PrimaryMeasure);
        if (Axes.Count != 1) throw new FwbmException($"Grid: this sweep has {Axes.Count} parameters; use Result.PointValues or ToDataFrame.");
        var v = Values(measure);
        var g = new double[v.Length, 1];
        for (int i = 0; i < v.Length; i++) g[i, 0] = v[i];
        return g;
    }

    /// <summary>The best grid point of a measure (default: the primary one) by its goal: parameter values and the measure. A descriptive
    /// measure has none (an error saying so).</summary>
    public (double[] Point, double Value) Best(string? measure = null)
    {
        var (values, _, value) = Result.Best(measure ?? PrimaryMeasure);
        return (values.ToArray(), value);
    }

    /// <summary>The parameter set of the best grid point (continue in C#: <c>sim.Run(view.BestParameters)</c>).</summary>
    public ParameterSet BestParameters => Result.Best(PrimaryMeasure).Parameters;

    /// <summary>One row per run: parameter columns, seed, measure columns, error (empty when the run succeeded).</summary>
    public DataFrame ToDataFrame() => Result.ToDataFrame();

    /// <summary>The summary with every warning on a line of its own.</summary>
    public override string ToString() => Summary() + string.Concat(Warnings.Select(w => "\n" + w));

    /// <summary>The summary without the warnings (the card shows those in a box of their own).</summary>
    internal string Summary()
    {
        var ci = CultureInfo.InvariantCulture;
        string axes = string.Join(" × ", Parameters.Select((n, a) => $"{n} ({Axes[a].Count} values, {Axes[a].Min().ToString("G4", ci)}…{Axes[a].Max().ToString("G4", ci)})"));
        string best;
        if (!Goal.Ranks) best = Plotting.FwbmCharts.NoBestText(PrimaryMeasure, Goal);
        else if (Rows.All(r => r.Failed)) best = "no valid point";
        else
        {
            var (p, v) = Best();
            best = $"best {PrimaryMeasure} ({Plotting.FwbmCharts.GoalText(Goal)}) = {v.ToString("F3", ci)} at " + string.Join(", ", Parameters.Select((n, a) => $"{n} = {p[a].ToString("G4", ci)}"));
        }
        int failed = Rows.Count(r => r.Failed);
        return $"Sweep over {axes}: {Rows.Count} runs in {Elapsed.TotalSeconds.ToString("F1", ci)} s{(failed > 0 ? $" ({failed} failed)" : "")}; " +
               $"measures {string.Join(", ", Measures)}; {best}";
    }
}

/// <summary>Notebook helpers for Core's <see cref="SweepResult"/>.</summary>
public static class SweepResultExtensions
{
    /// <summary>One row per run: parameter columns, seed, measure columns, error (empty when the run succeeded).</summary>
    public static DataFrame ToDataFrame(this SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Rows;
        var cols = new List<DataFrameColumn>();
        for (int a = 0; a < result.ParameterNames.Count; a++)
            cols.Add(new DoubleDataFrameColumn(result.ParameterNames[a], rows.Select(r => r.ParameterValues[a])));
        cols.Add(new UInt64DataFrameColumn("seed", rows.Select(r => r.Seed)));
        for (int m = 0; m < result.MeasureNames.Count; m++)
            cols.Add(new DoubleDataFrameColumn(result.MeasureNames[m], rows.Select(r => r.Measures[m])));
        cols.Add(new StringDataFrameColumn("error", rows.Select(r => r.Error ?? "")));
        return new DataFrame(cols);
    }

    /// <summary>The notebook view of a sweep (best point of <paramref name="primaryMeasure"/> by its goal, charts, DataFrame).</summary>
    public static SweepView View(this SweepResult result, string? primaryMeasure = null) => new(result, primaryMeasure);
}

/// <summary>Simulated vs empirical FCD: both matrices, the distributions of their upper triangles and the KS distance between them.</summary>
public sealed class FcdComparison
{
    public FcdComparison(Core.Analysis.FcdResult simulated, Core.Analysis.FcdResult empirical, string simulatedName = "simulated", string empiricalName = "empirical")
    {
        ArgumentNullException.ThrowIfNull(simulated);
        ArgumentNullException.ThrowIfNull(empirical);
        Simulated = simulated; Empirical = empirical; SimulatedName = simulatedName; EmpiricalName = empiricalName;
        KsDistance = Core.Analysis.Fcd.KsDistance(simulated, empirical);
    }

    public Core.Analysis.FcdResult Simulated { get; }
    public Core.Analysis.FcdResult Empirical { get; }
    public string SimulatedName { get; }
    public string EmpiricalName { get; }
    /// <summary>Two-sample KS statistic between the upper triangles (0 = same distribution, 1 = disjoint).</summary>
    public double KsDistance { get; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"FCD {SimulatedName} ({Simulated.Windows} windows, mean {Simulated.UpperTriangleValues().Average():F3}) vs {EmpiricalName} ({Empirical.Windows} windows, mean {Empirical.UpperTriangleValues().Average():F3}): KS distance = {KsDistance:F3}");
}
