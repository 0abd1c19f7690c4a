using Fwbm.Core.Connectivity;
using Fwbm.Core.Persistence;
using Fwbm.Torch.Persistence;

namespace Fwbm.Torch.Fitting;

/// <summary>Save and load of a <see cref="FitResult"/> (HDF5, kind "fit"; see docs/saving-results.md).</summary>
public sealed partial class FitResult
{
    /// <summary>The connectome the fit ran on, when known (set by <see cref="Load"/>, or given to <see cref="Save(string, Connectome?)"/>).</summary>
    public Connectome? Connectome { get; init; }
    /// <summary>The file this result was loaded from, or null.</summary>
    public string? SourceFile { get; init; }

    /// <summary>Write the options, initial/fitted/best parameters, history, before/after evaluations, target FC and (when given or
    /// known) the connectome to one HDF5 file, atomically; a folder path writes result.h5 inside it.</summary>
    public void Save(string path, Connectome? connectome = null) => ResultFile.Write(path, ResultKind.Fit, root => FitResultH5.Write(root, this, connectome));

    /// <summary>Load a fit saved by <see cref="Save"/> (or an fwbm fit --out folder). Needs no Torch runtime.</summary>
    public static FitResult Load(string path) => ResultFile.Read(path, ResultKind.Fit, (_, root) => FitResultH5.Read(root));
}
