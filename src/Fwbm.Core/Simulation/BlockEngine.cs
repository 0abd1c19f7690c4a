using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Fwbm.Core.Analysis;
using Fwbm.Core.Models;
using Fwbm.Core.Noise;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>
/// Simulates one block of batch members on one thread. Every per-lane quantity is a flat array <c>[k * L + lane]</c>; a lane is
/// a region (single member: SIMD across regions) or (region, member) with members innermost (SIMD across the batch). Each lane
/// sees exactly the same arithmetic in both layouts, so results do not depend on the layout, the block or the thread.
/// Nothing is allocated inside the step loop.
/// </summary>
internal sealed class BlockEngine<TModel> where TModel : INeuralMass
{
    private static readonly int W = Vector<double>.Count;

    private readonly Simulation _sim;
    private readonly SimulationRequest[] _members;
    private readonly int _first;
    private readonly ModelSpec _spec;
    private readonly int R, M, Bp, L, NV, NP, NC, H, Mask;
    private readonly bool _delays;
    private readonly double[] _x, _xt, _f1, _f2, _c, _par, _noiseTerm, _cur, _ring, _rowSum, _stim, _boldDrive, _sigmaSqrtH;
    private readonly ulong[] _keys;
    private readonly double[] _oddNoise;
    private long _oddPairValidFor = -1;
    private readonly bool[] _noisy;
    private readonly double[] _wt;      // single member: [j * L + i] = W[i, j]
    private readonly int[] _dt;         // single member: [j * L + i] = delay[i, j]
    private readonly int[] _nzStart;    // batch: CSR over targets i of (source, weight, delay)
    private readonly int[] _nzSource, _nzDelay;
    private readonly double[] _nzWeight;
    private readonly double _h, _sqrtH;
    private readonly CouplingSpec _coupling;
    private readonly IMonitor[] _monitors;
    private readonly bool _needsBoldDrive;
    private readonly bool _needsObservables;
    private readonly double[] _obs;
    private long _coupledFor = -1;      // the step whose coupling _c already holds (observables need it one step early)
    private readonly double[] _stimRegion;

