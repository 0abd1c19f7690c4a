using Fwbm.Core.Models;

namespace Fwbm.Core.Grammar;

/// <summary>
/// One <c>name=value</c> of a parameter list. The value stays unresolved (<see cref="RegionVector"/>: a number, a list, a file,
/// a receptor map or values by label) until <see cref="Apply"/> meets the connectome.
/// </summary>
public sealed record Assignment(string Name, RegionVector Value)
{
    /// <summary>One number (one value), else one value per region in region order.</summary>
    public Assignment(string name, IReadOnlyList<double> values)
        : this(name, values.Count == 1 ? new RegionVectorScalar(values[0]) : new RegionVectorList(values)) { }

    public bool IsScalar => Value is RegionVectorScalar;

    /// <summary>The one value; an error naming <paramref name="option"/> when it is a per-region vector.</summary>
    public double Scalar(string option) => Value is RegionVectorScalar s ? s.Value
        : throw new FwbmException($"{option} '{Name}={Value}': expected one value here (per-region vectors are not allowed for {option}).");

    public override string ToString() => $"{Name}={Value}";

    /// <summary>
    /// Apply assignments to <paramref name="p"/>: per-region values are resolved against <paramref name="regions"/> (the
    /// connectome's regions, the directory of relative <c>@file</c> paths, the receptor maps). Errors name the option.
    /// </summary>
    public static ParameterSet Apply(ParameterSet p, IEnumerable<Assignment> assignments, string option, RegionContext regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        foreach (var a in assignments)
        {
            var values = a.IsScalar ? null : a.Value.Resolve(regions, $"{option} {a.Name}");
            try { p = values is null ? p.With(a.Name, ((RegionVectorScalar)a.Value).Value) : p.With(a.Name, values); }
            catch (FwbmException e)
            {
                var shown = a.ToString();
                throw new FwbmException($"{option} '{(shown.Length > 60 ? shown[..60] + "…" : shown)}': {e.Message}");
            }
        }
        return p;
    }
}
