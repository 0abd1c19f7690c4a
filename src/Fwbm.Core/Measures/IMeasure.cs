using Fwbm.Core.Exploration;

namespace Fwbm.Core.Measures;

/// <summary>
/// A measure of the catalogue: its definition, and <see cref="Bind"/>, which checks the settings, prepares what is computed once
/// (e.g. the empirical FCD) and returns the sweep column — a pure function of one run. Adding a measure is one file implementing
/// this interface plus one line in <see cref="MeasureCatalog"/>.
/// </summary>
public interface IMeasure
{
    MeasureDefinition Definition { get; }

    /// <summary>The measure bound to its settings: name (column), goal (declared, or the given target) and the function of a run.</summary>
    SweepMeasure Bind(MeasureSettings settings);
}
