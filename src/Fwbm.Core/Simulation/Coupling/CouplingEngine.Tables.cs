using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fwbm.Core.Simulation.Coupling;

/// <summary>The connectome in the layout of the kernels: which edges are long and short, and the tables each kernel reads.</summary>
internal sealed partial class CouplingEngine<TNum>
{
    private readonly int K;                 // block steps: edges with delay ≥ K are long (see BlockSteps)
    private long _blockFor = -1;            // the first step of the block whose long sums _cbuf holds
    private TNum[] _cbuf = [];          // single member: [k * R * K + i * K + kk] = long-edge sums of step block + kk
    private int _longEdges, _shortEdges;
    // single member, long edges: targets in groups of TG (by decreasing edge count), each group's edges interleaved target by
    // target: slot (start[g] + e) · TG + t holds target t's e-th edge (source offset src · HS, delay, weight); groups are padded
    // with zero weights, which change no sum (fma(0, finite, acc) = acc, and the accumulator never holds −0)
    private int TG;
    private int[] _lgTarget = [], _lgStart = [], _lgOff = [], _lgDel = [];
    private TNum[] _lgW = [];
    // single member, short edges: a CSR over targets of (source, delay, weight), sources increasing
    private int[] _shStart = [], _shSrc = [], _shDel = [];
    private TNum[] _shW = [];
    // single member with delays, dense short edges: [j * L + i] = W[i, j] of the short edges (0 for the others) and their delays,
    // summed over all sources with AVX2 gathers (zero weights change no sum)
    private bool _denseShort;
    private int[] _dtS = [];
    // single member without delays, dense: [j * L + i] = W[i, j] for the matrix–vector product
    private bool _denseNoDelay;
    private TNum[] _wt = [];
    // batch, short edges (every edge without delays): a CSR over targets of (source, delay, weight), sources increasing
    private int[] _nzStart = [], _nzSource = [], _nzDelay = [];
    private TNum[] _nzWeight = [];
    // batch, long edges: per source tile t, a CSR over targets i (edges _btBegin[t·(R+1) + i] …) of (source offset src · HS · Bp,
    // delay, weight); the block sums are _cbuf[k * R * K * Bp + (i * K + kk) * Bp + b]
    private int _tiles;
    private int[] _btBegin = [], _blOff = [], _blDel = [];
    private TNum[] _blW = [];

    /// <summary>
    /// K for a connectome: the block length (a whole number of vectors, at most <see cref="MirrorSlots"/>) with the lowest estimated
    /// cost per step, long edges costing (3 + K/W)/K (their indices once per block, a vector per W steps) and short ones about 2.5
    /// (a scalar gather and FMA every step). A function of the weights, delays and vector width only, so every block of a batch
    /// and the single run agree on it.
    /// </summary>
    internal static int ChooseBlock(double[] w, int[] delays, int R)
    {
        int best = 1; double bestCost = double.PositiveInfinity;
        for (int k = W; k <= Math.Min(MirrorSlots, 4 * W); k *= 2)
        {
            long lng = 0, sht = 0;
            for (int e = 0; e < R * R; e++)
                if (w[e] != 0) { if (delays[e] >= k) lng++; else sht++; }
            double cost = lng * (3.0 + k / W) / k + sht * 2.5;
            if (cost < bestCost) { bestCost = cost; best = k; }
        }
        return best;
    }

    private bool IsLong(int[] delays, int e) => _delays && delays[e] >= K;

    /// <summary>The short edges (delay below the block, or every edge without delays) as a CSR over targets, sources increasing.</summary>
    private void ShortEdgeCsr(double[] w, int[] delays, out int[] start, out int[] src, out int[] del, out TNum[] wt)
    {
        start = new int[R + 1]; src = new int[_shortEdges]; del = new int[_shortEdges]; wt = new TNum[_shortEdges];
        int n = 0;
        for (int i = 0; i < R; i++)
        {
            start[i] = n;
            for (int j = 0; j < R; j++)
            {
                int e = i * R + j;
                if (w[e] == 0 || IsLong(delays, e)) continue;
                src[n] = j; del[n] = delays[e]; wt[n] = TNum.CreateTruncating(w[e]); n++;
            }
        }
        start[R] = n;
    }