    public BlockEngine(Simulation sim, SimulationRequest[] members, int firstIndex)
    {
        _sim = sim; _members = members; _first = firstIndex; _spec = TModel.Spec;
        var conn = sim.Connectome;
        R = conn.Count; M = members.Length;
        Bp = M == 1 ? 1 : (M + W - 1) / W * W;
        L = M == 1 ? (R + W - 1) / W * W : R * Bp;
        NV = _spec.StateCount; NP = _spec.ParameterCount; NC = _spec.ChannelCount;
        _delays = sim.HasDelays;
        H = 1; while (H < sim.MaxDelaySteps + 1) H <<= 1;
        Mask = H - 1;
        _h = sim.Options.DtMs / _spec.TimeUnitMs;
        _sqrtH = Math.Sqrt(_h);
        _coupling = sim.Coupling;

        _x = new double[NV * L]; _xt = new double[NV * L]; _f1 = new double[NV * L]; _f2 = new double[NV * L];
        _noiseTerm = new double[NV * L]; _sigmaSqrtH = new double[L]; _oddNoise = new double[NV * L];
        _c = new double[NC * L]; _cur = new double[NC * L];
        _par = new double[(NP + 1) * L];
        _keys = new ulong[NV * L];
        _rowSum = new double[L];
        _stim = new double[L]; _stimRegion = new double[R];
        _boldDrive = new double[L];
        _ring = _delays ? new double[NC * R * H * Bp] : [];
        _noisy = _spec.StateVariables.Select(v => v.Noisy).ToArray();

        var w = conn.Weights;
        var rowSum = conn.InStrength();
        if (M == 1)
        {
            _wt = new double[R * L]; _dt = new int[R * L];
            for (int i = 0; i < R; i++)
                for (int j = 0; j < R; j++) { _wt[j * L + i] = w[i * R + j]; _dt[j * L + i] = sim.Delays[i * R + j]; }
            _nzStart = []; _nzSource = []; _nzDelay = []; _nzWeight = [];
        }
        else
        {
            _wt = []; _dt = [];
            var start = new List<int>(); var src = new List<int>(); var del = new List<int>(); var wt = new List<double>();
            for (int i = 0; i < R; i++)
            {
                start.Add(src.Count);
                for (int j = 0; j < R; j++)
                {
                    double wij = w[i * R + j];
                    if (wij == 0) continue; // skipping an exact zero changes no sum (the accumulator never holds −0)
                    src.Add(j); wt.Add(wij); del.Add(sim.Delays[i * R + j]);
                }
            }
            start.Add(src.Count);
            _nzStart = start.ToArray(); _nzSource = src.ToArray(); _nzDelay = del.ToArray(); _nzWeight = wt.ToArray();
        }

        // per-lane parameters, keys, row sums, initial state. Padding lanes copy a real lane so they stay finite.
        var regionKeys = sim.Options.NoiseRegionKeys;
        int sigma = _spec.Parameters.ToList().FindIndex(p => p.Name == "sigma");
        for (int lane = 0; lane < L; lane++)
        {
            int r, b;
            if (M == 1) { r = Math.Min(lane, R - 1); b = 0; }
            else { r = lane / Bp; b = Math.Min(lane % Bp, M - 1); }
            var p = members[b].Parameters;
            for (int k = 0; k < NP; k++) _par[k * L + lane] = p[k].At(r);
            _par[NP * L + lane] = p.Coupling;
            _rowSum[lane] = (M == 1 && lane >= R) ? 0 : rowSum[r];
            _sigmaSqrtH[lane] = sigma >= 0 ? _par[sigma * L + lane] * _sqrtH : 0;
            int key = regionKeys?[r] ?? r;
            for (int v = 0; v < NV; v++)
            {
                ulong lk = NoiseStream.LaneKey(members[b].Seed, key, v);
                _keys[v * L + lane] = lk;
                var sv = _spec.StateVariables[v];
                _x[v * L + lane] = sim.Options.InitialState is { } init ? init[v * R + r]
                    : sv.InitMin + (sv.InitMax - sv.InitMin) * NoiseStream.Uniform(lk, -1);
            }
        }
        if (sigma < 0) Array.Clear(_sigmaSqrtH);
        _monitors = sim.Options.Monitors.Select(m => m.Create()).ToArray();
        var ctx = new MonitorContext(_spec, conn.Labels, M, Bp, L, sim.Options.DtMs, sim.TransientSteps, sim.TotalSteps);
        foreach (var m in _monitors) m.Init(ctx);
        _needsBoldDrive = _monitors.Any(m => m.NeedsBoldDrive);
        _needsObservables = _spec.ObservableCount > 0 && _monitors.Any(m => m.NeedsObservables);
        _obs = _needsObservables ? new double[_spec.ObservableCount * L] : [];
    }

