using System.Runtime.CompilerServices;
using Fwbm.Core.Connectivity;
using Microsoft.DotNet.Interactive;

namespace Fwbm.Interactive.Formatting;

/// <summary>
/// The licence and citation of a dataset, shown whenever a notebook loads it: one compact line, once per dataset id and kernel
/// session when a magic loads it (the displays of connectomes, receptor maps, empirical FC and loaded BOLD carry the full text).
/// </summary>
public static class DataAttribution
{
    private static readonly ConditionalWeakTable<Kernel, HashSet<string>> Shown = new();

    /// <summary>"Data: hcp — title · licence: … · cite: A; B" (one line).</summary>
    public static string Line(ConnectomeSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var cites = (source.Citation ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return $"Data: {source.DatasetId} — {source.Title} · licence: {source.Licence}" + (cites.Length > 0 ? " · cite: " + string.Join("; ", cites) : "");
    }

    /// <summary>Record that <paramref name="datasetId"/> was attributed in the session of <paramref name="kernel"/>; true the first time.</summary>
    public static bool MarkShown(Kernel kernel, string datasetId)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var set = Shown.GetOrCreateValue(kernel.RootKernel);
        lock (set) return set.Add(datasetId);
    }
}
