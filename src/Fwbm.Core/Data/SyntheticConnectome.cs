using System.Globalization;
using Fwbm.Core.Connectivity;

namespace Fwbm.Core.Data;

/// <summary>Options of <see cref="SyntheticConnectome.Generate"/>.</summary>
public sealed record SyntheticConnectomeOptions
{
    /// <summary>Number of regions when no centres are given (split evenly between hemispheres, left first).</summary>
    public int Regions { get; init; } = 68;
    /// <summary>Seed: the same seed gives the same connectome on every machine and .NET version.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Region centres in mm; null = generated inside two hemi-ellipsoids (semi-axes 70 × 90 × 60 mm).</summary>
    public IReadOnlyList<Point3>? Centres { get; init; }
    /// <summary>Labels for given centres; null = "L_001"… / "R_001"… by the sign of x.</summary>
    public IReadOnlyList<string>? Labels { get; init; }
    /// <summary>Decay rate λ of the exponential distance rule, per mm (Ercsey-Ravasz 2013 report ≈ 0.19/mm in macaque; human tractography ≈ 0.1/mm).</summary>
    public double LambdaPerMm { get; init; } = 0.1;
    /// <summary>Fraction of region pairs that are connected.</summary>
    public double Density { get; init; } = 0.3;
    /// <summary>Log-normal spread (σ of the log) of weights around the distance rule.</summary>
    public double WeightSpread { get; init; } = 0.5;
    /// <summary>Tract length = tortuosity × Euclidean distance (≥ 1: fibres are not straight).</summary>
    public double Tortuosity { get; init; } = 1.2;
}

/// <summary>
/// Synthetic structural connectomes from the exponential distance rule (EDR): pairs are connected with probability
/// ∝ exp(−λ·d) and weighted by exp(−λ·d) times log-normal scatter, normalised to a maximum of 1; symmetric, with tract
/// lengths, labels and hemisphere flags. Deterministic for a seed (SplitMix64), for offline work and unit tests.
/// </summary>
public static class SyntheticConnectome
{
    public const string Citation = "Ercsey-Ravasz M, Markov NT, Lamy C, Van Essen DC, Knoblauch K, Toroczkai Z, Kennedy H (2013). A predictive network model of cerebral cortical connectivity based on a distance rule. Neuron 80:184-197.";

    public static Connectome Generate(SyntheticConnectomeOptions? options = null)
    {
        var o = options ?? new SyntheticConnectomeOptions();
        if (!(o.LambdaPerMm >= 0) || !double.IsFinite(o.LambdaPerMm)) throw new FwbmException($"Synthetic connectome: LambdaPerMm = {o.LambdaPerMm}; expected a finite value ≥ 0 (per mm).");
        if (!(o.Density > 0 && o.Density <= 1)) throw new FwbmException($"Synthetic connectome: Density = {o.Density}; expected 0 < density ≤ 1.");
        if (!(o.WeightSpread >= 0)) throw new FwbmException($"Synthetic connectome: WeightSpread = {o.WeightSpread}; expected ≥ 0.");
        if (!(o.Tortuosity >= 1)) throw new FwbmException($"Synthetic connectome: Tortuosity = {o.Tortuosity}; expected ≥ 1.");
        var rng = new SplitMix64(o.Seed);
        Point3[] centres;
        if (o.Centres is not null)
        {
            if (o.Centres.Count < 2) throw new FwbmException($"Synthetic connectome: {o.Centres.Count} centres; expected at least 2.");
            centres = o.Centres.ToArray();
        }
        else
        {
            if (o.Regions < 2) throw new FwbmException($"Synthetic connectome: Regions = {o.Regions}; expected at least 2.");
            centres = new Point3[o.Regions];
            int left = o.Regions / 2 + o.Regions % 2;
            for (int i = 0; i < o.Regions; i++)
            {
                double sign = i < left ? -1 : 1;
                while (true)
                {   // uniform in a hemi-ellipsoid, 3 mm off the midline
                    double x = rng.NextDouble(), y = rng.NextDouble() * 2 - 1, z = rng.NextDouble() * 2 - 1;
                    if (x * x + y * y + z * z > 1) continue;
                    centres[i] = new Point3(sign * (3 + 67 * x), 90 * y, 60 * z);
                    break;
                }
            }
        }
        int n = centres.Length;
        var labels = o.Labels?.ToArray() ?? MakeLabels(centres);
        if (labels.Length != n) throw new FwbmException($"Synthetic connectome: {labels.Length} labels for {n} centres.");
        var right = centres.Select(c => c.X > 0).ToArray();
        var d = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) d[i * n + j] = centres[i].DistanceTo(centres[j]);

        // Weighted sampling without replacement (Efraimidis–Spirakis): key = ln(u) / p, keep the largest keys.
        var pairs = new List<(int I, int J, double Key)>(n * (n - 1) / 2);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double p = Math.Exp(-o.LambdaPerMm * d[i * n + j]);
                double u = rng.NextDoubleOpen();
                pairs.Add((i, j, p > 0 ? Math.Log(u) / p : double.NegativeInfinity));
            }
        int m = Math.Max(1, (int)Math.Round(o.Density * pairs.Count));
        var keep = pairs.OrderByDescending(x => x.Key).ThenBy(x => x.I).ThenBy(x => x.J).Take(m).OrderBy(x => x.I).ThenBy(x => x.J);
        var w = new double[n * n];
        double max = 0;
        foreach (var (i, j, _) in keep)
        {
            double v = Math.Exp(-o.LambdaPerMm * d[i * n + j] + o.WeightSpread * rng.NextGaussian());
            w[i * n + j] = w[j * n + i] = v;
            max = Math.Max(max, v);
        }
        for (int k = 0; k < w.Length; k++) w[k] /= max;
        var len = d.Select(x => x * o.Tortuosity).ToArray();
        var ci = CultureInfo.InvariantCulture;
        var source = new ConnectomeSource($"synthetic-{n}",
            string.Create(ci, $"Synthetic connectome: exponential distance rule, λ = {o.LambdaPerMm} /mm, density {o.Density}, seed {o.Seed}"),
            "CC0 (generated by FWBM)", Citation)
        {
            RegionOrder = string.Create(ci, $"synthetic:{n}:{o.Seed}"),
            Notes = [string.Create(ci, $"{m} undirected connections; weights exp(-λd)·lognormal(0, {o.WeightSpread}), max 1; tract length = {o.Tortuosity} × distance")],
        };
        return new Connectome(w, labels, len, centres, right, Enumerable.Repeat(true, n).ToArray(), null, source, $"synthetic-{n}");
    }

    private static string[] MakeLabels(Point3[] c)
    {
        int l = 0, r = 0;
        return c.Select(p => p.X > 0 ? $"R_{++r:000}" : $"L_{++l:000}").ToArray();
    }

    /// <summary>SplitMix64: tiny, fast, fully specified — the same stream everywhere.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong _s = seed;
        private double? _spare;

        public ulong Next()
        {
            ulong z = _s += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>[0, 1).</summary>
        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

        /// <summary>(0, 1).</summary>
        public double NextDoubleOpen() => ((Next() >> 11) + 0.5) * (1.0 / (1UL << 53));

        public double NextGaussian()
        {
            if (_spare is { } s) { _spare = null; return s; }
            double u1 = NextDoubleOpen(), u2 = NextDouble();
            double r = Math.Sqrt(-2 * Math.Log(u1));
            _spare = r * Math.Sin(2 * Math.PI * u2);
            return r * Math.Cos(2 * Math.PI * u2);
        }
    }
}
