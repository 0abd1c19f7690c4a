using System.Numerics;
using Fwbm.Core.Analysis;
using Fwbm.Core.Models;
using Fwbm.Core.Numerics;
using Fwbm.Core.Simulation.Integration;

namespace Fwbm.Core.Simulation;

/// <summary>Monitor feeding: the per-step view, the observables (with their coupling input) and the per-member results.</summary>
internal sealed partial class BlockEngine<TModel>
{
    private readonly IMonitor[] _monitors;
    private readonly bool _needsBoldDrive;
    private readonly bool _needsObservables;
    private readonly double[] _obs;

    /// <summary>Hand the state after step <paramref name="step"/> (and its BOLD drive and observables when asked for) to every monitor.</summary>
    private void FeedMonitors(long step, double dtMs)
    {
        if (_needsObservables)
        {
            if (_sumsFor != step) { Sums(step, _cur, _s); _sumsFor = step; }
            Observe();
        }
        var view = new MonitorView(step, step * dtMs, _x, _boldDrive, _obs);
        foreach (var m in _monitors) m.Step(view);
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
            var g = new RealVec(Vector.LoadUnsafe(ref _par[0], (nuint)(NP * L + o)));
            var rs = new RealVec(Vector.LoadUnsafe(ref _rowSum[0], (nuint)o));
            for (int k = 0; k < NC; k++)
                cv[k] = _coupled[k]
                    ? StepScheme.CouplingInput(new RealVec(Vector.LoadUnsafe(ref _s[0], (nuint)(k * L + o))), new RealVec(Vector.LoadUnsafe(ref _cur[0], (nuint)(k * L + o))), g, rs, diffusive)
                    : RealVec.Const(0);
            for (int k = 0; k < NP; k++) pv[k] = new RealVec(Vector.LoadUnsafe(ref _par[0], (nuint)(k * L + o)));
            TModel.Observe<RealVec>(xv, cv[..NC], pv[..NP], ov);
            for (int k = 0; k < NO; k++) ov[k].V.StoreUnsafe(ref _obs[0], (nuint)(k * L + o));
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
