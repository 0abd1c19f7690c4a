using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Fwbm.Core.Simulation.Coupling;

/// <summary>The coupling kernels: dense (no delays), time-blocked and gathered (single member, delays), CSR (batch).</summary>
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
    /// Delays, lanes = targets, K steps at once: every source's delayed history is a contiguous run of steps, so the coupling of
    /// K steps is plain vector loads and FMAs over time (no gathers), with the weights and delays read once per K steps.
    /// Eight independent accumulators per pass: 8 targets × W steps, or 4 targets × 2W steps. Writes cb[i * K + kk] for kk &lt; K.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void SingleBlock(TNum* w8, int* d8, TNum* ringK, int nm, TNum* cb)
    {
        int groups = (L + Group - 1) / Group;
        for (int g = 0; g < groups; g++)
        {
            TNum* wg = w8 + g * R * Group;
            int* dg = d8 + g * R * Group;
            int k0 = 0;
            for (; k0 + 2 * W <= K; k0 += 2 * W)
                for (int half = 0; half < Group; half += 4)
                {
                    int at = nm + k0;
                    Vector<TNum> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
                    for (int j = 0; j < R; j++)
                    {
                        TNum* src = ringK + j * HS;
                        TNum* wj = wg + j * Group + half;
                        int* dj = dg + j * Group + half;
                        TNum* s0 = src + ((at - dj[0]) & Mask), s1 = src + ((at - dj[1]) & Mask);
                        TNum* s2 = src + ((at - dj[2]) & Mask), s3 = src + ((at - dj[3]) & Mask);
                        var w0 = new Vector<TNum>(wj[0]); var w1 = new Vector<TNum>(wj[1]);
                        var w2 = new Vector<TNum>(wj[2]); var w3 = new Vector<TNum>(wj[3]);
                        a0 = VecOps<TNum>.Fma(w0, Vector.Load(s0), a0); b0 = VecOps<TNum>.Fma(w0, Vector.Load(s0 + W), b0);
                        a1 = VecOps<TNum>.Fma(w1, Vector.Load(s1), a1); b1 = VecOps<TNum>.Fma(w1, Vector.Load(s1 + W), b1);
                        a2 = VecOps<TNum>.Fma(w2, Vector.Load(s2), a2); b2 = VecOps<TNum>.Fma(w2, Vector.Load(s2 + W), b2);
                        a3 = VecOps<TNum>.Fma(w3, Vector.Load(s3), a3); b3 = VecOps<TNum>.Fma(w3, Vector.Load(s3 + W), b3);
                    }
                    TNum* c = cb + (g * Group + half) * K + k0;
                    a0.Store(c); b0.Store(c + W); a1.Store(c + K); b1.Store(c + K + W);
                    a2.Store(c + 2 * K); b2.Store(c + 2 * K + W); a3.Store(c + 3 * K); b3.Store(c + 3 * K + W);
                }
            for (; k0 < K; k0 += W)
            {
                int at = nm + k0;
                Vector<TNum> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                for (int j = 0; j < R; j++)
                {
                    TNum* src = ringK + j * HS;
                    TNum* wj = wg + j * Group;
                    int* dj = dg + j * Group;
                    a0 = VecOps<TNum>.Fma(new Vector<TNum>(wj[0]), Vector.Load(src + ((at - dj[0]) & Mask)), a0);
                    a1 = VecOps<TNum>.Fma(new Vector<TNum>(wj[1]), Vector.Load(src + ((at - dj[1]) & Mask)), a1);
                    a2 = VecOps<TNum>.Fma(new Vector<TNum>(wj[2]), Vector.Load(src + ((at - dj[2]) & Mask)), a2);
                    a3 = VecOps<TNum>.Fma(new Vector<TNum>(wj[3]), Vector.Load(src + ((at - dj[3]) & Mask)), a3);
                    a4 = VecOps<TNum>.Fma(new Vector<TNum>(wj[4]), Vector.Load(src + ((at - dj[4]) & Mask)), a4);
                    a5 = VecOps<TNum>.Fma(new Vector<TNum>(wj[5]), Vector.Load(src + ((at - dj[5]) & Mask)), a5);
                    a6 = VecOps<TNum>.Fma(new Vector<TNum>(wj[6]), Vector.Load(src + ((at - dj[6]) & Mask)), a6);
                    a7 = VecOps<TNum>.Fma(new Vector<TNum>(wj[7]), Vector.Load(src + ((at - dj[7]) & Mask)), a7);
                }
                TNum* c = cb + g * Group * K + k0;
                a0.Store(c); a1.Store(c + K); a2.Store(c + 2 * K); a3.Store(c + 3 * K);
                a4.Store(c + 4 * K); a5.Store(c + 5 * K); a6.Store(c + 6 * K); a7.Store(c + 7 * K);
            }
        }
    }

    /// <summary>Delays shorter than a vector of steps: per-step gathers, four target vectors at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void SingleGather(TNum* wtN, int* dt, TNum* ringN, int nm, TNum* cN)
    {
        if (typeof(TNum) == typeof(double) && Avx2.IsSupported && Vector<TNum>.Count == 4)
        {
            double* wt = (double*)wtN, ringK = (double*)ringN, c = (double*)cN;
            var mask = Vector128.Create(Mask);
            var now = Vector128.Create(nm);
            int o = 0;
            for (; o + 16 <= L; o += 16)
            {
                Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default;
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
                var acc = Vector256<double>.Zero;
                for (int j = 0; j < R; j++)
                    acc = Fma.MultiplyAdd(Vector256.Load(wt + j * L + o), Avx2.GatherVector256(ringK + j * HS, (now - Vector128.Load(dt + j * L + o)) & mask, 8), acc);
                acc.Store(c + o);
            }
            return;
        }
        for (int i = 0; i < L; i++)
        {
            TNum acc = TNum.Zero;
            for (int j = 0; j < R; j++)
                acc = TNum.FusedMultiplyAdd(wtN[j * L + i], ringN[j * HS + ((nm - dt[j * L + i]) & Mask)], acc);
            cN[i] = acc;
        }
    }

    /// <summary>Lanes are (target i, member b): sources j of target i in increasing order (exact zeros skipped), members contiguous;
    /// up to 8 member vectors per pass (independent FMA chains sharing each weight).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void BatchSum(TNum* nzw, int* nzs, int* nzd, int* nzStart, TNum* ringK, TNum* hk, int nm, TNum* ck)
    {
        for (int i = 0; i < R; i++)
        {
            TNum* ci = ck + i * Bp;
            int e0 = nzStart[i], e1 = nzStart[i + 1];
            int o = 0;
            for (; o + 8 * W <= Bp; o += 8 * W)
            {
                Vector<TNum> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                for (int e = e0; e < e1; e++)
                {
                    var wv = new Vector<TNum>(nzw[e]);
                    TNum* src = (_delays ? ringK + (nzs[e] * H + ((nm - nzd[e]) & Mask)) * Bp : hk + nzs[e] * Bp) + o;
                    a0 = VecOps<TNum>.Fma(wv, Vector.Load(src), a0);
                    a1 = VecOps<TNum>.Fma(wv, Vector.Load(src + W), a1);
                    a2 = VecOps<TNum>.Fma(wv, Vector.Load(src + 2 * W), a2);
                    a3 = VecOps<TNum>.Fma(wv, Vector.Load(src + 3 * W), a3);
                    a4 = VecOps<TNum>.Fma(wv, Vector.Load(src + 4 * W), a4);
                    a5 = VecOps<TNum>.Fma(wv, Vector.Load(src + 5 * W), a5);
                    a6 = VecOps<TNum>.Fma(wv, Vector.Load(src + 6 * W), a6);
                    a7 = VecOps<TNum>.Fma(wv, Vector.Load(src + 7 * W), a7);
                }
                a0.Store(ci + o); a1.Store(ci + o + W); a2.Store(ci + o + 2 * W); a3.Store(ci + o + 3 * W);
                a4.Store(ci + o + 4 * W); a5.Store(ci + o + 5 * W); a6.Store(ci + o + 6 * W); a7.Store(ci + o + 7 * W);
            }
            for (; o < Bp; o += 4 * W)
            {
                int q = Math.Min(4, (Bp - o) / W);
                Vector<TNum> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int e = e0; e < e1; e++)
                {
                    var wv = new Vector<TNum>(nzw[e]);
                    TNum* src = (_delays ? ringK + (nzs[e] * H + ((nm - nzd[e]) & Mask)) * Bp : hk + nzs[e] * Bp) + o;
                    a0 = VecOps<TNum>.Fma(wv, Vector.Load(src), a0);
                    if (q > 1) a1 = VecOps<TNum>.Fma(wv, Vector.Load(src + W), a1);
                    if (q > 2) a2 = VecOps<TNum>.Fma(wv, Vector.Load(src + 2 * W), a2);
                    if (q > 3) a3 = VecOps<TNum>.Fma(wv, Vector.Load(src + 3 * W), a3);
                }
                a0.Store(ci + o);
                if (q > 1) a1.Store(ci + o + W);
                if (q > 2) a2.Store(ci + o + 2 * W);
                if (q > 3) a3.Store(ci + o + 3 * W);
            }
        }
    }
}
