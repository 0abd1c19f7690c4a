using System.Globalization;
using Fwbm.Core.Models;

namespace Fwbm.Core.Grammar;

/// <summary>One <c>name=value</c> of a parameter list: one value for all regions, or one per region.</summary>
public sealed record Assignment(string Name, IReadOnlyList<double> Values)
{
    public bool IsScalar => Values.Count == 1;

    /// <summary>The one value; an error naming <paramref name="option"/> when it is a per-region vector.</summary>
    public double Scalar(string option) => IsScalar ? Values[0]
        : throw new FwbmException($"{option} '{Name}': expected one value here, got {Values.Count} (per-region vectors are not allowed for {option}).");

    public bool Equals(Assignment? other) => other is not null && Name == other.Name && Values.SequenceEqual(other.Values);
    public override int GetHashCode() => HashCode.Combine(Name, Values.Count);

    public override string ToString() => $"{Name}=" + string.Join(",", Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    /// <summary>Apply assignments to <paramref name="p"/>; per-region vectors must have <paramref name="regions"/> entries. Errors name the option.</summary>
    public static ParameterSet Apply(ParameterSet p, IEnumerable<Assignment> assignments, string option, int regions)
    {
        foreach (var a in assignments)
        {
            try
            {
                if (a.IsScalar) p = p.With(a.Name, a.Values[0]);
                else
                {
                    if (a.Values.Count != regions) throw new FwbmException($"{a.Values.Count} values given; expected one per region ({regions}).");
                    p = p.With(a.Name, a.Values);
                }
            }
            catch (FwbmException e)
            {
                var shown = a.ToString();
                throw new FwbmException($"{option} '{(shown.Length > 60 ? shown[..60] + "…" : shown)}': {e.Message}");
            }
        }
        return p;
    }
}