    public SimulationResult[] Run(CancellationToken ct, Action<long> onSteps)
    {
        var clock = Stopwatch.StartNew();
        long N = _sim.TotalSteps;
        double dtMs = _sim.Options.DtMs;
        var stimulus = _sim.Options.Stimulus;
        bool heun = _sim.Options.Integrator == IntegratorKind.Heun;
        bool anyNoise = false;
        for (int l = 0; l < L; l++) anyNoise |= _sigmaSqrtH[l] != 0;

        Clamp(_x);
        Outputs(_x, _cur);
        if (_delays) for (int slot = 0; slot < H; slot++) WriteRing(slot);

        const int ReportEvery = 1024;
        for (long n = 0; n < N; n++)
        {
            if (_coupledFor != n) Couple(n);
            if (anyNoise) Noise(n);
            bool stim = false;
            if (stimulus is not null)
            {
                Array.Clear(_stimRegion);
                stimulus.Evaluate(n, n * dtMs, _stimRegion);
                for (int lane = 0; lane < L; lane++) _stim[lane] = (M == 1 ? (lane < R ? _stimRegion[lane] : 0) : _stimRegion[lane / Bp]);
                stim = true;
            }
            if (heun)
            {
                Drift(_x, _f1, stim);
                Predict(anyNoise);
                Clamp(_xt);
                Drift(_xt, _f2, stim);
                Correct(anyNoise);
            }
            else
            {
                Drift(_x, _f1, stim);
                EulerStep(anyNoise);
            }
            Clamp(_x);
            CheckFinite(n + 1);
            Outputs(_x, _cur);
            if (_delays) WriteRing((int)((n + 1) & Mask));
            if (_monitors.Length > 0)
            {
                if (_needsBoldDrive) BoldDrive();
                if (_needsObservables) { Couple(n + 1); _coupledFor = n + 1; Observe(); }
                var view = new MonitorView(n + 1, (n + 1) * dtMs, _x, _boldDrive, _obs);
                foreach (var m in _monitors) m.Step(view);
            }
            if ((n + 1) % ReportEvery == 0)
            {
                onSteps(ReportEvery * (long)M);
                ct.ThrowIfCancellationRequested();
            }
        }
        onSteps(N % ReportEvery * M);
        var elapsed = clock.Elapsed;
        var results = new SimulationResult[M];
        for (int b = 0; b < M; b++)
        {
            var outs = new Dictionary<string, TimeSeries>();
            foreach (var m in _monitors) foreach (var (k, v) in m.Sample(b)) outs[k] = v;
            results[b] = new SimulationResult(_first + b, _members[b].Parameters, _members[b].Seed, outs, elapsed);
        }
        return results;
    }

    // ---------------------------------------------------------------- model evaluation (SIMD over lanes)

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Drift(double[] x, double[] dx, bool stim)
    {
        Span<RealVec> xv = stackalloc RealVec[NV];
        Span<RealVec> cv = stackalloc RealVec[Math.Max(NC, 1)];
        Span<RealVec> pv = stackalloc RealVec[Math.Max(NP, 1)];
        Span<RealVec> dv = stackalloc RealVec[NV];
        ref double x0 = ref x[0], c0 = ref _c[0], p0 = ref _par[0], d0 = ref dx[0];
        int sv = _sim.StimulusVariable;
        for (int o = 0; o < L; o += W)
        {
            for (int v = 0; v < NV; v++) xv[v] = new RealVec(Vector.LoadUnsafe(ref x0, (nuint)(v * L + o)));
            for (int k = 0; k < NC; k++) cv[k] = new RealVec(Vector.LoadUnsafe(ref c0, (nuint)(k * L + o)));
            for (int k = 0; k < NP; k++) pv[k] = new RealVec(Vector.LoadUnsafe(ref p0, (nuint)(k * L + o)));
            TModel.Drift<RealVec>(xv, cv[..NC], pv[..NP], dv);
            if (stim) dv[sv] = dv[sv] + new RealVec(Vector.LoadUnsafe(ref _stim[0], (nuint)o));
            for (int v = 0; v < NV; v++) dv[v].V.StoreUnsafe(ref d0, (nuint)(v * L + o));
        }
    }

    private void Outputs(double[] x, double[] channels)
    {
        Span<RealVec> xv = stackalloc RealVec[NV];
        Span<RealVec> pv = stackalloc RealVec[Math.Max(NP, 1)];
        Span<RealVec> hv = stackalloc RealVec[Math.Max(NC, 1)];
        bool sigmoid = _coupling.Kind == CouplingKind.Sigmoidal;
        double lo = _coupling.SigmoidMin, span = _coupling.SigmoidMax - _coupling.SigmoidMin, mid = _coupling.SigmoidMidpoint, slope = _coupling.SigmoidSlope;
        for (int o = 0; o < L; o += W)
        {
            for (int v = 0; v < NV; v++) xv[v] = new RealVec(Vector.LoadUnsafe(ref x[0], (nuint)(v * L + o)));
            for (int k = 0; k < NP; k++) pv[k] = new RealVec(Vector.LoadUnsafe(ref _par[0], (nuint)(k * L + o)));
            TModel.Output<RealVec>(xv, pv[..NP], hv[..NC]);
            for (int k = 0; k < NC; k++)
            {
                var h = hv[k];
                if (sigmoid) h = lo + span / (1.0 + RealVec.Exp(-slope * (h - mid)));
                h.V.StoreUnsafe(ref channels[0], (nuint)(k * L + o));
            }
        }
    }

