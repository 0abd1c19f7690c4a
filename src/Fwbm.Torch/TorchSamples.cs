using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>What a stretch of steps recorded: every monitor's output by key (BOLD, raw and temporal-average samples, online FC).</summary>
public sealed class TorchSamples : IDisposable
{
    internal TorchSamples(IReadOnlyDictionary<string, Tensor> outputs)
    {
        Outputs = outputs;
        Bold = outputs.GetValueOrDefault("bold");
        Raw = outputs.Where(o => o.Key.StartsWith("raw:", StringComparison.Ordinal)).ToDictionary(o => o.Key, o => o.Value);
    }
    /// <summary>Every monitor's output by key, as the CPU result's outputs: "bold", "raw:&lt;name&gt;", "tavg:&lt;name&gt;" (each
    /// [samples, batch, regions]) and "fc:&lt;signal&gt;" (online FC of every sample so far, [batch, regions, regions]).</summary>
    public IReadOnlyDictionary<string, Tensor> Outputs { get; }
    /// <summary>BOLD [samples, batch, regions] (null when no sample fell in the stretch or no BOLD monitor was requested).</summary>
    public Tensor? Bold { get; }
    /// <summary>Raw monitor samples by key "raw:&lt;variable&gt;", each [samples, batch, regions].</summary>
    public IReadOnlyDictionary<string, Tensor> Raw { get; }
    public void Dispose() { foreach (var t in Outputs.Values) t.Dispose(); }
}
