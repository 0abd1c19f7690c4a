namespace Fwbm.Core.Analysis.Graph;

/// <summary>Choices behind <see cref="GraphMeasures"/>.</summary>
public sealed record GraphOptions
{
    /// <summary>How weights become lengths for efficiency and path length (default 1/w, as bctpy).</summary>
    public LengthConversion Conversion { get; init; } = LengthConversion.Inverse;

    /// <summary>The weights are divided by this before efficiency, path length and clustering (default null: the connectome's own
    /// largest off-diagonal weight, so weights lie in [0, 1] as bctpy's efficiency_wei and clustering_coef_wu expect). A comparison
    /// passes the intact connectome's maximum for both connectomes, so that an edit changes the measures, not the scale.</summary>
    public double? WeightScale { get; init; }

    /// <summary>Resolution γ of the modularity (default 1: Newman's Q).</summary>
    public double Resolution { get; init; } = 1.0;
}
