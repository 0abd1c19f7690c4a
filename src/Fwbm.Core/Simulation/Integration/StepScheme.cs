using System.Runtime.CompilerServices;
using Fwbm.Core.Models;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation.Integration;

/// <summary>
/// The integration layer, written once for every numeric path (the way the model equations are): the coupling post step and the
/// coupling output, noise and stimulus injection, Euler–Maruyama, Heun's predictor and corrector, and the state bounds. Generic over
/// <see cref="IReal{T}"/>: the CPU engine calls it with SIMD lanes (<see cref="RealVec"/>, <see cref="RealVec2"/>, float lanes), the
/// Torch simulator with tensors. Nothing here branches on a value, only on flags (coupling kind, which variables are noisy or
/// bounded), so tensors, lanes and autograd all see the same arithmetic in the same order.
/// </summary>
/// <remarks>
/// One step of <c>dx = f(x, c) dt + σ dW</c> with step h (in the model's time unit), noise term <c>ξ = σ√h·z</c> (z standard normal,
/// <see cref="NoiseTerm"/>) and the stimulus I(t) held over the step and added to the stimulated variable's derivative:
/// <list type="bullet">
/// <item>Euler–Maruyama: <c>x' = x + h·f(x, c(t)) + ξ</c>.</item>
/// <item>Heun: predictor <c>x̃ = clamp(x + h·f₁ + ξ)</c> with <c>f₁ = f(x, c(t))</c>; corrector
/// <c>x' = x + h/2·(f₁ + f(x̃, c̃(t + h))) + ξ</c>, where c̃ comes from the predicted outputs h(x̃) for undelayed connections and the
/// diffusive local term, and from the history for delayed ones.</item>
/// <item>Either way the new state is clamped to the variables' bounds (<see cref="Clamp{T}(Span{T}, StateBounds)"/>).</item>
/// </list>
/// The coupling input of channel k is <c>c = G·(S − [diffusive] s_i·h_i)</c> (<see cref="CouplingInput"/>), where S is the delayed,
/// weighted sum of the sources' outputs, s_i the in-strength of region i and h_i its own current output; what a region sends is its
/// output h(x), passed through the sigmoid for sigmoidal coupling (<see cref="CouplingOutput"/>).
/// </remarks>
public static class StepScheme
{
    // ---------------------------------------------------------------- coupling

    /// <summary>The coupling post step of one channel: <c>G·(S − [diffusive] s·h)</c> (<paramref name="ownOutput"/> and
    /// <paramref name="rowSum"/> are read only for diffusive coupling).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T CouplingInput<T>(T sum, T ownOutput, T g, T rowSum, bool diffusive) where T : IReal<T>
    {
        if (diffusive) sum = sum - rowSum * ownOutput;
        return g * sum;
    }

    /// <summary>
    /// The coupling input of every channel (<see cref="CouplingInput"/>); a channel that is not coupled
    /// (<see cref="SimulationOptions.CoupledChannels"/>) gets 0. <paramref name="ownOutputs"/> is read only for diffusive coupling.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CouplingInputs<T>(ReadOnlySpan<T> sums, ReadOnlySpan<T> ownOutputs, T g, T rowSum, bool diffusive,
        ReadOnlySpan<bool> coupled, Span<T> c) where T : IReal<T>
    {
        for (int k = 0; k < c.Length; k++)
            c[k] = coupled[k] ? CouplingInput(sums[k], diffusive ? ownOutputs[k] : sums[k], g, rowSum, diffusive) : T.Const(0);
    }

    /// <summary>What a region sends on one channel: its output h, through the sigmoid for sigmoidal coupling.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T CouplingOutput<T>(T h, CouplingSpec coupling) where T : IReal<T>
        => coupling.Kind == CouplingKind.Sigmoidal ? coupling.Sigmoid(h) : h;

    /// <summary>In place: every channel's output as sent (<see cref="CouplingOutput"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CouplingOutputs<T>(Span<T> h, CouplingSpec coupling) where T : IReal<T>
    {
        if (coupling.Kind != CouplingKind.Sigmoidal) return;
        for (int k = 0; k < h.Length; k++) h[k] = coupling.Sigmoid(h[k]);
    }

    /// <summary>The model's outputs of state <paramref name="x"/> as sent to the other regions (model output, then the coupling output).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SentOutputs<TModel, T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, CouplingSpec coupling, Span<T> h)
        where TModel : INeuralMass where T : IReal<T>
    {
        TModel.Output(x, p, h);
        CouplingOutputs(h, coupling);
    }

    // ---------------------------------------------------------------- noise and stimulus

    /// <summary>The noise increment of one step: <c>σ√h·z</c> (<paramref name="sigmaSqrtH"/> = σ·√h, z a standard normal deviate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T NoiseTerm<T>(T sigmaSqrtH, T z) where T : IReal<T> => sigmaSqrtH * z;

    /// <summary>Adds the stimulus (held over the step) to the derivative of the stimulated variable.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddStimulus<T>(Span<T> drift, int variable, T stimulus) where T : IReal<T>
        => drift[variable] = drift[variable] + stimulus;

    // ---------------------------------------------------------------- schemes

    /// <summary>
    /// Euler–Maruyama (and Heun's predictor before its clamp): <c>next = x + h·f + [noisy] ξ</c>. <paramref name="noise"/> is read only
    /// for variables flagged in <paramref name="noisy"/> (it may be empty when none is).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Euler<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> drift, T h, ReadOnlySpan<T> noise, ReadOnlySpan<bool> noisy, Span<T> next)
        where T : IReal<T>
    {
        for (int v = 0; v < next.Length; v++)
        {
            var t = x[v] + h * drift[v];
            if (noisy[v]) t = t + noise[v];
            next[v] = t;
        }
    }

    /// <summary>Heun's predictor: the Euler step, clamped to the bounds (what the corrector's drift and coupling see).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HeunPredictor<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> drift, T h, ReadOnlySpan<T> noise, ReadOnlySpan<bool> noisy,
        StateBounds bounds, Span<T> predicted) where T : IReal<T>
    {
        Euler(x, drift, h, noise, noisy, predicted);
        Clamp(predicted, bounds);
    }

    /// <summary>Heun's corrector: <c>next = x + h/2·(f₁ + f₂) + [noisy] ξ</c> with the same ξ as the predictor
    /// (<paramref name="halfH"/> = h/2). Clamp the result afterwards.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void HeunCorrector<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> drift1, ReadOnlySpan<T> drift2, T halfH, ReadOnlySpan<T> noise,
        ReadOnlySpan<bool> noisy, Span<T> next) where T : IReal<T>
    {
        for (int v = 0; v < next.Length; v++)
        {
            var t = x[v] + halfH * (drift1[v] + drift2[v]);
            if (noisy[v]) t = t + noise[v];
            next[v] = t;
        }
    }

    // ---------------------------------------------------------------- bounds

    /// <summary><c>min(max(x, lower), upper)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Clamp<T>(T x, double lower, double upper) where T : IReal<T> => T.Min(T.Max(x, T.Const(lower)), T.Const(upper));

    /// <summary>In place: every bounded variable clamped to its bounds (unbounded ones are left alone).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clamp<T>(Span<T> x, StateBounds bounds) where T : IReal<T>
    {
        var bounded = bounds.Bounded;
        for (int v = 0; v < x.Length; v++)
            if (bounded[v]) x[v] = Clamp(x[v], bounds.Lower[v], bounds.Upper[v]);
    }
}
