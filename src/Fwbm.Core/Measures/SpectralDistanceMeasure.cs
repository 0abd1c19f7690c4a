using Fwbm.Core.Analysis;
using Fwbm.Core.Exploration;

namespace Fwbm.Core.Measures;

/// <summary>spectral_distance: how differently two spectra distribute their power over frequency (minimise).</summary>
public sealed class SpectralDistanceMeasure : IMeasure
{
    public static MeasureDefinition Info { get; } = new("spectral_distance", MeasureGoal.Minimise, "fraction of power (0…1)",
        "Total-variation distance ½ Σ|p − q| between the simulated region-mean PSD and the target spectrum, each normalised to unit sum on the target's frequencies.",
        MeasureNeeds.RawState | MeasureNeeds.TargetSpectrum,
        "A distance: 0 is the same spectral shape as the target, 1 no shared power; smaller is closer.")
    {
        Settings =
        [
            "Spectrum: the target spectrum (frequencies in Hz and power; any scale)",
            "Output: the recorded signal (required; e.g. \"tavg:x\", \"bold\")",
            "Welch: segment length and overlap",
            "LowHz, HighHz: only target frequencies in this band count",
        ],
    };

    public MeasureDefinition Definition => Info;

    /// <summary>
    /// ½ Σ_k |p_k − q_k| where q is the target's power and p the simulated spectrum (<paramref name="frequenciesHz"/>, <paramref name="power"/>)
    /// interpolated linearly at the target's frequencies, both normalised to unit sum over the target frequencies inside [lowHz, highHz]
    /// and inside the simulated frequency range.
    /// </summary>
    public static double Compute(IReadOnlyList<double> frequenciesHz, IReadOnlyList<double> power, SpectrumTarget target, double lowHz = 0, double highHz = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (frequenciesHz.Count != power.Count || frequenciesHz.Count < 2)
            throw new FwbmException($"Spectral distance: {frequenciesHz.Count} frequencies and {power.Count} power values; expected equally many, at least 2.");
        var p = new List<double>(); var q = new List<double>();
        for (int k = 0; k < target.FrequenciesHz.Count; k++)
        {
            double f = target.FrequenciesHz[k];
            if (f < lowHz || f > highHz || f < frequenciesHz[0] || f > frequenciesHz[^1]) continue;
            int j = 1;
            while (j < frequenciesHz.Count - 1 && frequenciesHz[j] < f) j++;
            double f0 = frequenciesHz[j - 1], f1 = frequenciesHz[j], w = f1 > f0 ? (f - f0) / (f1 - f0) : 0;
            p.Add(power[j - 1] + w * (power[j] - power[j - 1]));
            q.Add(target.Power[k]);
        }
        if (p.Count < 2)
            throw new FwbmException($"Spectral distance: only {p.Count} target frequencies lie in the simulated range ({frequenciesHz[0]:G4}…{frequenciesHz[^1]:G4} Hz) and the band [{lowHz:G4}, {highHz:G4}] Hz; expected at least 2.");
        double sp = p.Sum(), sq = q.Sum();
        if (!(sp > 0)) throw new FwbmException("Spectral distance: the simulated spectrum has no power at the target frequencies.");
        if (!(sq > 0)) throw new FwbmException("Spectral distance: the target spectrum has no power in the band.");
        double d = 0;
        for (int k = 0; k < p.Count; k++) d += Math.Abs(p[k] / sp - q[k] / sq);
        return 0.5 * d;
    }

    public SweepMeasure Bind(MeasureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var target = settings.Spectrum ?? throw new FwbmException($"Measure '{Info.Name}' needs a target spectrum (MeasureSettings.Spectrum: frequencies in Hz and power).");
        string output = settings.Output
            ?? throw new FwbmException($"Measure '{Info.Name}' needs the recorded signal to analyse (MeasureSettings.Output, e.g. \"tavg:x\", \"raw:x\" or \"bold\").");
        var (welch, low, high) = (settings.Welch, settings.LowHz, settings.HighHz);
        return new SweepMeasure(settings.Column ?? Info.Name, c =>
        {
            var s = PowerSpectrum.Welch(c.Result.Get(output), welch);
            return Compute(s.Frequencies, s.Mean(), target, low, high);
        }) { Goal = Info.GoalWith(settings.Target) };
    }
}
