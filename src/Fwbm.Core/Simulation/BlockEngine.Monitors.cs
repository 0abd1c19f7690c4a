using System.Numerics;
using System.Runtime.CompilerServices;
using Fwbm.Core.Analysis;
using Fwbm.Core.Models;
using Fwbm.Core.Numerics;
using Fwbm.Core.Simulation.Integration;

namespace Fwbm.Core.Simulation;

/// <summary>Monitor feeding: the per-step view, the observables (with their coupling input) and the per-member results.</summary>
internal sealed partial class BlockEngine<TModel, TNum>
{
    private readonly IMonitor[] _monitors;
    private readonly bool _needsBoldDrive;
    private readonly bool _needsObservables;
    private readonly TNum[] _obs;
    // what the monitors read, in double: the engine's own arrays in double precision, copies of them in single precision
    private readonly double[] _xOut, _boldDriveOut, _obsOut;

    /// <summary>Hand the state after step <paramref name="step"/> (and its BOLD drive and observables when asked for) to every monitor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FeedMonitors(long step, double dtMs)
    {
        if (_needsObservables)
        {
            if (_sumsFor != step) { Sums(step, _cur, _s); _sumsFor = step; }
            Observe();
        }
        if (typeof(TNum) != typeof(double))
        {
            Widen(_x, _xOut);
            if (_needsBoldDrive) Widen(_boldDrive, _boldDriveOut);
            if (_needsObservables) Widen(_obs, _obsOut);
        }
        var view = new MonitorView(step, step * dtMs, _xOut, _boldDriveOut, _obsOut);
        foreach (var m in _monitors) m.Step(view);
    }

    /// <summary>Single precision: the lanes as doubles (exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Widen(TNum[] src, double[] dst)
    {
        var f = System.Runtime.InteropServices.MemoryMarshal.Cast<TNum, float>(src.AsSpan());
        int w = Vector<float>.Count, i = 0;
        for (; i + w <= f.Length; i += w)
        {
            Vector.Widen(new Vector<float>(f.Slice(i, w)), out var lo, out var hi);
            lo.CopyTo(dst.AsSpan(i));
            hi.CopyTo(dst.AsSpan(i + w / 2));
        }
        for (; i < f.Length; i++) dst[i] = f[i];
    }

    /// <summary>Observables of the state just computed, with its coupling input c(t) = post(_s, _cur) (the sums must be current).</summary>
    private void Observe()
    {
        if (typeof(TNum) == typeof(double)) Observe<RealVec, Block1>();
        else Observe<RealVecF, Block1F>();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Observe<T, TB>() where T : unmanaged, IReal<T> where TB : ILaneBlock<T>
    {
        int NO = _spec.ObservableCount;
        Span<T> xv = stackalloc T[NV];
        Span<T> cv = stackalloc T[Math.Max(NC, 1)];
        Span<T> pv = stackalloc T[Math.Max(NP, 1)];
        Span<T> ov = stackalloc T[NO];
        bool diffusive = _coupling.Kind == CouplingKind.Diffusive;
        for (int o = 0; o < L; o += TB.Width)
        {
            for (int v = 0; v < NV; v++) xv[v] = TB.Load(ref _x[0], (nuint)(v * L + o));
            var g = TB.Load(ref _par[0], (nuint)(NP * L + o));
            var rs = TB.Load(ref _rowSum[0], (nuint)o);
            for (int k = 0; k < NC; k++)
                cv[k] = _coupled[k]
                    ? StepScheme.CouplingInput(TB.Load(ref _s[0], (nuint)(k * L + o)), TB.Load(ref _cur[0], (nuint)(k * L + o)), g, rs, diffusive)
                    : T.Const(0);
            for (int k = 0; k < NP; k++) pv[k] = TB.Load(ref _par[0], (nuint)(k * L + o));
            TModel.Observe<T>(xv, cv[..NC], pv[..NP], ov);
            for (int k = 0; k < NO; k++) TB.Store(ov[k], ref _obs[0], (nuint)(k * L + o));
        }
    }

    /// <summary>One result per member: what every monitor sampled for it.</summary>
    private SimulationResult[] Results(TimeSpan elapsed)
    {
        var results = new SimulationResult[M];
        for (int b = 0; b < M; b++)
        {
            var outs = new Dictionary<string, TimeSeries>();
            foreach (var m in _monitors) foreach (var (k, v) in m.Sample(b)) outs[k] = v;
            results[b] = new SimulationResult(_first + b, _members[b].Parameters, _members[b].Seed, outs, elapsed) { Simulation = _sim };
        }
        return results;
    }
}
