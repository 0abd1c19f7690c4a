using Fwbm.Core.Analysis.Graph;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Analysis.Comparison;

/// <summary>
/// Before/after comparison of an intact and an edited connectome and their two runs (same model, parameters and seed): FC of each,
/// ΔFC and FC similarities over the regions both keep (matched by label), per-region change of FC strength, synchrony and
/// metastability of Hilbert phases, the PSD peak, and the graph measures of both SCs with their change. A pure function of its inputs.
/// </summary>
public sealed record SurgeryComparison
{
    /// <summary>The intact connectome's labels (order of <see cref="FcIntact"/>).</summary>
    public required IReadOnlyList<string> IntactLabels { get; init; }
    /// <summary>The edited connectome's labels (order of <see cref="FcEdited"/>).</summary>
    public required IReadOnlyList<string> EditedLabels { get; init; }
    /// <summary>The regions both keep (order of <see cref="DeltaFc"/> and of every <see cref="RegionMeasure"/>), and those removed.</summary>
    public required RegionMatch Match { get; init; }
    /// <summary>What was done to the intact connectome, oldest first (the edits' option texts, e.g. "resect Precentral_L").</summary>
    public required IReadOnlyList<string> Edits { get; init; }
    /// <summary>The seed of both runs.</summary>
    public required ulong Seed { get; init; }
    public required ComparisonOptions Options { get; init; }

    /// <summary>Row-major FC (Pearson correlation of the signal) of the intact run, over all its regions.</summary>
    public required double[] FcIntact { get; init; }
    /// <summary>Row-major FC of the edited run, over all its regions.</summary>
    public required double[] FcEdited { get; init; }
    /// <summary>FC edited − FC intact over the shared regions (row-major, <see cref="RegionMatch.Shared"/> order).</summary>
    public required double[] DeltaFc { get; init; }
    /// <summary>FC similarity (Pearson r of the upper triangles) of the edited to the intact FC over the shared regions.</summary>
    public required double FcSimilarityToIntact { get; init; }
    /// <summary>Mean |ΔFC| over the shared regions' upper triangle.</summary>
    public required double MeanAbsDeltaFc { get; init; }

    /// <summary>Synchrony (Kuramoto order parameter of the Hilbert phases) of the intact run over the shared regions.</summary>
    public required SynchronyResult SynchronyIntact { get; init; }
    /// <summary>Synchrony of the edited run over the shared regions.</summary>
    public required SynchronyResult SynchronyEdited { get; init; }
    /// <summary>Welch spectra of the intact run's shared regions.</summary>
    public required PowerSpectrum SpectrumIntact { get; init; }
    /// <summary>Welch spectra of the edited run's shared regions.</summary>
    public required PowerSpectrum SpectrumEdited { get; init; }
    /// <summary>Graph measures of the intact SC.</summary>
    public required GraphMeasures GraphIntact { get; init; }
    /// <summary>Graph measures of the edited SC (same weight scale and Louvain seed as the intact one).</summary>
    public required GraphMeasures GraphEdited { get; init; }

    /// <summary>Scalar measures before and after: functional (mean FC, FC similarity to empirical, synchrony, metastability, PSD peak)
    /// then structural (efficiency, path length, clustering, modularity, participation, …), in this order.</summary>
    public required IReadOnlyList<PairedMeasure> Measures { get; init; }
    /// <summary>Per-region measures before and after over the shared regions.</summary>
    public required IReadOnlyList<RegionMeasure> Regions { get; init; }

    /// <summary>A scalar measure by name; an error with the nearest name when there is none.</summary>
    public PairedMeasure Measure(string name) => Measures.FirstOrDefault(m => m.Name == name)
        ?? throw new FwbmException($"Comparison: no measure '{name}'; {Grammar.Suggest.DidYouMean(name, Measures.Select(m => m.Name).ToArray()) ?? $"expected one of {string.Join(", ", Measures.Select(m => m.Name))}."}");

    /// <summary>A per-region measure by name; an error with the nearest name when there is none.</summary>
    public RegionMeasure Region(string name) => Regions.FirstOrDefault(m => m.Name == name)
        ?? throw new FwbmException($"Comparison: no per-region measure '{name}'; {Grammar.Suggest.DidYouMean(name, Regions.Select(m => m.Name).ToArray()) ?? $"expected one of {string.Join(", ", Regions.Select(m => m.Name))}."}");

