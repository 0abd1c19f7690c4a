using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Noise;
using Fwbm.Core.Simulation;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>
/// The state of a batch of Torch simulations between steps: model state, coupling history, hemodynamics, step counter.
/// Owns its tensors (dispose it). <see cref="Detach"/> cuts the autograd graph (truncated backpropagation through time).
/// </summary>
public sealed class TorchState : IDisposable
{
    internal TorchState(Tensor[] x, Tensor[] history, Tensor[] balloon, Tensor? driveSum, int driveCount, long step, ulong[] seeds, ulong[][] keys)
    {
        X = x; History = history; Balloon = balloon; DriveSum = driveSum; DriveCount = driveCount; Step = step; Seeds = seeds; Keys = keys;
    }

    /// <summary>State variables, one [batch, regions] tensor each.</summary>
    public Tensor[] X { get; internal set; }
    /// <summary>Per coupling channel: the current output [batch, regions] (no delays) or the history [batch, (maxDelay + 1) · regions], newest first.</summary>
    internal Tensor[] History { get; set; }
    /// <summary>Balloon–Windkessel s, f, v, q (empty without a BOLD monitor).</summary>
    internal Tensor[] Balloon { get; set; }
    internal Tensor? DriveSum { get; set; }
    internal int DriveCount { get; set; }
    /// <summary>Integration steps done (transient included).</summary>
    public long Step { get; internal set; }
    public IReadOnlyList<ulong> Seeds { get; }
    internal ulong[][] Keys { get; }

    internal IEnumerable<Tensor> All() => X.Concat(History).Concat(Balloon).Concat(DriveSum is null ? [] : [DriveSum]);

    /// <summary>Replace every tensor by a copy detached from the autograd graph (values unchanged).</summary>
    public void Detach()
    {
        X = Swap(X); History = Swap(History); Balloon = Swap(Balloon);
        if (DriveSum is { } d) { DriveSum = d.detach().DetachFromDisposeScope(); d.Dispose(); }
        static Tensor[] Swap(Tensor[] ts)
        {
            var o = new Tensor[ts.Length];
            for (int i = 0; i < ts.Length; i++) { o[i] = ts[i].detach().DetachFromDisposeScope(); ts[i].Dispose(); }
            return o;
        }
    }

    public void Dispose()
    {
        foreach (var t in All()) t.Dispose();
        X = []; History = []; Balloon = []; DriveSum = null;
    }
}

/// <summary>What a stretch of steps recorded: BOLD samples [samples, batch, regions] and raw state samples per variable.</summary>
public sealed class TorchSamples : IDisposable
{
    internal TorchSamples(Tensor? bold, IReadOnlyDictionary<string, Tensor> raw) { Bold = bold; Raw = raw; }
    /// <summary>BOLD [samples, batch, regions] (null when no sample fell in the stretch or no BOLD monitor was requested).</summary>
    public Tensor? Bold { get; }
    /// <summary>Raw monitor samples by key "raw:&lt;variable&gt;", each [samples, batch, regions].</summary>
    public IReadOnlyDictionary<string, Tensor> Raw { get; }
    public void Dispose() { Bold?.Dispose(); foreach (var t in Raw.Values) t.Dispose(); }
}

