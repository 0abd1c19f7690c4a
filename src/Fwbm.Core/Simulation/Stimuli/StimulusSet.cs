using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;

namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// Every input of a run (<see cref="SimulationOptions.AllStimuli"/>) grouped by target variable, as both engines apply it: per step,
/// group g's inputs are summed per region (in the options' order) and added to the derivative of state variable
/// <see cref="Variables"/>[g]. Built and checked once per <see cref="Simulator"/>; evaluation allocates nothing.
/// </summary>
public sealed class StimulusSet
{
    private readonly IStimulus[] _all;
    private readonly int[] _group;

    private StimulusSet(IStimulus[] all, int[] group, int[] variables) { _all = all; _group = group; Variables = variables; }

    /// <summary>No input.</summary>
    public static StimulusSet None { get; } = new([], [], []);

    /// <summary>The inputs of <paramref name="options"/>, checked: each variable exists in <paramref name="model"/>, each region in <paramref name="connectome"/>.</summary>
    public static StimulusSet Of(SimulationOptions options, ModelSpec model, Connectome connectome)
    {
        ArgumentNullException.ThrowIfNull(options);
        var all = options.AllStimuli.ToArray();
        if (all.Length == 0) return None;
        var variables = new List<int>();
        var group = new int[all.Length];
        for (int k = 0; k < all.Length; k++)
        {
            var s = all[k] ?? throw new FwbmException($"Stimuli[{k}] is null; expected a stimulus.");
            int v = model.StateIndexOf(s.Variable);
            StimulusChecks.CheckRegions(s, connectome);
            if (s is Stimulus st && st.Weights.Count != connectome.Count)
                throw new FwbmException($"Stimulus '{st}' has {st.Weights.Count} weights; connectome '{connectome.Name}' has {connectome.Count} regions (resolve the stimulus on the connectome that is simulated).");
            int g = variables.IndexOf(v);
            if (g < 0) { g = variables.Count; variables.Add(v); }
            group[k] = g;
        }
        return new StimulusSet(all, group, variables.ToArray());
    }

    /// <summary>The stimulated state variable of each group (indices into the model's state variables).</summary>
    public IReadOnlyList<int> Variables { get; }
    /// <summary>The number of stimulated variables.</summary>
    public int Groups => Variables.Count;
    public bool IsEmpty => _all.Length == 0;

    /// <summary>
    /// The input of step <paramref name="step"/> ([step·dt, (step + 1)·dt)) into <paramref name="perGroupRegion"/> (zeroed here;
    /// group g at [g·regions, (g + 1)·regions)).
    /// </summary>
    public void Evaluate(long step, double dtMs, int regions, Span<double> perGroupRegion)
    {
        perGroupRegion.Clear();
        double t = step * dtMs;
        for (int k = 0; k < _all.Length; k++) _all[k].EvaluateStep(step, t, dtMs, perGroupRegion.Slice(_group[k] * regions, regions));
    }
}
