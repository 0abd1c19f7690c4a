using Fwbm.Core.Analysis;

namespace Fwbm.Core.Tests.Analysis;

/// <summary>Reproducible synthetic signals for analysis tests.</summary>
internal static class SignalFactory
{
    public static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Regions grouped by <paramref name="group"/>(t, r): x_r(t) = f_group(t) + noise·ξ, so within-group correlation = 1/(1 + noise²).</summary>
    public static TimeSeries Grouped(int regions, int length, Func<int, int, int> group, double noise, int seed, double periodMs = 720)
    {
        var rng = new Random(seed);
        var data = new double[regions * length];
        var f = new double[regions];
        for (int t = 0; t < length; t++)
        {
            for (int g = 0; g < regions; g++) f[g] = Gaussian(rng);
            for (int r = 0; r < regions; r++) data[t * regions + r] = f[group(t, r)] + noise * Gaussian(rng);
        }
        return new TimeSeries(data, regions, periodMs);
    }
}