/// <summary>
/// A Core model on a connectome as a differentiable TorchSharp program over [batch, regions]: the model's generic equations
/// evaluated on tensors, coupling through the connectome (linear, diffusive or sigmoidal, as <see cref="CouplingSpec"/>), conduction
/// delays read from a history buffer with precomputed gather indices (and a plain matrix product when there are none),
/// Euler–Maruyama or Heun, additive noise from the same counter-based <see cref="NoiseStream"/> as the CPU engine, and
/// Balloon–Windkessel BOLD sampled every TR. With the same options, parameters and seed it computes what
/// <see cref="Simulator"/> computes (up to floating-point rounding), and gradients flow to every parameter tensor.
/// </summary>
/// <remarks>Options are validated by the Core <see cref="Simulator"/> (dt, delays, monitors …). Supported monitors: one BOLD monitor
/// and raw (subsampled) states; stimuli are not supported yet.</remarks>
public sealed class TorchSimulator
{
    private readonly IModelKernel _kernel;
    private readonly ModelSpec _spec;
    private readonly int R, NV, NC, NP, D;
    private readonly double _h, _sqrtH;
    private readonly Tensor _w, _wFlat, _rowSum, _delayIndex;
    private readonly BoldMonitorSpec? _bold;
    private readonly BalloonEquations.Constants _balloon;
    private readonly long _boldEvery, _boldSub;
    private readonly double _boldDtSeconds;
    private readonly (int[] Vars, long Period)? _raw;
    private readonly int[] _noiseParam;   // per state variable: the parameter σ driving its noise, -1 for none (ModelSpec.Noise)
    private readonly bool[] _coupled;     // per coupling channel: delivers input (SimulationOptions.CoupledChannels)

    public TorchSimulator(ModelHandle model, Connectome connectome, SimulationOptions options, TorchPlacement placement)
    {
        TorchRuntime.EnsureLoaded();
        Core = new Simulator(model, connectome, options);
        Placement = placement ?? throw new ArgumentNullException(nameof(placement));
        if (options.Stimulus is not null) throw new FwbmException("Torch simulator: stimuli are not supported yet; remove the stimulus or use the CPU Simulation.");
        _kernel = ModelKernel.For(model);
        _spec = model.Spec;
        R = connectome.Count; NV = _spec.StateCount; NC = _spec.ChannelCount; NP = _spec.ParameterCount;
        D = Core.MaxDelaySteps;
        _h = options.DtMs / _spec.TimeUnitMs;
        _sqrtH = Math.Sqrt(_h);
        _noiseParam = _spec.NoiseParameterIndices();
        _coupled = Core.CoupledChannels.ToArray();
        var dev = placement.Device; var dt = placement.DType;
        FiniteCheckInterval = dev.type == DeviceType.CPU ? 1 : 64;
        _w = torch.tensor(connectome.Weights.ToArray(), [R, R], dtype: dt, device: dev);
        _wFlat = _w.reshape(R * R);
        _rowSum = torch.tensor(connectome.InStrength(), [1, R], dtype: dt, device: dev);
        var idx = new long[R * R];
        for (int i = 0; i < R; i++) for (int j = 0; j < R; j++) idx[i * R + j] = (long)Core.Delays[i * R + j] * R + j;
        _delayIndex = torch.tensor(idx, dtype: ScalarType.Int64, device: dev);

        foreach (var m in options.Monitors)
        {
            switch (m)
            {
                case BoldMonitorSpec b when _bold is null: _bold = b; break;
                case BoldMonitorSpec: throw new FwbmException("Torch simulator: more than one BOLD monitor; expected at most one.");
                case RawMonitorSpec r when _raw is null:
                    _raw = ((r.Variables ?? _spec.StateVariables.Select(v => v.Name).ToList()).Select(_spec.StateIndexOf).ToArray(),
                        Steps.Of(r.PeriodMs, options.DtMs, "raw monitor period"));
                    break;
                default: throw new FwbmException($"Torch simulator: monitor '{m.Key}' is not supported; expected a BOLD monitor and/or one raw monitor.");
            }
        }
        if (_bold is { } bs)
        {
            if (bs.Hemodynamics != BoldHemodynamics.Balloon)
                throw new FwbmException($"Torch simulator: BOLD hemodynamics '{bs.Hemodynamics}' is not supported yet; expected Balloon (use the CPU Simulation for Direct).");
            _balloon = BalloonEquations.Constants.Of(bs.Balloon);
            _boldEvery = Steps.Of(bs.TrMs, options.DtMs, "BOLD TR");
            if (_boldEvery > Core.RecordedSteps)
                throw new FwbmException($"BOLD TR = {bs.TrMs} ms is longer than the recorded duration ({Core.RecordedSteps * options.DtMs} ms); expected at least one TR.");
            long sub = Math.Max(1, (long)Math.Round(bs.IntegrationStepMs / options.DtMs));
            if (Math.Abs(sub * options.DtMs - bs.IntegrationStepMs) > 1e-9 * bs.IntegrationStepMs || _boldEvery % sub != 0 || Core.TransientSteps % sub != 0) sub = 1;
            _boldSub = sub;
            _boldDtSeconds = sub * options.DtMs / 1000.0;
        }
    }

