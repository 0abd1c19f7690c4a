namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// <c>tbs(amplitude=1, width=1ms, rate=50Hz, pulses=3, burst=5Hz[, biphasic][, negative-first])</c>: theta-burst stimulation (TMS,
/// Huang et al. 2005) — bursts of <see cref="Pulses"/> pulses at <see cref="RateHz"/>, the bursts repeated at <see cref="BurstRateHz"/>.
/// A burst must fit in its period: (pulses − 1) / rate + pulse duration ≤ 1 / burst.
/// </summary>
public sealed record ThetaBurst : Waveform
{
    public ThetaBurst(PulseShape pulse, double rateHz = 50, int pulses = 3, double burstRateHz = 5)
    {
        Pulse = WaveformChecks.Pulse("tbs", pulse);
        RateHz = WaveformChecks.Positive("tbs", "rate", rateHz, " Hz", "50Hz");
        BurstRateHz = WaveformChecks.Positive("tbs", "burst", burstRateHz, " Hz", "5Hz");
        if (pulses < 1) throw new FwbmException($"tbs: pulses = {pulses}; expected at least 1 pulse per burst, e.g. pulses=3.");
        Pulses = pulses;
        if (PulsePeriodMs < Pulse.DurationMs)
            throw new FwbmException($"tbs: a {StimulusFormat.G(Pulse.DurationMs)} ms pulse does not fit in the period of rate = {StimulusFormat.G(rateHz)} Hz; expected rate ≤ {StimulusFormat.G(1000 / Pulse.DurationMs)} Hz or a shorter width.");
        double burst = (pulses - 1) * PulsePeriodMs + Pulse.DurationMs;
        if (BurstPeriodMs < burst)
            throw new FwbmException($"tbs: a burst of {pulses} pulses at {StimulusFormat.G(rateHz)} Hz lasts {StimulusFormat.G(burst)} ms, longer than the burst period of burst = {StimulusFormat.G(burstRateHz)} Hz ({StimulusFormat.G(BurstPeriodMs)} ms); expected burst ≤ {StimulusFormat.G(1000 / burst)} Hz or fewer pulses.");
    }

    public PulseShape Pulse { get; }
    /// <summary>The pulse rate within a burst (Hz).</summary>
    public double RateHz { get; }
    public int Pulses { get; }
    /// <summary>The burst repetition rate (Hz; theta, 5 Hz).</summary>
    public double BurstRateHz { get; }
    public double PulsePeriodMs => 1000 / RateHz;
    public double BurstPeriodMs => 1000 / BurstRateHz;
    public override string Shape => "tbs";

    public override double Value(double tauMs)
    {
        if (tauMs < 0) return 0;
        double u = tauMs - Math.Floor(tauMs / BurstPeriodMs) * BurstPeriodMs;
        double v = 0;
        for (int k = 0; k < Pulses; k++) v += Pulse.Value(u - k * PulsePeriodMs);
        return v;
    }

    public override double Integral(double fromMs, double toMs)
    {
        if (!(toMs > fromMs)) return 0;
        double a = Math.Max(fromMs, 0), b = Math.Max(toMs, 0);
        double ka = Math.Floor(a / BurstPeriodMs), kb = Math.Floor(b / BurstPeriodMs);
        if (ka == kb) return InBurst(a - ka * BurstPeriodMs, b - ka * BurstPeriodMs);
        return (kb - ka - 1) * Pulses * Pulse.Charge + InBurst(a - ka * BurstPeriodMs, BurstPeriodMs) + InBurst(0, b - kb * BurstPeriodMs);
    }

    /// <summary>∫ over [u0, u1) of one burst (its pulses start at k / rate).</summary>
    private double InBurst(double u0, double u1)
    {
        double q = 0;
        for (int k = 0; k < Pulses; k++) q += Pulse.Integral(u0 - k * PulsePeriodMs, u1 - k * PulsePeriodMs);
        return q;
    }

    public override double? DrivingFrequencyHz => BurstRateHz;
    public override IEnumerable<(string Parameter, double Hz)> Rates => [("rate", RateHz), ("burst", BurstRateHz)];

    public override IEnumerable<double> OnsetsMs(double endMs)
    {
        for (long k = 0; k * BurstPeriodMs < endMs; k++) yield return k * BurstPeriodMs;
    }

    public override string ToString() =>
        $"tbs({Pulse.Text()}, rate={StimulusFormat.Hz(RateHz)}, pulses={Pulses}, burst={StimulusFormat.Hz(BurstRateHz)})";
}
