using Fwbm.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>
/// Raw (subsampled) or temporal-average state variables and observables on tensors: the Core <c>SubsampleMonitor</c> of a
/// <see cref="Fwbm.Core.Simulation.RawMonitorSpec"/> or <see cref="Fwbm.Core.Simulation.TemporalAverageMonitorSpec"/>. The average adds
/// each step's value to a window sum in the same order as the CPU monitor and multiplies by 1/period, so float64 agrees to rounding.
/// Outputs <c>&lt;key&gt;:&lt;name&gt;</c>, each [samples, batch, regions].
/// </summary>
internal sealed class TorchSubsampleMonitor(string key, ModelSpec model, IReadOnlyList<(bool Observable, int Index)> recorded, long period, bool average) : ITorchMonitor
{
    public string Key => key;
    public bool NeedsBold => false;

    public Tensor[] Init(int batch, int regions, TorchPlacement placement) =>
        average ? recorded.Select(_ => torch.zeros(batch, regions, dtype: placement.DType, device: placement.Device)).ToArray() : [];

    private Tensor Source(TorchMonitorView view, int a) => recorded[a].Observable ? view.Observables[recorded[a].Index] : view.X[recorded[a].Index];

    public Tensor[] Step(TorchMonitorView view, Tensor[] carried, List<Tensor> samples)
    {
        long k = view.K;
        if (k <= 0) return carried;
        if (!average)
        {
            if (k % period == 0)
                for (int a = 0; a < recorded.Count; a++) samples.Add(Source(view, a).alias().MoveToOuterDisposeScope());
            return carried;
        }
        var sums = new Tensor[recorded.Count];
        for (int a = 0; a < sums.Length; a++) sums[a] = SafeOps.Add(carried[a], Source(view, a));
        if (k % period != 0) return sums;
        double inv = 1.0 / period;
        for (int a = 0; a < sums.Length; a++)
        {
            samples.Add(SafeOps.Mul(sums[a], inv).MoveToOuterDisposeScope());
            sums[a] = torch.zeros_like(sums[a]);
        }
        return sums;
    }

    public void Collect(long recordedSteps, Tensor[] carried, List<Tensor> samples, IDictionary<string, Tensor> outputs)
    {
        int n = recorded.Count;
        for (int a = 0; a < n && samples.Count > 0; a++)
        {
            var rows = new List<Tensor>();
            for (int t = a; t < samples.Count; t += n) rows.Add(samples[t]);
            var name = recorded[a].Observable ? model.Observables[recorded[a].Index].Name : model.StateVariables[recorded[a].Index].Name;
            outputs[$"{key}:{name}"] = torch.stack(rows);
        }
        foreach (var t in samples) t.Dispose();
    }
}
