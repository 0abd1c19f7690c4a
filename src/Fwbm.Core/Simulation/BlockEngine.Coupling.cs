namespace Fwbm.Core.Simulation;

/// <summary>The coupling sums of a step: the connectome's layout for the kernels and the dispatch to them.</summary>
internal sealed partial class BlockEngine<TModel>
{
    // _s holds the coupling sums S_i = Σ_j W_ij·h_j(t − d_ij) of the current step (before the post step c = G·(S − [diffusive] s_i·h_i),
    // which is applied lane-locally with the lane's own h). Heun evaluates the coupling again at t + dt: _sNext holds those sums.
    private double[] _s, _sNext;
    private long _sumsFor = -1;         // the step whose coupling sums _s holds
    private const int Group = 8;
    private readonly int K;             // steps per time block (0: no time blocking), see BlockEngine.History.cs
    private readonly double[] _wt;      // single member: [j * L + i] = W[i, j]
    private readonly int[] _dt;         // single member: [j * L + i] = delay[i, j]
    private readonly double[] _w4, _cbuf; // _w4[(g * R + j) * Group + t] = W[g·Group + t, j]; _cbuf[i * K + kk] = Σ_j for step block + kk
    private readonly int[] _d4;          // delays in the same layout (zero-weight pairs get a harmless in-range delay)
    private readonly int[] _nzStart;    // batch: CSR over targets i of (source, weight, delay)
    private readonly int[] _nzSource, _nzDelay;
    private readonly double[] _nzWeight;

    /// <summary>
    /// The connectome in the layout of the coupling kernels: single member, targets as lanes (transposed weights and delays, and
    /// for time blocking the weights and delays in groups of <see cref="Group"/> targets); batch, a CSR over targets of the
    /// non-zero weights. Called by the constructor once the lane layout (R, L, M), the delays and the integrator are known.
    /// </summary>
    private void BuildCouplingTables(ReadOnlySpan<double> w, int[] delays, out double[] wtOut, out int[] dtOut, out double[] w4Out, out int[] d4Out,
        out double[] cbufOut, out int kOut, out int[] nzStartOut, out int[] nzSourceOut, out int[] nzDelayOut, out double[] nzWeightOut)
    {
        kOut = 0;
        if (M == 1)
        {
            var wt = new double[R * L]; var dt = new int[R * L];
            for (int i = 0; i < R; i++)
                for (int j = 0; j < R; j++) { wt[j * L + i] = w[i * R + j]; dt[j * L + i] = delays[i * R + j]; }
            wtOut = wt; dtOut = dt;
            nzStartOut = []; nzSourceOut = []; nzDelayOut = []; nzWeightOut = [];
            // time blocking needs K − 1 ≤ every delay of a non-zero weight, and K a whole number of vectors
            int dmin = int.MaxValue;
            for (int k = 0; k < R * R; k++) if (w[k] != 0) dmin = Math.Min(dmin, delays[k]);
            // (Heun evaluates the sums of step n + 1 during step n, before x(n + 1) is in the ring: then K ≤ every delay)
            int kk = _delays && dmin != int.MaxValue ? Math.Min(MirrorSlots, _ahead ? dmin : dmin + 1) / W * W : 0;
            int K = kk >= W && 2 * W - 1 <= MirrorSlots ? kk : 0;
            kOut = K;
            if (K > 0)
            {
                int groups = (L + Group - 1) / Group;
                var w4 = new double[groups * R * Group]; var d4 = new int[groups * R * Group];
                for (int g = 0; g < groups; g++)
                    for (int j = 0; j < R; j++)
                        for (int t = 0; t < Group; t++)
                        {
                            int i = g * Group + t;
                            double wij = i < R ? w[i * R + j] : 0;   // padded targets (i ≥ R, also beyond L) get zero weights
                            w4[(g * R + j) * Group + t] = wij;
                            d4[(g * R + j) * Group + t] = wij != 0 ? delays[i * R + j] : dmin;
                        }
                w4Out = w4; d4Out = d4;
                cbufOut = new double[NC * groups * Group * K];
            }
            else { w4Out = []; d4Out = []; cbufOut = []; }
        }
        else
        {
            wtOut = []; dtOut = [];
            var start = new List<int>(); var src = new List<int>(); var del = new List<int>(); var wt = new List<double>();
            for (int i = 0; i < R; i++)
            {
                start.Add(src.Count);
                for (int j = 0; j < R; j++)
                {
                    double wij = w[i * R + j];
                    if (wij == 0) continue; // skipping an exact zero changes no sum (the accumulator never holds −0)
                    src.Add(j); wt.Add(wij); del.Add(delays[i * R + j]);
                }
            }
            start.Add(src.Count);
            nzStartOut = start.ToArray(); nzSourceOut = src.ToArray(); nzDelayOut = del.ToArray(); nzWeightOut = wt.ToArray();
            w4Out = []; d4Out = []; cbufOut = [];
        }
    }

    // Every path computes, per lane (target i, member b), acc = fma(W[i,j], x_j(t − d_ij), acc) over sources j in increasing
    // order starting from +0 (exact zeros may be skipped or included: fma(0, finite, acc) = acc), then the same post step.
    // That is what keeps a batch member bit-identical to the single run.

    /// <summary>
    /// The coupling sums S_i = Σ_j W_ij·h_j(t_m − d_ij) of step <paramref name="m"/> for every channel into <paramref name="dst"/>:
    /// delayed terms from the history ring, undelayed ones (no delays at all) from <paramref name="src"/>. The post step
    /// (G and the diffusive local term) is applied lane-locally by the caller.
    /// </summary>
    private unsafe void Sums(long m, double[] src, double[] dst)
    {
        int nm = (int)(m & Mask);
        int plane = R * HS * Bp;
        bool blockStart = K > 0 && m % K == 0;
        int kk = K > 0 ? (int)(m % K) : 0;
        fixed (double* c = dst, cur = src, ring = _ring, wt = _wt, nzw = _nzWeight, w4 = _w4, cbuf = _cbuf)
        fixed (int* dt = _dt, nzs = _nzSource, nzd = _nzDelay, nzStart = _nzStart, d4 = _d4)
        {
            for (int k = 0; k < NC; k++)
            {
                double* ck = c + k * L;
                double* hk = cur + k * L;
                double* ringK = ring + k * plane;
                if (M == 1)
                {
                    if (!_delays) SingleDense(wt, hk, ck);
                    else if (K > 0)
                    {
                        double* cb = cbuf + k * ((L + Group - 1) / Group * Group) * K;
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
