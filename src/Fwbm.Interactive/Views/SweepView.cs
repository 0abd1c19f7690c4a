using System.Globalization;
using Microsoft.Data.Analysis;

namespace Fwbm.Interactive;

/// <summary>
/// A parameter sweep as a notebook shows it: one or two parameter axes, the measures at every grid point, the best point,
/// and a <see cref="DataFrame"/> with one row per point.
/// </summary>
public sealed class SweepView
{
    public SweepView(IReadOnlyList<string> parameters, IReadOnlyList<IReadOnlyList<double>> axes, IReadOnlyList<string> measures,
        IReadOnlyList<double[]> rows, TimeSpan elapsed, string primaryMeasure, bool maximize = true)
    {
        if (parameters.Count is < 1 or > 2 || axes.Count != parameters.Count)
            throw new Core.FwbmException($"SweepView: {parameters.Count} parameters with {axes.Count} axes; expected one or two parameter axes.");
        int points = axes.Aggregate(1, (n, a) => n * a.Count);
        if (rows.Count != points) throw new Core.FwbmException($"SweepView: {rows.Count} rows for {points} grid points.");
        if (!measures.Contains(primaryMeasure)) throw new Core.FwbmException($"SweepView: no measure '{primaryMeasure}'; measures: {string.Join(", ", measures)}.");
        Parameters = parameters; Axes = axes; Measures = measures; Rows = rows; Elapsed = elapsed; PrimaryMeasure = primaryMeasure; Maximize = maximize;
    }

    public IReadOnlyList<string> Parameters { get; }
    /// <summary>Values of each axis; grid point k has coordinates (k / |axis1|, k % |axis1|) for two axes.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Axes { get; }
    public IReadOnlyList<string> Measures { get; }
    /// <summary>Per grid point: the measures in the order of <see cref="Measures"/> (NaN where a run failed).</summary>
    public IReadOnlyList<double[]> Rows { get; }
    public TimeSpan Elapsed { get; }
    public string PrimaryMeasure { get; }
    public bool Maximize { get; }

    /// <summary>The grid of one measure, indexed [i0, i1] (i1 = 0 for a single axis).</summary>
    public double[,] Grid(string? measure = null)
    {
        int m = MeasureIndex(measure ?? PrimaryMeasure);
        int n0 = Axes[0].Count, n1 = Axes.Count > 1 ? Axes[1].Count : 1;
        var g = new double[n0, n1];
        for (int i = 0; i < n0; i++) for (int j = 0; j < n1; j++) g[i, j] = Rows[i * n1 + j][m];
        return g;
    }

    private int MeasureIndex(string measure)
    {
        for (int k = 0; k < Measures.Count; k++) if (string.Equals(Measures[k], measure, StringComparison.OrdinalIgnoreCase)) return k;
        throw new Core.FwbmException($"Sweep has no measure '{measure}'; measures: {string.Join(", ", Measures)}.");
    }

    /// <summary>Parameter values at grid point k.</summary>
    public double[] Point(int k)
    {
        int n1 = Axes.Count > 1 ? Axes[1].Count : 1;
        return Axes.Count == 1 ? [Axes[0][k]] : [Axes[0][k / n1], Axes[1][k % n1]];
    }

    /// <summary>The best grid point of the primary measure (ignoring NaN).</summary>
    public (double[] Point, double Value) Best()
    {
        int m = MeasureIndex(PrimaryMeasure); int best = -1;
        for (int k = 0; k < Rows.Count; k++)
        {
            double v = Rows[k][m];
            if (double.IsNaN(v)) continue;
            if (best < 0 || (Maximize ? v > Rows[best][m] : v < Rows[best][m])) best = k;
        }
        return best < 0 ? ([], double.NaN) : (Point(best), Rows[best][m]);
    }

    /// <summary>One row per grid point: parameter columns then measure columns.</summary>
    public DataFrame ToDataFrame()
    {
        var cols = new List<DataFrameColumn>();
        for (int a = 0; a < Parameters.Count; a++)
            cols.Add(new DoubleDataFrameColumn(Parameters[a], Enumerable.Range(0, Rows.Count).Select(k => Point(k)[a])));
        for (int m = 0; m < Measures.Count; m++)
            cols.Add(new DoubleDataFrameColumn(Measures[m], Rows.Select(r => r[m])));
        return new DataFrame(cols);
    }

    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var (p, v) = Best();
        string axes = string.Join(" × ", Parameters.Select((n, a) => $"{n} ({Axes[a].Count} values, {Axes[a].Min().ToString("G4", ci)}…{Axes[a].Max().ToString("G4", ci)})"));
        string best = p.Length == 0 ? "no valid point" : $"best {PrimaryMeasure} = {v.ToString("F3", ci)} at " + string.Join(", ", Parameters.Select((n, a) => $"{n} = {p[a].ToString("G4", ci)}"));
        int failed = Rows.Count(r => r.Any(double.IsNaN));
        return $"Sweep over {axes}: {Rows.Count} runs in {Elapsed.TotalSeconds.ToString("F1", ci)} s{(failed > 0 ? $" ({failed} failed)" : "")}; {best}";
    }
}
