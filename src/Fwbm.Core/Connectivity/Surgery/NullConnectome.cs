namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// A seeded null connectome built by degree-preserving swaps (<see cref="RewiredNull"/>, <see cref="SpatialNull"/>): how many swaps per
/// edge and the seed, both part of its text so the null can be rebuilt.
/// </summary>
public abstract record NullConnectome : ConnectomeEdit
{
    /// <summary>Swaps per edge when none are given.</summary>
    public const int DefaultSwaps = 10;

    private protected NullConnectome(int swapsPerEdge, ulong seed)
    {
        SurgeryText.CheckSwaps(swapsPerEdge);
        SwapsPerEdge = swapsPerEdge; Seed = seed;
    }

    public int SwapsPerEdge { get; }
    public ulong Seed { get; }

    /// <summary>The null's kind in its text: <c>rewire</c> or <c>spatial</c>.</summary>
    private protected abstract string Kind { get; }

    public override string Text => $"null {Kind}:{SwapsPerEdge}:seed={Seed}";
    public override string Option => "--null";
}
