using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>
/// The state of a batch of Torch simulations between steps: model state, coupling history, hemodynamics, step counter.
/// Owns its tensors (dispose it). <see cref="Detach"/> cuts the autograd graph (truncated backpropagation through time).
/// </summary>
public sealed class TorchState : IDisposable
{
    internal TorchState(Tensor[] x, Tensor[] history, Tensor[] balloon, Tensor? driveSum, int driveCount, long step, ulong[] seeds, ulong[][] keys)
    {
        X = x; History = history; Balloon = balloon; DriveSum = driveSum; DriveCount = driveCount; Step = step; Seeds = seeds; Keys = keys;
    }

    /// <summary>State variables, one [batch, regions] tensor each.</summary>
    public Tensor[] X { get; internal set; }
    /// <summary>Per coupling channel: the current output [batch, regions] (no delays) or the history [(maxDelay + 1) · regions, batch], time-major, newest step first.</summary>
    internal Tensor[] History { get; set; }
    /// <summary>Balloon–Windkessel s, f, v, q (empty without a BOLD monitor).</summary>
    internal Tensor[] Balloon { get; set; }
    internal Tensor? DriveSum { get; set; }
    internal int DriveCount { get; set; }
    /// <summary>Integration steps done (transient included).</summary>
    public long Step { get; internal set; }
    public IReadOnlyList<ulong> Seeds { get; }
    internal ulong[][] Keys { get; }

    /// <summary>What each monitor carries between steps (window sums, running FC sums), in the simulator's monitor order.</summary>
    internal Tensor[][] Monitors { get; set; } = [];

    internal IEnumerable<Tensor> All() => X.Concat(History).Concat(Balloon).Concat(DriveSum is null ? [] : [DriveSum]).Concat(Monitors.SelectMany(m => m));

    /// <summary>Replace every tensor by a copy detached from the autograd graph (values unchanged).</summary>
    public void Detach()
    {
        X = Swap(X); History = Swap(History); Balloon = Swap(Balloon);
        for (int i = 0; i < Monitors.Length; i++) Monitors[i] = Swap(Monitors[i]);
        if (DriveSum is { } d) { DriveSum = d.detach().DetachFromDisposeScope(); d.Dispose(); }
        static Tensor[] Swap(Tensor[] ts)
        {
            var o = new Tensor[ts.Length];
            for (int i = 0; i < ts.Length; i++) { o[i] = ts[i].detach().DetachFromDisposeScope(); ts[i].Dispose(); }
            return o;
        }
    }

    public void Dispose()
    {
        foreach (var t in All()) t.Dispose();
        X = []; History = []; Balloon = []; DriveSum = null; Monitors = [];
    }
}
