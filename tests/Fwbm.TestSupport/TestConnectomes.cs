using Fwbm.Core.Connectivity;

namespace Fwbm.TestSupport;

/// <summary>Small synthetic connectomes, reproducible from a seed (one generator for every test project).</summary>
public static class TestConnectomes
{
    /// <summary>
    /// A random dense connectome: weights U(0, 1) with probability <paramref name="density"/>, lengths U(5, <paramref name="maxLengthMm"/>) mm,
    /// labels R0…; centres U(0, 100)³ drawn after the weights when <paramref name="withCentres"/> (so the weights and lengths do not depend on it).
    /// </summary>
    public static Connectome Random(int n, int seed, double density = 0.7, double maxLengthMm = 150, bool withCentres = true, double[]? empiricalFc = null)
    {
        var rng = new Random(seed);
        var w = new double[n * n];
        var len = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                if (rng.NextDouble() < density) w[i * n + j] = rng.NextDouble();
                len[i * n + j] = 5 + (maxLengthMm - 5) * rng.NextDouble();
            }
        var labels = Enumerable.Range(0, n).Select(i => $"R{i}").ToArray();
        var centres = withCentres ? Enumerable.Range(0, n).Select(_ => new Point3(rng.NextDouble() * 100, rng.NextDouble() * 100, rng.NextDouble() * 100)).ToArray() : null;
        return new Connectome(w, labels, len, centres, empiricalFc: empiricalFc);
    }

    /// <summary>Two modules: strong weights (0.5–1) within a module, weak (0–0.1) between; lengths 5–80 mm.</summary>
    public static Connectome Modular(int n, int seed)
    {
        var rng = new Random(seed);
        var w = new double[n * n];
        var len = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                bool same = (i < n / 2) == (j < n / 2);
                w[i * n + j] = same ? 0.5 + 0.5 * rng.NextDouble() : 0.1 * rng.NextDouble();
                len[i * n + j] = 5 + 75 * rng.NextDouble();
            }
        return new Connectome(w, Enumerable.Range(0, n).Select(i => $"R{i}").ToArray(), len, name: $"modular-{n}-{seed}");
    }
}
