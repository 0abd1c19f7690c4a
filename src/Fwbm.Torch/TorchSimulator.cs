using Fwbm.Core;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Noise;
using Fwbm.Core.Simulation;
using Fwbm.Core.Simulation.Integration;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>
/// A Core model on a connectome as a differentiable TorchSharp program over [batch, regions]: the model's generic equations
/// evaluated on tensors, coupling through the connectome (linear, diffusive or sigmoidal, as <see cref="CouplingSpec"/>), conduction
/// delays read from a time-major history [(D + 1)·R, batch] (a gather of the R·R delayed rows for small batches, one sparse product
/// for batches of 16 and more, a plain matrix product when there are no delays), Euler–Maruyama or Heun through the shared Core
/// integration layer (StepScheme: the same arithmetic as the CPU engine, step by step), stimuli, additive noise from the same counter-based <see cref="NoiseStream"/> as the CPU engine, and
/// Balloon–Windkessel BOLD sampled every TR. With the same options, parameters and seed it computes what
/// <see cref="Simulator"/> computes (up to floating-point rounding), and gradients flow to every parameter tensor.
/// </summary>
/// <remarks>Options are validated by the Core <see cref="Simulator"/> (dt, delays, monitors …). Monitors: raw (subsampled), temporal
/// average, BOLD (Balloon) and online FC, each an <see cref="ITorchMonitor"/> built from the Core spec. A stimulus (<see cref="IStimulus"/>) is evaluated on the host for blocks of steps and added to the
/// stimulated variable's derivative as the CPU engine adds it.</remarks>
/// <remarks>One file per concern: this one holds the setup (connectome tensors, delays), the initial state and the checks of
/// what callers pass in; <c>TorchSimulator.Step.cs</c> the integration step, <c>.Monitors.cs</c> the monitors and the hemodynamics (Monitors/ the Torch monitors),
/// <c>.Finite.cs</c> and <c>.FiniteWatch.cs</c> the finiteness checks and their messages.</remarks>
public sealed partial class TorchSimulator
{
    private readonly IModelKernel _kernel;
    private readonly ModelSpec _spec;
    // regions R, state variables NV, coupling channels NC, parameters NP, longest delay D (steps)
    private readonly int R, NV, NC, NP, D;
    private readonly double _h, _sqrtH;
    // weights [R, R], in-strength [1, R], and (with delays) the weights as a sparse [R, (D + 1)·R] matrix over the time-major history
    // [(D + 1)·R, batch]: entry (i, d_ij·R + j) = W_ij, so one sparse product gathers every delayed input (no [batch, R, R] gather)
    private readonly Tensor _w, _rowSum;
    // and the gather of the same: rows d_ij·R + j of the history for target i (index [R·R]) times W as [R, R, 1]
    private readonly Tensor? _wDelay, _gatherIndex, _wGather;
    private readonly int[] _noiseParam;   // per state variable: the parameter σ driving its noise, -1 for none (ModelSpec.Noise)
    private readonly bool[] _coupled;
    private readonly StateBounds _bounds;   // the variables' bounds as the shared step scheme clamps them     // per coupling channel: delivers input (SimulationOptions.CoupledChannels)

    /// <summary>A simulator on <paramref name="device"/> (CPU when null) computing in the options' precision
    /// (<see cref="SimulationOptions.Precision"/>: Double → float64, Single → float32). A placement given to the other constructor
    /// forces its dtype instead.</summary>
    public TorchSimulator(ModelHandle model, Connectome connectome, SimulationOptions options, Device? device = null)
        : this(model, connectome, options, TorchPlacement.For((options ?? throw new ArgumentNullException(nameof(options))).Precision, device))
    {
    }

