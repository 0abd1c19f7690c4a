namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// <c>sine(frequency=10Hz, amplitude=1, phase=0)</c>: A·sin(2π f τ + φ) (tACS). The amplitude is ≥ 0: a sign is a phase
/// (phase=3.14159… for −A). Its step mean is exact: A·sin(2π f t_mid + φ)·sinc(π f dt).
/// </summary>
public sealed record Sine : Waveform
{
    public Sine(double frequencyHz, double amplitude, double phaseRad = 0)
    {
        FrequencyHz = WaveformChecks.Positive("sine", "frequency", frequencyHz, " Hz", "10Hz (for a constant input use dc(…))");
        Amplitude = WaveformChecks.NonNegative("sine", "amplitude", amplitude, "", StimulusFormat.G(Math.Abs(amplitude)) + ", phase=3.141592653589793",
            " (the sign of a sinusoid is its phase: add π to the phase)");
        PhaseRad = WaveformChecks.Finite("sine", "phase", phaseRad, "0");
    }

    public double FrequencyHz { get; }
    public double Amplitude { get; }
    /// <summary>φ in radians.</summary>
    public double PhaseRad { get; }
    public override string Shape => "sine";
    private double OmegaPerMs => 2 * Math.PI * FrequencyHz / 1000;

    public override double Value(double tauMs) => tauMs < 0 ? 0 : Amplitude * Math.Sin(OmegaPerMs * tauMs + PhaseRad);

    public override double Integral(double fromMs, double toMs)
    {
        double a = Math.Max(fromMs, 0), b = Math.Max(toMs, 0);
        if (!(b > a)) return 0;
        // ∫ A sin(ωτ + φ) = (b − a)·A·sin(ω·mid + φ)·sin(ω·half)/(ω·half): no cancellation for short steps
        double w = OmegaPerMs, half = (b - a) / 2, x = w * half;
        double sinc = Math.Abs(x) < 1e-8 ? 1 - x * x / 6 : Math.Sin(x) / x;
        return (b - a) * Amplitude * Math.Sin(w * (a + half) + PhaseRad) * sinc;
    }

    public override double? DrivingFrequencyHz => FrequencyHz;
    public override IEnumerable<(string Parameter, double Hz)> Rates => [("frequency", FrequencyHz)];

    public override string ToString() => $"sine(frequency={StimulusFormat.Hz(FrequencyHz)}, amplitude={StimulusFormat.Number(Amplitude)}, phase={StimulusFormat.Number(PhaseRad)})";
}
