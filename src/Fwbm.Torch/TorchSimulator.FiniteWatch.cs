using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

public sealed partial class TorchSimulator
{
    /// <summary>
    /// On-device record of the first step at which each value (state variables, then Balloon s, f, v, q; [NV + 4, batch, regions])
    /// became non-finite (or, for f, v, q, ≤ 0), with that value and the BOLD drive of that step: filled every step without waiting for
    /// the device, read once per <see cref="FiniteCheckInterval"/> steps.
    /// </summary>
    private sealed class FiniteWatch : IDisposable
    {
        private readonly int _nv;
        public Tensor FirstStep { get; }
        public Tensor Value { get; }
        public Tensor Drive { get; }

        public FiniteWatch(int nv, int batch, int regions, TorchPlacement pl)
        {
            _nv = nv;
            using var never = long.MaxValue.ToScalar();
            FirstStep = torch.full([nv + 4, batch, regions], never, dtype: ScalarType.Int64, device: pl.Device).DetachFromDisposeScope();
            Value = torch.zeros([nv + 4, batch, regions], dtype: pl.DType, device: pl.Device).DetachFromDisposeScope();
            Drive = torch.zeros([batch, regions], dtype: pl.DType, device: pl.Device).DetachFromDisposeScope();
        }

        public void Record(Tensor[] x, Tensor[]? balloon, Tensor? drive, long step)
        {
            using var _ = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            var vals = torch.stack(balloon is null ? x : x.Concat(balloon).ToArray());
            var ok = vals.isfinite();
            if (balloon is not null)
                ok = torch.cat([ok.narrow(0, 0, _nv + 1), ok.narrow(0, _nv + 1, 3).logical_and(SafeOps.Gt(vals.narrow(0, _nv + 1, 3), 0))]);
            long k = vals.shape[0];
            var firstView = FirstStep.narrow(0, 0, k);
            using var never = long.MaxValue.ToScalar();
            var fresh = ok.logical_not().logical_and(firstView.eq(never));
            // the drive is kept from the step at which the lane's hemodynamics first went bad (not a later step's)
            var laneClean = balloon is null ? null : FirstStep.narrow(0, _nv, 4).eq(never).all(0);
            using var s = step.ToScalar();
            firstView.masked_fill_(fresh, s);
            var valueView = Value.narrow(0, 0, k);
            valueView.copy_(torch.where(fresh, vals, valueView));
            if (laneClean is not null && drive is not null)
                Drive.copy_(torch.where(fresh.narrow(0, _nv, 4).any(0).logical_and(laneClean), drive.expand_as(Drive), Drive));
        }

        public void Dispose() { FirstStep.Dispose(); Value.Dispose(); Drive.Dispose(); }
    }
}
