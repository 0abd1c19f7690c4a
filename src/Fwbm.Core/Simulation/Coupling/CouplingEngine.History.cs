using System.Runtime.CompilerServices;

namespace Fwbm.Core.Simulation.Coupling;

/// <summary>The delay history ring: its layout and how a step's outputs are written into it.</summary>
internal sealed partial class CouplingEngine<TNum>
{
    // H history slots per source (a power of two ≥ max delay + 1), read modulo Mask = H − 1
    private readonly int H, Mask;
    // the ring holds each source's history contiguously (stride HS = H + MirrorSlots slots, the first MirrorSlots slots repeated
    // after slot H−1; batch: Bp members per slot), so K consecutive steps of one delayed source are one contiguous read: the long
    // edges (delay ≥ K) are summed K steps at a time, vectorised over time (single member) or over time and members (batch).
    private const int MirrorSlots = 16;
    private readonly int HS;
    private readonly TNum[] _ring;    // [k * R * HS * Bp + (j * HS + slot) * Bp + b]: per channel, per source, per slot, per member

    /// <summary>Fill the whole history with one state's outputs (the constant past before step 0).</summary>
    public void FillHistory(TNum[] outputs)
    {
        if (!_delays) return;
        for (int slot = 0; slot < H; slot++) WriteSlot(slot, outputs);
    }

    /// <summary>Record <paramref name="outputs"/> (<c>[k * L + lane]</c>), the coupling outputs of the state after
    /// <paramref name="step"/>, as the history of that step (a later write for the same step replaces it). Nothing without delays.</summary>
    public void WriteHistory(long step, TNum[] outputs)
    {
        if (!_delays) return;
        WriteSlot((int)(step & Mask), outputs);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteSlot(int slot, TNum[] src)
    {
        int plane = R * HS * Bp;
        for (int k = 0; k < NC; k++)
        {
            if (M == 1)
            {
                bool mirror = slot < MirrorSlots;
                for (int j = 0; j < R; j++)
                {
                    TNum v = src[k * L + j];
                    _ring[k * plane + j * HS + slot] = v;
                    if (mirror) _ring[k * plane + j * HS + H + slot] = v;
                }
            }
            else
            {
                bool mirror = slot < MirrorSlots;
                for (int j = 0; j < R; j++)
                {
                    Array.Copy(src, k * L + j * Bp, _ring, k * plane + (j * HS + slot) * Bp, Bp);
                    if (mirror) Array.Copy(src, k * L + j * Bp, _ring, k * plane + (j * HS + H + slot) * Bp, Bp);
                }
            }
        }
    }
}
