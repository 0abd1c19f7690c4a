namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// The temporal shape of a <see cref="Stimulus"/>, on its own clock τ (ms since the stimulus window opens, see
/// <see cref="StimulusWindow"/>); zero before τ = 0. A waveform is a pure function of τ. The engines apply its mean over each
/// integration step [t, t + dt) — <see cref="Integral"/> / dt — rather than a sample, so a pulse narrower than dt still delivers
/// its whole charge and nothing is aliased. <see cref="ToString"/> is the canonical text of the <c>--stimulus</c> grammar.
/// </summary>
public abstract record Waveform
{
    private protected Waveform() { }

    /// <summary>Parse a waveform alone, e.g. <c>sine(10Hz, 0.5)</c> (the part of a <c>--stimulus</c> text before <c>at</c>).</summary>
    public static Waveform Parse(string text, string subject = "waveform") => StimulusParser.ParseWaveform(text, subject);

    /// <summary>The grammar name (e.g. <c>train</c>).</summary>
    public abstract string Shape { get; }

    /// <summary>The value at τ ms (0 for τ &lt; 0).</summary>
    public abstract double Value(double tauMs);

    /// <summary>∫ value dτ over [<paramref name="fromMs"/>, <paramref name="toMs"/>) (value × ms); 0 where τ &lt; 0.</summary>
    public abstract double Integral(double fromMs, double toMs);

    /// <summary>The frequency it drives at (Hz): a sinusoid's, a train's rate, a theta burst's burst rate; null otherwise.</summary>
    public virtual double? DrivingFrequencyHz => null;

    /// <summary>The trial onsets (τ, ascending) before <paramref name="endMs"/>: each pulse or burst; the start (τ = 0) of a continuous input.</summary>
    public virtual IEnumerable<double> OnsetsMs(double endMs)
    {
        if (endMs > 0) yield return 0;
    }

    /// <summary>The rates the integration step must resolve (Nyquist: rate ≤ 1 / (2 dt)), each with its parameter name.</summary>
    public virtual IEnumerable<(string Parameter, double Hz)> Rates => [];

    /// <summary>This waveform bound to a run: files read relative to <paramref name="baseDirectory"/>, a step of <paramref name="dtMs"/>.</summary>
    public virtual Waveform Bind(string baseDirectory, double dtMs) => this;

    /// <summary>The canonical text, e.g. <c>train(rate=130Hz, width=0.09ms, amplitude=2, biphasic)</c>.</summary>
    public abstract override string ToString();
}
