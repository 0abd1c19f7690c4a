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
    public double ChargeUpTo(double u) => Integral(0, u);

    /// <summary>
    /// ∫ of the pulse over [<paramref name="u0"/>, <paramref name="u1"/>): the amplitude times the overlap with each phase (one product,
    /// so a step wholly inside a pulse gets exactly A·dt).
    /// </summary>
    public double Integral(double u0, double u1)
    {
        double first = Overlap(u0, u1, 0, WidthMs);
        if (!Biphasic) return Amplitude * first;
        double second = Overlap(u0, u1, WidthMs, 2 * WidthMs);
        return Sign * Amplitude * (first - second);
    }

    private static double Overlap(double a, double b, double lo, double hi) => Math.Max(0, Math.Min(b, hi) - Math.Max(a, lo));

    /// <summary>The parameters in canonical text: width, amplitude and the phase flags.</summary>
    public string Text() => $"width={StimulusFormat.Ms(WidthMs)}, amplitude={StimulusFormat.Number(Amplitude)}" +
        (Biphasic ? ", biphasic" : "") + (Biphasic && NegativeFirst ? ", negative-first" : "");
}
