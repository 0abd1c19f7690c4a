using System.Numerics;

namespace Fwbm.Core.Simulation.Coupling;

/// <summary>
/// The coupling of a block of lanes: the delay history and the sums S_i = Σ_j W_ij·h_j(t_m − d_ij) for every channel and lane, in
/// float or double. Lanes are <c>[k * L + lane]</c> as in the engine: a lane is a region (single member, SIMD across regions) or
/// (region, member) with members innermost (batch, SIMD across members, one delay index serving every member).
/// </summary>
/// <remarks>
/// Bit-exactness contract: every kernel computes, per lane, acc = fma(W_ij, h_j(t − d_ij), acc) over sources j in increasing order
/// from +0 (exact zero weights may be skipped: fma(0, finite, acc) = acc, and the accumulator never holds −0), so a batch member
/// equals the single run bit for bit. Files: this one the tables and the API, <c>.History.cs</c> the ring, <c>.Kernels.cs</c> the
/// kernels.
/// </remarks>
internal sealed partial class CouplingEngine<TNum> where TNum : unmanaged, IBinaryFloatingPointIeee754<TNum>
{
    private static int W => Vector<TNum>.Count;
    private const int Group = 8;

    private readonly int R, L, M, Bp, NC;
    private readonly bool _delays, _ahead;
    private readonly int K;             // steps per time block (0: no time blocking), see CouplingEngine.History.cs
    private readonly TNum[] _wt;        // single member: [j * L + i] = W[i, j]
    private readonly int[] _dt;         // single member: [j * L + i] = delay[i, j]
    private readonly TNum[] _w4, _cbuf; // _w4[(g * R + j) * Group + t] = W[g·Group + t, j]; _cbuf[i * K + kk] = Σ_j for step block + kk
    private readonly int[] _d4;         // delays in the same layout (zero-weight pairs get a harmless in-range delay)
    private readonly int[] _nzStart;    // batch: CSR over targets i of (source, weight, delay)
    private readonly int[] _nzSource, _nzDelay;
    private readonly TNum[] _nzWeight;

    public CouplingEngine(CouplingLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        R = layout.Regions; L = layout.Lanes; M = layout.Members; Bp = layout.MemberStride; NC = layout.Channels;
        _delays = layout.HasDelays; _ahead = layout.ReadsAhead;
        H = 1; while (H < layout.MaxDelaySteps + 1) H <<= 1;
        Mask = H - 1;
        HS = M == 1 ? H + MirrorSlots : H;
        _ring = _delays ? new TNum[NC * R * HS * Bp] : [];
        var w = layout.Weights; var delays = layout.Delays;
        K = 0;
        if (M == 1)
        {
            var wt = new TNum[R * L]; var dt = new int[R * L];
            for (int i = 0; i < R; i++)
                for (int j = 0; j < R; j++) { wt[j * L + i] = TNum.CreateTruncating(w[i * R + j]); dt[j * L + i] = delays[i * R + j]; }
            _wt = wt; _dt = dt;
            _nzStart = []; _nzSource = []; _nzDelay = []; _nzWeight = [];
            // time blocking needs K − 1 ≤ every delay of a non-zero weight, and K a whole number of vectors
            int dmin = int.MaxValue;
            for (int k = 0; k < R * R; k++) if (w[k] != 0) dmin = Math.Min(dmin, delays[k]);
            // (Heun evaluates the sums of step n + 1 during step n, before x(n + 1) is in the ring: then K ≤ every delay)
            int kk = _delays && dmin != int.MaxValue ? Math.Min(MirrorSlots, _ahead ? dmin : dmin + 1) / W * W : 0;
            K = kk >= W && 2 * W - 1 <= MirrorSlots ? kk : 0;
            if (K > 0)
            {
                int groups = (L + Group - 1) / Group;
                var w4 = new TNum[groups * R * Group]; var d4 = new int[groups * R * Group];
                for (int g = 0; g < groups; g++)
                    for (int j = 0; j < R; j++)
                        for (int t = 0; t < Group; t++)
                        {
                            int i = g * Group + t;
                            double wij = i < R ? w[i * R + j] : 0;   // padded targets (i ≥ R, also beyond L) get zero weights
                            w4[(g * R + j) * Group + t] = TNum.CreateTruncating(wij);
                            d4[(g * R + j) * Group + t] = wij != 0 ? delays[i * R + j] : dmin;
                        }
                _w4 = w4; _d4 = d4;
                _cbuf = new TNum[NC * groups * Group * K];
            }
            else { _w4 = []; _d4 = []; _cbuf = []; }
        }
        else
        {
            _wt = []; _dt = [];
            var start = new List<int>(); var src = new List<int>(); var del = new List<int>(); var wt = new List<TNum>();
            for (int i = 0; i < R; i++)
            {
                start.Add(src.Count);
                for (int j = 0; j < R; j++)
                {
                    double wij = w[i * R + j];
                    if (wij == 0) continue; // skipping an exact zero changes no sum (the accumulator never holds −0)
                    src.Add(j); wt.Add(TNum.CreateTruncating(wij)); del.Add(delays[i * R + j]);
                }
            }
            start.Add(src.Count);
            _nzStart = start.ToArray(); _nzSource = src.ToArray(); _nzDelay = del.ToArray(); _nzWeight = wt.ToArray();
            _w4 = []; _d4 = []; _cbuf = [];
        }
    }

