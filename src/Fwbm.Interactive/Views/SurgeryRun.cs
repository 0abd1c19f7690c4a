using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Analysis.Comparison;
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
        // both SCs on the intact weight scale, Louvain seeded from the run's seed (SurgeryComparison)
        _comparison = new(() => SurgeryComparison.Compute(Intact.Connectome, Intact.Result, Edited.Connectome, Edited.Result,
            new ComparisonOptions { GraphSeed = GraphSeed }, EditTexts));
    }

    /// <summary>
    /// Simulate <paramref name="intact"/> and the same model, options, parameters and seed on <paramref name="edited"/> (the intact
    /// connectome with edits applied), one after the other, reporting progress as one run of twice the length. The edited run's noise
    /// follows the labels (<see cref="BeforeAfter.EditedOptions"/>): every region both keep receives the same noise in both runs.
    /// </summary>
    public static SurgeryRun Run(Simulator intact, Connectome edited, ParameterSet parameters, ulong seed = 0,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(intact);
        ArgumentNullException.ThrowIfNull(edited);
        var editedSim = EditedSimulator(intact, edited);
        var before = SimulationRun.Run(intact, parameters, seed, Half(progress, 0), cancellation);
        var after = SimulationRun.Run(editedSim, parameters, seed, Half(progress, 1), cancellation);
        return new SurgeryRun(before, after);
    }

    /// <summary>The simulator of the edited connectome: the intact one's model and options, noise keys (and a given initial state) by label.</summary>
    public static Simulator EditedSimulator(Simulator intact, Connectome edited)
    {
        ArgumentNullException.ThrowIfNull(intact);
        ArgumentNullException.ThrowIfNull(edited);
        return new Simulator(intact.Model, edited, BeforeAfter.EditedOptions(intact.Model.Spec, intact.Connectome, edited, intact.Options));
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
    private readonly Lazy<SurgeryComparison> _comparison;

    /// <summary>What the edits changed, region by region and connection by connection (matched by label).</summary>
    public SurgeryDiff Diff => _diff.Value;
    /// <summary>The before/after comparison of Core (FC, ΔFC, synchrony, metastability, PSD peak, graph measures; what
    /// <c>fwbm simulate --compare-intact</c> writes as comparison.json + CSVs, see <see cref="ComparisonWriter"/>).</summary>
    public SurgeryComparison Comparison => _comparison.Value;
    /// <summary>Graph measures of the intact SC (Louvain seeded with the run's seed).</summary>
    public GraphMeasures IntactGraph => Comparison.GraphIntact;
    /// <summary>Graph measures of the edited SC, its weights divided by the intact connectome's scale.</summary>
    public GraphMeasures EditedGraph => Comparison.GraphEdited;

    /// <summary>ΔFC = edited − intact over the regions both keep (labels, hemisphere flags, row-major values).</summary>
    public (string[] Labels, bool[]? Right, double[] Delta) DeltaFc() => SurgeryDiff.DeltaFc(Intact.Fc, Edited.Fc);

    /// <summary>Pearson r between the intact and the edited FC's upper triangles over the regions both keep.</summary>
    public double FcSimilarityToIntact => Comparison.FcSimilarityToIntact;

    /// <summary>
    /// The before/after table: the FC similarity to the intact FC (1 before), then the comparison's scalar measures (regions, mean FC,
    /// FC similarity to empirical, synchrony, metastability, PSD peak, SC graph measures), named as in comparison.json.
    /// </summary>
    public IReadOnlyList<FwbmCharts.MeasureChange> Measures => _measures ??=
        [new("fc_similarity_to_intact", 1, FcSimilarityToIntact), .. Comparison.Measures.Select(m => new FwbmCharts.MeasureChange(m.Name, m.Intact, m.Edited))];
    private IReadOnlyList<FwbmCharts.MeasureChange>? _measures;

    /// <summary>What to read before trusting the comparison: each run's warnings, marked intact/edited (the edited run's include the
    /// edits' own, e.g. graph-disconnected when an edit splits the structural graph).</summary>
    public IReadOnlyList<string> Warnings =>
    [
        .. Intact.Warnings.Select(w => $"intact run: {w}"),
        .. Edited.Warnings.Select(w => $"edited run: {w}"),
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
