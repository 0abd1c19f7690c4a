using Fwbm.Core.Analysis;
using Fwbm.Core.Models;

namespace Fwbm.Core.Simulation;

/// <summary>What a monitor sees after each integration step.</summary>
public readonly ref struct MonitorView
{
    internal MonitorView(long step, double timeMs, ReadOnlySpan<double> state, ReadOnlySpan<double> boldDrive, ReadOnlySpan<double> observables = default)
    { Step = step; TimeMs = timeMs; State = state; BoldDrive = boldDrive; Observables = observables; }
    /// <summary>Index of the state just computed (1 after the first step).</summary>
    public long Step { get; }
    public double TimeMs { get; }
    /// <summary>All state variables, <c>[v * Lanes + lane]</c>.</summary>
    public ReadOnlySpan<double> State { get; }
    /// <summary>The model's BOLD drive per lane (empty unless a monitor asked for it).</summary>
    public ReadOnlySpan<double> BoldDrive { get; }
    /// <summary>The model's observables, <c>[k * Lanes + lane]</c> in the order of <see cref="ModelSpec.Observables"/> (empty unless a monitor asked for them).</summary>
    public ReadOnlySpan<double> Observables { get; }
}
