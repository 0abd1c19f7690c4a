namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// When a stimulus acts: <c>from</c> (the waveform's τ = 0) to <c>to</c> (exclusive; ∞ = to the end of the run), with linear ramps
/// on and off inside the window (tDCS/tACS ramps). Times are simulation times in ms from step 0, the start of the transient (the
/// clock of <see cref="IStimulus.Evaluate"/>). The envelope is 0 outside, rises linearly over <see cref="RampOnMs"/>, is 1 on the
/// plateau and falls linearly over <see cref="RampOffMs"/>.
/// </summary>
public sealed record StimulusWindow
{
    /// <summary>From 0 for ever, no ramps.</summary>
    public static StimulusWindow Always { get; } = new();

    public StimulusWindow(double fromMs = 0, double toMs = double.PositiveInfinity, double rampOnMs = 0, double rampOffMs = 0)
    {
        if (!(fromMs >= 0) || !double.IsFinite(fromMs)) throw new FwbmException($"from = {StimulusFormat.G(fromMs)} ms; expected a start ≥ 0 (simulation time from the start of the transient), e.g. from 10s.");
        if (!(toMs > fromMs)) throw new FwbmException($"to = {StimulusFormat.G(toMs)} ms; expected an end after from = {StimulusFormat.G(fromMs)} ms, e.g. to {StimulusFormat.G((fromMs + 1000) / 1000)}s.");
        if (!(rampOnMs >= 0) || !double.IsFinite(rampOnMs) || !(rampOffMs >= 0) || !double.IsFinite(rampOffMs))
            throw new FwbmException($"ramp = {StimulusFormat.G(rampOnMs)},{StimulusFormat.G(rampOffMs)} ms; expected ramps ≥ 0, e.g. ramp 1s.");
        if (rampOnMs + rampOffMs > toMs - fromMs)
            throw new FwbmException($"ramp {StimulusFormat.G(rampOnMs)} ms on + {StimulusFormat.G(rampOffMs)} ms off is longer than the window from {StimulusFormat.G(fromMs)} ms to {StimulusFormat.G(toMs)} ms; expected ramps that fit, e.g. ramp {StimulusFormat.G((toMs - fromMs) / 2)}ms.");
        if (rampOffMs > 0 && double.IsPositiveInfinity(toMs))
            throw new FwbmException($"ramp off {StimulusFormat.G(rampOffMs)} ms needs an end; add to <time> (or ramp {StimulusFormat.G(rampOnMs)}ms,0ms).");
        FromMs = fromMs; ToMs = toMs; RampOnMs = rampOnMs; RampOffMs = rampOffMs;
    }

    public double FromMs { get; }
    public double ToMs { get; }
    public double RampOnMs { get; }
    public double RampOffMs { get; }

    /// <summary>The envelope at simulation time <paramref name="tMs"/>.</summary>
    public double Envelope(double tMs)
    {
        if (tMs < FromMs || tMs >= ToMs) return 0;
        if (RampOnMs > 0 && tMs < FromMs + RampOnMs) return (tMs - FromMs) / RampOnMs;
        if (RampOffMs > 0 && tMs > ToMs - RampOffMs) return (ToMs - tMs) / RampOffMs;
        return 1;
    }

    /// <summary>
    /// The mean of envelope × waveform over [<paramref name="t0"/>, <paramref name="t1"/>): the interval is cut at the window's corners;
    /// on each piece the waveform's exact integral is weighted by the envelope at the piece's middle — exact outside the ramps
    /// (envelope 0 or 1: window edges conserve charge) and within O(dt/ramp)² inside them.
    /// </summary>
    public double Mean(Waveform w, double t0, double t1)
    {
        if (!(t1 > t0) || t1 <= FromMs || t0 >= ToMs) return 0;
        double a = FromMs + RampOnMs, b = ToMs - RampOffMs;
        if (t0 >= a && t1 <= b) return w.Integral(t0 - FromMs, t1 - FromMs) / (t1 - t0);
        Span<double> cuts = [t0, FromMs, a, b, ToMs, t1];
        double sum = 0, lo = t0;
        for (int i = 1; i < cuts.Length; i++)
        {
            double hi = Math.Min(Math.Max(cuts[i], lo), t1);
            if (i == cuts.Length - 1) hi = t1;
            if (hi > lo)
            {
                double e = Envelope(0.5 * (lo + hi));
                if (e != 0) sum += e * w.Integral(lo - FromMs, hi - FromMs);
                lo = hi;
            }
        }
        return sum / (t1 - t0);
    }

    /// <summary>The canonical text (empty for <see cref="Always"/>): <c> from 10000ms to 20000ms ramp 1000ms</c>.</summary>
    public override string ToString()
    {
        var s = "";
        if (FromMs != 0) s += " from " + StimulusFormat.Ms(FromMs);
        if (!double.IsPositiveInfinity(ToMs)) s += " to " + StimulusFormat.Ms(ToMs);
        if (RampOnMs != 0 || RampOffMs != 0)
            s += " ramp " + (RampOnMs == RampOffMs ? StimulusFormat.Ms(RampOnMs) : StimulusFormat.Ms(RampOnMs) + "," + StimulusFormat.Ms(RampOffMs));
        return s;
    }
}