    public TorchSimulator(ModelHandle model, Connectome connectome, SimulationOptions options, TorchPlacement placement)
    {
        TorchRuntime.EnsureLoaded();
        Core = new Simulator(model, connectome, options);
        options = Core.Options;   // with the model's default dt when none was set
        Placement = placement ?? throw new ArgumentNullException(nameof(placement));
        _kernel = ModelKernel.For(model);
        _spec = model.Spec;
        R = connectome.Count; NV = _spec.StateCount; NC = _spec.ChannelCount; NP = _spec.ParameterCount;
        D = Core.MaxDelaySteps;
        _h = options.DtMs / _spec.TimeUnitMs;
        _sqrtH = Math.Sqrt(_h);
        _noiseParam = _spec.NoiseParameterIndices();
        _bounds = new StateBounds(_spec);
        _coupled = Core.CoupledChannels.ToArray();
        var dev = placement.Device; var dt = placement.DType;
        FiniteCheckInterval = dev.type == DeviceType.CPU ? 1 : 64;
        _w = torch.tensor(connectome.Weights.ToArray(), [R, R], dtype: dt, device: dev);
        _rowSum = torch.tensor(connectome.InStrength(), [1, R], dtype: dt, device: dev);
        if (D > 0)
        {
            _wDelay = DelayedWeights(connectome.Weights, Core.Delays, R, D, placement);
            var idx = new long[R * R];
            for (int i = 0; i < R; i++) for (int j = 0; j < R; j++) idx[i * R + j] = (long)Core.Delays[i * R + j] * R + j;
            _gatherIndex = torch.tensor(idx, dtype: ScalarType.Int64, device: dev);
            _wGather = _w.reshape(R, R, 1);
        }

        ConfigureMonitors(options, out _monitors, out _bold, out _balloon, out _boldEvery, out _boldSub, out _boldDtSeconds);
    }

    /// <summary>The Core simulation that validated the options (delays, step counts, coupling).</summary>
    public Simulator Core { get; }
    public TorchPlacement Placement { get; }
    public ModelSpec Model => _spec;
    public int Regions => R;

    /// <summary>Parameters of the given Core parameter sets with this simulator's placement.</summary>
    public TorchParameters Parameters(params ParameterSet[] sets) => TorchParameters.From(sets, R, Placement);
    /// <summary>The initial state of a batch: one seed per member (initial conditions and noise as in the CPU engine).</summary>
    public TorchState Initial(TorchParameters p, IReadOnlyList<ulong> seeds)
    {
        CheckParameters(p);
        if (seeds.Count != p.Batch) throw new FwbmException($"Torch simulator: {seeds.Count} seeds for a batch of {p.Batch}; expected one seed per member.");
        int B = p.Batch;
        var keys = new ulong[NV][];
        var init = new double[NV][];
        var regionKeys = Core.Options.NoiseRegionKeys;
        for (int v = 0; v < NV; v++)
        {
            keys[v] = new ulong[B * R]; init[v] = new double[B * R];
            var sv = _spec.StateVariables[v];
            for (int b = 0; b < B; b++)
                for (int r = 0; r < R; r++)
                {
                    ulong lk = NoiseStream.LaneKey(seeds[b], regionKeys?[r] ?? r, v);
                    keys[v][b * R + r] = lk;
                    init[v][b * R + r] = Core.Options.InitialState is { } s ? s[v * R + r] : sv.InitMin + (sv.InitMax - sv.InitMin) * NoiseStream.Uniform(lk, -1);
                }
        }
        using var scope = torch.NewDisposeScope();
        var x = new Tensor[NV];
        for (int v = 0; v < NV; v++) x[v] = torch.tensor(init[v], [B, R], dtype: Placement.DType, device: Placement.Device);
        x = Clamp(x);
        var cur = Outputs(x, p);
        var hist = new Tensor[NC];
        for (int k = 0; k < NC; k++) hist[k] = D == 0 ? cur[k] : cur[k].t().repeat(D + 1, 1);
        Tensor[] balloon = [];
        if (_bold is not null)
        {
            var zeros = torch.zeros(B, R, dtype: Placement.DType, device: Placement.Device);
            var ones = torch.ones(B, R, dtype: Placement.DType, device: Placement.Device);
            balloon = [zeros, ones, ones.clone(), ones.clone()];
        }
        var monitors = _monitors.Select(m => m.Init(B, R, Placement)).ToArray();
        var state = new TorchState(x, hist, balloon, null, 0, 0, seeds.ToArray(), keys) { Monitors = monitors };
        foreach (var t in state.All()) t.DetachFromDisposeScope();   // owned by the state, not by any dispose scope
        return state;
    }

    /// <summary>Run the whole simulation (transient + duration) and return the recorded samples.</summary>
    public TorchSamples Run(TorchParameters p, IReadOnlyList<ulong> seeds, CancellationToken cancellation = default)
    {
        using var state = Initial(p, seeds);
        return Advance(state, p, Core.TotalSteps, cancellation);
    }

