using Fwbm.Core;
using Fwbm.Core.Models;
using Fwbm.Core.Noise;
using Fwbm.Core.Simulation;
using Fwbm.Core.Simulation.Integration;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>The integration step: noise blocks, coupling through the connectome and its delays, Euler or Heun, bounds, model outputs.</summary>
public sealed partial class TorchSimulator
{
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
        var samples = _monitors.Select(_ => new List<Tensor>()).ToArray();
        var sigmaSqrtH = new TReal[NV];
        var noisy = new bool[NV];
        for (int v = 0; v < NV; v++)
        {
            sigmaSqrtH[v] = _noiseParam[v] >= 0 ? p.Values[_noiseParam[v]] * _sqrtH : TReal.Const(0);
            noisy[v] = !(sigmaSqrtH[v].IsConstant && sigmaSqrtH[v].Constant == 0);
        }
        bool noise = noisy.Any(z => z);
        // a constant σ√h is applied to the whole noise block at once (StepScheme.NoiseTerm on [steps, B, R]: the same product per
        // element, one operation per block instead of one per step); a σ tensor (e.g. fitted) multiplies every step inside the graph
        var prescaled = new bool[NV];
        for (int v = 0; v < NV; v++) prescaled[v] = noisy[v] && sigmaSqrtH[v].IsConstant;
        const int NoiseBlock = 256;
        double[] zHost = noise ? new double[NoiseBlock * NV * B * R] : [];
        Tensor? zBlock = null;
        long zStart = -1;
        bool heun = Core.Options.Integrator == IntegratorKind.Heun;
        TReal h = TReal.Const(_h), halfH = TReal.Const(_h * 0.5);
        // the stimuli, evaluated on the host for a block of steps at once ([steps, groups, 1, R]; broadcast over the batch), one group
        // per stimulated variable (Core's StimulusSet: the same sums as the CPU engine)
        var stimuli = Core.StimulusSet;
        int G = stimuli.Groups;
        bool stimulus = G > 0;
        const int StimulusBlock = 256;
        double[] sHost = !stimulus ? [] : new double[StimulusBlock * G * R];
        Tensor? sBlock = null;
        long sStart = -1;
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
                    {
                        zBlock = torch.tensor(zHost.AsSpan(0, len * NV * B * R).ToArray(), [len, NV, B, R], dtype: Placement.DType, device: Placement.Device);
                        for (int v = 0; v < NV; v++)
                            if (prescaled[v]) zBlock.select(1, v).copy_(StepScheme.NoiseTerm(sigmaSqrtH[v], (TReal)zBlock.select(1, v)).Tensor);
                        zBlock = zBlock.MoveToOuterDisposeScope();
                    }
                }
                if (stimulus && (sBlock is null || n - sStart >= StimulusBlock))
                {
                    sBlock?.Dispose();
                    sStart = n;
                    int len = (int)Math.Min(StimulusBlock, steps - s);
                    for (int m = 0; m < len; m++) stimuli.Evaluate(n + m, Core.Options.DtMs, R, sHost.AsSpan(m * G * R, G * R));
                    using (torch.NewDisposeScope())
                        sBlock = torch.tensor(sHost.AsSpan(0, len * G * R).ToArray(), [len, G, 1, R], dtype: Placement.DType, device: Placement.Device).MoveToOuterDisposeScope();
                }
                using (var scope = torch.NewDisposeScope())
                {
                    // the shared integration layer (Core StepScheme) on tensors: the same arithmetic in the same order as the CPU engine
                    var c = Couple(state.History, p);
                    var x = new TReal[NV];
                    for (int v = 0; v < NV; v++) x[v] = state.X[v];
                    var stim = new TReal[G];   // per group [1, R], held over the step
                    for (int g = 0; g < G; g++) stim[g] = (TReal)sBlock![n - sStart, g];
                    var f1 = new TReal[NV];
                    _kernel.Drift(x, c, p.Values, f1);
                    for (int g = 0; g < G; g++) StepScheme.AddStimulus<TReal>(f1, stimuli.Variables[g], stim[g]);
                    var noiseTerm = new TReal[NV];
                    for (int v = 0; v < NV; v++)
                        noiseTerm[v] = !noisy[v] ? TReal.Const(0)
                            : prescaled[v] ? (TReal)zBlock![n - zStart, v] : StepScheme.NoiseTerm(sigmaSqrtH[v], (TReal)zBlock![n - zStart, v]);
                    var next = new TReal[NV];
                    if (heun)
                    {
                        var predicted = new TReal[NV];
                        StepScheme.HeunPredictor<TReal>(x, f1, h, noiseTerm, noisy, _bounds, predicted);
                        var xtT = new Tensor[NV];
                        for (int v = 0; v < NV; v++) { xtT[v] = AsStepTensor(predicted[v], state.X[v]); predicted[v] = xtT[v]; }
                        // the corrector's coupling is evaluated at t + dt: the predicted outputs are the newest history entry
                        // (they reach undelayed connections and the diffusive local term), older entries are the history
                        var curT = Outputs(xtT, p);
                        var histT = new Tensor[NC];
                        for (int k = 0; k < NC; k++)
                            histT[k] = D == 0 ? curT[k] : torch.cat([curT[k].t(), state.History[k].narrow(0, 0, (long)D * R)], 0);
                        var c2 = Couple(histT, p);
                        var f2 = new TReal[NV];
                        _kernel.Drift(predicted, c2, p.Values, f2);
                        for (int g = 0; g < G; g++) StepScheme.AddStimulus<TReal>(f2, stimuli.Variables[g], stim[g]);
                        StepScheme.HeunCorrector<TReal>(x, f1, f2, halfH, noiseTerm, noisy, next);
                    }
                    else StepScheme.Euler<TReal>(x, f1, h, noiseTerm, noisy, next);
                    StepScheme.Clamp<TReal>(next, _bounds);
                    var xn = new Tensor[NV];
                    for (int v = 0; v < NV; v++) xn[v] = AsTensor(next[v], state.X[v]);

                    var cur = Outputs(xn, p);
                    var hist = new Tensor[NC];
                    for (int k = 0; k < NC; k++)
                        hist[k] = D == 0 ? cur[k] : torch.cat([cur[k].t(), state.History[k].narrow(0, 0, (long)D * R)], 0);

                    Tensor[] balloon = state.Balloon;
                    Tensor? driveSum = state.DriveSum;
                    int driveCount = state.DriveCount;
                    long k1 = n + 1 - transient;
                    Tensor[]? stepped = null; Tensor? drove = null;   // the Balloon state when it was integrated this step, and its drive
                    if (_bold is not null) (stepped, drove) = Hemodynamics(xn, p, ref balloon, ref driveSum, ref driveCount);
                    if (watch is null) CheckFinite(xn, stepped, drove, n + 1, p, state);
                    else
                    {
                        watch.Record(xn, stepped, drove, n + 1);
                        if ((s + 1) % interval == 0 || s == steps - 1) CheckWatch(watch, p, state);
                    }
                    var carried = new Tensor[_monitors.Length][];
                    if (_monitors.Length > 0)
                    {
                        var view = new TorchMonitorView(k1, xn, () => Observables(xn, hist, p), () => BoldSignal(balloon));
                        for (int i = 0; i < _monitors.Length; i++) carried[i] = _monitors[i].Step(view, state.Monitors[i], samples[i]);
                    }

                    // the new state survives the step; the old one is released (autograd keeps what it needs)
                    var old = state.All().ToList();
                    state.Monitors = carried;
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
            sBlock?.Dispose();
        }
        var outputs = new Dictionary<string, Tensor>();
        for (int i = 0; i < _monitors.Length; i++) _monitors[i].Collect(state.Step - transient, state.Monitors[i], samples[i], outputs);
        return new TorchSamples(outputs);
    }

    /// <summary>Batch size from which the delayed coupling uses the sparse product instead of the gather (null: the default, 16).</summary>
    internal int? SparseCouplingFromBatch { get; set; }
    private bool UseSparseCoupling(long batch) => batch >= (SparseCouplingFromBatch ?? 16);

    /// <summary>A step-local value as a tensor of the state's shape: the tensor itself when it already has that shape (no
    /// <c>expand_as</c> node), never stored in the state (where every entry must be its own tensor).</summary>
    private static Tensor AsStepTensor(TReal v, Tensor like) =>
        !v.IsConstant && v.Tensor.shape.AsSpan().SequenceEqual(like.shape) ? v.Tensor : AsTensor(v, like);

    private static Tensor AsTensor(TReal v, Tensor like) => v.IsConstant ? SafeOps.FullLike(like, v.Constant) : v.Tensor.expand_as(like);

    /// <summary>The state clamped to the variables' bounds (<see cref="StepScheme.Clamp{T}(Span{T}, StateBounds)"/>).</summary>
    private Tensor[] Clamp(Tensor[] x)
    {
        var r = new TReal[x.Length];
        for (int v = 0; v < x.Length; v++) r[v] = x[v];
        StepScheme.Clamp<TReal>(r, _bounds);
        var o = new Tensor[x.Length];
        for (int v = 0; v < x.Length; v++) o[v] = AsTensor(r[v], x[v]);
        return o;
    }

    /// <summary>The observables of state <paramref name="x"/> with the coupling input of its history (newest entry = its outputs),
    /// as the CPU engine computes them for its monitors.</summary>
    private Tensor[] Observables(Tensor[] x, Tensor[] history, TorchParameters p)
    {
        var xr = new TReal[NV];
        for (int v = 0; v < NV; v++) xr[v] = x[v];
        var o = new TReal[_spec.ObservableCount];
        _kernel.Observe(xr, Couple(history, p), p.Values, o);
        return o.Select(t => AsTensor(t, x[0])).ToArray();
    }

    /// <summary>The BOLD signal of a Balloon state [batch, regions].</summary>
    private Tensor BoldSignal(Tensor[] balloon) => AsTensor(BalloonEquations.Signal<TReal>(balloon[2], balloon[3], _balloon), balloon[2]);

    private Tensor[] Outputs(Tensor[] x, TorchParameters p)
    {
        var xr = new TReal[NV];
        for (int v = 0; v < NV; v++) xr[v] = x[v];
        var ch = new TReal[NC];
        _kernel.Output(xr, p.Values, ch);
        StepScheme.CouplingOutputs<TReal>(ch, Core.Coupling);
        var o = new Tensor[NC];
        for (int k = 0; k < NC; k++) o[k] = AsTensor(ch[k], x[0]);
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
                cur = h.narrow(0, 0, R).t();
                // small batches: gather the R·R delayed inputs (rows of the time-major history, contiguous over the batch) and reduce;
                // large batches: one sparse product (no [R, R, batch] temporary; measured 2× faster in the forward pass at batch 64)
                sum = UseSparseCoupling(h.shape[1])
                    ? torch.mm(_wDelay!, h).t()
                    : (h.shape[1] == 1 ? h.view(-1) : h).index_select(0, _gatherIndex!).view(R, R, -1).mul(_wGather!).sum(1).t();   // batch 1: a flat gather
            }
            c[k] = StepScheme.CouplingInput<TReal>(sum, cur, p.Coupling, _rowSum, diffusive);
        }
        return c;
    }
}
