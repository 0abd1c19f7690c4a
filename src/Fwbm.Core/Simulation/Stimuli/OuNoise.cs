using Fwbm.Core.Noise;

namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// <c>ou(tau=10ms, sigma=1, mean=0, seed=1[, step=…ms])</c>: an Ornstein–Uhlenbeck drive with mean μ, stationary standard deviation σ
/// and correlation time τ, held constant over cells of <see cref="StepMs"/> (default: the run's dt). Cell k holds
/// x₀ = μ + σ z₀, x_{k+1} = μ + (x_k − μ) e^{−h/τ} + σ √(1 − e^{−2h/τ}) z_{k+1} (the exact discretisation, stationary from the
/// start), with z_k the counter-based normal deviate <see cref="NoiseStream.Normal"/>(key(seed), k): a pure function of (seed, k),
/// the same for every region it reaches (the spatial weights scale it) and on every backend.
/// </summary>
public sealed record OuNoise : Waveform
{
    private double[] _path = [];
    private readonly Lock _gate = new();

    public OuNoise(double tauMs, double sigma, double mean = 0, ulong seed = 1, double? stepMs = null)
    {
        TauMs = WaveformChecks.Positive("ou", "tau", tauMs, " ms", "10ms");
        Sigma = WaveformChecks.NonNegative("ou", "sigma", sigma, "", StimulusFormat.G(Math.Abs(sigma)), " (a standard deviation)");
        Mean = WaveformChecks.Finite("ou", "mean", mean, "0");
        Seed = seed;
        if (stepMs is double h) WaveformChecks.Positive("ou", "step", h, " ms", "0.1ms");
        StepMs = stepMs;
        Key = NoiseStream.LaneKey(seed, -17, -17);   // negative ids: never a region/variable key of the engines' noise
    }

    /// <summary>Correlation time τ (ms).</summary>
    public double TauMs { get; }
    /// <summary>Stationary standard deviation σ.</summary>
    public double Sigma { get; }
    /// <summary>Mean μ.</summary>
    public double Mean { get; }
    public ulong Seed { get; }
    /// <summary>The cell length h (ms); null until bound to a run (then its dt).</summary>
    public double? StepMs { get; }
    private ulong Key { get; }
    public override string Shape => "ou";

    public override Waveform Bind(string baseDirectory, double dtMs) => StepMs is null ? new OuNoise(TauMs, Sigma, Mean, Seed, dtMs) : this;

    private double H => StepMs ?? throw new InvalidOperationException("ou: the cell length is set when the stimulus is bound to a run (Bind).");

    /// <summary>The value of cell <paramref name="k"/> (k ≥ 0).</summary>
    public double Cell(long k)
    {
        var p = Volatile.Read(ref _path);
        if (k < p.Length) return p[k];
        lock (_gate)
        {
            p = _path;
            if (k >= p.Length)
            {
                long n = Math.Max(k + 1, Math.Max(4096, 2L * p.Length));
                var q = new double[n];
                p.CopyTo(q, 0);
                double a = Math.Exp(-H / TauMs), b = Sigma * Math.Sqrt(1 - Math.Exp(-2 * H / TauMs));
                for (long i = p.Length; i < n; i++)
                {
                    double z = NoiseStream.Normal(Key, i);
                    q[i] = i == 0 ? Mean + Sigma * z : Mean + (q[i - 1] - Mean) * a + b * z;
                }
                Volatile.Write(ref _path, q);
                p = q;
            }
        }
        return p[k];
    }

    public override double Value(double tauMs) => tauMs < 0 ? 0 : Cell((long)Math.Floor(tauMs / H));

    public override double Integral(double fromMs, double toMs)
    {
        double a = Math.Max(fromMs, 0), b = Math.Max(toMs, 0);
        if (!(b > a)) return 0;
        double h = H, sum = 0;
        for (long k = (long)Math.Floor(a / h); k * h < b; k++)
        {
            double lo = Math.Max(a, k * h), hi = Math.Min(b, (k + 1) * h);
            if (hi > lo) sum += Cell(k) * (hi - lo);
        }
        return sum;
    }

    public bool Equals(OuNoise? other) => other is not null && TauMs == other.TauMs && Sigma == other.Sigma && Mean == other.Mean && Seed == other.Seed && StepMs == other.StepMs;
    public override int GetHashCode() => HashCode.Combine(TauMs, Sigma, Mean, Seed, StepMs);

    public override string ToString() =>
        $"ou(tau={StimulusFormat.Ms(TauMs)}, sigma={StimulusFormat.Number(Sigma)}, mean={StimulusFormat.Number(Mean)}, seed={Seed}{(StepMs is double h ? ", step=" + StimulusFormat.Ms(h) : "")})";
}
