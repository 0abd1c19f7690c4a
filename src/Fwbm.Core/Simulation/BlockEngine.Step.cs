using System.Numerics;
using System.Runtime.CompilerServices;
using Fwbm.Core.Models;
using Fwbm.Core.Noise;
using Fwbm.Core.Numerics;
using Fwbm.Core.Simulation.Integration;

namespace Fwbm.Core.Simulation;

/// <summary>The lane-local integration step (SIMD over lanes): model outputs, noise injection, Euler or Heun, bounds, the finite flag.</summary>
internal sealed partial class BlockEngine<TModel, TNum>
{
    // the coupling outputs h(x) of the current state, per channel and lane
    private readonly TNum[] _cur;
    // _sigmaSqrtH[v * L + lane] = σ·√h of the noise source driving state variable v (0 when none drives it)
    private readonly TNum[] _sigmaSqrtH;
    // two-pass Heun (some non-zero weight has no delay): predictor state, drift, noise term and outputs kept between the passes
    private readonly TNum[] _xt, _f1, _zt, _curT;
    private readonly bool _twoPass, _ahead;
    // normal deviates come in pairs per two steps: the odd step's deviate is kept from the even step
    private readonly TNum[] _oddNoise;
    private long _oddPairValidFor = -1;
    private readonly bool[] _noisy;
    private readonly int[] _noiseParam;  // per state variable: index of the parameter σ driving its noise, -1 for none (ModelSpec.Noise)
    private readonly TNum[] _stim;       // the stimulus of this step per stimulated variable and lane ([group][lane])
    private readonly double[] _stimRegion; // the stimulus of this step per stimulated variable and region, as the stimuli write it
    private readonly int[] _stimVars;    // the state variable of each stimulus group
    private readonly TNum[] _boldDrive;  // the BOLD drive of the new state per lane (when a monitor needs it)
    private readonly StateBounds _bounds;  // the state variables' bounds (StepScheme.Clamp)

    // ---------------------------------------------------------------- model evaluation (SIMD over lanes)

    private void Outputs(TNum[] x, TNum[] channels)
    {
        if (typeof(TNum) == typeof(double)) Outputs<RealVec, Block1>(x, channels);
        else Outputs<RealVecF, Block1F>(x, channels);
    }