    private void CheckParameters(TorchParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Model.Name != _spec.Name) throw new FwbmException($"Torch simulator: parameters are for model '{p.Model.Name}' but this simulator runs '{_spec.Name}'.");
        if (p.Regions != R) throw new FwbmException($"Torch simulator: parameters are for {p.Regions} regions but the connectome has {R}.");
    }

    /// <summary>The state must come from a simulator like this one (model, regions, delays, monitors) and match the batch.</summary>
    private void CheckState(TorchState state, TorchParameters p)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.X.Length == 0) throw new FwbmException("Torch simulator: the state has been disposed; create one with Initial(…).");
        if (state.X.Length != NV)
            throw new FwbmException($"Torch simulator: the state has {state.X.Length} state variables but model '{_spec.Name}' has {NV}; it was made by a simulator of another model.");
        var shape = state.X[0].shape;
        if (shape.Length != 2) throw new FwbmException($"Torch simulator: the state's variables have shape [{string.Join(", ", shape)}]; expected [batch, regions] = [{p.Batch}, {R}].");
        if (shape[1] != R)
            throw new FwbmException($"Torch simulator: the state is for {shape[1]} regions but this simulator's connectome '{Core.Connectome.Name}' has {R}; it was made by a simulator on another connectome.");
        if (shape[0] != p.Batch)
            throw new FwbmException($"Torch simulator: the state is for a batch of {shape[0]} but the parameters for {p.Batch}.");
        bool HistoryFits(Tensor h) => h.shape.Length == 2 && (D == 0 ? h.shape[1] == R : h.shape[0] == (long)(D + 1) * R && h.shape[1] == shape[0]);
        if (state.History.Length != NC || !state.History.All(HistoryFits))
            throw new FwbmException($"Torch simulator: the state's coupling history ({string.Join(", ", state.History.Select(h => $"[{string.Join(", ", h.shape)}]"))}) " +
                $"does not match this simulator's {NC} channel(s) × {D + 1} delay step(s) × {R} regions; it was made by a simulator with other delays (velocity or dt).");
        if ((_bold is not null) != (state.Balloon.Length == 4))
            throw new FwbmException(_bold is not null
                ? "Torch simulator: the state has no hemodynamic (Balloon) state but this simulator records BOLD; it was made by a simulator without a BOLD monitor."
                : "Torch simulator: the state has a hemodynamic (Balloon) state but this simulator records no BOLD; it was made by a simulator with a BOLD monitor.");
        if (state.Monitors.Length != _monitors.Length)
            throw new FwbmException($"Torch simulator: the state carries {state.Monitors.Length} monitor(s) but this simulator has {_monitors.Length}; it was made by a simulator with other monitors.");
        if (state.Keys.Length != NV || state.Keys[0].Length != shape[0] * R)
            throw new FwbmException($"Torch simulator: the state's noise keys are for {state.Keys.Length} variables × {(state.Keys.Length == 0 ? 0 : state.Keys[0].Length)} lanes; expected {NV} × {shape[0] * R}.");
    }

    /// <summary>The weights as a sparse COO matrix [R, (D + 1)·R] over the time-major history: entry (i, d_ij·R + j) = W_ij for every
    /// non-zero weight (zero weights are left out; the product then costs one multiply–add per edge and member).</summary>
    private static Tensor DelayedWeights(ReadOnlySpan<double> w, ReadOnlySpan<int> delays, int R, int D, TorchPlacement placement)
    {
        var rows = new List<long>(); var cols = new List<long>(); var vals = new List<double>();
        for (int i = 0; i < R; i++)
            for (int j = 0; j < R; j++)
            {
                double wij = w[i * R + j];
                if (wij == 0) continue;
                rows.Add(i); cols.Add((long)delays[i * R + j] * R + j); vals.Add(wij);
            }
        using var scope = torch.NewDisposeScope();
        var index = torch.tensor(rows.Concat(cols).ToArray(), [2, rows.Count], dtype: ScalarType.Int64, device: placement.Device);
        var values = torch.tensor(vals.ToArray(), [vals.Count], dtype: placement.DType, device: placement.Device);
        return torch.sparse_coo_tensor(index, values, [R, (long)(D + 1) * R]).MoveToOuterDisposeScope();
    }
}
