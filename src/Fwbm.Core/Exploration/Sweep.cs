using System.Globalization;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Measures;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Exploration;

/// <summary>How a sweep runs.</summary>
public sealed record SweepOptions
{
    /// <summary>Noise seed of every run (the same noise at every grid point: differences come from the parameters alone).</summary>
    public ulong Seed { get; init; }
    /// <summary>Runs per grid point with seeds Seed, Seed + 1, …; each is a row of the table, <see cref="SweepResult.Grid"/> averages them.</summary>
    public int Repeats { get; init; } = 1;
    /// <summary>Keep every <see cref="SimulationResult"/> (memory grows with points × recorded samples); off by default.</summary>
    public bool KeepResults { get; init; }
    /// <summary>A run that diverges (state or BOLD), or whose measures cannot be computed (e.g. NaN), gives NaN measures and an error
    /// text in its row instead of stopping the sweep (default true).</summary>
    public bool ContinueOnDivergence { get; init; } = true;
}

/// <summary>
/// A parameter exploration: every point of a <see cref="ParameterSpace"/> (times <see cref="SweepOptions.Repeats"/> seeds) is simulated
/// in ONE batch — SIMD lanes over batch members, blocks over all cores — and reduced to a row of measures as soon as its block ends.
/// Nothing shared is mutated: each point is a new immutable <see cref="ParameterSet"/> derived from the base parameters.
/// </summary>
/// <example><code>
/// var sweep = new Sweep(ModelRegistry.Get("hopf"), connectome, new SimulationOptions { DtMs = 10, DurationMs = 300_000 },
///     ParameterSpace.Grid(ParameterAxis.Linspace("G", 0, 1, 32), ParameterAxis.Linspace("a", -0.1, 0.1, 32)),
///     SweepMeasure.FcSimilarity());
/// SweepResult table = sweep.Run(progress);
/// double[,] heat = table.Grid("fc_similarity");   // [G index, a index]
/// </code></example>
public sealed class Sweep
{
    private readonly Simulator _sim;
    private readonly ParameterSet[] _points;

    public Sweep(ModelHandle model, Connectome connectome, SimulationOptions options, ParameterSpace space, params SweepMeasure[] measures)
        : this(model, connectome, options, space, measures, null, null) { }

    /// <param name="baseParameters">Values of the parameters that are not swept (default: the model's defaults, coupling 0).</param>
    public Sweep(ModelHandle model, Connectome connectome, SimulationOptions options, ParameterSpace space, IReadOnlyList<SweepMeasure> measures,
        ParameterSet? baseParameters, SweepOptions? sweepOptions)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(measures);
        _sim = new Simulator(model, connectome, options);
        Space = space; Measures = measures.ToArray(); Options = sweepOptions ?? new SweepOptions();
        if (Options.Repeats < 1) throw new FwbmException($"Sweep repeats = {Options.Repeats}; expected ≥ 1.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in Measures)
        {
            ArgumentNullException.ThrowIfNull(m);
            if (!names.Add(m.Name)) throw new FwbmException($"Sweep: measure '{m.Name}' appears twice.");
        }
        var basis = baseParameters ?? _sim.DefaultParameters();
        if (basis.Model.Name != model.Spec.Name) throw new FwbmException($"Sweep: base parameters are for model '{basis.Model.Name}', not '{model.Spec.Name}'.");
        // resolve names (aliases such as G → coupling) and check every value against its range before anything runs
        ParameterNames = space.Axes.Select(a => model.Spec.IndexOf(a.Name) is var k && k < 0 ? ModelSpec.CouplingParameter.Name : model.Spec.Parameters[k].Name).ToArray();
        if (ParameterNames.Distinct(StringComparer.Ordinal).Count() != ParameterNames.Count)
            throw new FwbmException($"Sweep: two axes name the same parameter ({string.Join(", ", space.Axes.Select(a => a.Name))}).");
        _points = new ParameterSet[space.Count];
        for (int i = 0; i < space.Count; i++)
        {
            var v = space.Point(i);
            var p = basis;
            for (int a = 0; a < v.Length; a++) p = p.With(ParameterNames[a], v[a]);
            try { model.Spec.CheckDt(_sim.Options.DtMs, p); }
            catch (FwbmException e)
            {
                throw new FwbmException($"Sweep point {i} ({string.Join(", ", ParameterNames.Zip(v, (n, x) => $"{n}={x.ToString("G6", CultureInfo.InvariantCulture)}"))}): {e.Message}");
            }
            _points[i] = p;
        }
    }

