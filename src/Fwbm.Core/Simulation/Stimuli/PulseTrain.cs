namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// <c>train(rate=130Hz, width=0.09ms, amplitude=1[, biphasic][, negative-first])</c>: pulses at τ = k / rate (DBS at 130 Hz with
/// 60–90 µs pulses; repetitive TMS at 1–20 Hz). The period must hold a whole pulse (1/rate ≥ width, 2·width when biphasic).
/// </summary>
public sealed record PulseTrain : Waveform
{
    public PulseTrain(double rateHz, PulseShape pulse)
    {
        RateHz = WaveformChecks.Positive("train", "rate", rateHz, " Hz", "130Hz");
        Pulse = WaveformChecks.Pulse("train", pulse);
        if (PeriodMs < Pulse.DurationMs)
            throw new FwbmException($"train: a {StimulusFormat.G(Pulse.DurationMs)} ms {(Pulse.Biphasic ? "biphasic " : "")}pulse does not fit in the period of rate = {StimulusFormat.G(rateHz)} Hz ({StimulusFormat.G(PeriodMs)} ms); expected rate ≤ {StimulusFormat.G(1000 / Pulse.DurationMs)} Hz or a shorter width.");
    }

    public double RateHz { get; }
    public PulseShape Pulse { get; }
    /// <summary>1000 / rate.</summary>
    public double PeriodMs => 1000 / RateHz;
    public override string Shape => "train";

    public override double Value(double tauMs)
    {
        if (tauMs < 0) return 0;
        double k = Math.Floor(tauMs / PeriodMs);
        return Pulse.Value(tauMs - k * PeriodMs);
    }

    public override double Integral(double fromMs, double toMs) => toMs > fromMs ? Between(fromMs, toMs) : 0;

    // whole periods counted apart from the partial charges, so long runs lose no precision
    private double Between(double a, double b)
    {
        a = Math.Max(a, 0); b = Math.Max(b, 0);
        double ka = Math.Floor(a / PeriodMs), kb = Math.Floor(b / PeriodMs);
        if (ka == kb) return Pulse.Integral(a - ka * PeriodMs, b - ka * PeriodMs);
        return (kb - ka - 1) * Pulse.Charge + Pulse.Integral(a - ka * PeriodMs, PeriodMs) + Pulse.Integral(0, b - kb * PeriodMs);
    }

    public override double? DrivingFrequencyHz => RateHz;
    public override IEnumerable<(string Parameter, double Hz)> Rates => [("rate", RateHz)];

    public override IEnumerable<double> OnsetsMs(double endMs)
    {
        for (long k = 0; k * PeriodMs < endMs; k++) yield return k * PeriodMs;
    }

    public override string ToString() => $"train(rate={StimulusFormat.Hz(RateHz)}, {Pulse.Text()})";
}
