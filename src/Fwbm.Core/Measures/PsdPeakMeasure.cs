using Fwbm.Core.Analysis;
using Fwbm.Core.Exploration;

namespace Fwbm.Core.Measures;

/// <summary>psd_peak: the frequency of the largest value of the region-averaged Welch PSD (target value given by the user).</summary>
public sealed class PsdPeakMeasure : IMeasure
{
    public static MeasureDefinition Info { get; } = new("psd_peak", MeasureGoal.TargetToBeGiven, "Hz",
        "Frequency of the peak of the region-averaged Welch power spectrum of a recorded signal (above 0 Hz, within the band).",
        MeasureNeeds.RawState | MeasureNeeds.TargetValue,
        "A target value: the frequency the user wants (e.g. alpha at 10 Hz); without one the measure is descriptive.")
    {
        Settings =
        [
            "Target: the wanted peak frequency in Hz",
            "Output: the recorded signal (required; e.g. \"tavg:x\", \"raw:x\", \"bold\")",
            "Welch: segment length and overlap (resolution Δf = 1 / segment duration)",
            "LowHz, HighHz: the band searched (default: above 0 Hz up to Nyquist)",
        ],
    };

    public MeasureDefinition Definition => Info;

    /// <summary>Peak frequency (Hz) of the region-mean Welch PSD of <paramref name="signal"/> within [lowHz, highHz] (0 Hz itself excluded).</summary>
    public static double Compute(TimeSeries signal, WelchOptions? welch = null, double lowHz = 0, double highHz = double.PositiveInfinity) =>
        PowerSpectrum.Welch(signal, welch).PeakFrequency(null, lowHz > 0 ? lowHz : double.Epsilon, highHz);

    public SweepMeasure Bind(MeasureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!(settings.HighHz > settings.LowHz) || settings.LowHz < 0)
            throw new FwbmException($"Measure '{Info.Name}': band [{settings.LowHz}, {settings.HighHz}] Hz; expected 0 ≤ low < high.");
        string output = settings.Output
            ?? throw new FwbmException($"Measure '{Info.Name}' needs the recorded signal to analyse (MeasureSettings.Output, e.g. \"tavg:x\", \"raw:x\" or \"bold\").");
        var (welch, low, high) = (settings.Welch, settings.LowHz, settings.HighHz);
        return new SweepMeasure(settings.Column ?? Info.Name, c => Compute(c.Result.Get(output), welch, low, high)) { Goal = Info.GoalWith(settings.Target) };
    }
}
