using Fwbm.Core.Grammar;

namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// Callosotomy: every inter-hemispheric edge (left ↔ right, both directions, subcortical regions included when the atlas gives their
/// side) is multiplied by 1 − <see cref="Fraction"/> (1 = cut). The sides come from the connectome's hemisphere flags, else its labels
/// (<see cref="RegionSpace.Of"/>); regions of unknown side keep their edges. An atlas with no hemisphere information, or without
/// regions on both sides, is an error.
/// </summary>
public sealed record Callosotomy : ConnectomeEdit
{
    public Callosotomy(double fraction = 1)
    {
        SurgeryText.CheckFraction(fraction, "--callosotomy");
        Fraction = fraction;
    }

    /// <summary>The fraction of each inter-hemispheric weight removed, in (0, 1].</summary>
    public double Fraction { get; }

    public override string Text => "callosotomy" + SurgeryText.Suffix(Fraction, 1);
    public override string Option => "--callosotomy";

    private protected override Connectome Transform(Connectome connectome)
    {
        var space = RegionSpace.Of(connectome);
        var side = space.RightHemisphere;
        if (side.All(s => s is null))
            throw Fail(connectome, $"the atlas has no hemisphere information (no hemisphere flags, and labels such as {Suggest.Join(connectome.Labels.Take(2).ToArray())} name no side); a callosotomy needs to know which regions are left and right — lesion the edges yourself with --lesion 'A <-> B'");
        if (!side.Any(s => s == true) || !side.Any(s => s == false))
            throw Fail(connectome, $"every region of known side is in the {(side.Any(s => s == true) ? "right" : "left")} hemisphere; there are no inter-hemispheric edges to cut");
        int n = connectome.Count;
        var w = connectome.Weights.ToArray();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (side[i] is bool si && side[j] is bool sj && si != sj) w[i * n + j] *= 1 - Fraction;
        return connectome.With(weights: w);
    }
}