    /// <summary>Which kernel computes the sums (for the benchmark and the run summary).</summary>
    public string Kernel => M > 1 ? (_delays ? "batch-csr-delayed" : "batch-csr") : !_delays ? "dense" : K > 0 ? $"dense-blocked-{K}" : "dense-gather";

    /// <summary>Bytes held by the history and the coupling tables.</summary>
    public long Bytes
    {
        get
        {
            long n = (long)_ring.Length + _wt.Length + _w4.Length + _cbuf.Length + _nzWeight.Length;
            return n * System.Runtime.CompilerServices.Unsafe.SizeOf<TNum>()
                + 4L * (_dt.Length + _d4.Length + _nzStart.Length + _nzSource.Length + _nzDelay.Length);
        }
    }

    /// <summary>
    /// The coupling sums S_i = Σ_j W_ij·h_j(t_m − d_ij) of step <paramref name="m"/> for every channel into <paramref name="dst"/>
    /// (<c>[k * L + lane]</c>): delayed terms from the history, undelayed ones (no delays at all) from <paramref name="current"/>.
    /// The post step (G and the diffusive local term) is the caller's, lane-locally.
    /// </summary>
    public unsafe void Sums(long m, TNum[] current, TNum[] dst)
    {
        int nm = (int)(m & Mask);
        int plane = R * HS * Bp;
        bool blockStart = K > 0 && m % K == 0;
        int kk = K > 0 ? (int)(m % K) : 0;
        fixed (TNum* c = dst, cur = current, ring = _ring, wt = _wt, nzw = _nzWeight, w4 = _w4, cbuf = _cbuf)
        fixed (int* dt = _dt, nzs = _nzSource, nzd = _nzDelay, nzStart = _nzStart, d4 = _d4)
        {
            for (int k = 0; k < NC; k++)
            {
                TNum* ck = c + k * L;
                TNum* hk = cur + k * L;
                TNum* ringK = ring + k * plane;
                if (M == 1)
                {
                    if (!_delays) SingleDense(wt, hk, ck);
                    else if (K > 0)
                    {
                        TNum* cb = cbuf + k * ((L + Group - 1) / Group * Group) * K;
                        if (blockStart) SingleBlock(w4, d4, ringK, nm, cb);
                        for (int i = 0; i < L; i++) ck[i] = cb[i * K + kk];
                    }
                    else SingleGather(wt, dt, ringK, nm, ck);
                }
                else BatchSum(nzw, nzs, nzd, nzStart, ringK, hk, nm, ck);
            }
        }
    }
}
