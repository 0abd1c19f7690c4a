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

    private protected override Connectome Transform(Connectome connectome)
    {
        var mask = Resolve(Regions, connectome).Mask();
        int n = connectome.Count;
        var w = connectome.Weights.ToArray();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (mask[i] || mask[j]) w[i * n + j] = 0;
        return connectome.With(weights: w);
    }

    private protected override IReadOnlyCollection<string> IsolatedOnPurpose(Connectome before) => Resolve(Regions, before).Labels.ToArray();
}