    private void Outputs<T, TB>(TNum[] x, TNum[] channels) where T : unmanaged, IReal<T> where TB : ILaneBlock<T>
    {
        Span<T> xv = stackalloc T[NV];
        Span<T> pv = stackalloc T[Math.Max(NP, 1)];
        Span<T> hv = stackalloc T[Math.Max(NC, 1)];
        for (int o = 0; o < L; o += TB.Width)
        {
            for (int v = 0; v < NV; v++) xv[v] = TB.Load(ref x[0], (nuint)(v * L + o));
            for (int k = 0; k < NP; k++) pv[k] = TB.Load(ref _par[0], (nuint)(k * L + o));
            StepScheme.SentOutputs<TModel, T>(xv, pv[..NP], _coupling, hv[..NC]);
            for (int k = 0; k < NC; k++) TB.Store(hv[k], ref channels[0], (nuint)(k * L + o));
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool LocalStep(long n, LocalMode mode, bool noise, bool stim)
    {
        int pairs = L / (2 * W) * (2 * W);
        bool ok;
        if (typeof(TNum) == typeof(double))
        {
            ok = LocalStep<RealVec2, Block2>(0, pairs, n, mode, noise, stim);
            if (pairs < L) ok &= LocalStep<RealVec, Block1>(pairs, L, n, mode, noise, stim);
        }
        else
        {
            ok = LocalStep<RealVec2F, Block2F>(0, pairs, n, mode, noise, stim);
            if (pairs < L) ok &= LocalStep<RealVecF, Block1F>(pairs, L, n, mode, noise, stim);
        }
        if (noise && mode != LocalMode.Correct) _oddPairValidFor = n >> 1;
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        Span<TNum> zbuf = stackalloc TNum[BW];
        Span<TNum> fin = stackalloc TNum[BW];
        Span<bool> noisy = stackalloc bool[NV];
        for (int v = 0; v < NV; v++) noisy[v] = noise && _noisy[v];
        var bounds = _bounds;
        bool freshPair = (n & 1) == 0 || _oddPairValidFor != n >> 1;
        bool oddStep = (n & 1) != 0;
        long pair = n >> 1;
        int[] sVars = _stimVars;
        bool diffusive = _coupling.Kind == CouplingKind.Diffusive;
        T h = T.Const(_h), h2 = T.Const(_h * 0.5);
        T finite = T.Const(0);
        ref TNum x0 = ref _x[0], p0 = ref _par[0], cur0 = ref _cur[0], z0 = ref zbuf[0];
        ref TNum s0 = ref _s[0], sn0 = ref _sNext[0], rs0 = ref _rowSum[0];
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
                        // the standard normal deviates of this step (counter-based: a pure function of key and step)
                        for (int q = 0; q < BW; q += Vector<TNum>.Count)
                        {
                            int at = v * L + o + q;
                            Vector<TNum> z;
                            if (freshPair)
                            {
                                var (even, odd) = NormalPair(ref _keys[0], (nuint)at, pair);
                                odd.StoreUnsafe(ref _oddNoise[0], (nuint)at);
                                z = oddStep ? odd : even;
                            }
                            else z = Vector.LoadUnsafe(ref _oddNoise[0], (nuint)at);
                            z.StoreUnsafe(ref z0, (nuint)q);
                        }
                        zv[v] = StepScheme.NoiseTerm(TB.Load(ref _sigmaSqrtH[0], (nuint)(v * L + o)), TB.Load(ref z0, 0));
                    }
                // coupling at t: post step with this lane's current outputs
                for (int k = 0; k < NC; k++)
                    cv[k] = _coupled[k]
                        ? StepScheme.CouplingInput(TB.Load(ref s0, (nuint)(k * L + o)), diffusive ? TB.Load(ref cur0, (nuint)(k * L + o)) : default, g, rs, diffusive)
                        : T.Const(0);
                TModel.Drift<T>(xv, cv, pv, f1);
                if (stim) for (int sg = 0; sg < sVars.Length; sg++) StepScheme.AddStimulus(f1, sVars[sg], TB.Load(ref _stim[0], (nuint)(sg * L + o)));
                if (mode == LocalMode.Euler) StepScheme.Euler<T>(xv, f1, h, zv, noisy, xn);
                else
                {
                    // predictor, bounded, and what it sends to the others
                    StepScheme.HeunPredictor<T>(xv, f1, h, zv, noisy, bounds, xn);
                    StepScheme.SentOutputs<TModel, T>(xn, pv, _coupling, hv);
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
                    cv[k] = _coupled[k] ? StepScheme.CouplingInput(TB.Load(ref sn0, (nuint)(k * L + o)), hv[k], g, rs, diffusive) : T.Const(0);
                TModel.Drift<T>(xn, cv, pv, f2);
                if (stim) for (int sg = 0; sg < sVars.Length; sg++) StepScheme.AddStimulus(f2, sVars[sg], TB.Load(ref _stim[0], (nuint)(sg * L + o)));
                StepScheme.HeunCorrector<T>(xv, f1, f2, h2, zv, noisy, xn);
            }
            StepScheme.Clamp(xn, bounds);
            for (int v = 0; v < NV; v++)
            {
                finite = finite + xn[v] * 0.0;
                TB.Store(xn[v], ref x0, (nuint)(v * L + o));
            }
            StepScheme.SentOutputs<TModel, T>(xn, pv, _coupling, hv);
            for (int k = 0; k < NC; k++) TB.Store(hv[k], ref cur0, (nuint)(k * L + o));
            if (_needsBoldDrive) TB.Store(TModel.BoldDrive<T>(xn, pv), ref _boldDrive[0], (nuint)o);
        }
        TB.Store(finite, ref fin[0], 0);
        foreach (var f in fin) if (f != TNum.Zero) return false;
        return true;
    }

    /// <summary>The standard normal deviates of steps 2·pair and 2·pair + 1 for the lanes at <paramref name="at"/> (one vector):
    /// the counter-based stream in double, or the same stream computed in float (<see cref="NoiseStream.NormalPairVecF"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<TNum> Even, Vector<TNum> Odd) NormalPair(ref ulong keys, nuint at, long pair)
    {
        if (typeof(TNum) == typeof(double))
        {
            var (e, o) = NoiseStream.NormalPairVec(Vector.LoadUnsafe(ref keys, at), pair);
            return (e.As<double, TNum>(), o.As<double, TNum>());
        }
        else
        {
            var (e, o) = NoiseStream.NormalPairVecF(Vector.LoadUnsafe(ref keys, at), Vector.LoadUnsafe(ref keys, at + (nuint)Vector<ulong>.Count), pair);
            return (e.As<float, TNum>(), o.As<float, TNum>());
        }
    }

    private void Clamp(TNum[] x)
    {
        if (typeof(TNum) == typeof(double)) Clamp<RealVec, Block1>(x);
        else Clamp<RealVecF, Block1F>(x);
    }

    private void Clamp<T, TB>(TNum[] x) where T : unmanaged, IReal<T> where TB : ILaneBlock<T>
    {
        Span<T> xv = stackalloc T[NV];
        for (int o = 0; o < L; o += TB.Width)
        {
            for (int v = 0; v < NV; v++) xv[v] = TB.Load(ref x[0], (nuint)(v * L + o));
            StepScheme.Clamp(xv, _bounds);
            for (int v = 0; v < NV; v++) TB.Store(xv[v], ref x[0], (nuint)(v * L + o));
        }
    }
}
