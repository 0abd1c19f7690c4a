namespace Fwbm.Core.Options;

public static partial class OptionCatalog
{
    /// <summary>The virtual-surgery options of <c>fwbm simulate</c> and <c>#!fwbm-simulate</c> (docs/surgery.md): connectome edits applied
    /// after --normalise, in the order typed (<see cref="Connectivity.Surgery.SurgeryOptions"/>).</summary>
    internal static IReadOnlyList<OptionSpec> SurgeryOptions =>
    [
        new("resect", ValueKind.Edit, "Virtual surgery: remove the selected regions (rows and columns; the model then has fewer regions). A region selector (docs/reference/regions-and-vectors.md). Edits apply after --normalise, in the order typed; summary.json lists them under connectome.edits.")
            { Repeatable = true, Examples = ["lobe:occipital", "Precentral_L,Precentral_R", "#0..3"], BadExamples = ["lobe:", "(a"] },
        new("silence", ValueKind.Edit, "Virtual surgery: keep the selected regions but set every weight into and out of them to 0.")
            { Repeatable = true, Examples = ["network:Vis", "left & lobe:frontal"], BadExamples = ["a &"] },
        new("lesion", ValueKind.Edit, "Virtual surgery: cut the edges between two region sets, 'A <-> B' (both directions) or 'A -> B' (one way, from A to B), optionally only a fraction of each weight ('A <-> B:0.5'); the short form a:b[:fraction][:one-way] when neither side contains ':'. A lesion that finds no edge is an error.")
            { Repeatable = true, Examples = ["Precentral_L:Precentral_R", "network:Vis <-> lobe:frontal:0.5", "A -> B", "a:b:0.25:one-way"], BadExamples = ["Precentral_L", "A <-> B:1.5", "network:Vis:lobe:frontal", "A <->"] },
        new("disconnect", ValueKind.Edit, "Virtual surgery: reduce the in- and out-strength of the selected regions by a fraction (every weight touching them × (1 − fraction); default 1).")
            { Repeatable = true, Examples = ["Precentral_L:0.5", "network:DMN:0.8", "Precentral_L"], BadExamples = ["Precentral_L:0", "Precentral_L:2"] },
        new("callosotomy", ValueKind.Flag, "Virtual surgery: cut every inter-hemispheric edge (sides from the atlas's hemisphere flags or labels; an atlas without them is an error). A partial cut: --lesion 'left <-> right:0.5'."),
        new("tumour", ValueKind.Edit, "Virtual surgery: a tumour, x,y,z:radius in mm (the regions whose centre lies inside are resected, or silenced with :silence, and every tract whose straight segment between the two centres crosses the ball is cut), or a region selector[:resect|:silence].")
            { Aliases = ["--tumor"], Repeatable = true, Examples = ["30,-20,50:15", "-40,10,20:12:silence", "Precentral_L,Postcentral_L:resect"], BadExamples = ["30,-20,50", "30,-20,50:-5", "30,-20,50:0"] },
        new("demyelinate", ValueKind.Edit, "Virtual surgery: slow conduction by a factor ≥ 1 (tract lengths × factor, so delays grow; default 2) on every tract touching the selected regions, or between two sets 'A <-> B:factor'. Needs tract lengths or centres; matters with --velocity.")
            { Repeatable = true, Examples = ["Precentral_L:2", "network:Vis <-> network:SomMot:1.5", "lobe:frontal"], BadExamples = ["Precentral_L:0.5", "A <-> B:0.9"] },
        new("null", ValueKind.Edit, "Null connectome (a control): rewire (Maslov–Sneppen degree-preserving swaps carrying the weights) or spatial (degree-preserving swaps, then the weights shuffled within 10 equal-count tract-length bins, keeping the length–weight relation), [:swaps per edge, default 10][:seed=N]; seeded by seed= or --null-seed, else --seed.")
            { Repeatable = true, Examples = ["rewire", "spatial:20", "rewire:5:seed=7"], BadExamples = ["random", "rewire:0", "rewire:x"] },
        new("null-seed", ValueKind.Seed, "Seed of --null (default: --seed).") { Examples = ["7"], BadExamples = ["-1"] },
    ];
}
