using Fwbm.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>
/// Online functional connectivity on tensors (the Core <c>OnlineFcMonitor</c> of an <see cref="Fwbm.Core.Simulation.OnlineFcMonitorSpec"/>):
/// every sample of the signal (BOLD every TR, or a state variable / observable sampled or averaged every period) is added to running
/// sums per batch member — Σ d and Σ d dᵀ of d = x − x₁ (shifted by the first sample, which keeps the sums free of cancellation) —
/// and the FC is formed from them at the end, so memory is [batch, regions, regions] whatever the duration and gradients flow to
/// every parameter through the sums. Output <c>fc:&lt;signal&gt;</c> [batch, regions, regions] (a region of zero variance gets
/// correlation 0 with the others, as <see cref="TorchFc.Pearson"/>); no output before the second sample.
/// </summary>
/// <remarks>Carried tensors: [window sum (averaged signal only),] shift [B, R], Σ d [B, R], Σ d dᵀ [B, R, R].</remarks>
internal sealed class TorchOnlineFcMonitor(string key, Func<TorchMonitorView, Tensor>? source, long period, bool average) : ITorchMonitor
{
    public string Key => key;
    /// <summary>With no source the signal is BOLD, sampled every <c>period</c> (the TR in steps).</summary>
    public bool NeedsBold => source is null;
    private int Off => average ? 1 : 0;

    public Tensor[] Init(int batch, int regions, TorchPlacement placement)
    {
        Tensor Z(params long[] shape) => torch.zeros(shape, dtype: placement.DType, device: placement.Device);
        return average ? [Z(batch, regions), Z(batch, regions), Z(batch, regions), Z(batch, regions, regions)]
            : [Z(batch, regions), Z(batch, regions), Z(batch, regions, regions)];
    }

    public Tensor[] Step(TorchMonitorView view, Tensor[] carried, List<Tensor> samples)
    {
        long k = view.K;
        if (k <= 0) return carried;
        var next = (Tensor[])carried.Clone();
        Tensor x;
        if (average)
        {
            next[0] = SafeOps.Add(carried[0], source!(view));
            if (k % period != 0) return next;
            x = SafeOps.Mul(next[0], 1.0 / period);
            next[0] = torch.zeros_like(next[0]);
        }
        else
        {
            if (k % period != 0) return carried;
            x = source is null ? view.BoldSignal : source(view);
        }
        int o = Off;
        if (k / period == 1) { next[o] = x.alias(); return next; }   // the first sample: the shift (d = 0 adds nothing)
        var d = SafeOps.Sub(x, carried[o]);
        next[o + 1] = SafeOps.Add(carried[o + 1], d);
        next[o + 2] = SafeOps.Add(carried[o + 2], d.unsqueeze(2).matmul(d.unsqueeze(1)));
        return next;
    }

    public void Collect(long recordedSteps, Tensor[] carried, List<Tensor> samples, IDictionary<string, Tensor> outputs)
    {
        long n = recordedSteps / period;
        if (n < 2) return;
        using var scope = torch.NewDisposeScope();
        int o = Off;
        var mean = SafeOps.Mul(carried[o + 1], 1.0 / n);                                             // [B, R]
        var cov = SafeOps.Sub(carried[o + 2], SafeOps.Mul(mean.unsqueeze(2) * mean.unsqueeze(1), (double)n));   // n · covariance
        var ss = cov.diagonal(0, 1, 2);
        var sd = SafeOps.ClampMin(ss, 1e-300).sqrt();
        var corr = cov / (sd.unsqueeze(2) * sd.unsqueeze(1));
        var pos = SafeOps.Gt(ss, 0);
        corr = torch.where(pos.unsqueeze(2).logical_and(pos.unsqueeze(1)), corr, torch.zeros_like(corr));
        long R = corr.shape[^1];
        var eye = torch.eye(R, dtype: ScalarType.Bool, device: corr.device);
        outputs[key] = torch.where(eye, torch.ones_like(corr), corr).MoveToOuterDisposeScope();
    }
}
