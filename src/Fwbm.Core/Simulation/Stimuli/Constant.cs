namespace Fwbm.Core.Simulation.Stimuli;

/// <summary><c>dc(amplitude)</c>: a constant input (tDCS; either sign — anodal or cathodal), shaped by the window and its ramps.</summary>
public sealed record Constant : Waveform
{
    public Constant(double amplitude) => Amplitude = WaveformChecks.Finite("dc", "amplitude", amplitude, "0.1");

    public double Amplitude { get; }
    public override string Shape => "dc";
    public override double Value(double tauMs) => tauMs < 0 ? 0 : Amplitude;
    public override double Integral(double fromMs, double toMs) => toMs > fromMs ? Amplitude * (Math.Max(toMs, 0) - Math.Max(fromMs, 0)) : 0;
    public override string ToString() => $"dc(amplitude={StimulusFormat.Number(Amplitude)})";
}
