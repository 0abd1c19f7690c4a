namespace Fwbm.Core.Measures;

/// <summary>A target power spectrum: increasing frequencies (Hz) and non-negative power at each (any scale: spectral_distance
/// normalises it).</summary>
public sealed record SpectrumTarget
{
    public SpectrumTarget(IReadOnlyList<double> frequenciesHz, IReadOnlyList<double> power)
    {
        ArgumentNullException.ThrowIfNull(frequenciesHz);
        ArgumentNullException.ThrowIfNull(power);
        if (frequenciesHz.Count < 2) throw new FwbmException($"Target spectrum: {frequenciesHz.Count} frequencies; expected at least 2.");
        if (power.Count != frequenciesHz.Count) throw new FwbmException($"Target spectrum: {frequenciesHz.Count} frequencies but {power.Count} power values; expected one power value per frequency.");
        for (int k = 0; k < power.Count; k++)
        {
            if (!double.IsFinite(frequenciesHz[k]) || frequenciesHz[k] < 0) throw new FwbmException($"Target spectrum: frequency {k} is {frequenciesHz[k]}; expected a finite value ≥ 0 Hz.");
            if (k > 0 && !(frequenciesHz[k] > frequenciesHz[k - 1])) throw new FwbmException($"Target spectrum: frequency {k} ({frequenciesHz[k]} Hz) does not increase; expected increasing frequencies.");
            if (!double.IsFinite(power[k]) || power[k] < 0) throw new FwbmException($"Target spectrum: power {k} is {power[k]}; expected a finite value ≥ 0.");
        }
        if (power.Sum() <= 0) throw new FwbmException("Target spectrum: every power value is 0; expected some power.");
        FrequenciesHz = frequenciesHz.ToArray(); Power = power.ToArray();
    }

    public IReadOnlyList<double> FrequenciesHz { get; }
    public IReadOnlyList<double> Power { get; }
}
