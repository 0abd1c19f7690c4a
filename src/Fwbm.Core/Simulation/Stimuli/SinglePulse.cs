namespace Fwbm.Core.Simulation.Stimuli;

/// <summary><c>pulse(amplitude=1, width=1ms[, biphasic][, negative-first])</c>: one rectangular pulse at τ = 0 (TMS single pulse, an evoked-response probe).</summary>
public sealed record SinglePulse : Waveform
{
    public SinglePulse(PulseShape pulse) => Pulse = WaveformChecks.Pulse("pulse", pulse);

    public PulseShape Pulse { get; }
    public override string Shape => "pulse";
    public override double Value(double tauMs) => Pulse.Value(tauMs);
    public override double Integral(double fromMs, double toMs) => toMs > fromMs ? Pulse.Integral(fromMs, toMs) : 0;
    public override string ToString() => $"pulse({Pulse.Text()})";
}
