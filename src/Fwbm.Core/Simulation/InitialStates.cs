using Fwbm.Core.Models;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>Builds <see cref="SimulationOptions.InitialState"/> ([variable][region]) from per-variable values.</summary>
public static class InitialStates
{
    /// <summary>One value per state variable, the same in every region; every state variable must be named (an error lists the missing ones).</summary>
    public static double[] Uniform(ModelSpec model, int regions, IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(values);
        var perRegion = values.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)Enumerable.Repeat(kv.Value, regions).ToArray());
        return PerRegion(model, regions, perRegion);
    }

    /// <summary>One value per state variable and region (each list has one entry per region); every state variable must be named.</summary>
    public static double[] PerRegion(ModelSpec model, int regions, IReadOnlyDictionary<string, IReadOnlyList<double>> values)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(values);
        var init = new double[model.StateCount * regions];
        var seen = new bool[model.StateCount];
        foreach (var (name, v) in values)
        {
            int k = model.StateIndexOf(name);
            if (seen[k]) throw new FwbmException($"Initial state: '{model.StateVariables[k].Name}' is given twice.");
            seen[k] = true;
            if (v.Count != regions) throw new FwbmException($"Initial state: '{name}' has {v.Count} values; expected one per region ({regions}).");
            for (int r = 0; r < regions; r++)
            {
                if (!double.IsFinite(v[r])) throw new FwbmException($"Initial state: '{name}' of region {r} is not finite.");
                init[k * regions + r] = v[r];
            }
        }
        var missing = model.StateVariables.Where((_, k) => !seen[k]).Select(s => s.Name).ToArray();
        if (missing.Length > 0)
            throw new FwbmException($"Initial state: no value for {string.Join(", ", missing)}; expected a value for every state variable of '{model.Name}' ({string.Join(", ", model.StateVariables.Select(s => s.Name))}).");
        return init;
    }
}
