using Fwbm.Core.Grammar;

namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// Demyelination: conduction on the chosen tracts is slowed by <see cref="Factor"/> ≥ 1, modelled as their tract lengths × factor (the
/// delay is length / velocity, so the delays grow by the factor; the weights are unchanged). Tracts: every edge touching a region of
/// <see cref="Regions"/> (both directions), or with <see cref="To"/> the edges between the two sets (<c>A &lt;-&gt; B</c>, or one way
/// <c>A -&gt; B</c>). A connectome without tract lengths gets them from its centres first (Euclidean distances), so it needs one of
/// the two. The delays only matter with a conduction velocity (<c>--velocity</c>).
/// </summary>
public sealed record Demyelination : ConnectomeEdit
{
    /// <param name="regions">The regions (or the sources of a pair).</param>
    /// <param name="factor">The slowing factor ≥ 1.</param>
    /// <param name="to">The other side of a pair, or null for every tract touching <paramref name="regions"/>.</param>
    /// <param name="oneWay">A pair's tracts from <paramref name="regions"/> to <paramref name="to"/> only.</param>
    public Demyelination(RegionSelector regions, double factor = DefaultFactor, RegionSelector? to = null, bool oneWay = false)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (!double.IsFinite(factor) || factor < 1)
            throw new FwbmException($"--demyelinate: factor {NumberText.Format(factor)}; expected a slowing factor ≥ 1 (tract lengths × factor; 2 doubles the delays), e.g. --demyelinate 'Precentral_L:2'.");
        if (oneWay && to is null) throw new FwbmException("--demyelinate: one-way needs a pair 'A -> B'.");
        Regions = regions; Factor = factor; To = to; OneWay = oneWay;
    }

    /// <summary>The factor when none is given.</summary>
    public const double DefaultFactor = 2;

    public RegionSelector Regions { get; }
    public double Factor { get; }
    public RegionSelector? To { get; }
    public bool OneWay { get; }

    public override string Text => "demyelinate " + (To is null ? SurgeryText.Selector(Regions) : SurgeryText.Pair(Regions, To, OneWay)) + ":" + NumberText.Format(Factor);
    public override string Option => "--demyelinate";

    private protected override Connectome Transform(Connectome connectome)
    {
        var a = Resolve(Regions, connectome).Mask();
        int n = connectome.Count;
        bool[] hit;
        if (To is null)
        {
            hit = new bool[n * n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) hit[i * n + j] = i != j && (a[i] || a[j]);
        }
        else hit = SurgeryText.PairMask(a, Resolve(To, connectome).Mask(), OneWay);
        if (!connectome.HasTractLengths && connectome.Centres is null)
            throw Fail(connectome, "the connectome has no tract lengths and no region centres, so it has no delays to lengthen");
        var len = connectome.LengthsOrDistances();
        for (int k = 0; k < len.Length; k++) if (hit[k]) len[k] *= Factor;
        return connectome.With(tractLengths: len);
    }
}
