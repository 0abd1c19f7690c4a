namespace Fwbm.Core.Measures;

/// <summary>
/// What the catalogue says about a measure: its name (the column of a sweep table, the word of <c>--measure</c>), its goal, unit,
/// one-line meaning, what it needs, why its goal is what it is, and the options its binding reads.
/// </summary>
public sealed record MeasureDefinition
{
    public MeasureDefinition(string name, MeasureGoal goal, string unit, string meaning, MeasureNeeds needs, string goalReason)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')))
            throw new FwbmException($"Measure name '{name}': expected lower-case letters, digits and '_'.");
        ArgumentNullException.ThrowIfNull(goal);
        if (string.IsNullOrWhiteSpace(meaning)) throw new FwbmException($"Measure '{name}': the meaning is empty.");
        Name = name; Goal = goal; Unit = unit; Meaning = meaning; Needs = needs; GoalReason = goalReason;
    }

    public string Name { get; }
    /// <summary>The declared goal (for <see cref="GoalKind.Target"/>, the value is given when the measure is bound).</summary>
    public MeasureGoal Goal { get; }
    public string Unit { get; }
    /// <summary>One line: what the number is.</summary>
    public string Meaning { get; }
    public MeasureNeeds Needs { get; }
    /// <summary>Why the goal is what it is (e.g. "Deco et al. 2017: the working point maximises metastability").</summary>
    public string GoalReason { get; }
    /// <summary>The <see cref="MeasureSettings"/> the binding reads, as "name: meaning" lines (empty when none).</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];
    /// <summary>Where the definition comes from.</summary>
    public string? Reference { get; init; }

    /// <summary>The goal a binding uses: the declared one, or — for a target or descriptive measure — the target value given with it.</summary>
    public MeasureGoal GoalWith(double? target)
    {
        if (target is not double t) return Goal;
        if (Goal.Kind is GoalKind.Maximise or GoalKind.Minimise)
            throw new FwbmException($"Measure '{Name}' is {Goal} by definition; a target value ({t}) applies only to target or descriptive measures.");
        return MeasureGoal.TargetValue(t);
    }
}
