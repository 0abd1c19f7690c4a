namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// One rectangular pulse starting at u = 0: monophasic (amplitude A for the width w) or biphasic (A for w, then −A for w —
/// charge-balanced; <paramref name="NegativeFirst"/> swaps the phases). Its value, its running charge ∫₀ᵘ and its duration.
/// </summary>
public readonly record struct PulseShape(double Amplitude, double WidthMs, bool Biphasic, bool NegativeFirst)
{
    /// <summary>w, or 2w when biphasic.</summary>
    public double DurationMs => Biphasic ? 2 * WidthMs : WidthMs;

    /// <summary>The charge of a whole pulse: A·w, or 0 when biphasic.</summary>
    public double Charge => Biphasic ? 0 : Amplitude * WidthMs;

    private double Sign => Biphasic && NegativeFirst ? -1 : 1;

    /// <summary>The value at u ms after the pulse starts.</summary>
    public double Value(double u)
    {
        if (u < 0) return 0;
        if (u < WidthMs) return Sign * Amplitude;
        if (Biphasic && u < 2 * WidthMs) return -Sign * Amplitude;
        return 0;
    }

    /// <summary>∫₀ᵘ of the pulse (0 for u ≤ 0, <see cref="Charge"/> after its end).</summary>
    public double ChargeUpTo(double u)
    {
        if (u <= 0) return 0;
        double first = Math.Min(u, WidthMs);
        if (!Biphasic) return Amplitude * first;
        double second = Math.Clamp(u - WidthMs, 0, WidthMs);
        return Sign * Amplitude * (first - second);
    }

    /// <summary>The parameters in canonical text: width, amplitude and the phase flags.</summary>
    public string Text() => $"width={StimulusFormat.Ms(WidthMs)}, amplitude={StimulusFormat.Number(Amplitude)}" +
        (Biphasic ? ", biphasic" : "") + (Biphasic && NegativeFirst ? ", negative-first" : "");
}
