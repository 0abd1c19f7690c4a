using Fwbm.Core.Analysis;

namespace Fwbm.Core.Measures;

/// <summary>
/// What a measure is bound with: targets and analysis options. Each measure reads only the settings it lists in
/// <see cref="MeasureDefinition.Settings"/>; the others are ignored.
/// </summary>
public sealed record MeasureSettings
{
    /// <summary>The sweep column's name (default: the measure's name).</summary>
    public string? Column { get; init; }
    /// <summary>The target value (e.g. the PSD peak in Hz); turns a target or descriptive measure into a ranked one.</summary>
    public double? Target { get; init; }
    /// <summary>The empirical FC (row-major n×n) to compare with; default: the connectome's empirical FC.</summary>
    public double[]? TargetFc { get; init; }
    /// <summary>Empirical BOLD time series (e.g. one per subject); their FCDs are computed once, with <see cref="FcdWindows"/>.</summary>
    public IReadOnlyList<TimeSeries>? EmpiricalBold { get; init; }
    /// <summary>Empirical FCDs computed elsewhere (their windows should match <see cref="FcdWindows"/>).</summary>
    public IReadOnlyList<FcdResult>? EmpiricalFcd { get; init; }
    /// <summary>FCD windows (default 60 s every 2 s).</summary>
    public FcdWindows? FcdWindows { get; init; }
    /// <summary>The recorded output a signal measure reads, e.g. "bold", "tavg:x", "raw:theta" (each measure states its default).</summary>
    public string? Output { get; init; }
    /// <summary>Welch options of the spectral measures (default: 256-sample segments, half overlapping).</summary>
    public WelchOptions? Welch { get; init; }
    /// <summary>Lowest frequency (Hz) of the spectral measures' band (default 0; psd_peak skips 0 Hz itself).</summary>
    public double LowHz { get; init; }
    /// <summary>Highest frequency (Hz) of the spectral measures' band (default: Nyquist).</summary>
    public double HighHz { get; init; } = double.PositiveInfinity;
    /// <summary>The target spectrum of spectral_distance.</summary>
    public SpectrumTarget? Spectrum { get; init; }
}
