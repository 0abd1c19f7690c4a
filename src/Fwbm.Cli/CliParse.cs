using System.Globalization;
using Fwbm.Core;

namespace Fwbm.Cli;

/// <summary>Parsing of the CLI's value formats, with errors that name the option.</summary>
internal static class CliParse
{
    /// <summary>A duration in seconds: "60", "60s", "500ms", "2min". Returns milliseconds.</summary>
    public static double DurationMs(string text, string option)
    {
        var t = text.Trim().ToLowerInvariant();
        double scale = 1000;
        if (t.EndsWith("ms")) { scale = 1; t = t[..^2]; }
        else if (t.EndsWith("min")) { scale = 60_000; t = t[..^3]; }
        else if (t.EndsWith('s')) { t = t[..^1]; }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0)
            throw new FwbmException($"{option} '{text}': expected a duration such as 60, 60s, 500ms or 2min (plain numbers are seconds).");
        return v * scale;
    }

    /// <summary>"name=value" pairs.</summary>
    public static IEnumerable<KeyValuePair<string, double>> Assignments(IEnumerable<string> items, string option)
    {
        foreach (var item in items)
        {
            int eq = item.IndexOf('=');
            if (eq <= 0 || eq == item.Length - 1)
                throw new FwbmException($"{option} '{item}': expected name=value, e.g. {option} a=-0.02.");
            var name = item[..eq].Trim();
            if (!double.TryParse(item[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new FwbmException($"{option} '{item}': '{item[(eq + 1)..]}' is not a number.");
            yield return new(name, v);
        }
    }

    /// <summary>An optional finite number.</summary>
    public static double? Number(string? text, string option)
    {
        if (text is null) return null;
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new FwbmException($"{option} '{text}': expected a number.");
        return v;
    }

    /// <summary>A noise seed: a non-negative integer.</summary>
    public static ulong Seed(string text, string option) =>
        ulong.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s
            : throw new FwbmException($"{option} '{text}': expected a non-negative integer.");

    public static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
