namespace Fwbm.Core.Simulation;

/// <summary>The delay history ring: its layout and how a step's outputs are written into it.</summary>
internal sealed partial class BlockEngine<TModel>
{
    // H history slots per source (a power of two ≥ max delay + 1), read modulo Mask = H − 1
    private readonly int H, Mask;
    // single member with delays: the ring holds each source's history contiguously (stride HS = H + MirrorSlots, the first
    // MirrorSlots slots repeated after slot H−1), so K consecutive steps of one delayed source are one contiguous read. When every
    // delay is at least K − 1 steps, the coupling of K steps is computed at once, vectorised over time instead of gathered.
    private const int MirrorSlots = 16;
    private readonly int HS;
    private readonly double[] _ring;    // [k * R * HS * Bp + …]: per channel, per source, per slot (batch: members innermost)

    /// <summary>Write the outputs <paramref name="src"/> (one per channel and lane) into history slot <paramref name="slot"/>.</summary>
    private void WriteRing(int slot, double[] src)
    {
        int plane = R * HS * Bp;
        for (int k = 0; k < NC; k++)
        {
            if (M == 1)
            {
                bool mirror = slot < MirrorSlots;
                for (int j = 0; j < R; j++)
                {
                    double v = src[k * L + j];
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