    public Simulator Simulation => _sim;
    public ParameterSpace Space { get; }
    public IReadOnlyList<SweepMeasure> Measures { get; }
    public SweepOptions Options { get; }
    /// <summary>Canonical names of the swept parameters ("coupling" for G).</summary>
    public IReadOnlyList<string> ParameterNames { get; }
    /// <summary>Number of simulations (points × repeats).</summary>
    public int Runs => Space.Count * Options.Repeats;

    /// <summary>Run the whole sweep as one batch; progress counts integration steps of all runs; cancellation stops it promptly.</summary>
    public SweepResult Run(IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default)
    {
        int R = Options.Repeats;
        var requests = new SimulationRequest[Runs];
        for (int i = 0; i < Space.Count; i++)
            for (int k = 0; k < R; k++) requests[i * R + k] = new SimulationRequest(_points[i], Options.Seed + (ulong)k);
        var rows = new SweepRow[Runs];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        SweepRow Row(int index, SimulationResult? result, string? error, double[] measures)
            => new(index, index / R, Space.Point(index / R), _points[index / R], requests[index].Seed, measures, error, Options.KeepResults ? result : null);
        _sim.RunBatch(requests,
            result =>
            {
                var ctx = new SweepContext(result, _sim.Connectome, ParameterNames, Space.Point(result.Index / R));
                var m = new double[Measures.Count];
                try
                {
                    for (int j = 0; j < m.Length; j++)
                    {
                        m[j] = Measures[j].Evaluate(ctx);
                        if (double.IsNaN(m[j])) throw new FwbmException($"Measure '{Measures[j].Name}' is NaN for run {result.Index} [{_points[result.Index / R]}].");
                    }
                }
                catch (FwbmException e) when (Options.ContinueOnDivergence)
                {
                    rows[result.Index] = Row(result.Index, result, e.Message, Enumerable.Repeat(double.NaN, Measures.Count).ToArray());
                    return;
                }
                rows[result.Index] = Row(result.Index, result, null, m);
            },
            Options.ContinueOnDivergence ? (index, e) => rows[index] = Row(index, null, e.Message, Enumerable.Repeat(double.NaN, Measures.Count).ToArray()) : null,
            progress, cancellation);
        return new SweepResult(Space, ParameterNames, Measures.Select(m => m.Name).ToArray(), rows, clock.Elapsed) { MeasureGoals = Measures.Select(m => m.Goal).ToArray(), Simulation = _sim, SweepOptions = Options };
    }

    /// <summary>How long <see cref="Run"/> will take: <see cref="RunEstimate"/> (a short probe of this sweep's simulator when it may be long).</summary>
    public RunEstimate Estimate(CancellationToken cancellation = default) =>
        RunEstimate.For(_sim, Enumerable.Range(0, Runs).Select(i => _points[i / Options.Repeats]).ToArray(), Options.Seed, cancellation);

    /// <summary><see cref="Run"/> on a worker thread.</summary>
    public Task<SweepResult> RunAsync(IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default)
        => Task.Run(() => Run(progress, cancellation), cancellation);
}

/// <summary>One run of a sweep: its grid point, seed, measures and (optionally) the full result.</summary>
public sealed record SweepRow(int Index, int Point, IReadOnlyList<double> ParameterValues, ParameterSet Parameters, ulong Seed,
    IReadOnlyList<double> Measures, string? Error, SimulationResult? Result)
{
    public bool Failed => Error is not null;
}

/// <summary>The table of a sweep: one row per run (grid point × repeat), parameter values and measures as columns.</summary>
public sealed partial class SweepResult
{
    internal SweepResult(ParameterSpace space, IReadOnlyList<string> parameterNames, IReadOnlyList<string> measureNames, IReadOnlyList<SweepRow> rows, TimeSpan elapsed)
    {
        Space = space; ParameterNames = parameterNames; MeasureNames = measureNames; Rows = rows; Elapsed = elapsed;
    }

    public ParameterSpace Space { get; }
    public IReadOnlyList<string> ParameterNames { get; }
    public IReadOnlyList<string> MeasureNames { get; }
    public IReadOnlyList<SweepRow> Rows { get; }
    public TimeSpan Elapsed { get; }

    private int MeasureIndex(string measure)
    {
        for (int j = 0; j < MeasureNames.Count; j++) if (MeasureNames[j] == measure) return j;
        throw new FwbmException($"Sweep result has no measure '{measure}'; it has: {string.Join(", ", MeasureNames)}.");
    }

    /// <summary>One measure for every row.</summary>
    public double[] Column(string measure) { int j = MeasureIndex(measure); return Rows.Select(r => r.Measures[j]).ToArray(); }