    /// <summary>Compare an intact and an edited connectome and their runs (same seed; each run's regions in its connectome's order).
    /// The empirical FC, when the intact connectome has one, is matched to the shared regions by label.</summary>
    /// <param name="edits">What was done, oldest first (default: the texts of the edits the edited connectome carries beyond the intact
    /// one's, <see cref="Connectome.Edits"/>).</param>
    public static SurgeryComparison Compute(Connectome intact, SimulationResult intactRun, Connectome edited, SimulationResult editedRun,
        ComparisonOptions? options = null, IReadOnlyList<string>? edits = null)
    {
        ArgumentNullException.ThrowIfNull(intact); ArgumentNullException.ThrowIfNull(intactRun);
        ArgumentNullException.ThrowIfNull(edited); ArgumentNullException.ThrowIfNull(editedRun);
        options ??= new ComparisonOptions();
        if (intactRun.Seed != editedRun.Seed)
            throw new FwbmException($"Comparison: the intact run has seed {intactRun.Seed} and the edited run seed {editedRun.Seed}; a before/after comparison needs the same seed.");
        var match = RegionMatch.Of(intact, edited, minShared: 3);
        var sIntact = Signal(intactRun, intact, options.Signal, "intact");
        var sEdited = Signal(editedRun, edited, options.Signal, "edited");
        if (sIntact.SamplePeriodMs != sEdited.SamplePeriodMs || sIntact.Length != sEdited.Length)
            throw new FwbmException($"Comparison: the intact and edited '{options.Signal}' signals differ in sampling ({sIntact.Length} samples every {sIntact.SamplePeriodMs} ms vs {sEdited.Length} every {sEdited.SamplePeriodMs} ms); run both with the same options.");

        // functional: FC over every region of each run, compared over the shared ones
        var fcI = FunctionalConnectivity.Compute(sIntact);
        var fcE = FunctionalConnectivity.Compute(sEdited);
        var fcIs = match.Block(fcI, edited: false);
        var fcEs = match.Block(fcE, edited: true);
        int m = match.Shared.Count;
        var delta = new double[m * m];
        for (int k = 0; k < delta.Length; k++) delta[k] = fcEs[k] - fcIs[k];
        double meanAbsDelta = UpperTriangle.Of(delta, m).Select(Math.Abs).Average();
        double simToIntact = FcSimilarity.Compute(fcEs, fcIs, m);
        double[]? emp = intact.HasEmpiricalFc ? match.Block(intact.EmpiricalFc, edited: false) : null;

        var sharedI = match.Pick(sIntact, edited: false);
        var sharedE = match.Pick(sEdited, edited: true);
        var syncI = Synchrony.Compute(HilbertPhase.Compute(sharedI, options.PhaseLowHz, options.PhaseHighHz));
        var syncE = Synchrony.Compute(HilbertPhase.Compute(sharedE, options.PhaseLowHz, options.PhaseHighHz));
        var psdI = PowerSpectrum.Welch(sharedI, options.Welch);
        var psdE = PowerSpectrum.Welch(sharedE, options.Welch);

        // structural: both SCs on the intact connectome's weight scale, the same Louvain seed
        var gOpt = options.Graph.WeightScale is null
            ? options.Graph with { WeightScale = Math.Max(GraphMatrix.MaxOffDiagonal(intact.Weights, intact.Count), double.Epsilon) } : options.Graph;
        var gI = GraphMeasures.Compute(intact, options.GraphSeed, gOpt);
        var gE = GraphMeasures.Compute(edited, options.GraphSeed, gOpt);

        var measures = new List<PairedMeasure>
        {
            new("regions", intact.Count, edited.Count, "number of regions"),
            new("mean_fc", MeanUpper(fcIs, m), MeanUpper(fcEs, m), "mean FC over the upper triangle of the shared regions"),
        };
        if (emp is not null)
            measures.Add(new("fc_similarity_to_empirical", FcSimilarity.Compute(fcIs, emp, m), FcSimilarity.Compute(fcEs, emp, m),
                "Pearson r of the upper triangles of simulated and empirical FC over the shared regions"));
        measures.AddRange(
        [
            new("synchrony", syncI.Synchrony, syncE.Synchrony, $"mean Kuramoto order parameter of the {options.PhaseLowHz:G4}–{options.PhaseHighHz:G4} Hz Hilbert phases (shared regions)"),
            new("metastability", syncI.Metastability, syncE.Metastability, "standard deviation over time of that order parameter"),
            new("psd_peak_hz", Peak(psdI, null), Peak(psdE, null), "frequency of the peak of the region-mean Welch PSD (above 0 Hz, shared regions)"),
            new("global_efficiency", gI.GlobalEfficiency, gE.GlobalEfficiency, "mean 1/d_ij over ordered pairs, lengths 1/w on weights over the intact maximum"),
            new("characteristic_path_length", gI.CharacteristicPathLength, gE.CharacteristicPathLength, "mean finite shortest-path length d_ij (same lengths)"),
            new("unreachable_pairs", gI.UnreachablePairs, gE.UnreachablePairs, "ordered region pairs with no path"),
            new("mean_clustering", gI.MeanClustering, gE.MeanClustering, "mean Onnela weighted clustering coefficient"),
            new("modularity", gI.Modularity, gE.Modularity, $"Louvain modularity Q (γ = {gOpt.Resolution:G4}, seed {options.GraphSeed})"),
            new("communities", gI.CommunityCount, gE.CommunityCount, "number of Louvain communities"),
            new("mean_participation", gI.MeanParticipation, gE.MeanParticipation, "mean participation coefficient in the Louvain communities"),
            new("edges", gI.Edges, gE.Edges, "connected unordered region pairs"),
            new("total_weight", Sum(intact.Weights), Sum(edited.Weights), "sum of all SC weights"),
        ]);

        var regions = new List<RegionMeasure>
        {
            new("fc_strength", FcStrength(fcIs, m), FcStrength(fcEs, m), "mean |FC| of the region with the other shared regions"),
            new("psd_peak_hz", Enumerable.Range(0, m).Select(r => Peak(psdI, r)).ToArray(), Enumerable.Range(0, m).Select(r => Peak(psdE, r)).ToArray(), "frequency of the peak of the region's Welch PSD (above 0 Hz)"),
            new("sc_in_strength", match.Pick(gI.InStrength, false), match.Pick(gE.InStrength, true), "Σ_j W[i,j] over all the connectome's regions"),
            new("sc_out_strength", match.Pick(gI.OutStrength, false), match.Pick(gE.OutStrength, true), "Σ_j W[j,i] over all the connectome's regions"),
            new("degree", match.Pick(gI.Degree.Select(d => (double)d).ToArray(), false), match.Pick(gE.Degree.Select(d => (double)d).ToArray(), true), "number of connected regions"),
            new("clustering", match.Pick(gI.Clustering, false), match.Pick(gE.Clustering, true), "Onnela weighted clustering coefficient"),
            new("participation", match.Pick(gI.Participation, false), match.Pick(gE.Participation, true), "participation coefficient in the connectome's own Louvain communities"),
            new("community", match.Pick(gI.Communities.Select(c => (double)c).ToArray(), false), match.Pick(gE.Communities.Select(c => (double)c).ToArray(), true), "Louvain community (numbered per connectome)"),
        };

        return new SurgeryComparison
        {
            IntactLabels = intact.Labels, EditedLabels = edited.Labels, Match = match, Edits = edits ?? EditsBetween(intact, edited), Seed = intactRun.Seed, Options = options,
            FcIntact = fcI, FcEdited = fcE, DeltaFc = delta, FcSimilarityToIntact = simToIntact, MeanAbsDeltaFc = meanAbsDelta,
            SynchronyIntact = syncI, SynchronyEdited = syncE, SpectrumIntact = psdI, SpectrumEdited = psdE,
            GraphIntact = gI, GraphEdited = gE, Measures = measures, Regions = regions,
        };
    }

