using System.Globalization;

namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>Round-trip invariant texts of the stimulus grammar: numbers, durations (ms), frequencies (Hz), distances (mm).</summary>
public static class StimulusFormat
{
    /// <summary>A number that parses back to the same double.</summary>
    public static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    /// <summary>A duration in ms, e.g. <c>0.09ms</c>.</summary>
    public static string Ms(double ms) => Number(ms) + "ms";
    /// <summary>A frequency, e.g. <c>130Hz</c>.</summary>
    public static string Hz(double hz) => Number(hz) + "Hz";
    /// <summary>A distance, e.g. <c>15mm</c>.</summary>
    public static string Mm(double mm) => Number(mm) + "mm";
    /// <summary>Six significant digits, for messages.</summary>
    public static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
