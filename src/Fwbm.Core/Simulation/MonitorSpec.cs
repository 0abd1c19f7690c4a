using Fwbm.Core.Models;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>What to record during a simulation: a declarative spec that creates a fresh <see cref="IMonitor"/> per run block.</summary>
public abstract record MonitorSpec
{
    /// <summary>Output name prefix in <see cref="SimulationResult.Outputs"/>.</summary>
    public abstract string Key { get; }
    /// <summary>Create the stateful monitor for one block of lanes.</summary>
    public abstract IMonitor Create();
}

/// <summary>State variables and observables (by name, see <see cref="ModelSpec.Observables"/>) subsampled every <paramref name="PeriodMs"/> (all state variables when none are named).</summary>
public sealed record RawMonitorSpec(double PeriodMs, IReadOnlyList<string>? Variables = null) : MonitorSpec
{
    public override string Key => "raw";
    public override IMonitor Create() => new SubsampleMonitor(this, PeriodMs, Variables, average: false);
}

/// <summary>State variables and observables (by name) averaged over consecutive windows of <paramref name="PeriodMs"/> (all state variables when none are named).</summary>
public sealed record TemporalAverageMonitorSpec(double PeriodMs, IReadOnlyList<string>? Variables = null) : MonitorSpec
{
    public override string Key => "tavg";
    public override IMonitor Create() => new SubsampleMonitor(this, PeriodMs, Variables, average: true);
}
