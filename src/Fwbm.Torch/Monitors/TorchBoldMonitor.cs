using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>BOLD sampled every TR from the simulator's Balloon–Windkessel state (integrated on the step of
/// <see cref="Fwbm.Core.Simulation.BoldMonitorSpec.EngineStepsPerHemodynamicStep"/>, as the CPU <c>BoldMonitor</c>). Output
/// <c>bold</c> [samples, batch, regions].</summary>
internal sealed class TorchBoldMonitor(long trSteps) : ITorchMonitor
{
    public string Key => "bold";
    public bool NeedsBold => true;
    public Tensor[] Init(int batch, int regions, TorchPlacement placement) => [];

    public Tensor[] Step(TorchMonitorView view, Tensor[] carried, List<Tensor> samples)
    {
        if (view.K > 0 && view.K % trSteps == 0) samples.Add(view.BoldSignal.alias().MoveToOuterDisposeScope());
        return carried;
    }

    public void Collect(long recordedSteps, Tensor[] carried, List<Tensor> samples, IDictionary<string, Tensor> outputs)
    {
        if (samples.Count == 0) return;
        outputs[Key] = torch.stack(samples);
        foreach (var t in samples) t.Dispose();
    }
}
