using Fwbm.Core.Models;

namespace Fwbm.Core.Simulation.Integration;

/// <summary>
/// The bounds of a model's state variables (<see cref="StateVariableSpec.LowerBound"/>, <see cref="StateVariableSpec.UpperBound"/>) in
/// the form the step applies them: per variable a flag and the two limits, a missing side as ∓∞ (clamping to an infinite limit
/// leaves every finite value unchanged). Immutable; built once per simulation.
/// </summary>
public sealed class StateBounds
{
    private readonly bool[] _bounded;
    private readonly double[] _lower, _upper;

    public StateBounds(ModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int nv = spec.StateCount;
        _bounded = new bool[nv]; _lower = new double[nv]; _upper = new double[nv];
        for (int v = 0; v < nv; v++)
        {
            var sv = spec.StateVariables[v];
            _bounded[v] = sv.LowerBound is not null || sv.UpperBound is not null;
            _lower[v] = sv.LowerBound ?? double.NegativeInfinity;
            _upper[v] = sv.UpperBound ?? double.PositiveInfinity;
        }
    }

    /// <summary>Number of state variables.</summary>
    public int Count => _bounded.Length;
    /// <summary>Per variable: true when it has a lower or an upper bound (only those are clamped).</summary>
    public ReadOnlySpan<bool> Bounded => _bounded;
    /// <summary>Per variable: the lower bound, −∞ when none.</summary>
    public ReadOnlySpan<double> Lower => _lower;
    /// <summary>Per variable: the upper bound, +∞ when none.</summary>
    public ReadOnlySpan<double> Upper => _upper;
    /// <summary>True when some variable is bounded.</summary>
    public bool Any => Array.IndexOf(_bounded, true) >= 0;
}
