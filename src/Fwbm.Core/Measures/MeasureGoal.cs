using System.Globalization;

namespace Fwbm.Core.Measures;

/// <summary>Which value of a measure is best.</summary>
public enum GoalKind
{
    /// <summary>Larger is better (e.g. FC similarity).</summary>
    Maximise,
    /// <summary>Smaller is better (e.g. a distance to the data).</summary>
    Minimise,
    /// <summary>Closest to a target value is better (e.g. a PSD peak at 10 Hz); the value is given by the user.</summary>
    Target,
    /// <summary>Descriptive: no value is better than another (e.g. the global-signal std); it has no best point until a target is given.</summary>
    None,
}

/// <summary>
/// The goal of a measure: maximise, minimise, come close to a target value, or none (descriptive). Best points of sweeps, chart stars
/// and fit reports read it; nobody guesses a direction from a measure's name.
/// </summary>
public sealed record MeasureGoal
{
    private MeasureGoal(GoalKind kind, double? target)
    {
        if (target is double t && !double.IsFinite(t)) throw new FwbmException($"Measure goal: target value {t} is not finite; expected a finite number.");
        if (target is not null && kind != GoalKind.Target) throw new FwbmException($"Measure goal: a target value needs the goal kind Target, not {kind}.");
        Kind = kind; Target = target;
    }

    public GoalKind Kind { get; }
    /// <summary>The target value when <see cref="Kind"/> is <see cref="GoalKind.Target"/> and the user has given it; otherwise null.</summary>
    public double? Target { get; }

    public static MeasureGoal Maximise { get; } = new(GoalKind.Maximise, null);
    public static MeasureGoal Minimise { get; } = new(GoalKind.Minimise, null);
    /// <summary>Descriptive: no best value.</summary>
    public static MeasureGoal None { get; } = new(GoalKind.None, null);
    /// <summary>A target-value goal whose value the user still has to give (what the catalogue declares for e.g. psd_peak).</summary>
    public static MeasureGoal TargetToBeGiven { get; } = new(GoalKind.Target, null);
    /// <summary>Closest to <paramref name="value"/> is best.</summary>
    public static MeasureGoal TargetValue(double value) => new(GoalKind.Target, value);

    /// <summary>True when the goal ranks values (maximise, minimise, or a target whose value is known).</summary>
    public bool Ranks => Kind is GoalKind.Maximise or GoalKind.Minimise || (Kind == GoalKind.Target && Target is not null);

    /// <summary>Lower is better: −v when maximising, v when minimising, |v − target| for a target. An error for a goal that does not rank.</summary>
    public double Cost(double value) => Kind switch
    {
        GoalKind.Maximise => -value,
        GoalKind.Minimise => value,
        GoalKind.Target when Target is double t => Math.Abs(value - t),
        _ => throw new FwbmException($"Measure goal '{this}' does not rank values; give a target value."),
    };

    /// <summary>The index of the best of <paramref name="values"/> (NaN skipped; the first of equals wins); −1 when every value is NaN.</summary>
    public int BestIndex(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!Ranks) throw new FwbmException($"Measure goal '{this}' does not rank values; give a target value.");
        int best = -1; double bestCost = 0;
        for (int i = 0; i < values.Count; i++)
        {
            if (double.IsNaN(values[i])) continue;
            double c = Cost(values[i]);
            if (best < 0 || c < bestCost) { best = i; bestCost = c; }
        }
        return best;
    }

    /// <summary>"maximise", "minimise", "target 10", "target (value given by the user)" or "none (descriptive)".</summary>
    public override string ToString() => Kind switch
    {
        GoalKind.Maximise => "maximise",
        GoalKind.Minimise => "minimise",
        GoalKind.Target => Target is double t ? "target " + t.ToString("G6", CultureInfo.InvariantCulture) : "target (value given by the user)",
        _ => "none (descriptive)",
    };

    /// <summary>One word for tables and JSON: max, min, target, none.</summary>
    public string Short => Kind switch { GoalKind.Maximise => "max", GoalKind.Minimise => "min", GoalKind.Target => "target", _ => "none" };
}