    /// <summary>One measure per grid point (mean over repeats, NaN where every repeat failed), in grid order.</summary>
    public double[] PointValues(string measure)
    {
        int j = MeasureIndex(measure);
        var sum = new double[Space.Count]; var n = new int[Space.Count];
        foreach (var r in Rows) if (!double.IsNaN(r.Measures[j])) { sum[r.Point] += r.Measures[j]; n[r.Point]++; }
        return sum.Select((s, i) => n[i] > 0 ? s / n[i] : double.NaN).ToArray();
    }

    /// <summary>A two-parameter sweep as a matrix [index along axis 0, index along axis 1] (the heatmap), averaged over repeats.</summary>
    public double[,] Grid(string measure)
    {
        if (Space.Axes.Count != 2) throw new FwbmException($"Grid needs a sweep over exactly two parameters; this one has {Space.Axes.Count} ({string.Join(", ", ParameterNames)}).");
        var v = PointValues(measure);
        int n0 = Space.Axes[0].Values.Count, n1 = Space.Axes[1].Values.Count;
        var g = new double[n0, n1];
        for (int i = 0; i < v.Length; i++) g[i / n1, i % n1] = v[i];
        return g;
    }

    /// <summary>The goal of each measure, in <see cref="MeasureNames"/> order (from the sweep's measures; the catalogue's declared goal
    /// for a result built without them).</summary>
    public IReadOnlyList<MeasureGoal> MeasureGoals
    {
        get => _goals ?? MeasureNames.Select(MeasureCatalog.DeclaredGoal).ToArray();
        init
        {
            if (value.Count != MeasureNames.Count) throw new FwbmException($"Sweep result: {value.Count} goals for {MeasureNames.Count} measures.");
            _goals = value.ToArray();
        }
    }
    private readonly MeasureGoal[]? _goals;

    /// <summary>The goal of one measure.</summary>
    public MeasureGoal GoalOf(string measure) => MeasureGoals[MeasureIndex(measure)];

    /// <summary>The best grid point of a measure by its goal (maximise, minimise or closest to its target), averaged over repeats; failed
    /// points are skipped. A descriptive measure (goal none) has no best point: the error says how to give it a target.</summary>
    public (IReadOnlyList<double> Values, ParameterSet Parameters, double Measure) Best(string measure)
    {
        var goal = GoalOf(measure);
        if (!goal.Ranks)
            throw new FwbmException($"Sweep: measure '{measure}' has goal {goal}, so no point is best; " +
                (goal.Kind == GoalKind.Target ? $"give its target value ({measure}=<value>)" : $"give a target ({measure}=<value>) or pick a measure with a goal") +
                $" — goals: {string.Join(", ", MeasureNames.Zip(MeasureGoals, (n, g) => $"{n} {g.Short}"))}.");
        return Best(measure, goal);
    }

    /// <summary>The best grid point of a measure by an explicit goal (e.g. a target for a descriptive measure).</summary>
    public (IReadOnlyList<double> Values, ParameterSet Parameters, double Measure) Best(string measure, MeasureGoal goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        var v = PointValues(measure);
        int best = goal.BestIndex(v);
        if (best < 0) throw new FwbmException($"Sweep: every run failed; no best value of '{measure}'.");
        return (Space.Point(best), Rows.First(r => r.Point == best).Parameters, v[best]);
    }

    /// <summary>The guardrail warnings of this sweep (<see cref="Guardrails.GuardrailChecks"/>): for each measure with a goal whose best
    /// point lies on the edge of the grid, the axis, the side and what to do. Empty when every optimum is inside the grid.</summary>
    public IReadOnlyList<Guardrails.GuardrailWarning> Warnings => _warnings ??= Guardrails.GuardrailChecks.Check(this);
    private IReadOnlyList<Guardrails.GuardrailWarning>? _warnings;

    /// <summary>The table as CSV: parameter columns, seed, measure columns, error.</summary>
    public void WriteCsv(TextWriter w)
    {
        var ci = CultureInfo.InvariantCulture;
        w.WriteLine(string.Join(",", ParameterNames.Append("seed").Concat(MeasureNames).Append("error")));
        foreach (var r in Rows)
            w.WriteLine(string.Join(",", r.ParameterValues.Select(v => v.ToString("R", ci)).Append(r.Seed.ToString(ci))
                .Concat(r.Measures.Select(v => v.ToString("R", ci))).Append(r.Error is null ? "" : "\"" + r.Error.Replace("\"", "\"\"") + "\"")));
    }

    public override string ToString() => $"Sweep over {Space}: {Rows.Count} runs, {Rows.Count(r => r.Failed)} failed, measures {string.Join(", ", MeasureNames)} ({Elapsed.TotalSeconds:F1} s)";
}
