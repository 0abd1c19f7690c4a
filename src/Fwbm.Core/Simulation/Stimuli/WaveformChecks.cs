namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>The value checks of the waveforms: each error names the shape, the parameter, what was expected and a valid example.</summary>
internal static class WaveformChecks
{
    public static double Finite(string shape, string name, double v, string example) => double.IsFinite(v) ? v
        : throw new FwbmException($"{shape}: {name} = {StimulusFormat.G(v)}; expected a finite number, e.g. {name}={example}.");

    public static double Positive(string shape, string name, double v, string unit, string example) => v > 0 && double.IsFinite(v) ? v
        : throw new FwbmException($"{shape}: {name} = {StimulusFormat.G(v)}{unit}; expected a finite {name} > 0, e.g. {name}={example}.");

    public static double NonNegative(string shape, string name, double v, string unit, string example, string? why = null) => v >= 0 && double.IsFinite(v) ? v
        : throw new FwbmException($"{shape}: {name} = {StimulusFormat.G(v)}{unit}; expected a finite {name} ≥ 0{why}, e.g. {name}={example}.");

    /// <summary>A pulse: width &gt; 0, a finite amplitude, &gt; 0 when biphasic (the sign is the phase order: use negative-first).</summary>
    public static PulseShape Pulse(string shape, PulseShape p)
    {
        if (!(p.WidthMs > 0) || !double.IsFinite(p.WidthMs))
            throw new FwbmException($"{shape}: width = {StimulusFormat.G(p.WidthMs)} ms; expected a pulse width > 0, e.g. width=0.09ms (90 µs, DBS) or width=1ms.");
        Finite(shape, "amplitude", p.Amplitude, "1");
        if (p.Biphasic && !(p.Amplitude > 0))
            throw new FwbmException($"{shape}: amplitude = {StimulusFormat.G(p.Amplitude)} with biphasic; expected an amplitude > 0 (the sign of a biphasic pulse is its phase order: add negative-first for the negative phase first), e.g. amplitude={StimulusFormat.G(Math.Abs(p.Amplitude) > 0 ? Math.Abs(p.Amplitude) : 1)}.");
        if (p.NegativeFirst && !p.Biphasic)
            throw new FwbmException($"{shape}: negative-first applies to biphasic pulses; add biphasic, or give a negative amplitude for a negative monophasic pulse.");
        return p;
    }
}
