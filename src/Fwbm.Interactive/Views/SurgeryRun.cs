using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Analysis.Graph;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Interactive.Plotting;

namespace Fwbm.Interactive;

/// <summary>
/// A virtual surgery, as <c>#!fwbm-surgery --name s</c> binds it: the intact and the edited connectome simulated with the same parameters
/// and seed, regions matched by label; what the edit changed (<see cref="Diff"/>), ΔFC over the regions both keep, and the graph and FC
/// measures before and after (<see cref="Measures"/>).
/// </summary>
public sealed class SurgeryRun
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public SurgeryRun(SimulationRun intact, SimulationRun edited)
    {
        ArgumentNullException.ThrowIfNull(intact);
        ArgumentNullException.ThrowIfNull(edited);
        if (intact.Seed != edited.Seed) throw new FwbmException($"Surgery: the intact run has seed {intact.Seed} and the edited run {edited.Seed}; a before/after comparison needs the same seed.");
        Intact = intact; Edited = edited;
        _diff = new(() => SurgeryDiff.Of(Intact.Connectome, Edited.Connectome));
        // the edited graph on the intact weight scale: an edit changes the measures, not the scale they are read on
        _intactGraph = new(() => GraphMeasures.Compute(Intact.Connectome, GraphSeed));
        _editedGraph = new(() => GraphMeasures.Compute(Edited.Connectome, GraphSeed, new GraphOptions { WeightScale = IntactGraph.WeightScale }));
    }

    /// <summary>
    /// Simulate <paramref name="intact"/> and the same model, options, parameters and seed on <paramref name="edited"/> (the intact
    /// connectome with edits applied), one after the other, reporting progress as one run of twice the length.
    /// </summary>
    public static SurgeryRun Run(Simulator intact, Connectome edited, ParameterSet parameters, ulong seed = 0,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(intact);
        ArgumentNullException.ThrowIfNull(edited);
        var editedSim = new Simulator(intact.Model, edited, intact.Options);
        var before = SimulationRun.Run(intact, parameters, seed, Half(progress, 0), cancellation);
        var after = SimulationRun.Run(editedSim, parameters, seed, Half(progress, 1), cancellation);
        return new SurgeryRun(before, after);
    }

    /// <summary>Progress of one of two equal runs as progress of the pair (reported synchronously, as the simulator reports it).</summary>
    internal static IProgress<SimulationProgress>? Half(IProgress<SimulationProgress>? p, int part) => p is null ? null : new PartProgress(p, part);

    private sealed class PartProgress(IProgress<SimulationProgress> inner, int part) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress x) => inner.Report(x with { StepsDone = x.StepsDone + part * x.StepsTotal, StepsTotal = 2 * x.StepsTotal });
    }

    /// <summary>The intact connectome's run.</summary>
    public SimulationRun Intact { get; }
    /// <summary>The edited connectome's run (same model, parameters, options and seed).</summary>
    public SimulationRun Edited { get; }
    public ulong Seed => Intact.Seed;

    /// <summary>The edits that turned the intact connectome into the edited one, oldest first (the edited connectome's provenance beyond the intact one's).</summary>
    public IReadOnlyList<Core.Connectivity.Surgery.ConnectomeEdit> Edits => [.. Edited.Connectome.Edits.Skip(Intact.Connectome.Edits.Count)];

    /// <summary>The edits as their canonical option texts (e.g. <c>resect Precentral_L,Precentral_R</c>), oldest first.</summary>
    public IReadOnlyList<string> EditTexts => [.. Edits.Select(e => e.Text)];
    private int GraphSeed => (int)(Seed % int.MaxValue);

    private readonly Lazy<SurgeryDiff> _diff;
    private readonly Lazy<GraphMeasures> _intactGraph, _editedGraph;

    /// <summary>What the edits changed, region by region and connection by connection (matched by label).</summary>
    public SurgeryDiff Diff => _diff.Value;
    /// <summary>Graph measures of the intact SC (Louvain seeded with the run's seed).</summary>
    public GraphMeasures IntactGraph => _intactGraph.Value;
    /// <summary>Graph measures of the edited SC, its weights divided by the intact connectome's scale.</summary>
    public GraphMeasures EditedGraph => _editedGraph.Value;

    /// <summary>ΔFC = edited − intact over the regions both keep (labels, hemisphere flags, row-major values).</summary>
    public (string[] Labels, bool[]? Right, double[] Delta) DeltaFc() => SurgeryDiff.DeltaFc(Intact.Fc, Edited.Fc);

    /// <summary>Pearson r between the intact and the edited FC's upper triangles over the regions both keep.</summary>
    public double FcSimilarityToIntact
    {
        get
        {
            var (labels, _, _) = DeltaFc();
            var a = Intact.Fc; var b = Edited.Fc;
            var ia = labels.Select(l => IndexOf(a.Labels, l)).ToArray(); var ib = labels.Select(l => IndexOf(b.Labels, l)).ToArray();
            var x = new List<double>(); var y = new List<double>();
            for (int i = 0; i < labels.Length; i++) for (int j = i + 1; j < labels.Length; j++) { x.Add(a[ia[i], ia[j]]); y.Add(b[ib[i], ib[j]]); }
            return Pearson(x, y);
        }
    }

    private static int IndexOf(IReadOnlyList<string> labels, string l) { for (int i = 0; i < labels.Count; i++) if (labels[i] == l) return i; return -1; }

    private static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count < 2) return double.NaN;
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int k = 0; k < x.Count; k++) { sxy += (x[k] - mx) * (y[k] - my); sxx += (x[k] - mx) * (x[k] - mx); syy += (y[k] - my) * (y[k] - my); }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : double.NaN;
    }

    /// <summary>
    /// The before/after table: regions, connections, SC graph measures (global efficiency, characteristic path length, mean clustering,
    /// modularity, communities, mean participation, unreachable pairs), mean FC, FC similarity to the intact FC and to the empirical FC.
    /// </summary>
    public IReadOnlyList<FwbmCharts.MeasureChange> Measures => _measures ??= ComputeMeasures();
    private IReadOnlyList<FwbmCharts.MeasureChange>? _measures;

    private FwbmCharts.MeasureChange[] ComputeMeasures()
    {
        var g0 = IntactGraph; var g1 = EditedGraph;
        var rows = new List<FwbmCharts.MeasureChange>
        {
            new("regions", Intact.Connectome.Count, Edited.Connectome.Count),
            new("connections (SC edges)", g0.Edges, g1.Edges),
            new("total strength", g0.InStrength.Sum(), g1.InStrength.Sum()),
            new("global efficiency (SC)", g0.GlobalEfficiency, g1.GlobalEfficiency),
            new("characteristic path length (SC)", g0.CharacteristicPathLength, g1.CharacteristicPathLength),
            new("mean clustering (SC)", g0.MeanClustering, g1.MeanClustering),
            new("modularity Q (SC, Louvain)", g0.Modularity, g1.Modularity),
            new("communities (SC, Louvain)", g0.CommunityCount, g1.CommunityCount),
            new("mean participation (SC)", g0.MeanParticipation, g1.MeanParticipation),
            new("unreachable region pairs (SC)", g0.UnreachablePairs, g1.UnreachablePairs),
            new("mean FC", Intact.Fc.UpperTriangle().DefaultIfEmpty(double.NaN).Average(), Edited.Fc.UpperTriangle().DefaultIfEmpty(double.NaN).Average()),
            new("FC similarity to intact FC", 1, FcSimilarityToIntact),
        };
        if (Intact.FcSimilarity is double e0) rows.Add(new("FC similarity to empirical FC", e0, Edited.FcSimilarity ?? double.NaN));
        return rows.ToArray();
    }

    /// <summary>What to read before trusting the comparison: each run's guardrail warnings (marked intact/edited), and a disconnected edited graph.</summary>
    public IReadOnlyList<string> Warnings =>
    [
        .. Intact.Warnings.Select(w => $"intact run: {w}"),
        .. Edited.Warnings.Select(w => $"edited run: {w}"),
        .. EditedGraph.UnreachablePairs > IntactGraph.UnreachablePairs
            ? [string.Create(Ci, $"the edits disconnect the structural graph: {EditedGraph.UnreachablePairs} ordered region pairs have no path (intact: {IntactGraph.UnreachablePairs}); global efficiency counts them as 0 and the path length leaves them out")]
            : Array.Empty<string>(),
    ];

    /// <summary>One paragraph: the connectome, the changes, the FC similarity to intact and the largest measure changes.</summary>
    public override string ToString()
    {
        string s = string.Create(Ci, $"Surgery on '{Intact.Connectome.Name}' ({Intact.Connectome.Count} → {Edited.Connectome.Count} regions): {Diff.Describe()}; ") +
            string.Create(Ci, $"{Intact.Parameters.Model.Name}, G = {Intact.Parameters.Coupling:G4}, seed {Seed}, {Intact.Simulation.Options.DurationMs / 1000:G4} s each; ") +
            string.Create(Ci, $"FC similarity to intact r = {FcSimilarityToIntact:F3}; global efficiency {IntactGraph.GlobalEfficiency:G4} → {EditedGraph.GlobalEfficiency:G4}");
        return s;
    }
}
