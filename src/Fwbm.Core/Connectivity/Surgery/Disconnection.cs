using Fwbm.Core.Grammar;

namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// Disconnect regions by a fraction of their connection strength: every weight into or out of a selected region (an edge between two
/// selected regions once) is multiplied by 1 − <see cref="Fraction"/>, so each selected region's in- and out-strength both drop by
/// exactly that fraction. Fraction 1 removes every edge of the regions (the weights of <see cref="Silencing"/>).
/// </summary>
public sealed record Disconnection : ConnectomeEdit
{
    public Disconnection(RegionSelector regions, double fraction = 1)
    {
        ArgumentNullException.ThrowIfNull(regions);
        SurgeryText.CheckFraction(fraction, "--disconnect");
        Regions = regions; Fraction = fraction;
    }

    public RegionSelector Regions { get; }
    /// <summary>The fraction of the strength removed, in (0, 1].</summary>
    public double Fraction { get; }

    public override string Text => $"disconnect {SurgeryText.Selector(Regions)}{SurgeryText.Suffix(Fraction, 1)}";
    public override string Option => "--disconnect";

    private protected override Connectome Transform(Connectome connectome) => ScaleConnectionsOf(connectome, Resolve(Regions, connectome).Mask(), 1 - Fraction);
}
