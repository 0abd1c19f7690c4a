using System.Text;

namespace Fwbm.Core.Measures;

/// <summary>docs/reference/measures.md, generated from the catalogue (a test fails when the committed file differs).</summary>
public static class MeasureReference
{
    /// <summary>The Markdown text of docs/reference/measures.md.</summary>
    public static string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append("# Measures\n\n");
        sb.Append("<!-- Generated from src/Fwbm.Core/Measures/MeasureCatalog.cs by MeasureReference.Markdown(); do not edit by hand.\n");
        sb.Append("     Regenerate: FWBM_UPDATE_DOCS=1 dotnet test tests/Fwbm.Core.Tests --filter FullyQualifiedName~MeasureCatalogTests -->\n\n");
        sb.Append("Every number a sweep, a view, a fit report or `fwbm measures` knows, with its declared **goal**: `maximise`, `minimise`, ");
        sb.Append("`target` (closest to a value the user gives, written `name=value`, e.g. `--measure psd_peak=10`) or `none` (descriptive: ");
        sb.Append("no value is better than another until a target is given). Best points of sweeps and the stars of sweep charts follow the goal; ");
        sb.Append("nothing guesses a direction from a measure's name.\n\n");
        sb.Append("| measure | goal | unit | needs | meaning |\n|---|---|---|---|---|\n");
        foreach (var m in MeasureCatalog.All.Select(m => m.Definition))
            sb.Append($"| `{m.Name}` | {m.Goal} | {Cell(m.Unit)} | {MeasureNeedsText.Describe(m.Needs)} | {Cell(m.Meaning)} |\n");
        sb.Append("\nNeeds: `bold` the simulated BOLD; `raw-state` a recorded signal named by the measure's `Output` setting (a state variable or observable, raw or averaged; the spectral measures also accept `bold`); `empirical-fc` an empirical FC ");
        sb.Append("(the connectome's by default); `sc` the structural connectivity; `empirical-bold` empirical BOLD time series or their FCD; ");
        sb.Append("`target-spectrum` a target power spectrum; `target-value` a value given by the user.\n");
        foreach (var m in MeasureCatalog.All.Select(m => m.Definition))
        {
            sb.Append($"\n## `{m.Name}`\n\n{m.Meaning}\n\n");
            sb.Append($"- goal: **{m.Goal}** — {m.GoalReason}\n");
            sb.Append($"- unit: {m.Unit}\n");
            sb.Append($"- needs: {MeasureNeedsText.Describe(m.Needs)}\n");
            if (m.Settings.Count > 0) sb.Append($"- settings (`MeasureSettings`): {string.Join("; ", m.Settings)}\n");
            if (m.Reference is { } r) sb.Append($"- reference: {r}\n");
        }
        sb.Append("\n## Adding a measure\n\n");
        sb.Append("One file in `src/Fwbm.Core/Measures/` — a class implementing `IMeasure` with its `MeasureDefinition` (name, goal, unit, meaning, ");
        sb.Append("needs, why the goal) and `Bind(MeasureSettings)` returning the sweep column — plus one line in `MeasureCatalog`. ");
        sb.Append("Then regenerate this page (`FWBM_UPDATE_DOCS=1`, see the top).\n");
        return sb.ToString();
    }

    private static string Cell(string s) => s.Replace("|", "\\|");
}