    private void BoldDrive()
    {
        Span<RealVec> xv = stackalloc RealVec[NV];
        Span<RealVec> pv = stackalloc RealVec[Math.Max(NP, 1)];
        for (int o = 0; o < L; o += W)
        {
            for (int v = 0; v < NV; v++) xv[v] = new RealVec(Vector.LoadUnsafe(ref _x[0], (nuint)(v * L + o)));
            for (int k = 0; k < NP; k++) pv[k] = new RealVec(Vector.LoadUnsafe(ref _par[0], (nuint)(k * L + o)));
            TModel.BoldDrive<RealVec>(xv, pv[..NP]).V.StoreUnsafe(ref _boldDrive[0], (nuint)o);
        }
    }

    private void Observe()
    {
        int NO = _spec.ObservableCount;
        Span<RealVec> xv = stackalloc RealVec[NV];
        Span<RealVec> cv = stackalloc RealVec[Math.Max(NC, 1)];
        Span<RealVec> pv = stackalloc RealVec[Math.Max(NP, 1)];
        Span<RealVec> ov = stackalloc RealVec[NO];
        for (int o = 0; o < L; o += W)
        {
            for (int v = 0; v < NV; v++) xv[v] = new RealVec(Vector.LoadUnsafe(ref _x[0], (nuint)(v * L + o)));
            for (int k = 0; k < NC; k++) cv[k] = new RealVec(Vector.LoadUnsafe(ref _c[0], (nuint)(k * L + o)));
            for (int k = 0; k < NP; k++) pv[k] = new RealVec(Vector.LoadUnsafe(ref _par[0], (nuint)(k * L + o)));
            TModel.Observe<RealVec>(xv, cv[..NC], pv[..NP], ov);
            for (int k = 0; k < NO; k++) ov[k].V.StoreUnsafe(ref _obs[0], (nuint)(k * L + o));
        }
    }

    // ---------------------------------------------------------------- integrators

    private void Noise(long n)
    {
        // steps 2m and 2m+1 share one Box–Muller transform: compute both at even steps (or at the first step) and keep the odd one
        for (int v = 0; v < NV; v++)
        {
            if (!_noisy[v]) continue;
            for (int o = 0; o < L; o += W)
            {
                int at = v * L + o;
                Vector<double> z;
                if ((n & 1) == 0 || _oddPairValidFor != n >> 1)
                {
                    var (even, odd) = NoiseStream.NormalPairVec(Vector.LoadUnsafe(ref _keys[0], (nuint)at), n >> 1);
                    odd.StoreUnsafe(ref _oddNoise[0], (nuint)at);
                    z = (n & 1) == 0 ? even : odd;
                }
                else z = Vector.LoadUnsafe(ref _oddNoise[0], (nuint)at);
                (Vector.LoadUnsafe(ref _sigmaSqrtH[0], (nuint)o) * z).StoreUnsafe(ref _noiseTerm[0], (nuint)at);
            }
        }
        _oddPairValidFor = n >> 1;
    }

    private void EulerStep(bool noise)
    {
        var h = new Vector<double>(_h);
        for (int v = 0; v < NV; v++)
        {
            bool nz = noise && _noisy[v];
            for (int o = v * L, end = o + L; o < end; o += W)
            {
                var x = Vector.LoadUnsafe(ref _x[0], (nuint)o) + h * Vector.LoadUnsafe(ref _f1[0], (nuint)o);
                if (nz) x += Vector.LoadUnsafe(ref _noiseTerm[0], (nuint)o);
                x.StoreUnsafe(ref _x[0], (nuint)o);
            }
        }
    }

