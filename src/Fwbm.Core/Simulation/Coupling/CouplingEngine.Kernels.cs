using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Fwbm.Core.Simulation.Coupling;

/// <summary>The coupling kernels: single member, the matrix–vector product (no delays, dense), long edges K steps at once and short
/// edges step by step (CSR over targets); batch, long edges K steps at once (CSR per source tile) and short edges step by step.</summary>
internal sealed partial class CouplingEngine<TNum>
{
    /// <summary>No delays, lanes = targets: c = W·h with up to 8 target vectors per pass (independent FMA chains).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void SingleDense(TNum* wt, TNum* h, TNum* c)
    {
        int o = 0;
        for (; o + 8 * W <= L; o += 8 * W)
        {
            Vector<TNum> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            TNum* col = wt + o;
            for (int j = 0; j < R; j++, col += L)
            {
                var hj = new Vector<TNum>(h[j]);
                a0 = VecOps<TNum>.Fma(Vector.Load(col), hj, a0);
                a1 = VecOps<TNum>.Fma(Vector.Load(col + W), hj, a1);
                a2 = VecOps<TNum>.Fma(Vector.Load(col + 2 * W), hj, a2);
                a3 = VecOps<TNum>.Fma(Vector.Load(col + 3 * W), hj, a3);
                a4 = VecOps<TNum>.Fma(Vector.Load(col + 4 * W), hj, a4);
                a5 = VecOps<TNum>.Fma(Vector.Load(col + 5 * W), hj, a5);
                a6 = VecOps<TNum>.Fma(Vector.Load(col + 6 * W), hj, a6);
                a7 = VecOps<TNum>.Fma(Vector.Load(col + 7 * W), hj, a7);
            }
            a0.Store(c + o); a1.Store(c + o + W); a2.Store(c + o + 2 * W); a3.Store(c + o + 3 * W);
            a4.Store(c + o + 4 * W); a5.Store(c + o + 5 * W); a6.Store(c + o + 6 * W); a7.Store(c + o + 7 * W);
        }
        for (; o + 4 * W <= L; o += 4 * W)
        {
            Vector<TNum> a0 = default, a1 = default, a2 = default, a3 = default;
            TNum* col = wt + o;
            for (int j = 0; j < R; j++, col += L)
            {
                var hj = new Vector<TNum>(h[j]);
                a0 = VecOps<TNum>.Fma(Vector.Load(col), hj, a0);
                a1 = VecOps<TNum>.Fma(Vector.Load(col + W), hj, a1);
                a2 = VecOps<TNum>.Fma(Vector.Load(col + 2 * W), hj, a2);
                a3 = VecOps<TNum>.Fma(Vector.Load(col + 3 * W), hj, a3);
            }
            a0.Store(c + o); a1.Store(c + o + W); a2.Store(c + o + 2 * W); a3.Store(c + o + 3 * W);
        }
        for (; o < L; o += W)
        {
            Vector<TNum> a0 = default;
            TNum* col = wt + o;
            for (int j = 0; j < R; j++, col += L) a0 = VecOps<TNum>.Fma(Vector.Load(col), new Vector<TNum>(h[j]), a0);
            a0.Store(c + o);
        }
    }

