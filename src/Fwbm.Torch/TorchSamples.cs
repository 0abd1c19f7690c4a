using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>What a stretch of steps recorded: BOLD samples [samples, batch, regions] and raw state samples per variable.</summary>
public sealed class TorchSamples : IDisposable
{
    internal TorchSamples(Tensor? bold, IReadOnlyDictionary<string, Tensor> raw) { Bold = bold; Raw = raw; }
    /// <summary>BOLD [samples, batch, regions] (null when no sample fell in the stretch or no BOLD monitor was requested).</summary>
    public Tensor? Bold { get; }
    /// <summary>Raw monitor samples by key "raw:&lt;variable&gt;", each [samples, batch, regions].</summary>
    public IReadOnlyDictionary<string, Tensor> Raw { get; }
    public void Dispose() { Bold?.Dispose(); foreach (var t in Raw.Values) t.Dispose(); }
}