    /// <summary>The Core simulation that validated the options (delays, step counts, coupling).</summary>
    public Simulator Core { get; }
    public TorchPlacement Placement { get; }
    public ModelSpec Model => _spec;
    public int Regions => R;
    /// <summary>
    /// Steps between the finiteness checks that wait for the device: 1 on the CPU (where reading a flag costs nothing), 64 on a GPU
    /// (a per-step <c>item()</c> would synchronise the device every step). Between checks every step records, on the device, the step
    /// at which each value first became invalid, so the error still names the exact step, region and variable.
    /// </summary>
    internal int FiniteCheckInterval { get; set; }

    /// <summary>Integration steps per BOLD sample (0 without a BOLD monitor).</summary>
    public long StepsPerBoldSample => _boldEvery;

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
        for (int v = 0; v < NV; v++) x[v] = Clamp(v, torch.tensor(init[v], [B, R], dtype: Placement.DType, device: Placement.Device));
        var cur = Outputs(x, p);
        var hist = new Tensor[NC];
        for (int k = 0; k < NC; k++) hist[k] = D == 0 ? cur[k] : cur[k].repeat(1, D + 1);
        Tensor[] balloon = [];
        if (_bold is not null)
        {
            var zeros = torch.zeros(B, R, dtype: Placement.DType, device: Placement.Device);
            var ones = torch.ones(B, R, dtype: Placement.DType, device: Placement.Device);
            balloon = [zeros, ones, ones.clone(), ones.clone()];
        }
        var state = new TorchState(x, hist, balloon, null, 0, 0, seeds.ToArray(), keys);
        foreach (var t in state.All()) t.DetachFromDisposeScope();   // owned by the state, not by any dispose scope
        return state;
    }

    /// <summary>
    /// Advance <paramref name="state"/> by <paramref name="steps"/> integration steps (in place) and return what the monitors sampled.
    /// Each step's temporaries are disposed at once; the autograd graph keeps what backpropagation needs.
    /// A non-finite state stops with a <see cref="SimulationDivergedException"/> naming the step, region, variable and batch member.
    /// </summary>
    public TorchSamples Advance(TorchState state, TorchParameters p, long steps, CancellationToken cancellation = default)
    {
        CheckParameters(p);
        CheckState(state, p);
        int B = p.Batch;
        var boldSamples = new List<Tensor>();
        var raw = _raw is { } rm ? rm.Vars.Select(_ => new List<Tensor>()).ToArray() : [];
        var sigmaSqrtH = new TReal[NV];
        var noisy = new bool[NV];
        for (int v = 0; v < NV; v++)
        {
            sigmaSqrtH[v] = _noiseParam[v] >= 0 ? p.Values[_noiseParam[v]] * _sqrtH : TReal.Const(0);
            noisy[v] = !(sigmaSqrtH[v].IsConstant && sigmaSqrtH[v].Constant == 0);
        }
        bool noise = noisy.Any(z => z);
        const int NoiseBlock = 256;
        double[] zHost = noise ? new double[NoiseBlock * NV * B * R] : [];
        Tensor? zBlock = null;
        long zStart = -1;
        bool heun = Core.Options.Integrator == IntegratorKind.Heun;
        long transient = Core.TransientSteps;
        int interval = Math.Max(1, FiniteCheckInterval);
        using var watch = interval > 1 ? new FiniteWatch(NV, B, R, Placement) : null;
        try
        {
            for (long s = 0; s < steps; s++)
            {
                long n = state.Step;
                if (noise && (zBlock is null || n - zStart >= NoiseBlock))
                {
                    zBlock?.Dispose();
                    zStart = n;
                    int len = (int)Math.Min(NoiseBlock, steps - s);
                    for (int m = 0; m < len; m++)
                        for (int v = 0; v < NV; v++)
                            if (noisy[v]) NoiseStream.Fill(state.Keys[v], n + m, zHost.AsSpan((m * NV + v) * B * R, B * R));
                    using (torch.NewDisposeScope())
                        zBlock = torch.tensor(zHost.AsSpan(0, len * NV * B * R).ToArray(), [len, NV, B, R], dtype: Placement.DType, device: Placement.Device).MoveToOuterDisposeScope();
                }
                using (var scope = torch.NewDisposeScope())
                {
                    var c = Couple(state.History, p);
                    var x = new TReal[NV];
                    for (int v = 0; v < NV; v++) x[v] = state.X[v];
                    var f1 = new TReal[NV];
                    _kernel.Drift(x, c, p.Values, f1);
                    var xn = new Tensor[NV];
                    var noiseTerm = new TReal[NV];
                    for (int v = 0; v < NV; v++)
                        noiseTerm[v] = noisy[v] ? sigmaSqrtH[v] * (TReal)zBlock![n - zStart, v] : TReal.Const(0);
                    if (heun)
                    {
                        var xtT = new Tensor[NV];
                        for (int v = 0; v < NV; v++)
                        {
                            var y = x[v] + _h * f1[v];
                            if (!noiseTerm[v].IsConstant) y = y + noiseTerm[v];
                            xtT[v] = Clamp(v, AsTensor(y, state.X[v]));
                        }
                        // the corrector's coupling is evaluated at t + dt: the predicted outputs are the newest history entry
                        // (they reach undelayed connections and the diffusive local term), older entries are the history
                        var curT = Outputs(xtT, p);
                        var histT = new Tensor[NC];
                        for (int k = 0; k < NC; k++)
                            histT[k] = D == 0 ? curT[k] : torch.cat([curT[k], state.History[k].narrow(1, 0, (long)D * R)], 1);
                        var c2 = Couple(histT, p);
                        var xt = new TReal[NV];
                        for (int v = 0; v < NV; v++) xt[v] = xtT[v];
                        var f2 = new TReal[NV];
                        _kernel.Drift(xt, c2, p.Values, f2);
                        double h2 = _h * 0.5;
                        for (int v = 0; v < NV; v++)
                        {
                            var y = x[v] + h2 * (f1[v] + f2[v]);
                            if (!noiseTerm[v].IsConstant) y = y + noiseTerm[v];
                            xn[v] = Clamp(v, AsTensor(y, state.X[v]));
                        }
                    }
                    else
                        for (int v = 0; v < NV; v++)
                        {
                            var y = x[v] + _h * f1[v];
                            if (!noiseTerm[v].IsConstant) y = y + noiseTerm[v];
                            xn[v] = Clamp(v, AsTensor(y, state.X[v]));
                        }

                    var cur = Outputs(xn, p);
                    var hist = new Tensor[NC];
                    for (int k = 0; k < NC; k++)
                        hist[k] = D == 0 ? cur[k] : torch.cat([cur[k], state.History[k].narrow(1, 0, (long)D * R)], 1);

                    Tensor[] balloon = state.Balloon;
                    Tensor? driveSum = state.DriveSum;
                    int driveCount = state.DriveCount;
                    long k1 = n + 1 - transient;
                    Tensor[]? stepped = null; Tensor? drove = null;   // the Balloon state when it was integrated this step, and its drive
                    if (_bold is not null)
                    {
                        var xr = new TReal[NV];
                        for (int v = 0; v < NV; v++) xr[v] = xn[v];
                        var drive = AsTensor(_kernel.BoldDrive(xr, p.Values), xn[0]);
                        if (_boldSub == 1) { balloon = stepped = BalloonStep(balloon, drive); drove = drive; }
                        else
                        {
                            driveSum = driveSum is null ? drive : SafeOps.Add(driveSum, drive);
                            if (++driveCount == _boldSub)
                            {
                                drove = SafeOps.Mul(driveSum, 1.0 / _boldSub);
                                balloon = stepped = BalloonStep(balloon, drove);
                                driveSum = null; driveCount = 0;
                            }
                        }
                    }
                    if (watch is null) CheckFinite(xn, stepped, drove, n + 1, p, state);
                    else
                    {
                        watch.Record(xn, stepped, drove, n + 1);
                        if ((s + 1) % interval == 0 || s == steps - 1) CheckWatch(watch, p, state);
                    }
                    if (_bold is not null)
                    {
                        if (k1 > 0 && k1 % _boldEvery == 0)
                        {
                            TReal sig = BalloonEquations.Signal<TReal>(balloon[2], balloon[3], _balloon);
                            boldSamples.Add(AsTensor(sig, xn[0]).MoveToOuterDisposeScope());
                        }
                    }
                    if (_raw is { } rr && k1 > 0 && k1 % rr.Period == 0)
                        for (int a = 0; a < rr.Vars.Length; a++) raw[a].Add(xn[rr.Vars[a]].alias().MoveToOuterDisposeScope());

                    // the new state survives the step; the old one is released (autograd keeps what it needs)
                    var old = state.All().ToList();
                    state.X = xn; state.History = hist; state.Balloon = balloon; state.DriveSum = driveSum; state.DriveCount = driveCount;
                    state.Step = n + 1;
                    var keep = state.All().ToHashSet(ReferenceEqualityComparer.Instance);
                    foreach (var t in state.All()) t.DetachFromDisposeScope();
                    foreach (var t in old) if (!keep.Contains(t)) t.Dispose();
                }
                if ((s & 63) == 63) cancellation.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            zBlock?.Dispose();
        }
        Tensor? bold = null;
        if (boldSamples.Count > 0) { bold = torch.stack(boldSamples); foreach (var t in boldSamples) t.Dispose(); }
        var rawOut = new Dictionary<string, Tensor>();
        if (_raw is { } r2)
            for (int a = 0; a < r2.Vars.Length; a++)
            {
                if (raw[a].Count == 0) continue;
                rawOut[$"raw:{_spec.StateVariables[r2.Vars[a]].Name}"] = torch.stack(raw[a]);
                foreach (var t in raw[a]) t.Dispose();
            }
        return new TorchSamples(bold, rawOut);
    }

    /// <summary>Run the whole simulation (transient + duration) and return the recorded samples.</summary>
    public TorchSamples Run(TorchParameters p, IReadOnlyList<ulong> seeds, CancellationToken cancellation = default)
    {
        using var state = Initial(p, seeds);
        return Advance(state, p, Core.TotalSteps, cancellation);
    }

    // ------------------------------------------------------------------ pieces

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
        long width = D == 0 ? R : (long)(D + 1) * R;
        if (state.History.Length != NC || state.History.Any(h => h.shape.Length != 2 || h.shape[1] != width))
            throw new FwbmException($"Torch simulator: the state's coupling history ({string.Join(", ", state.History.Select(h => $"[{string.Join(", ", h.shape)}]"))}) " +
                $"does not match this simulator's {NC} channel(s) × {D + 1} delay step(s) × {R} regions; it was made by a simulator with other delays (velocity or dt).");
        if ((_bold is not null) != (state.Balloon.Length == 4))
            throw new FwbmException(_bold is not null
                ? "Torch simulator: the state has no hemodynamic (Balloon) state but this simulator records BOLD; it was made by a simulator without a BOLD monitor."
                : "Torch simulator: the state has a hemodynamic (Balloon) state but this simulator records no BOLD; it was made by a simulator with a BOLD monitor.");
        if (state.Keys.Length != NV || state.Keys[0].Length != shape[0] * R)
            throw new FwbmException($"Torch simulator: the state's noise keys are for {state.Keys.Length} variables × {(state.Keys.Length == 0 ? 0 : state.Keys[0].Length)} lanes; expected {NV} × {shape[0] * R}.");
    }

    private static Tensor AsTensor(TReal v, Tensor like) => v.IsConstant ? SafeOps.FullLike(like, v.Constant) : v.Tensor.expand_as(like);

    private Tensor Clamp(int v, Tensor x)
    {
        var sv = _spec.StateVariables[v];
        if (sv.LowerBound is null && sv.UpperBound is null) return x;
        return SafeOps.Clamp(x, sv.LowerBound, sv.UpperBound);
    }

    private Tensor[] Outputs(Tensor[] x, TorchParameters p)
    {
        var xr = new TReal[NV];
        for (int v = 0; v < NV; v++) xr[v] = x[v];
        var ch = new TReal[NC];
        _kernel.Output(xr, p.Values, ch);
        var o = new Tensor[NC];
        bool sigmoid = Core.Coupling.Kind == CouplingKind.Sigmoidal;
        for (int k = 0; k < NC; k++) o[k] = AsTensor(sigmoid ? Core.Coupling.Sigmoid(ch[k]) : ch[k], x[0]);
        return o;
    }

    /// <summary>The coupling input of every channel from a history (newest entry first): G·(Σ_j W_ij h_j(t − d_ij) − [diffusive] s_i h_i(t)).</summary>
    private TReal[] Couple(Tensor[] history, TorchParameters p)
    {
        var c = new TReal[NC];
        bool diffusive = Core.Coupling.Kind == CouplingKind.Diffusive;
        for (int k = 0; k < NC; k++)
        {
            if (!_coupled[k]) { c[k] = TReal.Const(0); continue; }
            var h = history[k];
            Tensor sum, cur;
            if (D == 0) { cur = h; sum = h.matmul(_w.t()); }
            else
            {
                cur = h.narrow(1, 0, R);
                long B = h.shape[0];
                sum = h.index_select(1, _delayIndex).mul(_wFlat).view(B, R, R).sum(2);
            }
            if (diffusive) sum = SafeOps.Sub(sum, cur.mul(_rowSum));
            c[k] = p.Coupling * (TReal)sum;
        }
        return c;
    }

    private Tensor[] BalloonStep(Tensor[] b, Tensor drive)
    {
        TReal s = b[0], f = b[1], v = b[2], q = b[3];
        BalloonEquations.Step(ref s, ref f, ref v, ref q, drive, _boldDtSeconds, _balloon);
        return [AsTensor(s, drive), AsTensor(f, drive), AsTensor(v, drive), AsTensor(q, drive)];
    }

    /// <summary>
    /// Stop at a non-finite state variable, or (when the Balloon model was integrated this step) at a hemodynamic state outside its
    /// valid range — inflow f, volume v or deoxyhemoglobin q ≤ 0, or a non-finite value — naming the step, region, batch member,
    /// seed and parameter values (the wording of the CPU engine's BOLD monitor).
    /// </summary>
    private void CheckFinite(Tensor[] x, Tensor[]? balloon, Tensor? drive, long step, TorchParameters p, TorchState state)
    {
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            // few operations per step (each costs microseconds of dispatch at [batch, regions] sizes): the state variables and the
            // Balloon s must be finite; f, v, q must lie in (0, ∞), i.e. have a finite logarithm
            var finite = torch.cat(balloon is null ? x : [.. x, balloon[0]], 0).isfinite().all();
            if (balloon is not null) finite = finite.logical_and(torch.cat([balloon[1], balloon[2], balloon[3]], 0).log().isfinite().all());
            if (finite.item<bool>()) return;
            var values = x.Concat(balloon ?? []).Select(Host).ToArray();
            Locate(step, (k, i) => k < NV || k == NV ? !double.IsFinite(values[k][i]) : !(values[k][i] > 0 && double.IsFinite(values[k][i])),
                values, drive is null ? null : Host(drive), p, state);
        }
    }

    /// <summary>Deferred check: one device synchronisation; when a value went bad, locate the first step from the record.</summary>
    private void CheckWatch(FiniteWatch watch, TorchParameters p, TorchState state)
    {
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            if (watch.FirstStep.min().item<long>() == long.MaxValue) return;
            var first = watch.FirstStep.cpu().contiguous().data<long>().ToArray();
            long step = first.Min();
            var all = Host(watch.Value);
            int K = NV + 4, BR = all.Length / K;
            var values = Enumerable.Range(0, K).Select(k => all.AsSpan(k * BR, BR).ToArray()).ToArray();
            Locate(step, (k, i) => first[k * BR + i] == step, values, Host(watch.Drive), p, state);
        }
    }

    /// <summary>
    /// Throw the <see cref="SimulationDivergedException"/> of the first bad value of a step (<paramref name="isBad"/>(k, lane): k indexes
    /// the state variables, then the Balloon s, f, v, q): state variables first (variable by variable), then the hemodynamics lane by lane.
    /// </summary>
    private void Locate(long step, Func<int, int, bool> isBad, double[][] values, double[]? drive, TorchParameters p, TorchState state)
    {
        var ci = CultureInfo.InvariantCulture;
        string G(double v) => v.ToString("G6", ci);
        double tMs = step * Core.Options.DtMs;
        int lanes = values[0].Length;
        for (int v = 0; v < NV; v++)
            for (int i = 0; i < lanes; i++)
            {
                if (!isBad(v, i)) continue;
                int b = i / R, r = i % R;
                var label = Core.Connectome.Labels[r];
                string msg = string.Create(ci,
                    $"Torch simulation diverged at step {step} (t = {tMs:G6} ms): '{_spec.StateVariables[v].Name}' of region {r} ('{label}') became {values[v][i]} in batch member {b} (seed {state.Seeds[b]}) of model '{_spec.Name}'{DescribeParameters(p, b, r)}. Try a smaller dt or check the parameter values.");
                throw new SimulationDivergedException(msg, step, tMs, r, label, b, _spec.StateVariables[v].Name);
            }
        if (values.Length < NV + 4 || _bold is null) throw new InvalidOperationException($"Torch simulator: step {step} was flagged but no bad value was found.");
        for (int i = 0; i < lanes; i++)
        {
            bool bs = isBad(NV, i), bf = isBad(NV + 1, i), bv = isBad(NV + 2, i), bq = isBad(NV + 3, i);
            if (!(bs || bf || bv || bq)) continue;
            int b = i / R, r = i % R;
            var label = Core.Connectome.Labels[r];
            string what = bf ? $"blood inflow f = {G(values[NV + 1][i])}" : bv ? $"blood volume v = {G(values[NV + 2][i])}" : bq ? $"deoxyhemoglobin q = {G(values[NV + 3][i])}" : $"vasodilatory signal s = {G(values[NV][i])}";
            string variable = bf ? "f" : bv ? "v" : bq ? "q" : "s";
            string msg = $"BOLD became invalid at step {step} (t = {G(tMs)} ms): the Balloon–Windkessel {what} of region {r} ('{label}') " +
                $"in batch member {b} (seed {state.Seeds[b]}){DescribeParameters(p, b, r)} left the model's valid range (f, v, q > 0); the BOLD drive of model '{_spec.Name}' " +
                $"({_spec.BoldDriveDoc}) was {(drive is null ? "?" : G(drive[i]))}. " +
                (drive is not null && double.IsFinite(drive[i]) && Math.Abs(drive[i]) > 1e6
                    ? "The hemodynamics cannot follow a drive this large: the neural state is running away; try a smaller dt or check the parameter values."
                    : $"The drive went too negative for the Balloon model: a drive held below −γ = −{G(_bold.Balloon.Gamma)} makes the steady-state inflow 1 + drive/γ negative. Choose parameters whose BOLD drive stays above −γ.");
            throw new SimulationDivergedException(msg, step, tMs, r, label, b, variable);
        }
        throw new InvalidOperationException($"Torch simulator: step {step} was flagged but no bad value was found.");
    }

    /// <summary>
    /// On-device record of the first step at which each value (state variables, then Balloon s, f, v, q; [NV + 4, batch, regions])
    /// became non-finite (or, for f, v, q, ≤ 0), with that value and the BOLD drive of that step: filled every step without waiting for
    /// the device, read once per <see cref="FiniteCheckInterval"/> steps.
    /// </summary>
    private sealed class FiniteWatch : IDisposable
    {
        private readonly int _nv;
        public Tensor FirstStep { get; }
        public Tensor Value { get; }
        public Tensor Drive { get; }

        public FiniteWatch(int nv, int batch, int regions, TorchPlacement pl)
        {
            _nv = nv;
            using var never = long.MaxValue.ToScalar();
            FirstStep = torch.full([nv + 4, batch, regions], never, dtype: ScalarType.Int64, device: pl.Device).DetachFromDisposeScope();
            Value = torch.zeros([nv + 4, batch, regions], dtype: pl.DType, device: pl.Device).DetachFromDisposeScope();
            Drive = torch.zeros([batch, regions], dtype: pl.DType, device: pl.Device).DetachFromDisposeScope();
        }

        public void Record(Tensor[] x, Tensor[]? balloon, Tensor? drive, long step)
        {
            using var _ = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            var vals = torch.stack(balloon is null ? x : x.Concat(balloon).ToArray());
            var ok = vals.isfinite();
            if (balloon is not null)
                ok = torch.cat([ok.narrow(0, 0, _nv + 1), ok.narrow(0, _nv + 1, 3).logical_and(SafeOps.Gt(vals.narrow(0, _nv + 1, 3), 0))]);
            long k = vals.shape[0];
            var firstView = FirstStep.narrow(0, 0, k);
            using var never = long.MaxValue.ToScalar();
            var fresh = ok.logical_not().logical_and(firstView.eq(never));
            // the drive is kept from the step at which the lane's hemodynamics first went bad (not a later step's)
            var laneClean = balloon is null ? null : FirstStep.narrow(0, _nv, 4).eq(never).all(0);
            using var s = step.ToScalar();
            firstView.masked_fill_(fresh, s);
            var valueView = Value.narrow(0, 0, k);
            valueView.copy_(torch.where(fresh, vals, valueView));
            if (laneClean is not null && drive is not null)
                Drive.copy_(torch.where(fresh.narrow(0, _nv, 4).any(0).logical_and(laneClean), drive.expand_as(Drive), Drive));
        }

        public void Dispose() { FirstStep.Dispose(); Value.Dispose(); Drive.Dispose(); }
    }

    private static double[] Host(Tensor t) => t.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

    private string DescribeParameters(TorchParameters p, int b, int r)
    {
        var parts = new List<string>();
        for (int k = 0; k < NP; k++) parts.Add($"{_spec.Parameters[k].Name}={ValueAt(p.Values[k], b, r):G6}");
        parts.Add($"coupling={ValueAt(p.Coupling, b, r):G6}");
        return $" with {string.Join(", ", parts)} at that region";
    }

    private static double ValueAt(TReal v, int b, int r)
    {
        if (v.IsConstant) return v.Constant;
        var t = v.Tensor.detach();
        using var e = t.dim() switch
        {
            0 => t.alias(),
            1 => t[t.shape[0] == 1 ? 0 : r],
            _ => t[t.shape[0] == 1 ? 0 : b, t.shape[1] == 1 ? 0 : r],
        };
        return e.to_type(ScalarType.Float64).item<double>();
    }
}