    /// <summary>
    /// Long edges (delay ≥ K), single member, K steps at once: each edge's history over the block is one contiguous read of K
    /// values (the ring's mirror slots make it contiguous across the wrap), so the block costs a vector load and FMA per W steps
    /// and edge, and the indices are read once per block. Targets go TG at a time with 8 independent accumulators (8 targets × W
    /// steps, 4 × 2W or 2 × 4W). Writes cb[i * K + kk] for kk &lt; K.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void LongBlock(TNum* ringK, int first, TNum* cb)
    {
        int groups = _lgStart.Length - 1;
        fixed (int* tgt = _lgTarget, gs = _lgStart, off = _lgOff, dl = _lgDel)
        fixed (TNum* ww = _lgW)
        {
            int V = K / Vector<TNum>.Count;
            for (int g = 0; g < groups; g++)
            {
                int e0 = gs[g] * TG, e1 = gs[g + 1] * TG;
                int* tg = tgt + g * TG;
                Vector<TNum> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                if (V == 1)
                {
                    for (int e = e0; e < e1; e += 8)
                    {
                        a0 = VecOps<TNum>.Fma(new Vector<TNum>(ww[e]), Vector.Load(ringK + off[e] + ((first - dl[e]) & Mask)), a0);
                        a1 = VecOps<TNum>.Fma(new Vector<TNum>(ww[e + 1]), Vector.Load(ringK + off[e + 1] + ((first - dl[e + 1]) & Mask)), a1);
                        a2 = VecOps<TNum>.Fma(new Vector<TNum>(ww[e + 2]), Vector.Load(ringK + off[e + 2] + ((first - dl[e + 2]) & Mask)), a2);
                        a3 = VecOps<TNum>.Fma(new Vector<TNum>(ww[e + 3]), Vector.Load(ringK + off[e + 3] + ((first - dl[e + 3]) & Mask)), a3);
                        a4 = VecOps<TNum>.Fma(new Vector<TNum>(ww[e + 4]), Vector.Load(ringK + off[e + 4] + ((first - dl[e + 4]) & Mask)), a4);
                        a5 = VecOps<TNum>.Fma(new Vector<TNum>(ww[e + 5]), Vector.Load(ringK + off[e + 5] + ((first - dl[e + 5]) & Mask)), a5);
                        a6 = VecOps<TNum>.Fma(new Vector<TNum>(ww[e + 6]), Vector.Load(ringK + off[e + 6] + ((first - dl[e + 6]) & Mask)), a6);
                        a7 = VecOps<TNum>.Fma(new Vector<TNum>(ww[e + 7]), Vector.Load(ringK + off[e + 7] + ((first - dl[e + 7]) & Mask)), a7);
                    }
                    Put(cb, tg[0], 0, a0); Put(cb, tg[1], 0, a1); Put(cb, tg[2], 0, a2); Put(cb, tg[3], 0, a3);
                    Put(cb, tg[4], 0, a4); Put(cb, tg[5], 0, a5); Put(cb, tg[6], 0, a6); Put(cb, tg[7], 0, a7);
                }
                else if (V == 2)
                {
                    int w = Vector<TNum>.Count;
                    for (int e = e0; e < e1; e += 4)
                    {
                        TNum* s0 = ringK + off[e] + ((first - dl[e]) & Mask), s1 = ringK + off[e + 1] + ((first - dl[e + 1]) & Mask);
                        TNum* s2 = ringK + off[e + 2] + ((first - dl[e + 2]) & Mask), s3 = ringK + off[e + 3] + ((first - dl[e + 3]) & Mask);
                        var w0 = new Vector<TNum>(ww[e]); var w1 = new Vector<TNum>(ww[e + 1]);
                        var w2 = new Vector<TNum>(ww[e + 2]); var w3 = new Vector<TNum>(ww[e + 3]);
                        a0 = VecOps<TNum>.Fma(w0, Vector.Load(s0), a0); a1 = VecOps<TNum>.Fma(w0, Vector.Load(s0 + w), a1);
                        a2 = VecOps<TNum>.Fma(w1, Vector.Load(s1), a2); a3 = VecOps<TNum>.Fma(w1, Vector.Load(s1 + w), a3);
                        a4 = VecOps<TNum>.Fma(w2, Vector.Load(s2), a4); a5 = VecOps<TNum>.Fma(w2, Vector.Load(s2 + w), a5);
                        a6 = VecOps<TNum>.Fma(w3, Vector.Load(s3), a6); a7 = VecOps<TNum>.Fma(w3, Vector.Load(s3 + w), a7);
                    }
                    Put(cb, tg[0], 0, a0); Put(cb, tg[0], w, a1); Put(cb, tg[1], 0, a2); Put(cb, tg[1], w, a3);
                    Put(cb, tg[2], 0, a4); Put(cb, tg[2], w, a5); Put(cb, tg[3], 0, a6); Put(cb, tg[3], w, a7);
                }
                else
                {
                    // V = 4: two targets × four vectors (K = 4W)
                    int w = Vector<TNum>.Count;
                    for (int e = e0; e < e1; e += 2)
                    {
                        TNum* s0 = ringK + off[e] + ((first - dl[e]) & Mask), s1 = ringK + off[e + 1] + ((first - dl[e + 1]) & Mask);
                        var w0 = new Vector<TNum>(ww[e]); var w1 = new Vector<TNum>(ww[e + 1]);
                        a0 = VecOps<TNum>.Fma(w0, Vector.Load(s0), a0); a1 = VecOps<TNum>.Fma(w0, Vector.Load(s0 + w), a1);
                        a2 = VecOps<TNum>.Fma(w0, Vector.Load(s0 + 2 * w), a2); a3 = VecOps<TNum>.Fma(w0, Vector.Load(s0 + 3 * w), a3);
                        a4 = VecOps<TNum>.Fma(w1, Vector.Load(s1), a4); a5 = VecOps<TNum>.Fma(w1, Vector.Load(s1 + w), a5);
                        a6 = VecOps<TNum>.Fma(w1, Vector.Load(s1 + 2 * w), a6); a7 = VecOps<TNum>.Fma(w1, Vector.Load(s1 + 3 * w), a7);
                    }
                    Put(cb, tg[0], 0, a0); Put(cb, tg[0], w, a1); Put(cb, tg[0], 2 * w, a2); Put(cb, tg[0], 3 * w, a3);
                    Put(cb, tg[1], 0, a4); Put(cb, tg[1], w, a5); Put(cb, tg[1], 2 * w, a6); Put(cb, tg[1], 3 * w, a7);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe void Put(TNum* cb, int target, int at, Vector<TNum> v)
    {
        if (target >= 0) v.Store(cb + target * K + at);
    }

    /// <summary>
    /// One step, single member: each target's sum starts from its long-edge sum of this step (<paramref name="cbk"/>[i * K], or +0
    /// when there are no long edges) and adds the short edges in source order: undelayed ones from <paramref name="hk"/>, the others
    /// from the history. Padding lanes get 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void ShortStep(TNum* ringK, TNum* hk, int nm, TNum* cbk, TNum* ck)
    {
        fixed (int* st = _shStart, src = _shSrc, dl = _shDel)
        fixed (TNum* ww = _shW)
        {
            for (int i = 0; i < R; i++)
            {
                TNum acc = cbk != null ? cbk[i * K] : TNum.Zero;
                for (int e = st[i], end = st[i + 1]; e < end; e++)
                {
                    int d = dl[e];
                    TNum v = d == 0 ? hk[src[e]] : ringK[src[e] * HS + ((nm - d) & Mask)];
                    acc = TNum.FusedMultiplyAdd(ww[e], v, acc);
                }
                ck[i] = acc;
            }
            for (int i = R; i < L; i++) ck[i] = TNum.Zero;
        }
    }

    /// <summary>
    /// One step, single member, dense short edges (double, AVX2): lanes = targets, four at a time, each starting from its long-edge
    /// sum (<paramref name="cbN"/>[i * K], or +0) and adding every source in increasing order, its history gathered at the edge's
    /// delay (the weights of long edges are 0 here and change no sum). The history of step m is the current outputs, so undelayed
    /// edges read it from the ring. Padding lanes get 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void ShortGather(TNum* ringN, int nm, TNum* cbN, TNum* cN)
    {
        double* ringK = (double*)ringN, cbk = (double*)cbN, c = (double*)cN;
        var mask = Vector128.Create(Mask);
        var now = Vector128.Create(nm);
        fixed (TNum* wtN = _wt)
        fixed (int* dt = _dtS)
        {
            double* wt = (double*)wtN;
            int o = 0;
            for (; o + 16 <= L; o += 16)
            {
                Vector256<double> a0 = Init(cbk, o), a1 = Init(cbk, o + 4), a2 = Init(cbk, o + 8), a3 = Init(cbk, o + 12);
                for (int j = 0; j < R; j++)
                {
                    double* src = ringK + j * HS;
                    int* dj = dt + j * L + o; double* wj = wt + j * L + o;
                    a0 = Fma.MultiplyAdd(Vector256.Load(wj), Avx2.GatherVector256(src, (now - Vector128.Load(dj)) & mask, 8), a0);
                    a1 = Fma.MultiplyAdd(Vector256.Load(wj + 4), Avx2.GatherVector256(src, (now - Vector128.Load(dj + 4)) & mask, 8), a1);
                    a2 = Fma.MultiplyAdd(Vector256.Load(wj + 8), Avx2.GatherVector256(src, (now - Vector128.Load(dj + 8)) & mask, 8), a2);
                    a3 = Fma.MultiplyAdd(Vector256.Load(wj + 12), Avx2.GatherVector256(src, (now - Vector128.Load(dj + 12)) & mask, 8), a3);
                }
                a0.Store(c + o); a1.Store(c + o + 4); a2.Store(c + o + 8); a3.Store(c + o + 12);
            }
            for (; o < L; o += 4)
            {
                var acc = Init(cbk, o);
                for (int j = 0; j < R; j++)
                    acc = Fma.MultiplyAdd(Vector256.Load(wt + j * L + o), Avx2.GatherVector256(ringK + j * HS, (now - Vector128.Load(dt + j * L + o)) & mask, 8), acc);
                acc.Store(c + o);
            }
            for (int i = R; i < L; i++) c[i] = 0;
        }
    }

    /// <summary>The long-edge sums of targets o … o + 3 of this step (+0 without long edges or beyond the regions).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe Vector256<double> Init(double* cbk, int o)
    {
        if (cbk == null) return Vector256<double>.Zero;
        return Vector256.Create(o < R ? cbk[o * K] : 0, o + 1 < R ? cbk[(o + 1) * K] : 0, o + 2 < R ? cbk[(o + 2) * K] : 0, o + 3 < R ? cbk[(o + 3) * K] : 0);
    }

    /// <summary>
    /// Batch, long edges (delay ≥ K), K steps at once: lanes are (target i, member b) with members innermost, so an edge's history
    /// over the block (K slots × Bp members) is one contiguous run, and so is the target's block of sums cb[(i * K + kk) * Bp + b]:
    /// the kernel is a CSR of contiguous axpy's. Sources go in tiles whose history fits the L2 cache, each tile adding its edges to
    /// the sums of every target (sources stay in increasing order per lane), so the history is read about once per block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void BatchLongBlock(TNum* ringK, int first, TNum* cb)
    {
        int w = Vector<TNum>.Count;
        int span = K * Bp;
        fixed (int* tb = _btBegin, off = _blOff, dl = _blDel)
        fixed (TNum* ww = _blW)
        {
            for (int t = 0; t < _tiles; t++)
            {
                bool firstTile = t == 0;
                for (int i = 0; i < R; i++)
                {
                    int e0 = tb[t * (R + 1) + i], e1 = tb[t * (R + 1) + i + 1];
                    TNum* ci = cb + i * span;
                    if (e0 == e1)
                    {
                        if (firstTile) new Span<TNum>(ci, span).Clear();
                        continue;
                    }
                    int q = 0;
                    for (; q + 8 * w <= span; q += 8 * w)
                    {
                        Vector<TNum> a0, a1, a2, a3, a4, a5, a6, a7;
                        if (firstTile) { a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = default; }
                        else
                        {
                            a0 = Vector.Load(ci + q); a1 = Vector.Load(ci + q + w); a2 = Vector.Load(ci + q + 2 * w); a3 = Vector.Load(ci + q + 3 * w);
                            a4 = Vector.Load(ci + q + 4 * w); a5 = Vector.Load(ci + q + 5 * w); a6 = Vector.Load(ci + q + 6 * w); a7 = Vector.Load(ci + q + 7 * w);
                        }
                        for (int e = e0; e < e1; e++)
                        {
                            var wv = new Vector<TNum>(ww[e]);
                            TNum* src = ringK + off[e] + ((first - dl[e]) & Mask) * Bp + q;
                            a0 = VecOps<TNum>.Fma(wv, Vector.Load(src), a0);
                            a1 = VecOps<TNum>.Fma(wv, Vector.Load(src + w), a1);
                            a2 = VecOps<TNum>.Fma(wv, Vector.Load(src + 2 * w), a2);
                            a3 = VecOps<TNum>.Fma(wv, Vector.Load(src + 3 * w), a3);
                            a4 = VecOps<TNum>.Fma(wv, Vector.Load(src + 4 * w), a4);
                            a5 = VecOps<TNum>.Fma(wv, Vector.Load(src + 5 * w), a5);
                            a6 = VecOps<TNum>.Fma(wv, Vector.Load(src + 6 * w), a6);
                            a7 = VecOps<TNum>.Fma(wv, Vector.Load(src + 7 * w), a7);
                        }
                        a0.Store(ci + q); a1.Store(ci + q + w); a2.Store(ci + q + 2 * w); a3.Store(ci + q + 3 * w);
                        a4.Store(ci + q + 4 * w); a5.Store(ci + q + 5 * w); a6.Store(ci + q + 6 * w); a7.Store(ci + q + 7 * w);
                    }
                    for (; q < span; q += w)
                    {
                        var a0 = firstTile ? default : Vector.Load(ci + q);
                        for (int e = e0; e < e1; e++)
                            a0 = VecOps<TNum>.Fma(new Vector<TNum>(ww[e]), Vector.Load(ringK + off[e] + ((first - dl[e]) & Mask) * Bp + q), a0);
                        a0.Store(ci + q);
                    }
                }
            }
        }
    }

    /// <summary>Batch, one step: each lane starts from its long-edge sum of this step (<paramref name="cbk"/>[i * K * Bp + b], or +0
    /// without long edges) and adds the short edges (all edges without delays) by increasing source, undelayed ones from
    /// <paramref name="hk"/>; members contiguous, up to 8 member vectors per pass (independent FMA chains sharing each weight).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void BatchSum(TNum* ringK, TNum* hk, int nm, TNum* cbk, TNum* ck)
    {
        int w = Vector<TNum>.Count;
        int rowStride = K * Bp;
        fixed (TNum* nzw = _nzWeight)
        fixed (int* nzs = _nzSource, nzd = _nzDelay, nzStart = _nzStart)
        {
            for (int i = 0; i < R; i++)
            {
                TNum* ci = ck + i * Bp;
                TNum* init = cbk != null ? cbk + i * rowStride : null;
                int e0 = nzStart[i], e1 = nzStart[i + 1];
                int o = 0;
                for (; o + 8 * w <= Bp; o += 8 * w)
                {
                    Vector<TNum> a0, a1, a2, a3, a4, a5, a6, a7;
                    if (init == null) { a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = default; }
                    else
                    {
                        a0 = Vector.Load(init + o); a1 = Vector.Load(init + o + w); a2 = Vector.Load(init + o + 2 * w); a3 = Vector.Load(init + o + 3 * w);
                        a4 = Vector.Load(init + o + 4 * w); a5 = Vector.Load(init + o + 5 * w); a6 = Vector.Load(init + o + 6 * w); a7 = Vector.Load(init + o + 7 * w);
                    }
                    for (int e = e0; e < e1; e++)
                    {
                        var wv = new Vector<TNum>(nzw[e]);
                        int d = nzd[e];
                        TNum* src = (d == 0 ? hk + nzs[e] * Bp : ringK + (nzs[e] * HS + ((nm - d) & Mask)) * Bp) + o;
                        a0 = VecOps<TNum>.Fma(wv, Vector.Load(src), a0);
                        a1 = VecOps<TNum>.Fma(wv, Vector.Load(src + w), a1);
                        a2 = VecOps<TNum>.Fma(wv, Vector.Load(src + 2 * w), a2);
                        a3 = VecOps<TNum>.Fma(wv, Vector.Load(src + 3 * w), a3);
                        a4 = VecOps<TNum>.Fma(wv, Vector.Load(src + 4 * w), a4);
                        a5 = VecOps<TNum>.Fma(wv, Vector.Load(src + 5 * w), a5);
                        a6 = VecOps<TNum>.Fma(wv, Vector.Load(src + 6 * w), a6);
                        a7 = VecOps<TNum>.Fma(wv, Vector.Load(src + 7 * w), a7);
                    }
                    a0.Store(ci + o); a1.Store(ci + o + w); a2.Store(ci + o + 2 * w); a3.Store(ci + o + 3 * w);
                    a4.Store(ci + o + 4 * w); a5.Store(ci + o + 5 * w); a6.Store(ci + o + 6 * w); a7.Store(ci + o + 7 * w);
                }
                for (; o < Bp; o += 4 * w)
                {
                    int q = Math.Min(4, (Bp - o) / w);
                    Vector<TNum> a0 = default, a1 = default, a2 = default, a3 = default;
                    if (init != null)
                    {
                        a0 = Vector.Load(init + o);
                        if (q > 1) a1 = Vector.Load(init + o + w);
                        if (q > 2) a2 = Vector.Load(init + o + 2 * w);
                        if (q > 3) a3 = Vector.Load(init + o + 3 * w);
                    }
                    for (int e = e0; e < e1; e++)
                    {
                        var wv = new Vector<TNum>(nzw[e]);
                        int d = nzd[e];
                        TNum* src = (d == 0 ? hk + nzs[e] * Bp : ringK + (nzs[e] * HS + ((nm - d) & Mask)) * Bp) + o;
                        a0 = VecOps<TNum>.Fma(wv, Vector.Load(src), a0);
                        if (q > 1) a1 = VecOps<TNum>.Fma(wv, Vector.Load(src + w), a1);
                        if (q > 2) a2 = VecOps<TNum>.Fma(wv, Vector.Load(src + 2 * w), a2);
                        if (q > 3) a3 = VecOps<TNum>.Fma(wv, Vector.Load(src + 3 * w), a3);
                    }
                    a0.Store(ci + o);
                    if (q > 1) a1.Store(ci + o + w);
                    if (q > 2) a2.Store(ci + o + 2 * w);
                    if (q > 3) a3.Store(ci + o + 3 * w);
                }
            }
        }
    }
}
