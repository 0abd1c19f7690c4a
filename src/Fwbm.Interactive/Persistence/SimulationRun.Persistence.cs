using Fwbm.Core;
using Fwbm.Core.Simulation;

namespace Fwbm.Interactive;

/// <summary>Save and load of a <see cref="SimulationRun"/>: the same file as <see cref="SimulationResult.Save(string)"/> (kind
/// "simulation"), so a run saved here, by <c>#!fwbm-simulate --save</c> or by <c>fwbm simulate --out</c> opens the same way.</summary>
public sealed partial class SimulationRun
{
    /// <summary>Write the run (parameters, seed, options, connectome with provenance, BOLD and every recorded output, warnings) to
    /// one HDF5 file, atomically; a folder path writes result.h5 inside it.</summary>
    public void Save(string path) => Result.Save(path, Simulation);

    /// <summary>Load a run saved by <see cref="Save"/> (or an fwbm simulate --out folder): BOLD, FC and the comparison with the
    /// saved connectome's empirical FC are available again, without the data catalog.</summary>
    public static SimulationRun Load(string path)
    {
        var result = SimulationResult.Load(path);
        return new SimulationRun(result.Simulation ?? throw new FwbmException($"{path}: the file has no connectome and options; expected a saved simulation."), result);
    }
}
