namespace Fwbm.Core.Simulation.Coupling;

/// <summary>The delay history ring: its layout and how a step's outputs are written into it.</summary>
internal sealed partial class CouplingEngine<TNum>
{
    // H history slots per source (a power of two ≥ max delay + 1), read modulo Mask = H − 1
    private readonly int H, Mask;
    // single member with delays: the ring holds each source's history contiguously (stride HS = H + MirrorSlots, the first
    // MirrorSlots slots repeated after slot H−1), so K consecutive steps of one delayed source are one contiguous read. When every
    // delay is at least K − 1 steps, the coupling of K steps is computed at once, vectorised over time instead of gathered.
    private const int MirrorSlots = 16;
    private readonly int HS;
    private readonly TNum[] _ring;    // [k * R * HS * Bp + …]: per channel, per source, per slot (batch: members innermost)

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
                for (int j = 0; j < R; j++)
                    Array.Copy(src, k * L + j * Bp, _ring, k * plane + (j * H + slot) * Bp, Bp);
        }
    }
}