    /// <summary>The texts of the edits <paramref name="edited"/> carries beyond those of <paramref name="intact"/> (all of them when the
    /// intact connectome's edits are not where the edited one's start).</summary>
    public static IReadOnlyList<string> EditsBetween(Connectome intact, Connectome edited)
    {
        ArgumentNullException.ThrowIfNull(intact); ArgumentNullException.ThrowIfNull(edited);
        bool prefix = intact.Edits.Count <= edited.Edits.Count && intact.Edits.Select((e, i) => Equals(e, edited.Edits[i])).All(x => x);
        return edited.Edits.Skip(prefix ? intact.Edits.Count : 0).Select(e => e.Text).ToArray();
    }

    private static TimeSeries Signal(SimulationResult run, Connectome c, string key, string which)
    {
        TimeSeries ts;
        try { ts = run.Get(key); }
        catch (FwbmException e) { throw new FwbmException($"Comparison: the {which} run has no '{key}' signal to compare ({e.Message})"); }
        if (ts.Regions != c.Count)
            throw new FwbmException($"Comparison: the {which} run's '{key}' has {ts.Regions} regions but the {which} connectome '{c.Name}' has {c.Count}; pass each run with its own connectome.");
        return ts;
    }

    private static double Peak(PowerSpectrum p, int? region) =>
        p.Frequencies.Length > 1 ? p.PeakFrequency(region, p.Frequencies[1]) : double.NaN;

    private static double MeanUpper(double[] fc, int m) => UpperTriangle.Of(fc, m).Average();

    private static double[] FcStrength(double[] fc, int m)
    {
        var s = new double[m];
        for (int i = 0; i < m; i++)
        {
            double a = 0;
            for (int j = 0; j < m; j++) if (j != i) a += Math.Abs(fc[i * m + j]);
            s[i] = a / (m - 1);
        }
        return s;
    }

    private static double Sum(ReadOnlySpan<double> w)
    {
        double s = 0;
        foreach (var v in w) s += v;
        return s;
    }
}
