using Fwbm.Core.Persistence;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Exploration;

/// <summary>Save and load of a <see cref="SweepResult"/> (HDF5, kind "sweep"; see docs/saving-results.md).</summary>
public sealed partial class SweepResult
{
    /// <summary>The simulation (model, connectome, options) the sweep ran: set by <see cref="Sweep.Run"/> and by <see cref="Load"/>.</summary>
    public Simulator? Simulation { get; init; }
    /// <summary>The sweep's seed, repeats and policies: set by <see cref="Sweep.Run"/> and by <see cref="Load"/>.</summary>
    public SweepOptions? SweepOptions { get; init; }
    /// <summary>The file this result was loaded from, or null.</summary>
    public string? SourceFile { get; init; }

    /// <summary>Write the table (points × measures, seeds, errors), the axes, goals, model, base parameters, options, connectome and any
    /// kept runs to one HDF5 file, atomically; a folder path writes result.h5 inside it.</summary>
    public void Save(string path) => ResultFile.Write(path, ResultKind.Sweep, root => SweepResultH5.Write(root, this));

    /// <summary>Load a sweep saved by <see cref="Save"/> (or an fwbm simulate --sweep --out folder).</summary>
    public static SweepResult Load(string path) => ResultFile.Read(path, ResultKind.Sweep, (_, root) => SweepResultH5.Read(root));
}
