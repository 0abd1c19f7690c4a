namespace Fwbm.Core.Analysis.Comparison;

/// <summary>One scalar measured on the intact and on the edited connectome (or run).</summary>
/// <param name="Name">Snake-case name, as in comparison.json and graph.csv.</param>
/// <param name="Intact">Value for the intact connectome.</param>
/// <param name="Edited">Value for the edited connectome.</param>
/// <param name="Description">What it is, in one line.</param>
public sealed record PairedMeasure(string Name, double Intact, double Edited, string Description)
{
    /// <summary>Edited − intact.</summary>
    public double Change => Edited - Intact;

    /// <summary>(Edited − intact) / |intact|; NaN when the intact value is 0.</summary>
    public double RelativeChange => Intact == 0 ? double.NaN : (Edited - Intact) / Math.Abs(Intact);
}

/// <summary>One per-region quantity on the intact and the edited connectome, over the regions both keep (in the intact order).</summary>
/// <param name="Name">Snake-case name, the column stem in regions.csv.</param>
/// <param name="Intact">Per shared region, intact.</param>
/// <param name="Edited">Per shared region, edited.</param>
/// <param name="Description">What it is, in one line.</param>
public sealed record RegionMeasure(string Name, IReadOnlyList<double> Intact, IReadOnlyList<double> Edited, string Description)
{
    /// <summary>Edited − intact per shared region.</summary>
    public IReadOnlyList<double> Change => Intact.Zip(Edited, (a, b) => b - a).ToArray();
}
