using Fwbm.Core.Models;
using Fwbm.Core.Numerics;

namespace Fwbm.TestSupport;

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
