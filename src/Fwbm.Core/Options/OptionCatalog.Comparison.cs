namespace Fwbm.Core.Options;

public static partial class OptionCatalog
{
    /// <summary><c>--compare-intact</c> of <c>fwbm simulate</c>: run the intact and the edited connectome with the same seed and compare
    /// them (<see cref="Analysis.Comparison.SurgeryComparison"/>, docs/surgery.md).</summary>
    internal static readonly OptionSpec CompareIntactOption = new("compare-intact", ValueKind.Flag,
        "With virtual-surgery options (--resect, --lesion, …): also run the intact connectome with the same seed (each kept region gets the same noise) and write both runs (bold_intact.csv, bold_edited.csv, result_intact.h5, result.h5) and the before/after comparison: comparison.json, fc_intact.csv, fc_edited.csv, delta_fc.csv, regions.csv, graph.csv.")
    { FrontEnds = FrontEnd.Cli };
}
