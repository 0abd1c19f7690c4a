using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fwbm.Core.Simulation.Coupling;

/// <summary>
/// The coupling of a block of lanes: the delay history and the sums S_i = Σ_j W_ij·h_j(t_m − d_ij) for every channel and lane, in
/// float or double. Lanes are <c>[k * L + lane]</c> as in the engine: a lane is a region (single member, SIMD across regions) or
/// (region, member) with members innermost (batch, SIMD across members, one delay index serving every member).
/// </summary>
/// <remarks>
/// <para>Bit-exactness contract: per lane, acc = fma(W_ij, h_j(t − d_ij), acc) from +0 over the non-zero weights of the target in
/// one fixed order — first the <i>long</i> edges (delay ≥ K steps), sources j increasing, then the <i>short</i> ones (delay &lt; K),
/// sources j increasing — where K (<see cref="BlockSteps"/>) depends only on the connectome, the delays and the vector width, not on
/// the batch. Every kernel, single member or batch, follows it, so a batch member equals the single run bit for bit. (Without
/// delays, or when every delay is short, that is plain j-increasing order.)</para>
/// <para>Single member: long edges are summed K steps at a time (each one's history over K steps is one contiguous read), as a CSR
/// over targets grouped by their number of edges, so the cost is proportional to the non-zero weights; short edges are added step
/// by step. Files: this one the API, <c>.Tables.cs</c> the layout, <c>.History.cs</c> the ring, <c>.Kernels.cs</c> the kernels.</para>
/// </remarks>
internal sealed partial class CouplingEngine<TNum> where TNum : unmanaged, IBinaryFloatingPointIeee754<TNum>
{
    private static int W => Vector<TNum>.Count;

    private readonly int R, L, M, Bp, NC;
    private readonly bool _delays, _ahead;

    public CouplingEngine(CouplingLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        R = layout.Regions; L = layout.Lanes; M = layout.Members; Bp = layout.MemberStride; NC = layout.Channels;
        _delays = layout.HasDelays; _ahead = layout.ReadsAhead;
        H = 1; while (H < layout.MaxDelaySteps + 1) H <<= 1;
        Mask = H - 1;
        HS = H + MirrorSlots;
        _ring = _delays ? new TNum[NC * R * HS * Bp] : [];
        K = _delays ? ChooseBlock(layout.Weights, layout.Delays, R) : 1;
        BuildTables(layout.Weights, layout.Delays);
    }

    /// <summary>K: edges with a delay of at least K steps are summed K steps at a time (single member) and first (every path);
    /// see the remarks. 1 without delays (every edge is short).</summary>
    public int BlockSteps => K;

    /// <summary>Which kernel computes the sums (for the benchmark and the run summary).</summary>
    public string Kernel => M > 1 ? (_delays ? $"batch-csr-blocked(K={K}, long {_longEdges}, short {_shortEdges}, {_tiles} source tiles)" : "batch-csr")
        : !_delays ? (_denseNoDelay ? "dense-matvec" : "csr")
        : $"csr-blocked(K={K}, long {_longEdges}, short {_shortEdges}{(_denseShort ? " gathered" : "")})";

    /// <summary>Bytes held by the history, the coupling tables and the buffers.</summary>
    public long Bytes
    {
        get
        {
            long n = (long)_ring.Length + _wt.Length + _cbuf.Length + _nzWeight.Length + _lgW.Length + _shW.Length + _blW.Length;
            long i = (long)_dtS.Length + _nzStart.Length + _nzSource.Length + _nzDelay.Length + _lgTarget.Length + _lgStart.Length + _lgOff.Length
                + _lgDel.Length + _shStart.Length + _shSrc.Length + _shDel.Length + _btBegin.Length + _blOff.Length + _blDel.Length;
            return n * Unsafe.SizeOf<TNum>() + 4 * i;
        }
    }

    /// <summary>
    /// The coupling sums S_i = Σ_j W_ij·h_j(t_m − d_ij) of step <paramref name="m"/> for every channel into <paramref name="dst"/>
    /// (<c>[k * L + lane]</c>): delayed terms from the history, undelayed ones from <paramref name="current"/> (the outputs of step
    /// m). Steps are asked for in increasing order, each at least once (a step may be asked for again). The post step (G and the
    /// diffusive local term) is the caller's, lane-locally.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Sums(long m, TNum[] current, TNum[] dst)
    {
        int nm = (int)(m & Mask);
        int plane = R * HS * Bp;
        int kk = (int)(m % K);
        int blockFirst = (int)((m - kk) & Mask);
        bool newBlock = _delays && _longEdges > 0 && m - kk != _blockFor;
        if (newBlock) _blockFor = m - kk;
        fixed (TNum* c = dst, cur = current, ring = _ring, wt = _wt, cbuf = _cbuf)
        {
            for (int k = 0; k < NC; k++)
            {
                TNum* ck = c + k * L;
                TNum* hk = cur + k * L;
                TNum* ringK = ring + k * plane;
                if (M > 1)
                {
                    TNum* bb = cbuf + k * R * K * Bp;
                    if (newBlock) BatchLongBlock(ringK, blockFirst, bb);
                    BatchSum(ringK, hk, nm, _longEdges > 0 ? bb + kk * Bp : null, ck);
                    continue;
                }
                if (!_delays && _denseNoDelay) { SingleDense(wt, hk, ck); continue; }
                TNum* cb = cbuf + k * R * K;
                if (newBlock) LongBlock(ringK, blockFirst, cb);
                if (_denseShort) ShortGather(ringK, nm, _longEdges > 0 ? cb + kk : null, ck);
                else ShortStep(ringK, hk, nm, _longEdges > 0 ? cb + kk : null, ck);
            }
        }
    }
}
