using Fwbm.Core.Connectivity;
using Fwbm.Core.Grammar;

namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// Where a stimulus acts and how strongly: one weight per region, resolved against a connectome. Three forms (the text after
/// <c>at</c>): a region selector (weight 1 in each selected region, <see cref="SelectedRegions"/>), a per-region vector
/// (<see cref="VectorWeights"/>: [list], @file, receptor:…, label:…) or a falloff from an electrode/coil position over the region
/// centres (<see cref="Falloff"/>). <see cref="ToString"/> is the canonical text; a selection of no region (or all weights 0) is an error.
/// </summary>
public abstract record SpatialWeights
{
    private protected SpatialWeights() { }

    /// <summary>One weight per region of <paramref name="connectome"/>; errors start with <paramref name="subject"/>.</summary>
    public abstract double[] Resolve(Connectome connectome, RegionContext context, string subject);

    public abstract override string ToString();

    /// <summary>Parse the text after <c>at</c>: <c>falloff(…)</c>, a per-region vector ([…], @file, receptor:…, label:…, a number) or a region selector.</summary>
    public static SpatialWeights Parse(string text, string subject)
    {
        var t = text.Trim();
        if (t.Length == 0) throw new FwbmException($"{subject}: nothing after 'at'; expected regions (Thal_L, #12, network:Vis, lh), a per-region vector ([…], @file.csv, receptor:…, label:…) or falloff(x=…, y=…, z=…, sigma=…mm).");
        if (t.StartsWith("falloff(", StringComparison.OrdinalIgnoreCase) || t.StartsWith("falloff (", StringComparison.OrdinalIgnoreCase)) return Falloff.ParseFalloff(t, subject);
        if (t[0] is '[' or '@' || t.StartsWith("receptor:", StringComparison.OrdinalIgnoreCase) || t.StartsWith("label:", StringComparison.OrdinalIgnoreCase)
            || RegionVector.TryNumber(t, out _))
            return new VectorWeights(RegionVector.Parse(t, subject));
        return new SelectedRegions(RegionSelector.Parse(t, subject));
    }

    internal static double[] CheckNotEmpty(double[] w, string subject, string text, Connectome c)
    {
        if (w.Length != c.Count) throw new FwbmException($"{subject}: at {text} gives {w.Length} weights; expected one per region of connectome '{c.Name}' ({c.Count}).");
        if (w.All(x => x == 0)) throw new FwbmException($"{subject}: at {text} selects no region (every weight is 0 on connectome '{c.Name}', {c.Count} regions); expected at least one non-zero weight.");
        return w;
    }
}

/// <summary>Weight 1 in each region a selector picks (<c>at Thal_L</c>, <c>at #12</c>, <c>at network:Vis</c>, <c>at lh</c>).</summary>
public sealed record SelectedRegions(RegionSelector Selector) : SpatialWeights
{
    public override double[] Resolve(Connectome connectome, RegionContext context, string subject)
    {
        var sel = Selector.Resolve(context.Space, allowEmpty: false, subject: subject);
        var w = new double[connectome.Count];
        foreach (var i in sel.Indices) w[i] = 1;
        return CheckNotEmpty(w, subject, ToString(), connectome);
    }

    public override string ToString() => Selector.ToString();
}

/// <summary>A weight per region from the shared per-region grammar (<c>at [0,1,0.5,…]</c>, <c>at @weights.csv</c>, <c>at receptor:5HT2a</c>, <c>at label:Thal_L:1,else:0</c>).</summary>
public sealed record VectorWeights(RegionVector Vector) : SpatialWeights
{
    public override double[] Resolve(Connectome connectome, RegionContext context, string subject) =>
        CheckNotEmpty(Vector.Resolve(context, subject), subject, ToString(), connectome);

    public override string ToString() => Vector.ToString();
}
