using Fwbm.Core.Models;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>The coupling function: which kind, and for sigmoidal coupling its shape S(x) = min + (max − min)/(1 + exp(−slope·(x − midpoint))).</summary>
public sealed record CouplingSpec(CouplingKind Kind)
{
    public double SigmoidMin { get; init; }
    public double SigmoidMax { get; init; } = 1.0;
    public double SigmoidMidpoint { get; init; }
    public double SigmoidSlope { get; init; } = 1.0;

    /// <summary>The sigmoid applied to a region's output before it is sent (sigmoidal coupling; written once for every numeric path).</summary>
    public T Sigmoid<T>(T h) where T : IReal<T>
        => SigmoidMin + (SigmoidMax - SigmoidMin) / (1.0 + T.Exp(-SigmoidSlope * (h - SigmoidMidpoint)));
}
