using Fwbm.Core.Grammar;

namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// A tumour, either a ball (centre in mm in the atlas's coordinates, radius in mm) or a given region set.
/// <para>Ball: the regions whose centre lies within <see cref="RadiusMm"/> of <see cref="Centre"/> are resected or silenced
/// (<see cref="Mode"/>), and every edge whose tract passes through the ball is cut (both directions). A tract is approximated by the
/// straight segment between its two region centres — real fibres curve, so this marks the tracts the straight line says, no more;
/// edges of regions without a centre cannot be judged and are kept. Needs region centres.</para>
/// <para>Region set: those regions are resected or silenced; no tract is cut beyond theirs.</para>
/// A tumour that contains no region centre and crosses no tract is an error.
/// </summary>
public sealed record Tumour : ConnectomeEdit
{
    /// <summary>A ball of <paramref name="radiusMm"/> mm around <paramref name="centre"/>.</summary>
    public Tumour(Point3 centre, double radiusMm, TumourMode mode = TumourMode.Resect)
    {
        if (!double.IsFinite(centre.X) || !double.IsFinite(centre.Y) || !double.IsFinite(centre.Z))
            throw new FwbmException("--tumour: the centre must be three finite coordinates in mm, e.g. --tumour 30,-20,50:15.");
        if (!(radiusMm > 0) || !double.IsFinite(radiusMm))
            throw new FwbmException($"--tumour: radius {NumberText.Format(radiusMm)} mm; expected a radius > 0 mm, e.g. --tumour 30,-20,50:15.");
        Centre = centre; RadiusMm = radiusMm; Mode = mode;
    }

    /// <summary>The regions of <paramref name="regions"/>.</summary>
    public Tumour(RegionSelector regions, TumourMode mode = TumourMode.Resect)
    {
        ArgumentNullException.ThrowIfNull(regions);
        Regions = regions; Mode = mode;
    }

    /// <summary>The centre of a ball tumour (null for a region set).</summary>
    public Point3? Centre { get; }
    /// <summary>The radius of a ball tumour in mm (0 for a region set).</summary>
    public double RadiusMm { get; }
    /// <summary>The regions of a region-set tumour (null for a ball).</summary>
    public RegionSelector? Regions { get; }
    public TumourMode Mode { get; }

    public override string Text => "tumour " + (Centre is Point3 p
        ? $"{NumberText.Format(p.X)},{NumberText.Format(p.Y)},{NumberText.Format(p.Z)}:{NumberText.Format(RadiusMm)}"
        : SurgeryText.Selector(Regions!)) + (Mode == TumourMode.Silence ? ":silence" : ":resect");
    public override string Option => "--tumour";

    /// <summary>The indices of the regions inside the tumour.</summary>
    public IReadOnlyList<int> RegionsInside(Connectome connectome)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        if (Regions is not null) return Resolve(Regions, connectome).Indices;
        var centres = connectome.Centres ?? throw Fail(connectome, "a tumour given by a centre and radius needs region centres, and this connectome has none; give the regions instead, e.g. --tumour 'Precentral_L,Postcentral_L'");
        var c = Centre!.Value;
        return Enumerable.Range(0, connectome.Count).Where(i => centres[i].DistanceTo(c) <= RadiusMm).ToArray();
    }

    /// <summary>The distance from <paramref name="p"/> to the segment a–b (the straight-tract approximation).</summary>
    public static double DistanceToSegment(Point3 p, Point3 a, Point3 b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y, dz = b.Z - a.Z;
        double len2 = dx * dx + dy * dy + dz * dz;
        double t = len2 == 0 ? 0 : Math.Clamp(((p.X - a.X) * dx + (p.Y - a.Y) * dy + (p.Z - a.Z) * dz) / len2, 0, 1);
        return p.DistanceTo(new Point3(a.X + t * dx, a.Y + t * dy, a.Z + t * dz));
    }

    private protected override Connectome Transform(Connectome connectome)
    {
        var inside = RegionsInside(connectome);
        int n = connectome.Count;
        var w = connectome.Weights.ToArray();
        int crossed = 0;
        if (Centre is Point3 c)
        {
            var centres = connectome.Centres!;
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++)
                {
                    if (w[i * n + j] == 0 && w[j * n + i] == 0) continue;
                    if (DistanceToSegment(c, centres[i], centres[j]) > RadiusMm) continue;
                    w[i * n + j] = 0; w[j * n + i] = 0; crossed++;
                }
        }
        if (inside.Count == 0 && crossed == 0)
            throw Fail(connectome, Centre is Point3 p
                ? $"no region centre lies within {NumberText.Format(RadiusMm)} mm of ({NumberText.Format(p.X)}, {NumberText.Format(p.Y)}, {NumberText.Format(p.Z)}) and no tract passes through it; the nearest centre is {Nearest(connectome, p)}"
                : "selects no region");
        if (Mode == TumourMode.Resect && inside.Count == n)
            throw Fail(connectome, $"contains all {n} regions; a resection must leave at least one region — use a smaller radius or :silence");
        var edited = connectome.With(weights: w);
        if (inside.Count == 0) return edited;
        if (Mode == TumourMode.Silence)
        {
            foreach (int i in inside) for (int j = 0; j < n; j++) { w[i * n + j] = 0; w[j * n + i] = 0; }
            return connectome.With(weights: w);
        }
        var set = inside.ToHashSet();
        return edited.Select(Enumerable.Range(0, n).Where(i => !set.Contains(i)).ToArray());
    }

    private static string Nearest(Connectome c, Point3 p)
    {
        int best = 0;
        for (int i = 1; i < c.Count; i++) if (c.Centres![i].DistanceTo(p) < c.Centres[best].DistanceTo(p)) best = i;
        return $"'{c.Labels[best]}' at {NumberText.Format(Math.Round(c.Centres![best].DistanceTo(p), 1))} mm";
    }

    private protected override IReadOnlyCollection<string> IsolatedOnPurpose(Connectome before) =>
        Mode == TumourMode.Silence ? RegionsInside(before).Select(i => before.Labels[i]).ToArray() : [];
}
