using System.Globalization;

namespace Fwbm.Core.Grammar;

/// <summary>Durations with units: <c>600s</c>, <c>10min</c>, <c>500ms</c>, <c>0.1ms</c>, <c>250us</c>, <c>1h</c>; a plain number is in the option's own unit.</summary>
public static class DurationText
{
    private static readonly (string Suffix, double Ms)[] Units =
        [("ms", 1), ("us", 1e-3), ("µs", 1e-3), ("min", 60_000), ("sec", 1000), ("s", 1000), ("h", 3_600_000)];

    /// <summary>The units a duration may carry, for help and errors.</summary>
    public const string UnitList = "ms, s, min, h, us";

    /// <summary>The duration in milliseconds; a plain number is in <paramref name="plain"/>. Errors name <paramref name="option"/>.</summary>
    public static double Milliseconds(string text, string option, TimeUnit plain)
    {
        var t = text.Trim().ToLowerInvariant();
        double scale = plain == TimeUnit.Seconds ? 1000 : 1;
        foreach (var (suffix, ms) in Units)
            if (t.EndsWith(suffix, StringComparison.Ordinal) && t.Length > suffix.Length && !char.IsLetter(t[^(suffix.Length + 1)]))
            {
                scale = ms; t = t[..^suffix.Length].TrimEnd();
                break;
            }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0)
            throw new FwbmException($"{option} '{text.Trim()}' is not a duration; expected e.g. {Example(plain)} (units {UnitList}; a plain number is {Plain(plain)}).");
        return v * scale;
    }

    /// <summary>"seconds" or "milliseconds".</summary>
    public static string Plain(TimeUnit unit) => unit == TimeUnit.Seconds ? "seconds" : "milliseconds";

    private static string Example(TimeUnit plain) => plain == TimeUnit.Seconds ? "600s, 10min or 500ms" : "0.1ms, 0.1 or 100us";
}