    private void BuildTables(double[] w, int[] delays)
    {
        long nnz = 0;
        for (int e = 0; e < R * R; e++)
            if (w[e] != 0) { nnz++; if (IsLong(delays, e)) _longEdges++; else _shortEdges++; }

        if (M > 1)
        {
            // batch: short edges (every edge without delays) as a CSR over targets by increasing source
            ShortEdgeCsr(w, delays, out _nzStart, out _nzSource, out _nzDelay, out _nzWeight);
            int n;
            if (_longEdges == 0) return;
            // long edges: per source tile (whose history fits about 256 kB), a CSR over targets by increasing source
            long perSource = (long)HS * Bp * Unsafe.SizeOf<TNum>();
            int tileSources = (int)Math.Clamp(256 * 1024 / perSource, 1, R);
            _tiles = (R + tileSources - 1) / tileSources;
            var begin = new int[_tiles * (R + 1)];
            var boff = new int[_longEdges]; var bdl = new int[_longEdges]; var bww = new TNum[_longEdges];
            n = 0;
            for (int t = 0; t < _tiles; t++)
            {
                for (int i = 0; i < R; i++)
                {
                    begin[t * (R + 1) + i] = n;
                    for (int j = t * tileSources; j < Math.Min(R, (t + 1) * tileSources); j++)
                    {
                        int e = i * R + j;
                        if (w[e] == 0 || !IsLong(delays, e)) continue;
                        boff[n] = j * HS * Bp; bdl[n] = delays[e]; bww[n] = TNum.CreateTruncating(w[e]); n++;
                    }
                }
                begin[t * (R + 1) + R] = n;
            }
            _btBegin = begin; _blOff = boff; _blDel = bdl; _blW = bww;
            _cbuf = new TNum[NC * R * K * Bp];
            return;
        }

        if (!_delays && nnz * 2.5 > (double)R * L / W)
        {
            // no delays, dense enough that a SIMD matrix–vector product over all R × L pairs beats a scalar CSR
            _denseNoDelay = true;
            var wt = new TNum[R * L];
            for (int i = 0; i < R; i++)
                for (int j = 0; j < R; j++) wt[j * L + i] = TNum.CreateTruncating(w[i * R + j]);
            _wt = wt;
            return;
        }

        if (_delays && typeof(TNum) == typeof(double) && Vector<TNum>.Count == 4 && System.Runtime.Intrinsics.X86.Avx2.IsSupported
            && _shortEdges * 2.5 > (double)R * L * 1.25)
        {
            // dense short edges (e.g. a high velocity): gathers over all R × L pairs beat a scalar CSR of the short edges
            _denseShort = true;
            var wt = new TNum[R * L]; var dt = new int[R * L];
            for (int i = 0; i < R; i++)
                for (int j = 0; j < R; j++)
                {
                    int e = i * R + j;
                    if (w[e] == 0 || IsLong(delays, e)) continue;
                    wt[j * L + i] = TNum.CreateTruncating(w[e]); dt[j * L + i] = delays[e];
                }
            _wt = wt; _dtS = dt;
        }
        else
        {
            // short edges: CSR over targets
            ShortEdgeCsr(w, delays, out _shStart, out _shSrc, out _shDel, out _shW);
        }
        if (_longEdges == 0) return;

        // long edges: targets grouped by decreasing edge count, TG targets per group so that a group has 8 accumulators
        TG = Math.Max(1, 8 * W / K);
        var count = new int[R];
        for (int i = 0; i < R; i++) for (int j = 0; j < R; j++) if (w[i * R + j] != 0 && IsLong(delays, i * R + j)) count[i]++;
        var order = Enumerable.Range(0, R).OrderByDescending(i => count[i]).ThenBy(i => i).ToArray();
        int groups = (R + TG - 1) / TG;
        var target = new int[groups * TG];
        var gstart = new int[groups + 1];
        int slots = 0;
        for (int g = 0; g < groups; g++)
        {
            gstart[g] = slots;
            int len = 0;
            for (int t = 0; t < TG; t++)
            {
                int q = g * TG + t;
                target[q] = q < R ? order[q] : -1;
                if (q < R) len = Math.Max(len, count[order[q]]);
            }
            slots += len;
        }
        gstart[groups] = slots;
        var off = new int[slots * TG]; var dl = new int[slots * TG]; var ww = new TNum[slots * TG];
        Array.Fill(dl, K);     // padding: zero weight, any in-range history
        for (int g = 0; g < groups; g++)
            for (int t = 0; t < TG; t++)
            {
                int i = target[g * TG + t];
                if (i < 0) continue;
                int e = 0;
                for (int j = 0; j < R; j++)
                {
                    int ij = i * R + j;
                    if (w[ij] == 0 || !IsLong(delays, ij)) continue;
                    int slot = (gstart[g] + e) * TG + t;
                    off[slot] = j * HS; dl[slot] = delays[ij]; ww[slot] = TNum.CreateTruncating(w[ij]);
                    e++;
                }
            }
        _lgTarget = target; _lgStart = gstart; _lgOff = off; _lgDel = dl; _lgW = ww;
        _cbuf = new TNum[NC * R * K];
    }
}
