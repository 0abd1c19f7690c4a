using System.Numerics;
using Fwbm.Core.Models;
using Fwbm.Core.Noise;
using Fwbm.Core.Simulation.Coupling;
using Fwbm.Core.Simulation.Integration;

namespace Fwbm.Core.Simulation;

/// <summary>
/// Simulates one block of batch members on one thread, in double or single precision (<typeparamref name="TNum"/>: the state, the
/// parameters, the coupling and the noise all compute in it; monitors receive doubles). Every per-lane quantity is a flat array
/// <c>[k * L + lane]</c>; a lane is a region (single member: SIMD across regions) or (region, member) with members innermost (SIMD
/// across the batch). Each lane sees exactly the same arithmetic in both layouts, so results do not depend on the layout, the block
/// or the thread.
/// Nothing is allocated inside the step loop.
/// </summary>
/// <remarks>One file per concern: this one holds the lane layout and the setup (parameters, noise keys, initial state);
/// <c>BlockEngine.Run.cs</c> the step loop, <c>.Step.cs</c> the lane-local integration step, <c>.Coupling.cs</c> the hand-off to
/// the delay history and coupling sums (<see cref="CouplingEngine{TNum}"/>), <c>.Monitors.cs</c> the monitor feeding and
/// <c>.Divergence.cs</c> the divergence check.</remarks>
internal sealed partial class BlockEngine<TModel, TNum> where TModel : INeuralMass where TNum : unmanaged, IBinaryFloatingPointIeee754<TNum>
{
    // lanes per vector: a JIT constant for each instantiation (double: Vector<double>.Count, float: twice that)
    private static int W => Vector<TNum>.Count;

    private readonly Simulator _sim;
    private readonly SimulationRequest[] _members;
    private readonly int _first;
    private readonly ModelSpec _spec;
    // lanes L (a multiple of W), regions R, members M (padded to Bp), state variables NV, parameters NP, coupling channels NC
    private readonly int R, M, Bp, L, NV, NP, NC;
    private readonly bool _delays;
    // per lane: state [v * L + lane], parameters [k * L + lane] with the coupling G at k = NP, in-strength (diffusive coupling)
    private readonly TNum[] _x, _par, _rowSum;
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
        _h = sim.Options.DtMs / _spec.TimeUnitMs;
        _sqrtH = Math.Sqrt(_h);
        _coupling = sim.Coupling;
        _bounds = new StateBounds(_spec);

        _x = new TNum[NV * L];
        _sigmaSqrtH = new TNum[NV * L]; _oddNoise = new TNum[NV * L];
        _s = new TNum[NC * L]; _sNext = new TNum[NC * L]; _cur = new TNum[NC * L];
        bool heun = sim.Options.Integrator == IntegratorKind.Heun;
        _twoPass = heun && sim.HasInstantaneousCoupling;
        _ahead = heun && !_twoPass;
        _xt = _twoPass ? new TNum[NV * L] : []; _f1 = _twoPass ? new TNum[NV * L] : [];
        _zt = _twoPass ? new TNum[NV * L] : []; _curT = _twoPass ? new TNum[NC * L] : [];
        _par = new TNum[(NP + 1) * L];
        _keys = new ulong[NV * L];
        _rowSum = new TNum[L];
        _stimVars = sim.StimulusSet.Variables.ToArray();
        _stim = new TNum[Math.Max(1, _stimVars.Length) * L]; _stimRegion = new double[Math.Max(1, _stimVars.Length) * R];
        _boldDrive = new TNum[L];
        _noiseParam = _spec.NoiseParameterIndices();
        _noisy = _noiseParam.Select(k => k >= 0).ToArray();
        _coupled = sim.CoupledChannels.ToArray();

        _coupler = new CouplingEngine<TNum>(new CouplingLayout(R, L, M, Bp, NC, conn.Weights.ToArray(), sim.Delays, sim.MaxDelaySteps, _ahead));
        var rowSum = conn.InStrength();

        // per-lane parameters, keys, row sums, initial state. Padding lanes copy a real lane so they stay finite.
        var regionKeys = sim.Options.NoiseRegionKeys;
        for (int lane = 0; lane < L; lane++)
        {
            int r, b;
            if (M == 1) { r = Math.Min(lane, R - 1); b = 0; }
            else { r = lane / Bp; b = Math.Min(lane % Bp, M - 1); }
            var p = members[b].Parameters;
            for (int k = 0; k < NP; k++) _par[k * L + lane] = Num(p[k].At(r));
            _par[NP * L + lane] = Num(p.Coupling);
            _rowSum[lane] = Num((M == 1 && lane >= R) ? 0 : rowSum[r]);
            for (int v = 0; v < NV; v++) _sigmaSqrtH[v * L + lane] = Num(_noiseParam[v] >= 0 ? p[_noiseParam[v]].At(r) * _sqrtH : 0);
            int key = regionKeys?[r] ?? r;
            for (int v = 0; v < NV; v++)
            {
                ulong lk = NoiseStream.LaneKey(members[b].Seed, key, v);
                _keys[v * L + lane] = lk;
                var sv = _spec.StateVariables[v];
                _x[v * L + lane] = Num(sim.Options.InitialState is { } init ? init[v * R + r]
                    : sv.InitMin + (sv.InitMax - sv.InitMin) * NoiseStream.Uniform(lk, -1));
            }
        }
        _monitors = sim.Options.Monitors.Select(m => m.Create()).ToArray();
        var ctx = new MonitorContext(_spec, conn.Labels, M, Bp, L, sim.Options.DtMs, sim.TransientSteps, sim.TotalSteps, firstIndex, members);
        foreach (var m in _monitors) m.Init(ctx);
        _needsBoldDrive = _monitors.Any(m => m.NeedsBoldDrive);
        _needsObservables = _spec.ObservableCount > 0 && _monitors.Any(m => m.NeedsObservables);
        _obs = _needsObservables ? new TNum[_spec.ObservableCount * L] : [];
        // single precision: the monitors read double copies of the lanes they need (double: the engine's own arrays)
        bool copy = typeof(TNum) != typeof(double);
        _xOut = copy ? new double[NV * L] : (double[])(object)_x;
        _boldDriveOut = copy ? new double[L] : (double[])(object)_boldDrive;
        _obsOut = !copy ? (double[])(object)_obs : _needsObservables ? new double[_obs.Length] : [];
    }

    /// <summary>A double as the engine's number type (rounded to nearest for float).</summary>
    private static TNum Num(double value) => TNum.CreateTruncating(value);
}
