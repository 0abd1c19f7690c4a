using Fwbm.Core.Persistence;

namespace Fwbm.Core.Simulation;

/// <summary>Save and load of a <see cref="SimulationResult"/> (HDF5, kind "simulation"; see docs/saving-results.md).</summary>
public sealed partial class SimulationResult
{
    /// <summary>The simulation (model, connectome, options) that produced this result: set by <see cref="Simulator"/> and by
    /// <see cref="Load"/>; null for a result built by hand.</summary>
    public Simulator? Simulation { get; init; }
    /// <summary>The connectome of <see cref="Simulation"/>, or null.</summary>
    public Connectivity.Connectome? Connectome => Simulation?.Connectome;
    /// <summary>The options of <see cref="Simulation"/>, or null.</summary>
    public SimulationOptions? Options => Simulation?.Options;
    /// <summary>The warnings stored in the file this result was loaded from (empty otherwise).</summary>
    public IReadOnlyList<string> SavedWarnings { get; init; } = [];
    /// <summary>What a loaded file held that could not be restored (e.g. a custom stimulus type); empty otherwise.</summary>
    public IReadOnlyList<string> LoadNotes { get; init; } = [];
    /// <summary>The file this result was loaded from, or null.</summary>
    public string? SourceFile { get; init; }

    /// <summary>Write this result, its parameters, seed, options, connectome (data and provenance), outputs and warnings to one HDF5
    /// file (atomically). A folder path writes <c>result.h5</c> inside it.</summary>
    public void Save(string path) => Save(path, Simulation ?? throw new FwbmException(
        "SimulationResult.Save: this result has no simulation (it was not produced by a Simulator); use Save(path, simulator) to say which connectome and options it came from."));

    /// <summary>Write this result with the simulation (model, connectome, options) it came from.</summary>
    public void Save(string path, Simulator simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ResultFile.Write(path, ResultKind.Simulation, root => SimulationResultH5.Write(root, this, simulation));
    }

    /// <summary>Load a result saved by <see cref="Save(string)"/> (or an fwbm simulate --out folder); <see cref="Simulation"/> is
    /// rebuilt from the file's model, connectome and options.</summary>
    public static SimulationResult Load(string path) => ResultFile.Read(path, ResultKind.Simulation, (_, root) => SimulationResultH5.Read(root));
}