    private void Predict(bool noise)
    {
        var h = new Vector<double>(_h);
        for (int v = 0; v < NV; v++)
        {
            bool nz = noise && _noisy[v];
            for (int o = v * L, end = o + L; o < end; o += W)
            {
                var x = Vector.LoadUnsafe(ref _x[0], (nuint)o) + h * Vector.LoadUnsafe(ref _f1[0], (nuint)o);
                if (nz) x += Vector.LoadUnsafe(ref _noiseTerm[0], (nuint)o);
                x.StoreUnsafe(ref _xt[0], (nuint)o);
            }
        }
    }

    private void Correct(bool noise)
    {
        var h2 = new Vector<double>(_h * 0.5);
        for (int v = 0; v < NV; v++)
        {
            bool nz = noise && _noisy[v];
            for (int o = v * L, end = o + L; o < end; o += W)
            {
                var x = Vector.LoadUnsafe(ref _x[0], (nuint)o)
                        + h2 * (Vector.LoadUnsafe(ref _f1[0], (nuint)o) + Vector.LoadUnsafe(ref _f2[0], (nuint)o));
                if (nz) x += Vector.LoadUnsafe(ref _noiseTerm[0], (nuint)o);
                x.StoreUnsafe(ref _x[0], (nuint)o);
            }
        }
    }

    private void Clamp(double[] x)
    {
        for (int v = 0; v < NV; v++)
        {
            var sv = _spec.StateVariables[v];
            if (sv.LowerBound is null && sv.UpperBound is null) continue;
            var lo = new Vector<double>(sv.LowerBound ?? double.NegativeInfinity);
            var hi = new Vector<double>(sv.UpperBound ?? double.PositiveInfinity);
            for (int o = v * L, end = o + L; o < end; o += W)
                Vector.Min(Vector.Max(Vector.LoadUnsafe(ref x[0], (nuint)o), lo), hi).StoreUnsafe(ref x[0], (nuint)o);
        }
    }

    private void CheckFinite(long step)
    {
        var acc = Vector<double>.Zero;
        for (int o = 0; o < _x.Length; o += W) acc += Vector.LoadUnsafe(ref _x[0], (nuint)o) * Vector<double>.Zero;
        if (acc == Vector<double>.Zero) return;
        for (int v = 0; v < NV; v++)
            for (int lane = 0; lane < L; lane++)
            {
                if (double.IsFinite(_x[v * L + lane])) continue;
                int r = M == 1 ? lane : lane / Bp, b = M == 1 ? 0 : lane % Bp;
                if (r >= R || b >= M) continue;
                var label = _sim.Connectome.Labels[r];
                string msg = $"Simulation diverged at step {step} (t = {step * _sim.Options.DtMs:G6} ms): '{_spec.StateVariables[v].Name}' of region {r} ('{label}') became {_x[v * L + lane]} in parameter set {_first + b} [{_members[b].Parameters}], seed {_members[b].Seed}. Try a smaller dt or check the parameter values.";
                throw new SimulationDivergedException(msg, step, step * _sim.Options.DtMs, r, label, _first + b, _spec.StateVariables[v].Name);
            }
        // only padding lanes went non-finite: reset them
        for (int v = 0; v < NV; v++)
            for (int lane = 0; lane < L; lane++)
                if (!double.IsFinite(_x[v * L + lane])) _x[v * L + lane] = 0;
    }

    // ---------------------------------------------------------------- coupling and history

