namespace Fwbm.Core.Models;

/// <summary>One state variable: name, initial-condition range and optional hard bounds (e.g. gating variables in [0, 1]).</summary>
public sealed record StateVariableSpec(string Name, double InitMin, double InitMax, string Doc)
{
    /// <summary>Physical unit ("" for a dimensionless quantity: an amplitude, a fraction of active cells, a gating variable).</summary>
    public string Unit { get; init; } = "";
    /// <summary>Hard lower bound applied after each step (null: none).</summary>
    public double? LowerBound { get; init; }
    /// <summary>Hard upper bound applied after each step (null: none).</summary>
    public double? UpperBound { get; init; }
}
