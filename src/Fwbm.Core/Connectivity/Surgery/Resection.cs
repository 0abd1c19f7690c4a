using Fwbm.Core.Grammar;

namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// Resect regions: their rows and columns are removed (weights, tract lengths, empirical FC, centres, flags), so the model then has
/// fewer regions; the others keep their labels and order. Resecting every region is an error.
/// </summary>
public sealed record Resection(RegionSelector Regions) : ConnectomeEdit
{
    public override string Text => $"resect {Regions}";
    public override string Option => "--resect";

    private protected override Connectome Transform(Connectome connectome)
    {
        var sel = Resolve(Regions, connectome);
        if (sel.Count == connectome.Count)
            throw Fail(connectome, $"selects all {connectome.Count} regions; a resection must leave at least one region — choose fewer, e.g. '{Regions} - {connectome.Labels[0]}'");
        var keep = Enumerable.Range(0, connectome.Count).Where(i => !sel.Contains(i)).ToArray();
        return connectome.Select(keep);
    }
}
