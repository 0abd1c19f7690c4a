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

    private readonly Simulator _sim;
    private readonly SimulationRequest[] _members;
    private readonly int _first;
    private readonly ModelSpec _spec;
    private readonly int R, M, Bp, L, NV, NP, NC, H, Mask;
    private readonly bool _delays;
    // _s holds the coupling sums S_i = Σ_j W_ij·h_j(t − d_ij) of the current step (before the post step c = G·(S − [diffusive] s_i·h_i),
    // which is applied lane-locally with the lane's own h). Heun evaluates the coupling again at t + dt: _sNext holds those sums.
    // _sigmaSqrtH[v * L + lane] = σ·√h of the noise source driving state variable v (0 when none drives it)
    private readonly double[] _x, _par, _cur, _ring, _rowSum, _stim, _boldDrive, _sigmaSqrtH;
    // two-pass Heun (some non-zero weight has no delay): predictor state, drift, noise term and outputs kept between the passes
    private readonly double[] _xt, _f1, _zt, _curT;
    private double[] _s, _sNext;
    private readonly bool _twoPass, _ahead;
    private readonly ulong[] _keys;
    private readonly double[] _oddNoise;
    private long _oddPairValidFor = -1;
    private readonly bool[] _noisy;
    private readonly int[] _noiseParam;  // per state variable: index of the parameter σ driving its noise, -1 for none (ModelSpec.Noise)
    private readonly bool[] _coupled;    // per coupling channel: delivers input (SimulationOptions.CoupledChannels)
    private readonly double[] _wt;      // single member: [j * L + i] = W[i, j]
    private readonly int[] _dt;         // single member: [j * L + i] = delay[i, j]
    // single member with delays: the ring holds each source's history contiguously (stride HS = H + MirrorSlots, the first
    // MirrorSlots slots repeated after slot H−1), so K consecutive steps of one delayed source are one contiguous read. When every
    // delay is at least K − 1 steps, the coupling of K steps is computed at once, vectorised over time instead of gathered.
    private const int MirrorSlots = 16, Group = 8;
    private readonly int HS, K;
    private readonly double[] _w4, _cbuf; // _w4[(g * R + j) * Group + t] = W[g·Group + t, j]; _cbuf[i * K + kk] = Σ_j for step block + kk
    private readonly int[] _d4;          // delays in the same layout (zero-weight pairs get a harmless in-range delay)
    private readonly int[] _nzStart;    // batch: CSR over targets i of (source, weight, delay)
    private readonly int[] _nzSource, _nzDelay;
    private readonly double[] _nzWeight;
    private readonly double _h, _sqrtH;
    private readonly CouplingSpec _coupling;
    private readonly IMonitor[] _monitors;
    private readonly bool _needsBoldDrive;
    private readonly bool _needsObservables;
    private readonly double[] _obs;
    private long _sumsFor = -1;         // the step whose coupling sums _s holds
    private readonly double[] _stimRegion;

    public BlockEngine(Simulator sim, SimulationRequest[] members, int firstIndex)
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

        _x = new double[NV * L];
        _sigmaSqrtH = new double[NV * L]; _oddNoise = new double[NV * L];
        _s = new double[NC * L]; _sNext = new double[NC * L]; _cur = new double[NC * L];
        bool heun = sim.Options.Integrator == IntegratorKind.Heun;
        _twoPass = heun && sim.HasInstantaneousCoupling;
        _ahead = heun && !_twoPass;
        _xt = _twoPass ? new double[NV * L] : []; _f1 = _twoPass ? new double[NV * L] : [];
        _zt = _twoPass ? new double[NV * L] : []; _curT = _twoPass ? new double[NC * L] : [];
        _par = new double[(NP + 1) * L];
        _keys = new ulong[NV * L];
        _rowSum = new double[L];
        _stim = new double[L]; _stimRegion = new double[R];
        _boldDrive = new double[L];
        HS = M == 1 ? H + MirrorSlots : H;
        _ring = _delays ? new double[NC * R * HS * Bp] : [];
        _noiseParam = _spec.NoiseParameterIndices();
        _noisy = _noiseParam.Select(k => k >= 0).ToArray();
        _coupled = sim.CoupledChannels.ToArray();

        var w = conn.Weights;
        var rowSum = conn.InStrength();
        if (M == 1)
        {
            _wt = new double[R * L]; _dt = new int[R * L];
            for (int i = 0; i < R; i++)
                for (int j = 0; j < R; j++) { _wt[j * L + i] = w[i * R + j]; _dt[j * L + i] = sim.Delays[i * R + j]; }
            _nzStart = []; _nzSource = []; _nzDelay = []; _nzWeight = [];
            // time blocking needs K − 1 ≤ every delay of a non-zero weight, and K a whole number of vectors
            int dmin = int.MaxValue;
            for (int k = 0; k < R * R; k++) if (w[k] != 0) dmin = Math.Min(dmin, sim.Delays[k]);
            // (Heun evaluates the sums of step n + 1 during step n, before x(n + 1) is in the ring: then K ≤ every delay)
            int kk = _delays && dmin != int.MaxValue ? Math.Min(MirrorSlots, _ahead ? dmin : dmin + 1) / W * W : 0;
            K = kk >= W && 2 * W - 1 <= MirrorSlots ? kk : 0;
            if (K > 0)
            {
                int groups = (L + Group - 1) / Group;
                _w4 = new double[groups * R * Group]; _d4 = new int[groups * R * Group];
                for (int g = 0; g < groups; g++)
                    for (int j = 0; j < R; j++)
                        for (int t = 0; t < Group; t++)
                        {
                            int i = g * Group + t;
                            double wij = i < R ? w[i * R + j] : 0;   // padded targets (i ≥ R, also beyond L) get zero weights
                            _w4[(g * R + j) * Group + t] = wij;
                            _d4[(g * R + j) * Group + t] = wij != 0 ? sim.Delays[i * R + j] : dmin;
                        }
                _cbuf = new double[NC * groups * Group * K];
            }
            else { _w4 = []; _d4 = []; _cbuf = []; }
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
            _w4 = []; _d4 = []; _cbuf = [];
        }

        // per-lane parameters, keys, row sums, initial state. Padding lanes copy a real lane so they stay finite.
        var regionKeys = sim.Options.NoiseRegionKeys;
        for (int lane = 0; lane < L; lane++)
        {
            int r, b;
            if (M == 1) { r = Math.Min(lane, R - 1); b = 0; }
            else { r = lane / Bp; b = Math.Min(lane % Bp, M - 1); }
            var p = members[b].Parameters;
            for (int k = 0; k < NP; k++) _par[k * L + lane] = p[k].At(r);
            _par[NP * L + lane] = p.Coupling;
            _rowSum[lane] = (M == 1 && lane >= R) ? 0 : rowSum[r];
            for (int v = 0; v < NV; v++) _sigmaSqrtH[v * L + lane] = _noiseParam[v] >= 0 ? _par[_noiseParam[v] * L + lane] * _sqrtH : 0;
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
        _monitors = sim.Options.Monitors.Select(m => m.Create()).ToArray();
        var ctx = new MonitorContext(_spec, conn.Labels, M, Bp, L, sim.Options.DtMs, sim.TransientSteps, sim.TotalSteps, firstIndex, members);
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
        bool anyNoise = false;
        for (int l = 0; l < _sigmaSqrtH.Length; l++) anyNoise |= _sigmaSqrtH[l] != 0;

        Clamp(_x);
        Outputs(_x, _cur);
        if (_delays) for (int slot = 0; slot < H; slot++) WriteRing(slot, _cur);

        const int ReportEvery = 1024;
        for (long n = 0; n < N; n++)
        {
            if (_sumsFor != n) { Sums(n, _cur, _s); _sumsFor = n; }
            bool stim = false;
            if (stimulus is not null)
            {
                Array.Clear(_stimRegion);
                stimulus.Evaluate(n, n * dtMs, _stimRegion);
                for (int lane = 0; lane < L; lane++) _stim[lane] = (M == 1 ? (lane < R ? _stimRegion[lane] : 0) : _stimRegion[lane / Bp]);
                stim = true;
            }
            bool ok;
            if (_twoPass)
            {
                // Heun with instantaneous coupling: the corrector's coupling needs every region's predicted output first
                ok = LocalStep(n, LocalMode.Predict, anyNoise, stim);
                if (_delays) WriteRing((int)((n + 1) & Mask), _curT);
                Sums(n + 1, _curT, _sNext);
                ok &= LocalStep(n, LocalMode.Correct, anyNoise, stim);
            }
            else
            {
                // Euler, or Heun whose coupling at t + dt reads only the history (every non-zero weight has a delay ≥ 1 step)
                if (_ahead) Sums(n + 1, _cur, _sNext);
                ok = LocalStep(n, _ahead ? LocalMode.FusedHeun : LocalMode.Euler, anyNoise, stim);
                if (_ahead) { (_s, _sNext) = (_sNext, _s); _sumsFor = n + 1; }
            }
            if (!ok) CheckFinite(n + 1);
            if (_delays) WriteRing((int)((n + 1) & Mask), _cur);
            if (_monitors.Length > 0)
            {
                if (_needsObservables)
                {
                    if (_sumsFor != n + 1) { Sums(n + 1, _cur, _s); _sumsFor = n + 1; }
                    Observe();
                }
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

    private void Outputs(double[] x, double[] channels)
    {
        Span<RealVec> xv = stackalloc RealVec[NV];
        Span<RealVec> pv = stackalloc RealVec[Math.Max(NP, 1)];
        Span<RealVec> hv = stackalloc RealVec[Math.Max(NC, 1)];
        bool sigmoid = _coupling.Kind == CouplingKind.Sigmoidal;
        for (int o = 0; o < L; o += W)
        {
            for (int v = 0; v < NV; v++) xv[v] = new RealVec(Vector.LoadUnsafe(ref x[0], (nuint)(v * L + o)));
            for (int k = 0; k < NP; k++) pv[k] = new RealVec(Vector.LoadUnsafe(ref _par[0], (nuint)(k * L + o)));
            TModel.Output<RealVec>(xv, pv[..NP], hv[..NC]);
            for (int k = 0; k < NC; k++)
            {
                var h = hv[k];
                if (sigmoid) h = _coupling.Sigmoid(h);
                h.V.StoreUnsafe(ref channels[0], (nuint)(k * L + o));
            }
        }
    }

    /// <summary>What one pass of <see cref="LocalStep(long, LocalMode, bool, bool)"/> does.</summary>
    private enum LocalMode
    {
        /// <summary>Euler–Maruyama: x += h·f(x, c(t)) + noise.</summary>
        Euler,
        /// <summary>Heun in one pass: the coupling sums at t + dt (_sNext) are already known because they read only the history.</summary>
        FusedHeun,
        /// <summary>First pass of two-pass Heun: noise, f(x, c(t)), the predictor x̃ and its outputs h(x̃), kept per lane.</summary>
        Predict,
        /// <summary>Second pass: f(x̃, c̃(t + dt)) with the sums of the predicted outputs (_sNext), the corrector.</summary>
        Correct,
    }

    /// <summary>
    /// Everything local to a lane for one step, fused in one pass over the lanes: noise, the coupling post step
    /// c = G·(S − [diffusive] s·h), drift, Euler or Heun update, bounds, the finite check, the coupling outputs and the BOLD drive of
    /// the new state. Heun evaluates the drift at (x, c(t)) and at the predictor (x̃, c̃(t + dt)), where c̃ uses the predicted outputs
    /// for undelayed connections (and the local term of diffusive coupling) and the history for delayed ones, so it is a second-order
    /// method for the whole network, not only for each region. The stimulus is held constant over the step. Lanes go two vectors at a
    /// time (<see cref="RealVec2"/>: two independent dependency chains), the remainder one vector at a time; every lane sees the same
    /// arithmetic either way. Returns false when a state became non-finite.
    /// </summary>
    private bool LocalStep(long n, LocalMode mode, bool noise, bool stim)
    {
        int pairs = L / (2 * W) * (2 * W);
        bool ok = LocalStep<RealVec2, Block2>(0, pairs, n, mode, noise, stim);
        if (pairs < L) ok &= LocalStep<RealVec, Block1>(pairs, L, n, mode, noise, stim);
        if (noise && mode != LocalMode.Correct) _oddPairValidFor = n >> 1;
        return ok;
    }

    private interface ILaneBlock<T> where T : unmanaged, IReal<T>
    {
        static abstract int Width { get; }
        static abstract T Load(ref double src, nuint at);
        static abstract void Store(T v, ref double dst, nuint at);
    }

    private readonly struct Block1 : ILaneBlock<RealVec>
    {
        public static int Width => Vector<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec Load(ref double src, nuint at) => new(Vector.LoadUnsafe(ref src, at));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(RealVec v, ref double dst, nuint at) => v.V.StoreUnsafe(ref dst, at);
    }

    private readonly struct Block2 : ILaneBlock<RealVec2>
    {
        public static int Width => 2 * Vector<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static RealVec2 Load(ref double src, nuint at) => RealVec2.Load(ref src, at);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(RealVec2 v, ref double dst, nuint at) => v.Store(ref dst, at);
    }

    private bool LocalStep<T, TB>(int from, int to, long n, LocalMode mode, bool noise, bool stim) where T : unmanaged, IReal<T> where TB : ILaneBlock<T>
    {
        if (from >= to) return true;
        int BW = TB.Width;
        Span<T> xv = stackalloc T[NV];
        Span<T> xn = stackalloc T[NV];
        Span<T> zv = stackalloc T[NV];
        Span<T> cvAll = stackalloc T[Math.Max(NC, 1)];
        Span<T> pvAll = stackalloc T[Math.Max(NP, 1)];
        Span<T> f1 = stackalloc T[NV];
        Span<T> f2 = stackalloc T[NV];
        Span<T> hvAll = stackalloc T[Math.Max(NC, 1)];
        Span<T> cv = cvAll[..NC], hv = hvAll[..NC];
        ReadOnlySpan<T> pv = pvAll[..NP];
        Span<double> zbuf = stackalloc double[BW];
        Span<double> fin = stackalloc double[BW];
        Span<double> lo = stackalloc double[NV], hi = stackalloc double[NV];
        Span<bool> bounded = stackalloc bool[NV], noisy = stackalloc bool[NV];
        for (int v = 0; v < NV; v++)
        {
            var sv = _spec.StateVariables[v];
            bounded[v] = sv.LowerBound is not null || sv.UpperBound is not null;
            lo[v] = sv.LowerBound ?? double.NegativeInfinity; hi[v] = sv.UpperBound ?? double.PositiveInfinity;
            noisy[v] = noise && _noisy[v];
        }
        bool freshPair = (n & 1) == 0 || _oddPairValidFor != n >> 1;
        bool oddStep = (n & 1) != 0;
        long pair = n >> 1;
        int sIdx = _sim.StimulusVariable;
        bool sigmoid = _coupling.Kind == CouplingKind.Sigmoidal, diffusive = _coupling.Kind == CouplingKind.Diffusive;
        T h = T.Const(_h), h2 = T.Const(_h * 0.5);
        T finite = T.Const(0);
        ref double x0 = ref _x[0], p0 = ref _par[0], cur0 = ref _cur[0], z0 = ref zbuf[0];
        ref double s0 = ref _s[0], sn0 = ref _sNext[0], rs0 = ref _rowSum[0];
        for (int o = from; o < to; o += BW)
        {
            for (int v = 0; v < NV; v++) xv[v] = TB.Load(ref x0, (nuint)(v * L + o));
            for (int k = 0; k < NP; k++) pvAll[k] = TB.Load(ref p0, (nuint)(k * L + o));
            T g = TB.Load(ref p0, (nuint)(NP * L + o));
            T rs = diffusive ? TB.Load(ref rs0, (nuint)o) : T.Const(0);
            if (mode == LocalMode.Correct)
            {
                // everything of the first pass comes back from the per-lane buffers
                for (int v = 0; v < NV; v++)
                {
                    f1[v] = TB.Load(ref _f1[0], (nuint)(v * L + o));
                    if (noisy[v]) zv[v] = TB.Load(ref _zt[0], (nuint)(v * L + o));
                    xn[v] = TB.Load(ref _xt[0], (nuint)(v * L + o));
                }
                for (int k = 0; k < NC; k++) hv[k] = TB.Load(ref _curT[0], (nuint)(k * L + o));
            }
            else
            {
                if (noise)
                    for (int v = 0; v < NV; v++)
                    {
                        if (!noisy[v]) continue;
                        for (int q = 0; q < BW; q += W)
                        {
                            int at = v * L + o + q;
                            Vector<double> z;
                            if (freshPair)
                            {
                                var (even, odd) = NoiseStream.NormalPairVec(Vector.LoadUnsafe(ref _keys[0], (nuint)at), pair);
                                odd.StoreUnsafe(ref _oddNoise[0], (nuint)at);
                                z = oddStep ? odd : even;
                            }
                            else z = Vector.LoadUnsafe(ref _oddNoise[0], (nuint)at);
                            (Vector.LoadUnsafe(ref _sigmaSqrtH[0], (nuint)at) * z).StoreUnsafe(ref z0, (nuint)q);
                        }
                        zv[v] = TB.Load(ref z0, 0);
                    }
                // coupling at t: post step with this lane's current outputs
                for (int k = 0; k < NC; k++)
                {
                    if (!_coupled[k]) { cv[k] = T.Const(0); continue; }
                    var sum = TB.Load(ref s0, (nuint)(k * L + o));
                    if (diffusive) sum = sum - rs * TB.Load(ref cur0, (nuint)(k * L + o));
                    cv[k] = g * sum;
                }
                TModel.Drift<T>(xv, cv, pv, f1);
                if (stim) f1[sIdx] = f1[sIdx] + TB.Load(ref _stim[0], (nuint)o);
                if (mode == LocalMode.Euler)
                    for (int v = 0; v < NV; v++)
                    {
                        var t = xv[v] + h * f1[v];
                        if (noisy[v]) t = t + zv[v];
                        xn[v] = t;
                    }
                else
                {
                    // predictor, bounded, and what it sends to the others
                    for (int v = 0; v < NV; v++)
                    {
                        var t = xv[v] + h * f1[v];
                        if (noisy[v]) t = t + zv[v];
                        if (bounded[v]) t = T.Min(T.Max(t, T.Const(lo[v])), T.Const(hi[v]));
                        xn[v] = t;
                    }
                    TModel.Output<T>(xn, pv, hv);
                    if (sigmoid) for (int k = 0; k < NC; k++) hv[k] = _coupling.Sigmoid(hv[k]);
                    if (mode == LocalMode.Predict)
                    {
                        for (int v = 0; v < NV; v++)
                        {
                            TB.Store(xn[v], ref _xt[0], (nuint)(v * L + o));
                            TB.Store(f1[v], ref _f1[0], (nuint)(v * L + o));
                            if (noisy[v]) TB.Store(zv[v], ref _zt[0], (nuint)(v * L + o));
                            finite = finite + xn[v] * 0.0;
                        }
                        for (int k = 0; k < NC; k++) TB.Store(hv[k], ref _curT[0], (nuint)(k * L + o));
                        continue;
                    }
                }
            }
            if (mode is LocalMode.FusedHeun or LocalMode.Correct)
            {
                // coupling at t + dt: sums of the history and (two-pass) the predicted outputs; post step with the predicted outputs
                for (int k = 0; k < NC; k++)
                {
                    if (!_coupled[k]) { cv[k] = T.Const(0); continue; }
                    var sum = TB.Load(ref sn0, (nuint)(k * L + o));
                    if (diffusive) sum = sum - rs * hv[k];
                    cv[k] = g * sum;
                }
                TModel.Drift<T>(xn, cv, pv, f2);
                if (stim) f2[sIdx] = f2[sIdx] + TB.Load(ref _stim[0], (nuint)o);
                for (int v = 0; v < NV; v++)
                {
                    var t = xv[v] + h2 * (f1[v] + f2[v]);
                    if (noisy[v]) t = t + zv[v];
                    xn[v] = t;
                }
            }
            for (int v = 0; v < NV; v++)
            {
                var t = xn[v];
                if (bounded[v]) t = T.Min(T.Max(t, T.Const(lo[v])), T.Const(hi[v]));
                finite = finite + t * 0.0;
                xn[v] = t;
                TB.Store(t, ref x0, (nuint)(v * L + o));
            }
            TModel.Output<T>(xn, pv, hv);
            for (int k = 0; k < NC; k++)
            {
                var hk = hv[k];
                if (sigmoid) hk = _coupling.Sigmoid(hk);
                TB.Store(hk, ref cur0, (nuint)(k * L + o));
            }
            if (_needsBoldDrive) TB.Store(TModel.BoldDrive<T>(xn, pv), ref _boldDrive[0], (nuint)o);
        }
        TB.Store(finite, ref fin[0], 0);
        foreach (var f in fin) if (f != 0) return false;
        return true;
    }

    /// <summary>Observables of the state just computed, with its coupling input c(t) = post(_s, _cur) (the sums must be current).</summary>
    private void Observe()
    {
        int NO = _spec.ObservableCount;
        Span<RealVec> xv = stackalloc RealVec[NV];
        Span<RealVec> cv = stackalloc RealVec[Math.Max(NC, 1)];
        Span<RealVec> pv = stackalloc RealVec[Math.Max(NP, 1)];
        Span<RealVec> ov = stackalloc RealVec[NO];
        bool diffusive = _coupling.Kind == CouplingKind.Diffusive;
        for (int o = 0; o < L; o += W)
        {
            for (int v = 0; v < NV; v++) xv[v] = new RealVec(Vector.LoadUnsafe(ref _x[0], (nuint)(v * L + o)));
            var g = Vector.LoadUnsafe(ref _par[0], (nuint)(NP * L + o));
            for (int k = 0; k < NC; k++)
            {
                if (!_coupled[k]) { cv[k] = new RealVec(Vector<double>.Zero); continue; }
                var sum = Vector.LoadUnsafe(ref _s[0], (nuint)(k * L + o));
                if (diffusive) sum -= Vector.LoadUnsafe(ref _rowSum[0], (nuint)o) * Vector.LoadUnsafe(ref _cur[0], (nuint)(k * L + o));
                cv[k] = new RealVec(g * sum);
            }
            for (int k = 0; k < NP; k++) pv[k] = new RealVec(Vector.LoadUnsafe(ref _par[0], (nuint)(k * L + o)));
            TModel.Observe<RealVec>(xv, cv[..NC], pv[..NP], ov);
            for (int k = 0; k < NO; k++) ov[k].V.StoreUnsafe(ref _obs[0], (nuint)(k * L + o));
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
        Outputs(_x, _cur);
    }

    // ---------------------------------------------------------------- coupling and history

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

    /// <summary>No delays, lanes = targets: c = W·h with up to 8 target vectors per pass (independent FMA chains).</summary>
    private unsafe void SingleDense(double* wt, double* h, double* c)
    {
        int o = 0;
        for (; o + 8 * W <= L; o += 8 * W)
        {
            Vector<double> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            double* col = wt + o;
            for (int j = 0; j < R; j++, col += L)
            {
                var hj = new Vector<double>(h[j]);
                a0 = Vector.FusedMultiplyAdd(Vector.Load(col), hj, a0);
                a1 = Vector.FusedMultiplyAdd(Vector.Load(col + W), hj, a1);
                a2 = Vector.FusedMultiplyAdd(Vector.Load(col + 2 * W), hj, a2);
                a3 = Vector.FusedMultiplyAdd(Vector.Load(col + 3 * W), hj, a3);
                a4 = Vector.FusedMultiplyAdd(Vector.Load(col + 4 * W), hj, a4);
                a5 = Vector.FusedMultiplyAdd(Vector.Load(col + 5 * W), hj, a5);
                a6 = Vector.FusedMultiplyAdd(Vector.Load(col + 6 * W), hj, a6);
                a7 = Vector.FusedMultiplyAdd(Vector.Load(col + 7 * W), hj, a7);
            }
            a0.Store(c + o); a1.Store(c + o + W); a2.Store(c + o + 2 * W); a3.Store(c + o + 3 * W);
            a4.Store(c + o + 4 * W); a5.Store(c + o + 5 * W); a6.Store(c + o + 6 * W); a7.Store(c + o + 7 * W);
        }
        for (; o + 4 * W <= L; o += 4 * W)
        {
            Vector<double> a0 = default, a1 = default, a2 = default, a3 = default;
            double* col = wt + o;
            for (int j = 0; j < R; j++, col += L)
            {
                var hj = new Vector<double>(h[j]);
                a0 = Vector.FusedMultiplyAdd(Vector.Load(col), hj, a0);
                a1 = Vector.FusedMultiplyAdd(Vector.Load(col + W), hj, a1);
                a2 = Vector.FusedMultiplyAdd(Vector.Load(col + 2 * W), hj, a2);
                a3 = Vector.FusedMultiplyAdd(Vector.Load(col + 3 * W), hj, a3);
            }
            a0.Store(c + o); a1.Store(c + o + W); a2.Store(c + o + 2 * W); a3.Store(c + o + 3 * W);
        }
        for (; o < L; o += W)
        {
            Vector<double> a0 = default;
            double* col = wt + o;
            for (int j = 0; j < R; j++, col += L) a0 = Vector.FusedMultiplyAdd(Vector.Load(col), new Vector<double>(h[j]), a0);
            a0.Store(c + o);
        }
    }

    /// <summary>
    /// Delays, lanes = targets, K steps at once: every source's delayed history is a contiguous run of steps, so the coupling of
    /// K steps is plain vector loads and FMAs over time (no gathers), with the weights and delays read once per K steps.
    /// Eight independent accumulators per pass: 8 targets × W steps, or 4 targets × 2W steps. Writes cb[i * K + kk] for kk &lt; K.
    /// </summary>
    private unsafe void SingleBlock(double* w8, int* d8, double* ringK, int nm, double* cb)
    {
        int groups = (L + Group - 1) / Group;
        for (int g = 0; g < groups; g++)
        {
            double* wg = w8 + g * R * Group;
            int* dg = d8 + g * R * Group;
            int k0 = 0;
            for (; k0 + 2 * W <= K; k0 += 2 * W)
                for (int half = 0; half < Group; half += 4)
                {
                    int at = nm + k0;
                    Vector<double> a0 = default, b0 = default, a1 = default, b1 = default, a2 = default, b2 = default, a3 = default, b3 = default;
                    for (int j = 0; j < R; j++)
                    {
                        double* src = ringK + j * HS;
                        double* wj = wg + j * Group + half;
                        int* dj = dg + j * Group + half;
                        double* s0 = src + ((at - dj[0]) & Mask), s1 = src + ((at - dj[1]) & Mask);
                        double* s2 = src + ((at - dj[2]) & Mask), s3 = src + ((at - dj[3]) & Mask);
                        var w0 = new Vector<double>(wj[0]); var w1 = new Vector<double>(wj[1]);
                        var w2 = new Vector<double>(wj[2]); var w3 = new Vector<double>(wj[3]);
                        a0 = Vector.FusedMultiplyAdd(w0, Vector.Load(s0), a0); b0 = Vector.FusedMultiplyAdd(w0, Vector.Load(s0 + W), b0);
                        a1 = Vector.FusedMultiplyAdd(w1, Vector.Load(s1), a1); b1 = Vector.FusedMultiplyAdd(w1, Vector.Load(s1 + W), b1);
                        a2 = Vector.FusedMultiplyAdd(w2, Vector.Load(s2), a2); b2 = Vector.FusedMultiplyAdd(w2, Vector.Load(s2 + W), b2);
                        a3 = Vector.FusedMultiplyAdd(w3, Vector.Load(s3), a3); b3 = Vector.FusedMultiplyAdd(w3, Vector.Load(s3 + W), b3);
                    }
                    double* c = cb + (g * Group + half) * K + k0;
                    a0.Store(c); b0.Store(c + W); a1.Store(c + K); b1.Store(c + K + W);
                    a2.Store(c + 2 * K); b2.Store(c + 2 * K + W); a3.Store(c + 3 * K); b3.Store(c + 3 * K + W);
                }
            for (; k0 < K; k0 += W)
            {
                int at = nm + k0;
                Vector<double> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                for (int j = 0; j < R; j++)
                {
                    double* src = ringK + j * HS;
                    double* wj = wg + j * Group;
                    int* dj = dg + j * Group;
                    a0 = Vector.FusedMultiplyAdd(new Vector<double>(wj[0]), Vector.Load(src + ((at - dj[0]) & Mask)), a0);
                    a1 = Vector.FusedMultiplyAdd(new Vector<double>(wj[1]), Vector.Load(src + ((at - dj[1]) & Mask)), a1);
                    a2 = Vector.FusedMultiplyAdd(new Vector<double>(wj[2]), Vector.Load(src + ((at - dj[2]) & Mask)), a2);
                    a3 = Vector.FusedMultiplyAdd(new Vector<double>(wj[3]), Vector.Load(src + ((at - dj[3]) & Mask)), a3);
                    a4 = Vector.FusedMultiplyAdd(new Vector<double>(wj[4]), Vector.Load(src + ((at - dj[4]) & Mask)), a4);
                    a5 = Vector.FusedMultiplyAdd(new Vector<double>(wj[5]), Vector.Load(src + ((at - dj[5]) & Mask)), a5);
                    a6 = Vector.FusedMultiplyAdd(new Vector<double>(wj[6]), Vector.Load(src + ((at - dj[6]) & Mask)), a6);
                    a7 = Vector.FusedMultiplyAdd(new Vector<double>(wj[7]), Vector.Load(src + ((at - dj[7]) & Mask)), a7);
                }
                double* c = cb + g * Group * K + k0;
                a0.Store(c); a1.Store(c + K); a2.Store(c + 2 * K); a3.Store(c + 3 * K);
                a4.Store(c + 4 * K); a5.Store(c + 5 * K); a6.Store(c + 6 * K); a7.Store(c + 7 * K);
            }
        }
    }

    /// <summary>Delays shorter than a vector of steps: per-step gathers, four target vectors at a time.</summary>
    private unsafe void SingleGather(double* wt, int* dt, double* ringK, int nm, double* c)
    {
        if (Avx2.IsSupported && W == 4)
        {
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
            double acc = 0;
            for (int j = 0; j < R; j++)
                acc = Math.FusedMultiplyAdd(wt[j * L + i], ringK[j * HS + ((nm - dt[j * L + i]) & Mask)], acc);
            c[i] = acc;
        }
    }

    /// <summary>Lanes are (target i, member b): sources j of target i in increasing order (exact zeros skipped), members contiguous;
    /// up to 8 member vectors per pass (independent FMA chains sharing each weight).</summary>
    private unsafe void BatchSum(double* nzw, int* nzs, int* nzd, int* nzStart, double* ringK, double* hk, int nm, double* ck)
    {
        for (int i = 0; i < R; i++)
        {
            double* ci = ck + i * Bp;
            int e0 = nzStart[i], e1 = nzStart[i + 1];
            int o = 0;
            for (; o + 8 * W <= Bp; o += 8 * W)
            {
                Vector<double> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                for (int e = e0; e < e1; e++)
                {
                    var wv = new Vector<double>(nzw[e]);
                    double* src = (_delays ? ringK + (nzs[e] * H + ((nm - nzd[e]) & Mask)) * Bp : hk + nzs[e] * Bp) + o;
                    a0 = Vector.FusedMultiplyAdd(wv, Vector.Load(src), a0);
                    a1 = Vector.FusedMultiplyAdd(wv, Vector.Load(src + W), a1);
                    a2 = Vector.FusedMultiplyAdd(wv, Vector.Load(src + 2 * W), a2);
                    a3 = Vector.FusedMultiplyAdd(wv, Vector.Load(src + 3 * W), a3);
                    a4 = Vector.FusedMultiplyAdd(wv, Vector.Load(src + 4 * W), a4);
                    a5 = Vector.FusedMultiplyAdd(wv, Vector.Load(src + 5 * W), a5);
                    a6 = Vector.FusedMultiplyAdd(wv, Vector.Load(src + 6 * W), a6);
                    a7 = Vector.FusedMultiplyAdd(wv, Vector.Load(src + 7 * W), a7);
                }
                a0.Store(ci + o); a1.Store(ci + o + W); a2.Store(ci + o + 2 * W); a3.Store(ci + o + 3 * W);
                a4.Store(ci + o + 4 * W); a5.Store(ci + o + 5 * W); a6.Store(ci + o + 6 * W); a7.Store(ci + o + 7 * W);
            }
            for (; o < Bp; o += 4 * W)
            {
                int q = Math.Min(4, (Bp - o) / W);
                Vector<double> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int e = e0; e < e1; e++)
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
}
