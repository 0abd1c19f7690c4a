using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Tests;

/// <summary>A linear relay (Ornstein–Uhlenbeck unit) for engine tests: dx/dt = −k·x + c, output x. Time unit ms.</summary>
public readonly struct Relay : INeuralMass
{
    public static ModelSpec Spec { get; } = new()
    {
        Name = "relay",
        Title = "Linear relay (test model)",
        Citation = "test",
        StateVariables = [new("x", 0, 0, "activity")],
        Parameters =
        [
            new("k", 0.0, "1/ms", -100, 100, "decay rate"),
            new("sigma", 0.0, "1/√ms", 0, 10, "noise"),
        ],
        CouplingChannels = ["x"],
        Noise = [new NoiseSpec("sigma", ["x"], "additive white noise on x")],
        MaxDtMs = 10,
        BoldDriveDoc = "x",
    };

    public static void Drift<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> dx) where T : IReal<T>
        => dx[0] = c[0] - p[0] * x[0];

    public static void Output<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> ch) where T : IReal<T> => ch[0] = x[0];

    public static T BoldDrive<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p) where T : IReal<T> => x[0];

    public static ModelHandle Handle { get; } = ModelHandle.Of<Relay>();
}

public static class TestConnectomes
{
    /// <summary>A random dense connectome with lengths 5–150 mm and centres, reproducible from the seed.</summary>
    public static Connectome Random(int n, int seed, double density = 0.7)
    {
        var rng = new Random(seed);
        var w = new double[n * n];
        var len = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                if (rng.NextDouble() < density) w[i * n + j] = rng.NextDouble();
                len[i * n + j] = 5 + 145 * rng.NextDouble();
            }
        var labels = Enumerable.Range(0, n).Select(i => $"R{i}").ToArray();
        var centres = Enumerable.Range(0, n).Select(_ => new Point3(rng.NextDouble() * 100, rng.NextDouble() * 100, rng.NextDouble() * 100)).ToArray();
        return new Connectome(w, labels, len, centres);
    }
}
