using Fwbm.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>Differentiable functional connectivity and FC similarity (the losses of a fit).</summary>
public static class TorchFc
{
    /// <summary>
    /// Pearson FC of a signal [time, batch, regions] → [batch, regions, regions]. A region with zero variance gets correlation 0
    /// with the others (as the Core FC) instead of NaN.
    /// </summary>
    public static Tensor Pearson(Tensor signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.dim() != 3) throw new FwbmException($"FC: expected a signal of shape [time, batch, regions], got [{string.Join(", ", signal.shape)}].");
        if (signal.shape[0] < 2) throw new FwbmException($"FC: need at least 2 time points, got {signal.shape[0]}.");
        using var scope = torch.NewDisposeScope();
        var z = SafeOps.Sub(signal, signal.mean([0], keepdim: true));
        var zb = z.permute(1, 2, 0);                          // [B, R, T]
        var cov = zb.matmul(zb.transpose(1, 2));              // [B, R, R]
        var ss = cov.diagonal(0, 1, 2);                       // [B, R]
        var sd = SafeOps.ClampMin(ss, 1e-30).sqrt();
        var corr = cov / (sd.unsqueeze(2) * sd.unsqueeze(1));
        // only an exactly constant region (ss = 0) gets correlation 0; a NaN signal stays NaN (it must not be masked as "constant")
        var pos = SafeOps.Ne(ss, 0);
        var mask = pos.unsqueeze(2).logical_and(pos.unsqueeze(1));
        corr = torch.where(mask, corr, torch.zeros_like(corr));
        long R = signal.shape[2];
        var eye = torch.eye(R, dtype: corr.dtype, device: corr.device).to(ScalarType.Bool);
        corr = torch.where(eye, torch.ones_like(corr), corr);
        return corr.MoveToOuterDisposeScope();
    }

    /// <summary>Indices of the strict upper triangle of an R×R matrix in row-major order.</summary>
    public static Tensor UpperIndices(long regions, Device device)
    {
        var idx = new List<long>();
        for (long i = 0; i < regions; i++) for (long j = i + 1; j < regions; j++) idx.Add(i * regions + j);
        return torch.tensor(idx.ToArray(), dtype: ScalarType.Int64, device: device);
    }

    /// <summary>
    /// FC similarity: Pearson correlation of the upper triangles of <paramref name="fc"/> [batch, R, R] (or [R, R]) and
    /// <paramref name="target"/> [R, R] (or [batch, R, R]); one value per batch member. This is the Core's
    /// <c>FcSimilarity.Compute</c>, differentiable.
    /// </summary>
    public static Tensor Similarity(Tensor fc, Tensor target)
    {
        using var scope = torch.NewDisposeScope();
        long R = fc.shape[^1];
        if (fc.shape[^2] != R || target.shape[^1] != R || target.shape[^2] != R)
            throw new FwbmException($"FC similarity: expected R×R matrices of the same size, got [{string.Join(", ", fc.shape)}] and [{string.Join(", ", target.shape)}].");
        if (R < 3) throw new FwbmException("FC similarity needs at least 3 regions.");
        var idx = UpperIndices(R, fc.device);
        var a = fc.reshape(-1, R * R).index_select(1, idx);
        var b = target.to(fc.dtype).reshape(-1, R * R).index_select(1, idx);
        a = SafeOps.Sub(a, a.mean([1], keepdim: true));
        b = SafeOps.Sub(b, b.mean([1], keepdim: true));
        var num = (a * b).sum(1);
        // the smallest normal number of the dtype (1e-300 would round to 0 in float32: 0/0 = NaN for a constant FC)
        var den = SafeOps.ClampMin((a * a).sum(1) * (b * b).sum(1), torch.finfo(a.dtype).tiny).sqrt();
        return (num / den).MoveToOuterDisposeScope();
    }

    /// <summary>The FC loss 1 − similarity, averaged over the batch.</summary>
    public static Tensor Loss(Tensor fc, Tensor target)
    {
        using var scope = torch.NewDisposeScope();
        return SafeOps.RSub(1.0, Similarity(fc, target)).mean().MoveToOuterDisposeScope();
    }
}
