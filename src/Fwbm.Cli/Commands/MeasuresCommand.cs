using System.CommandLine;
using System.Text.Json;
using Fwbm.Core.Measures;
using Fwbm.Core.Options;

namespace Fwbm.Cli.Commands;

/// <summary><c>fwbm measures [name] [--json]</c>: the measure catalogue — name, goal, unit, needs, meaning; one measure in detail.</summary>
internal static class MeasuresCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "Show only this measure, in detail.", Arity = ArgumentArity.ZeroOrOne };
        var options = new CliOptions(OptionCatalog.MeasuresCommand);
        var cmd = options.CreateCommand();
        cmd.Arguments.Add(name);
        cmd.SetAction(pr =>
        {
            var o = pr.InvocationConfiguration.Output;
            var one = pr.GetValue(name) is { } n ? MeasureCatalog.Get(n).Definition : null;
            var defs = one is null ? MeasureCatalog.All.Select(m => m.Definition).ToArray() : [one];
            if (options.Read(pr).Flag("json"))
            {
                o.WriteLine(one is null ? JsonSerializer.Serialize(defs.Select(Json), JsonOptions) : JsonSerializer.Serialize(Json(one), JsonOptions));
                return 0;
            }
            if (one is not null) { WriteDetail(o, one); return 0; }
            o.WriteLine($"{"measure",-18} {"goal",-7} {"unit",-24} {"needs",-30} meaning");
            foreach (var d in defs)
                o.WriteLine($"{d.Name,-18} {d.Goal.Short,-7} {d.Unit,-24} {MeasureNeedsText.Describe(d.Needs),-30} {d.Meaning}");
            o.WriteLine();
            o.WriteLine("goal: max/min — larger/smaller is better; target — closest to a value you give (--measure psd_peak=10); none — descriptive, no best point.");
            o.WriteLine("'fwbm measures <name>' for details; docs/reference/measures.md for all.");
            return 0;
        });
        return cmd;
    }

    private static void WriteDetail(TextWriter o, MeasureDefinition d)
    {
        o.WriteLine($"{d.Name} — {d.Meaning}");
        o.WriteLine($"  goal:  {d.Goal} — {d.GoalReason}");
        o.WriteLine($"  unit:  {d.Unit}");
        o.WriteLine($"  needs: {MeasureNeedsText.Describe(d.Needs)}");
        foreach (var s in d.Settings) o.WriteLine($"  setting {s}");
        if (d.Reference is { } r) o.WriteLine($"  cite:  {r}");
    }

    private static object Json(MeasureDefinition d) => new
    {
        name = d.Name,
        goal = d.Goal.Short,
        goal_reason = d.GoalReason,
        unit = d.Unit,
        needs = MeasureNeedsText.List(d.Needs),
        meaning = d.Meaning,
        settings = d.Settings,
        reference = d.Reference,
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
