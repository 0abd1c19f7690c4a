using System.Numerics;
using Fwbm.Core.Models;
using Fwbm.Core.Noise;
using Fwbm.Core.Simulation.Integration;

namespace Fwbm.Core.Simulation;

/// <summary>
/// Simulates one block of batch members on one thread. Every per-lane quantity is a flat array <c>[k * L + lane]</c>; a lane is
/// a region (single member: SIMD across regions) or (region, member) with members innermost (SIMD across the batch). Each lane
/// sees exactly the same arithmetic in both layouts, so results do not depend on the layout, the block or the thread.
/// Nothing is allocated inside the step loop.
/// </summary>
/// <remarks>One file per concern: this one holds the lane layout and the setup (parameters, noise keys, initial state);
/// <c>BlockEngine.Run.cs</c> the step loop, <c>.Step.cs</c> the lane-local integration step, <c>.History.cs</c> the delay ring,
/// <c>.Coupling.cs</c> and <c>.CouplingKernels.cs</c> the coupling sums, <c>.Monitors.cs</c> the monitor feeding and
/// <c>.Divergence.cs</c> the divergence check.</remarks>
internal sealed partial class BlockEngine<TModel> where TModel : INeuralMass
{
    private static readonly int W = Vector<double>.Count;

    private readonly Simulator _sim;
    private readonly SimulationRequest[] _members;
    private readonly int _first;
    private readonly ModelSpec _spec;
    // lanes L (a multiple of W), regions R, members M (padded to Bp), state variables NV, parameters NP, coupling channels NC
    private readonly int R, M, Bp, L, NV, NP, NC;
    private readonly bool _delays;
    // per lane: state [v * L + lane], parameters [k * L + lane] with the coupling G at k = NP, in-strength (diffusive coupling)
    private readonly double[] _x, _par, _rowSum;
    private readonly ulong[] _keys;     // noise stream key of each (state variable, lane)
    private readonly bool[] _coupled;    // per coupling channel: delivers input (SimulationOptions.CoupledChannels)
    private readonly double _h, _sqrtH;
    private readonly CouplingSpec _coupling;

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
        _bounds = new StateBounds(_spec);

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

        BuildCouplingTables(conn.Weights, sim.Delays, out _wt, out _dt, out _w4, out _d4, out _cbuf, out K,
            out _nzStart, out _nzSource, out _nzDelay, out _nzWeight);
        var rowSum = conn.InStrength();

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
}
