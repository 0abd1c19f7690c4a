using Fwbm.Core.Grammar;

namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// Lesion the edges between two region sets: every weight from a region of <see cref="From"/> to a region of <see cref="To"/> (and back,
/// unless <see cref="OneWay"/>) is multiplied by 1 − <see cref="Fraction"/> (1 = cut). Self-connections are never touched. A lesion
/// that finds no existing edge (every weight 0 in the lesioned directions) is an error naming the two sets and their nearest
/// existing edges. Text: <c>lesion A &lt;-&gt; B</c>, <c>lesion A -&gt; B:0.5</c>.
/// </summary>
public sealed record EdgeLesion : ConnectomeEdit
{
    public EdgeLesion(RegionSelector from, RegionSelector to, double fraction = 1, bool oneWay = false)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        SurgeryText.CheckFraction(fraction, "--lesion");
        From = from; To = to; Fraction = fraction; OneWay = oneWay;
    }

    /// <summary>The source regions (of a one-way lesion: the edges from these regions are cut).</summary>
    public RegionSelector From { get; }
    /// <summary>The target regions.</summary>
    public RegionSelector To { get; }
    /// <summary>The fraction of each weight removed, in (0, 1]; 1 cuts the edge.</summary>
    public double Fraction { get; }
    /// <summary>Only the edges from <see cref="From"/> to <see cref="To"/> (otherwise both directions).</summary>
    public bool OneWay { get; }

    public override string Text => $"lesion {SurgeryText.Pair(From, To, OneWay)}{SurgeryText.Suffix(Fraction, 1)}";
    public override string Option => "--lesion";

    private protected override Connectome Transform(Connectome connectome)
    {
        var a = Resolve(From, connectome).Mask();
        var b = Resolve(To, connectome).Mask();
        int n = connectome.Count;
        var w = connectome.Weights.ToArray();
        var hit = SurgeryText.PairMask(a, b, OneWay);
        bool any = false;
        for (int k = 0; k < w.Length; k++)
            if (hit[k] && w[k] != 0) { w[k] *= 1 - Fraction; any = true; }
        if (!any) throw Fail(connectome, $"there is no edge {(OneWay ? "from" : "between")} {From} {(OneWay ? "to" : "and")} {To} (weight 0 {(OneWay ? "that way" : "both ways")}); " + NearestEdges(connectome, a, b));
        return connectome.With(weights: w);
    }

    /// <summary>"edges of A: A -> X (0.31), …; edges of B: …" (the strongest three of each side, either direction) for the error of
    /// a lesion that finds no edge.</summary>
    private string NearestEdges(Connectome c, bool[] a, bool[] b)
    {
        int n = c.Count;
        string Side(RegionSelector name, bool[] side)
        {
            var edges = new List<(double W, string Text)>();
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double w = c.Weight(i, j);
                    if (i != j && w != 0 && (side[i] || side[j])) edges.Add((Math.Abs(w), $"{c.Labels[j]} -> {c.Labels[i]} ({NumberText.Format(Math.Round(w, 4))})"));
                }
            return $"edges of {name}: " + (edges.Count == 0 ? "none" : string.Join(", ", edges.OrderByDescending(e => e.W).Take(3).Select(e => e.Text)));
        }
        return Side(From, a) + "; " + Side(To, b);
    }
}
