using Fwbm.Core.Connectivity;
using Fwbm.Core.Grammar;

namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>How a <see cref="Falloff"/> decays with the distance r from the electrode or coil.</summary>
public enum FalloffKind
{
    /// <summary>exp(−r² / (2σ²)): 1 at the centre.</summary>
    Gaussian,
    /// <summary>r₀² / max(r, r₀)²: 1 within the floor radius r₀, then 1/r² (a point source in a homogeneous conductor).</summary>
    InverseSquare,
}

/// <summary>
/// <c>falloff(x=…, y=…, z=…, sigma=15mm[, cutoff=40mm])</c> or <c>falloff(x=…, y=…, z=…, r0=5mm[, cutoff=…])</c>: weights that fall off
/// with the distance from an electrode/coil position (mm, in the atlas's coordinates, e.g. MNI) to each region centre — Gaussian
/// with width σ, or 1/r² with a floor radius r₀; regions farther than the cut-off get 0. Needs region centres.
/// </summary>
public sealed record Falloff : SpatialWeights
{
    public Falloff(Point3 centre, FalloffKind kind, double scaleMm, double? cutoffMm = null)
    {
        if (!double.IsFinite(centre.X) || !double.IsFinite(centre.Y) || !double.IsFinite(centre.Z))
            throw new FwbmException($"falloff: the centre ({StimulusFormat.G(centre.X)}, {StimulusFormat.G(centre.Y)}, {StimulusFormat.G(centre.Z)}) is not finite; expected x=, y=, z= in mm.");
        string name = kind == FalloffKind.Gaussian ? "sigma" : "r0";
        if (!(scaleMm > 0) || !double.IsFinite(scaleMm))
            throw new FwbmException($"falloff: {name} = {StimulusFormat.G(scaleMm)} mm; expected a finite {name} > 0, e.g. {name}={(kind == FalloffKind.Gaussian ? "15mm" : "5mm")}.");
        if (cutoffMm is double c && !(c > 0))
            throw new FwbmException($"falloff: cutoff = {StimulusFormat.G(c)} mm; expected a radius > 0, e.g. cutoff=40mm (or none).");
        Centre = centre; Kind = kind; ScaleMm = scaleMm; CutoffMm = cutoffMm;
    }

    /// <summary>The electrode/coil position (mm, atlas coordinates).</summary>
    public Point3 Centre { get; }
    public FalloffKind Kind { get; }
    /// <summary>σ (Gaussian) or the floor radius r₀ (1/r²), mm.</summary>
    public double ScaleMm { get; }
    /// <summary>Regions farther than this (mm) get 0; null: none.</summary>
    public double? CutoffMm { get; }

    /// <summary>The weight at distance <paramref name="r"/> mm.</summary>
    public double WeightAt(double r)
    {
        if (CutoffMm is double c && r > c) return 0;
        return Kind == FalloffKind.Gaussian ? Math.Exp(-r * r / (2 * ScaleMm * ScaleMm)) : ScaleMm * ScaleMm / Math.Pow(Math.Max(r, ScaleMm), 2);
    }

    public override double[] Resolve(Connectome connectome, RegionContext context, string subject)
    {
        var centres = connectome.Centres ?? throw new FwbmException($"{subject}: at {this} needs region centres, and connectome '{connectome.Name}' has none; expected a connectome with centres (e.g. a TVB zip or a dataset with coordinates), or regions by name (at Thal_L).");
        var w = new double[connectome.Count];
        int nearest = 0;
        double best = double.PositiveInfinity;
        for (int i = 0; i < w.Length; i++)
        {
            double r = Centre.DistanceTo(centres[i]);
            if (r < best) { best = r; nearest = i; }
            w[i] = WeightAt(r);
        }
        if (w.All(x => x == 0))
            throw new FwbmException($"{subject}: at {this} selects no region: no centre of connectome '{connectome.Name}' lies within cutoff = {StimulusFormat.G(CutoffMm ?? 0)} mm; the nearest is '{connectome.Labels[nearest]}' at {StimulusFormat.G(best)} mm (expected cutoff ≥ {StimulusFormat.G(Math.Ceiling(best))}mm).");
        return w;
    }

    internal static Falloff ParseFalloff(string text, string subject)
    {
        int open = text.IndexOf('(');
        if (!text.EndsWith(')')) throw new FwbmException($"{subject}: '{text}' must end with ')'; expected falloff(x=…, y=…, z=…, sigma=15mm).");
        var where = $"{subject}: falloff";
        var a = StimulusArgs.Parse(text[(open + 1)..^1], where, ["x", "y", "z"], ["x", "y", "z", "sigma", "r0", "cutoff"], []);
        var centre = new Point3(a.Mm("x", null, "-40"), a.Mm("y", null, "-20"), a.Mm("z", null, "50"));
        bool g = a.Has("sigma"), s = a.Has("r0");
        if (g == s) throw new FwbmException($"{where}: expected exactly one of sigma= (Gaussian, e.g. sigma=15mm) or r0= (1/r² with a floor radius, e.g. r0=5mm).");
        double scale = g ? a.Mm("sigma", null, "15mm") : a.Mm("r0", null, "5mm");
        double? cutoff = a.Has("cutoff") ? a.Mm("cutoff", null, "40mm") : null;
        a.Done();
        try { return new Falloff(centre, g ? FalloffKind.Gaussian : FalloffKind.InverseSquare, scale, cutoff); }
        catch (FwbmException e) { throw new FwbmException($"{subject}: {e.Message}"); }
    }

    public override string ToString() =>
        $"falloff(x={StimulusFormat.Number(Centre.X)}, y={StimulusFormat.Number(Centre.Y)}, z={StimulusFormat.Number(Centre.Z)}, " +
        (Kind == FalloffKind.Gaussian ? "sigma=" : "r0=") + StimulusFormat.Mm(ScaleMm) + (CutoffMm is double c ? ", cutoff=" + StimulusFormat.Mm(c) : "") + ")";
}
