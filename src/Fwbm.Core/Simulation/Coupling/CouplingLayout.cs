namespace Fwbm.Core.Simulation.Coupling;

/// <summary>
/// What the coupling engine needs to know about a block of lanes: the lane layout, the connectome and its delays, and whether Heun
/// reads the sums of step n + 1 during step n (before the outputs of n + 1 are in the history).
/// </summary>
/// <param name="Regions">R, the number of regions.</param>
/// <param name="Lanes">L, the lanes per channel: single member, R padded to whole vectors; batch, R · <paramref name="MemberStride"/>.</param>
/// <param name="Members">M, the batch members of the block (1: lanes are regions, SIMD across regions).</param>
/// <param name="MemberStride">Bp, the members padded to whole vectors (1 for a single member); lane = region · Bp + member.</param>
/// <param name="Channels">NC, the coupling channels (each is summed independently).</param>
/// <param name="Weights">Row-major weights W[target · R + source].</param>
/// <param name="Delays">Row-major delays in steps, same layout (all zero without delays).</param>
/// <param name="MaxDelaySteps">The largest delay; 0 means no delays (no history is kept).</param>
/// <param name="ReadsAhead">True when Heun reads the sums of step n + 1 during step n (before the outputs of step n + 1 are written),
/// which is only allowed when every non-zero weight has a delay of at least one step.</param>
internal sealed record CouplingLayout(int Regions, int Lanes, int Members, int MemberStride, int Channels,
    double[] Weights, int[] Delays, int MaxDelaySteps, bool ReadsAhead)
{
    public bool HasDelays => MaxDelaySteps > 0;
}
