using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Analysis.Comparison;

/// <summary>
/// Runs an intact and an edited connectome with the same model, options and seed, so that their difference is the edit's alone:
/// the edited run's noise keys follow the labels (<see cref="RegionMatch.NoiseKeys"/>), so every region both keep receives the same
/// noise and random initial state in both runs; a given initial state is matched by label too.
/// </summary>
public static class BeforeAfter
{
    /// <summary>Simulate both connectomes. <paramref name="parameters"/> builds each run's parameters from its connectome (so
    /// per-region values are resolved for each region set).</summary>
    public static (SimulationResult Intact, SimulationResult Edited) Run(ModelHandle model, Connectome intact, Connectome edited,
        SimulationOptions options, Func<Connectome, ParameterSet> parameters, ulong seed, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model); ArgumentNullException.ThrowIfNull(intact); ArgumentNullException.ThrowIfNull(edited);
        ArgumentNullException.ThrowIfNull(options); ArgumentNullException.ThrowIfNull(parameters);
        var intactSim = new Simulator(model, intact, options);
        var intactRun = intactSim.Run(parameters(intact), seed, null, cancellation);
        var editedSim = new Simulator(model, edited, EditedOptions(model.Spec, intact, edited, options));
        var editedRun = editedSim.Run(parameters(edited), seed, null, cancellation);
        return (intactRun, editedRun);
    }

    /// <summary>Run both and compare them (<see cref="SurgeryComparison.Compute"/>).</summary>
    public static SurgeryComparison Compare(ModelHandle model, Connectome intact, Connectome edited, SimulationOptions options,
        Func<Connectome, ParameterSet> parameters, ulong seed, ComparisonOptions? comparison = null, IReadOnlyList<string>? edits = null,
        CancellationToken cancellation = default)
    {
        var (a, b) = Run(model, intact, edited, options, parameters, seed, cancellation);
        return SurgeryComparison.Compute(intact, a, edited, b, comparison, edits);
    }

    /// <summary>The options of the edited run: noise keys by label, and a given initial state picked by label.</summary>
    public static SimulationOptions EditedOptions(ModelSpec model, Connectome intact, Connectome edited, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model); ArgumentNullException.ThrowIfNull(intact); ArgumentNullException.ThrowIfNull(edited);
        ArgumentNullException.ThrowIfNull(options);
        var o = options with { NoiseRegionKeys = RegionMatch.NoiseKeys(intact, edited, options.NoiseRegionKeys) };
        if (options.InitialState is { } state && !intact.Labels.SequenceEqual(edited.Labels))
        {
            int nv = model.StateVariables.Count, ni = intact.Count, ne = edited.Count;
            if (state.Count != nv * ni)
                throw new FwbmException($"Before/after: the initial state has {state.Count} values; expected {nv} variables × {ni} regions of the intact connectome.");
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < ni; i++) index[intact.Labels[i]] = i;
            var s = new double[nv * ne];
            for (int v = 0; v < nv; v++)
                for (int r = 0; r < ne; r++)
                    s[v * ne + r] = index.TryGetValue(edited.Labels[r], out int i) ? state[v * ni + i]
                        : throw new FwbmException($"Before/after: the edited region '{edited.Labels[r]}' is not in the intact connectome, so the given initial state has no value for it.");
            o = o with { InitialState = s };
        }
        return o;
    }
}
