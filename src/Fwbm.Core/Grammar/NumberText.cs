using System.Globalization;

namespace Fwbm.Core.Grammar;

/// <summary>Numbers, whole numbers and noise seeds, invariant culture; errors name the option and show an example.</summary>
public static class NumberText
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>A finite number such as <c>0.5</c>, <c>-0.02</c>, <c>1e-3</c>.</summary>
    public static double Number(string text, string option, string example = "0.5")
    {
        var t = text.Trim();
        if (!double.TryParse(t, NumberStyles.Float, Ci, out var v) || !double.IsFinite(v))
            throw new FwbmException($"{option} '{t}' is not a number; expected e.g. {option} {example}.");
        return v;
    }

    /// <summary>A whole number such as <c>30</c>.</summary>
    public static int Integer(string text, string option, string example = "10")
    {
        var t = text.Trim();
        if (!int.TryParse(t, NumberStyles.Integer, Ci, out var v))
            throw new FwbmException($"{option} '{t}' is not a whole number; expected e.g. {option} {example}.");
        return v;
    }

    /// <summary>A noise seed: a non-negative whole number (0 … 18446744073709551615).</summary>
    public static ulong Seed(string text, string option)
    {
        var t = text.Trim();
        if (!ulong.TryParse(t, NumberStyles.None, Ci, out var v))
            throw new FwbmException($"{option} '{t}' is not a seed; expected a non-negative whole number, e.g. {option} 42.");
        return v;
    }

    /// <summary>Check <paramref name="value"/> against optional bounds; the error shows the interval.</summary>
    public static void CheckBounds(double value, string option, double? min, bool minExclusive, double? max)
    {
        bool low = min is double lo && (minExclusive ? !(value > lo) : !(value >= lo));
        bool high = max is double hi && !(value <= hi);
        if (low || high)
            throw new FwbmException(string.Create(Ci,
                $"{option} = {value:G6} is outside {(minExclusive ? "(" : "[")}{min?.ToString("G6", Ci) ?? "-∞"}, {max?.ToString("G6", Ci) ?? "∞"}]."));
    }

    /// <summary>Round-trip invariant text of a number.</summary>
    public static string Format(double v) => v.ToString("R", Ci);
}
