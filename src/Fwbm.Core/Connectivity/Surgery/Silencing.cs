using Fwbm.Core.Grammar;

namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// Silence regions: the nodes stay (the model keeps N regions, each silenced one runs on its local dynamics and noise alone) but every
/// input and output weight of a silenced region is set to 0, self-connections included.
/// </summary>
public sealed record Silencing(RegionSelector Regions) : ConnectomeEdit
{
    public override string Text => $"silence {Regions}";
    public override string Option => "--silence";

    private protected override Connectome Transform(Connectome connectome) => ScaleConnectionsOf(connectome, Resolve(Regions, connectome).Mask(), 0);

    private protected override IReadOnlyCollection<string> IsolatedOnPurpose(Connectome before) => Resolve(Regions, before).Labels.ToArray();
}
