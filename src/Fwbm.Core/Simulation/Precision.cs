namespace Fwbm.Core.Simulation;

/// <summary>
/// The floating-point format a simulation computes in. <see cref="Double"/> is the reference (and the default); <see cref="Single"/>
/// uses 32-bit floats, twice the SIMD lanes and half the memory traffic, for results that stay within the seed-to-seed spread of
/// double. Either way a run is a pure function of (connectome, parameters, seed, options) and bit-identical across thread counts
/// and batch composition.
/// </summary>
public enum Precision
{
    Double,
    Single,
}
