using Fwbm.Core.Simulation;

namespace Fwbm.Core.Guardrails;

/// <summary>
/// Records what the activity checks (<see cref="PinnedActivity"/>, <see cref="ConstantActivity"/>) need when a run records no states:
/// a temporal average of every state variable over each BOLD TR (outputs <c>tavg:&lt;var&gt;</c>; a few values per region and TR, so
/// the cost is small). Options that already record raw states or temporal averages are returned unchanged.
/// </summary>
public static class ActivityProbe
{
    public static SimulationOptions Add(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Monitors.Any(m => m is RawMonitorSpec or TemporalAverageMonitorSpec)) return options;
        if (options.Monitors.OfType<BoldMonitorSpec>().FirstOrDefault() is not { } bold) return options;
        return options with { Monitors = [.. options.Monitors, new TemporalAverageMonitorSpec(bold.TrMs)] };
    }
}
