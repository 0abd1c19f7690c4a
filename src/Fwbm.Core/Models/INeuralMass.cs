using Fwbm.Core.Numerics;

namespace Fwbm.Core.Models;

/// <summary>
/// A neural-mass model: a <see cref="ModelSpec"/> plus pure, generic equations. The equations are written once over
/// <see cref="IReal{T}"/> and evaluated element-wise by every backend (CPU scalar, CPU SIMD, TorchSharp tensors).
/// Spans are indexed by the model's own constants (state variables, parameters and channels in the order of its spec).
/// </summary>
/// <remarks>Implement as a <c>readonly struct</c> with static members only (a struct makes the engines specialise and inline the
/// equations) and register it with one line in <see cref="ModelRegistry"/>.</remarks>
public interface INeuralMass
{
    static abstract ModelSpec Spec { get; }

    /// <summary>Time derivative of the local state (per model time unit).</summary>
    /// <param name="x">State, one entry per state variable.</param>
    /// <param name="c">Coupling input, one entry per coupling channel (already scaled by G and the coupling function).</param>
    /// <param name="p">Parameters, one entry per model parameter.</param>
    /// <param name="dx">Output derivative, one entry per state variable.</param>
    static abstract void Drift<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> dx) where T : IReal<T>;

    /// <summary>What this region sends to the others, one entry per coupling channel (the coupling's source term).</summary>
    static abstract void Output<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> channels) where T : IReal<T>;

    /// <summary>The neural signal that drives the Balloon–Windkessel BOLD model.</summary>
    static abstract T BoldDrive<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p) where T : IReal<T>;

    /// <summary>
    /// Derived quantities a scientist records next to the state variables (e.g. firing rates, an EEG-like potential), one entry per
    /// <see cref="ModelSpec.Observables"/>. Same arguments as <see cref="Drift{T}"/>: the engine passes the coupling input of the
    /// same time step, so quantities that depend on the network input (currents, rates) are exact. Models without observables
    /// keep this empty default.
    /// </summary>
    static virtual void Observe<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> observables) where T : IReal<T> { }
}
