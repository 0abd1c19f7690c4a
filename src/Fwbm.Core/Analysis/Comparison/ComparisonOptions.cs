using Fwbm.Core.Analysis.Graph;

namespace Fwbm.Core.Analysis.Comparison;

/// <summary>Choices behind a <see cref="SurgeryComparison"/>.</summary>
public sealed record ComparisonOptions
{
    /// <summary>The recorded signal compared (FC, phases, spectrum): "bold" (default) or e.g. "tavg:x".</summary>
    public string Signal { get; init; } = "bold";

    /// <summary>Band (Hz) of the Hilbert phases behind synchrony and metastability (default the BOLD band 0.01–0.1 Hz; give the
    /// model's rhythm, e.g. 8–12 Hz, for a fast signal).</summary>
    public double PhaseLowHz { get; init; } = HilbertPhase.BoldLowHz;
    /// <inheritdoc cref="PhaseLowHz"/>
    public double PhaseHighHz { get; init; } = HilbertPhase.BoldHighHz;

    /// <summary>Welch options of the PSD peak (default: 256-sample segments or the whole signal when shorter, half overlapping).</summary>
    public WelchOptions? Welch { get; init; }

    /// <summary>Seed of the Louvain communities of both connectomes (default 0).</summary>
    public int GraphSeed { get; init; }

    /// <summary>How weights become lengths and the modularity's resolution. Its <see cref="GraphOptions.WeightScale"/>, when not set,
    /// becomes the intact connectome's largest weight for BOTH connectomes, so that an edit changes the measures, not their scale.</summary>
    public GraphOptions Graph { get; init; } = new();
}