    private void WriteRing(int slot)
    {
        int plane = R * H * Bp;
        for (int k = 0; k < NC; k++)
        {
            if (M == 1)
                for (int j = 0; j < R; j++) _ring[k * plane + j * H + slot] = _cur[k * L + j];
            else
                for (int j = 0; j < R; j++)
                    Array.Copy(_cur, k * L + j * Bp, _ring, k * plane + (j * H + slot) * Bp, Bp);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void Couple(long n)
    {
        int nm = (int)(n & Mask);
        int plane = R * H * Bp;
        bool diffusive = _coupling.Kind == CouplingKind.Diffusive;
        fixed (double* c = _c, cur = _cur, ring = _ring, wt = _wt, nzw = _nzWeight, par = _par, rs = _rowSum)
        fixed (int* dt = _dt, nzs = _nzSource, nzd = _nzDelay, nzStart = _nzStart)
        {
            double* gl = par + NP * L;
            for (int k = 0; k < NC; k++)
            {
                double* ck = c + k * L;
                double* hk = cur + k * L;
                double* ringK = ring + k * plane;
                if (M == 1)
                {
                    // lanes are target regions i; accumulate over sources j in increasing order in a register
                    if (!_delays)
                    {
                        for (int o = 0; o < L; o += W)
                        {
                            var acc = Vector<double>.Zero;
                            for (int j = 0; j < R; j++)
                                acc = Vector.FusedMultiplyAdd(Vector.Load(wt + j * L + o), new Vector<double>(hk[j]), acc);
                            acc.Store(ck + o);
                        }
                    }
                    else if (Avx2.IsSupported && W == 4)
                    {
                        var mask = Vector128.Create(Mask);
                        var now = Vector128.Create(nm);
                        for (int o = 0; o < L; o += 4)
                        {
                            var acc = Vector256<double>.Zero;
                            for (int j = 0; j < R; j++)
                            {
                                var idx = (now - Vector128.Load(dt + j * L + o)) & mask;
                                var g = Avx2.GatherVector256(ringK + j * H, idx, 8);
                                acc = Fma.MultiplyAdd(Vector256.Load(wt + j * L + o), g, acc);
                            }
                            acc.Store(ck + o);
                        }
                    }
                    else
                    {
                        for (int i = 0; i < L; i++)
                        {
                            double acc = 0;
                            for (int j = 0; j < R; j++)
                                acc = Math.FusedMultiplyAdd(wt[j * L + i], ringK[j * H + ((nm - dt[j * L + i]) & Mask)], acc);
                            ck[i] = acc;
                        }
                    }
                }
                else
                {
                    // lanes are (target i, member b); sources j of target i in increasing order (exact zeros skipped)
                    for (int i = 0; i < R; i++)
                    {
                        double* ci = ck + i * Bp;
                        for (int o = 0; o < Bp; o += 4 * W)
                        {
                            int q = Math.Min(4, (Bp - o) / W);
                            Vector<double> a0 = default, a1 = default, a2 = default, a3 = default;
                            for (int e = nzStart[i]; e < nzStart[i + 1]; e++)
                            {
                                var wv = new Vector<double>(nzw[e]);
                                double* src = (_delays ? ringK + (nzs[e] * H + ((nm - nzd[e]) & Mask)) * Bp : hk + nzs[e] * Bp) + o;
                                a0 = Vector.FusedMultiplyAdd(wv, Vector.Load(src), a0);
                                if (q > 1) a1 = Vector.FusedMultiplyAdd(wv, Vector.Load(src + W), a1);
                                if (q > 2) a2 = Vector.FusedMultiplyAdd(wv, Vector.Load(src + 2 * W), a2);
                                if (q > 3) a3 = Vector.FusedMultiplyAdd(wv, Vector.Load(src + 3 * W), a3);
                            }
                            a0.Store(ci + o);
                            if (q > 1) a1.Store(ci + o + W);
                            if (q > 2) a2.Store(ci + o + 2 * W);
                            if (q > 3) a3.Store(ci + o + 3 * W);
                        }
                    }
                }
                // post: scale by G (and subtract the local term for diffusive coupling)
                for (int o = 0; o < L; o += W)
                {
                    var sum = Vector.Load(ck + o);
                    if (diffusive) sum -= Vector.Load(rs + o) * Vector.Load(hk + o);
                    (Vector.Load(gl + o) * sum).Store(ck + o);
                }
            }
        }
    }
}
