using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch.Fitting;

/// <summary>
/// Torch's intra-op threads while a fit runs on the CPU: one for connectomes of fewer than <see cref="SingleThreadBelowRegions"/>
/// regions (restored afterwards). A fit's tensors are [realisations × regions] — a few hundred numbers — so splitting an operation
/// over threads gains nothing, and on a busy machine every operation waits for the slowest thread: measured on the 2-core machine
/// under load, one epoch of the hcp fit (80 regions, 720 steps, 4 realisations) took 344 s with Torch's default threads and 39 s with
/// one (5.2 s of CPU time in all). Results do not depend on it beyond floating-point summation order.
/// </summary>
internal sealed class FitThreads : IDisposable
{
    /// <summary>Connectomes at least this large keep Torch's default threads (their coupling products are large enough to split).</summary>
    public const int SingleThreadBelowRegions = 256;

    private readonly int _previous;
    private readonly bool _changed;

    public FitThreads(TorchPlacement placement, int regions)
    {
        if (placement.Device.type != DeviceType.CPU || regions >= SingleThreadBelowRegions) return;
        _previous = torch.get_num_threads();
        if (_previous == 1) return;
        torch.set_num_threads(1);
        _changed = true;
    }

    public void Dispose()
    {
        if (_changed) torch.set_num_threads(_previous);
    }
}
