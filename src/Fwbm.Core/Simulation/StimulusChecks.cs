using System.Globalization;
using Fwbm.Core.Connectivity;

namespace Fwbm.Core.Simulation;

/// <summary>
/// The checks of the built-in stimuli: each value when the stimulus is built (a negative width, a NaN amplitude, a negative
/// region index), and the region indices against the connectome when the stimulus meets it (<see cref="Simulator"/>).
/// </summary>
public static class StimulusChecks
{
    internal static string Variable(string stimulus, string? v) => !string.IsNullOrWhiteSpace(v) ? v
        : throw new FwbmException($"{stimulus}: Variable is empty; expected the name of a state variable of the model (see `fwbm models <model>`).");

    internal static IReadOnlyList<int> Regions(string stimulus, IReadOnlyList<int>? regions)
    {
        if (regions is null || regions.Count == 0)
            throw new FwbmException($"{stimulus}: Regions is empty; expected at least one region index (0-based, as in connectome.Labels).");
        foreach (var r in regions)
            if (r < 0) throw new FwbmException($"{stimulus}: region {r} is negative; expected region indices ≥ 0 (0-based, as in connectome.Labels).");
        return regions.ToArray();
    }

    internal static double Finite(string stimulus, string name, double v) => double.IsFinite(v) ? v
        : throw new FwbmException($"{stimulus}: {name} = {F(v)}; expected a finite number.");

    internal static double Positive(string stimulus, string name, double v) => v > 0 && double.IsFinite(v) ? v
        : throw new FwbmException($"{stimulus}: {name} = {F(v)} ms; expected a positive, finite duration.");

    /// <summary>
    /// Check that every region the stimulus names exists in <paramref name="connectome"/>: an error names the stimulus, the
    /// region, the valid range and the label of the nearest valid region.
    /// </summary>
    public static void CheckRegions(IStimulus stimulus, Connectome connectome)
    {
        ArgumentNullException.ThrowIfNull(stimulus);
        ArgumentNullException.ThrowIfNull(connectome);
        int n = connectome.Count;
        foreach (var r in stimulus.Regions)
        {
            if (r >= 0 && r < n) continue;
            int nearest = r < 0 ? 0 : n - 1;
            throw new FwbmException($"{stimulus.GetType().Name} on '{stimulus.Variable}': region {r} does not exist; connectome '{connectome.Name}' has " +
                $"{n} regions, indices 0–{n - 1} ('{connectome.Labels[0]}' … '{connectome.Labels[n - 1]}'); the nearest is {nearest} ('{connectome.Labels[nearest]}'). " +
                "connectome.IndexOf(\"<label>\") gives a region's index.");
        }
    }

    internal static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
