using System.Text;
using Fwbm.Core.Grammar;

namespace Fwbm.Core.Options;

/// <summary>
/// docs/reference/options.md, rendered from <see cref="OptionCatalog"/>: the value grammar, then every command's options with their
/// examples (and what each means) and refused values (with the error). A test fails when the committed file differs.
/// </summary>
public static class OptionsDocument
{
    /// <summary>The path of the document inside the repository.</summary>
    public const string RelativePath = "docs/reference/options.md";

    public static string Render()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Options reference");
        sb.AppendLine();
        sb.AppendLine("<!-- Generated from the options catalogue (src/Fwbm.Core/Options/OptionCatalog*.cs) by OptionsDocument.Render(); do not edit.");
        sb.AppendLine("     Regenerate: FWBM_UPDATE_DOCS=1 dotnet test tests/Fwbm.Core.Tests -c Release --filter \"FullyQualifiedName~OptionsDocument\" -->");
        sb.AppendLine();
        sb.AppendLine("Every `fwbm` command and every `#!fwbm-…` magic reads its options through one grammar (`Fwbm.Core.Grammar`), so a value");
        sb.AppendLine("that works in a notebook works on the command line and the reverse. In a magic, a number, duration, seed, list or range may");
        sb.AppendLine("also name a C# variable of the notebook (`--coupling G`, `--over axis`). Every wrong value is an error that names the option,");
        sb.AppendLine("says what was expected (with an example) and, for a near miss, the nearest valid choice.");
        sb.AppendLine();
        sb.AppendLine("## Values");
        sb.AppendLine();
        sb.AppendLine("| Kind | Written as | Notes |");
        sb.AppendLine("|---|---|---|");
        sb.AppendLine($"| duration | `600s`, `10min`, `500ms`, `0.1ms`, `250us`, `1h` | units {DurationText.UnitList}; a plain number is in the option's unit (seconds for `--duration`, `--transient`, `--tr`; milliseconds for `--dt`) |");
        sb.AppendLine("| number | `0.5`, `-0.02`, `1e-3` | invariant culture (decimal point); finite |");
        sb.AppendLine("| whole number | `30` | |");
        sb.AppendLine("| seed | `42` | a non-negative whole number up to 18446744073709551615 |");
        sb.AppendLine("| choice | `hopf`, `EULER` | case-insensitive; a near miss is answered with \"did you mean …\" |");
        sb.AppendLine("| name=value list | `a=-0.02,omega=0.3` | separated by commas, semicolons or spaces; `a=v1,v2,…` gives one value per region; on the command line the option may repeat |");
        sb.AppendLine($"| range | `0:0.1:2`, `lin(0,2,21)`, `log(1e-3,1,13)`, `0.1,0.2,0.4` | start:step:stop includes stop when the step lands on it; lin/log: start, stop, count (both ends included); at most {RangeText.MaxValues} values |");
        sb.AppendLine("| sweep axis | `coupling=0:0.1:2` | name=range; `G` is an alias of `coupling` |");
        sb.AppendLine("| interval | `2:40` | low:high with low < high |");
        sb.AppendLine("| bounds | `a=-0.2:0.05` | name=min:max list |");
        sb.AppendLine("| names | `fc_similarity,mean_fc` | separated by commas |");
        sb.AppendLine();
        foreach (var c in OptionCatalog.All)
        {
            string fronts = (c.For(FrontEnd.Cli).Any() ? $"`fwbm {c.Command}`" : "") + (c.For(FrontEnd.Cli).Any() && c.For(FrontEnd.Magic).Any() ? " and " : "")
                + (c.For(FrontEnd.Magic).Any() ? $"`#!fwbm-{c.Command}`" : "");
            if (c.Options.Count == 0)
            {
                // a command without options (fwbm models): listed so that every fwbm command has its section
                sb.AppendLine($"## {c.Command}: `fwbm {c.Command}`");
                sb.AppendLine();
                sb.AppendLine(c.Description + " No options.");
                sb.AppendLine();
                continue;
            }
            sb.AppendLine($"## {c.Command}: {fronts}");
            sb.AppendLine();
            sb.AppendLine(c.Description);
            sb.AppendLine();
            sb.AppendLine("| Option | Value | Default | In | Description |");
            sb.AppendLine("|---|---|---|---|---|");
            foreach (var o in c.Options)
            {
                string name = $"`{o.Flag}`" + string.Concat(o.Aliases.Select(a => $", `{a}`"));
                string value = Kind(o) + (o.Repeatable ? " (repeatable)" : "");
                string def = o.Required ? "required" : o.DefaultNote ?? (o.Default is null ? "" : $"`{o.Default}`");
                string where = o.FrontEnds switch { FrontEnd.Cli => "fwbm", FrontEnd.Magic => "magic", _ => "both" };
                string desc = o.Description + (o.Choices is not null ? $" Allowed: {string.Join(", ", o.Choices())}." : "");
                sb.AppendLine($"| {name} | {Cell(value)} | {Cell(def)} | {where} | {Cell(desc)} |");
            }
            sb.AppendLine();
            var withExamples = c.Options.Where(o => o.Examples.Count > 0 || o.BadExamples.Count > 0).ToArray();
            if (withExamples.Length > 0)
            {
                sb.AppendLine("Examples (what each value means) and refused values (the error):");
                sb.AppendLine();
                foreach (var o in withExamples)
                {
                    foreach (var e in o.Examples) sb.AppendLine($"- `{o.Flag} {e}` → {OptionGrammar.Describe(o, OptionGrammar.Parse(o, e))}");
                    foreach (var e in o.BadExamples) sb.AppendLine($"- `{o.Flag} {e}` ✗ {Error(o, e)}");
                }
                sb.AppendLine();
            }
        }
        return sb.ToString().Replace("\r\n", "\n");
    }

    private static string Kind(OptionSpec o) => o.Kind switch
    {
        ValueKind.Duration => $"duration (plain: {(o.PlainUnit == TimeUnit.Seconds ? "s" : "ms")})",
        ValueKind.Number => o.Unit is null ? "number" : $"number ({o.Unit})",
        ValueKind.Integer => "whole number",
        ValueKind.Assignments => "name=value list",
        ValueKind.Axis => "sweep axis",
        ValueKind.Bounds => "bounds",
        ValueKind.Flag => "switch",
        var k => k.ToString().ToLowerInvariant(),
    } + (o.Min is not null || o.Max is not null ? " " + Interval(o) : "");

    private static string Interval(OptionSpec o) =>
        $"{(o.MinExclusive ? "(" : "[")}{o.Min?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-∞"}, {o.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "∞"}]" + (o.Kind == ValueKind.Duration ? " ms" : "");

    private static string Error(OptionSpec o, string bad)
    {
        try { OptionGrammar.Parse(o, bad); return "(accepted — the catalogue's bad example is wrong)"; }
        catch (FwbmException e) { return e.Message; }
    }

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}
