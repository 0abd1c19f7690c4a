using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>
/// A monitor of the Torch simulator: the tensor counterpart of a Core <see cref="Fwbm.Core.Simulation.IMonitor"/>, built from the same
/// Core <see cref="Fwbm.Core.Simulation.MonitorSpec"/> (<see cref="TorchMonitors.For"/>). The monitor itself holds only its
/// configuration; what it carries from step to step (window sums, running FC sums) lives in the <see cref="TorchState"/> as tensors
/// (so a run can be advanced in stretches, detached for truncated backpropagation, and differentiated), and what it samples during one
/// <see cref="TorchSimulator.Advance"/> call goes to a list that call owns.
/// </summary>
internal interface ITorchMonitor
{
    /// <summary>Output key, as the CPU monitor's (<c>bold</c>, <c>raw:&lt;variable&gt;</c>, <c>tavg:&lt;variable&gt;</c>, <c>fc:&lt;signal&gt;</c>).</summary>
    string Key { get; }
    /// <summary>The BOLD signal (the simulator's Balloon–Windkessel state) is read.</summary>
    bool NeedsBold { get; }
    /// <summary>The carried tensors at step 0 for a batch of <paramref name="batch"/> (may be empty).</summary>
    Tensor[] Init(int batch, int regions, TorchPlacement placement);
    /// <summary>After an integration step: returns the carried tensors (the same array when nothing changed) and appends samples.</summary>
    Tensor[] Step(TorchMonitorView view, Tensor[] carried, List<Tensor> samples);
    /// <summary>At the end of an <see cref="TorchSimulator.Advance"/> call: the outputs of that stretch (its samples stacked over time,
    /// or for online FC the FC of every sample so far) by key; takes ownership of <paramref name="samples"/>.</summary>
    void Collect(long recordedSteps, Tensor[] carried, List<Tensor> samples, IDictionary<string, Tensor> outputs);
}

/// <summary>What a Torch monitor sees after a step: the new state, lazily its observables and its BOLD signal.</summary>
internal sealed class TorchMonitorView(long recordedStep, Tensor[] x, Func<Tensor[]> observables, Func<Tensor> boldSignal)
{
    private Tensor[]? _obs;
    private Tensor? _bold;
    /// <summary>Steps since the end of the transient of the state just computed (≤ 0 during the transient).</summary>
    public long K { get; } = recordedStep;
    /// <summary>State variables [batch, regions].</summary>
    public Tensor[] X { get; } = x;
    /// <summary>The model's observables [batch, regions] with the coupling input of this state (as the CPU engine computes them).</summary>
    public Tensor[] Observables => _obs ??= observables();
    /// <summary>The BOLD signal of the current hemodynamic state [batch, regions].</summary>
    public Tensor BoldSignal => _bold ??= boldSignal();
}
