using System.Text.Json;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Connectivity.Surgery;
using Fwbm.Core.Grammar;
using Fwbm.Core.Options;

namespace Fwbm.Cli.Commands;

/// <summary>The virtual-surgery options of <c>fwbm simulate</c> (<c>--resect</c>, <c>--lesion</c>, …): applied right after the
/// normalisation, in the order typed; their warnings printed; their record in summary.json.</summary>
internal static class SimulateSurgery
{
    /// <summary>The connectome with the edits applied (unchanged when none are given); prints one line per edit and per warning.</summary>
    public static Connectome Apply(OptionValues values, Connectome connectome, TextWriter stdout)
    {
        var edited = SurgeryOptions.Apply(values, connectome, RegionContext.For(connectome, Environment.CurrentDirectory));
        if (edited.Edits.Count == connectome.Edits.Count) return edited;
        stdout.WriteLine($"surgery on '{connectome.Name}': {string.Join("; ", edited.Edits.Skip(connectome.Edits.Count).Select(e => e.Text))} → {edited.Count} regions");
        foreach (var w in edited.Warnings.Skip(connectome.Warnings.Count)) stdout.WriteLine(w);
        if (edited.Edits.OfType<Demyelination>().Any() && values.Command.Find("velocity") is not null && !values.Has("velocity"))
            stdout.WriteLine("warning: --demyelinate lengthens tracts, but without --velocity the run has no conduction delays, so it changes nothing; add e.g. --velocity 5.");
        return edited;
    }

    /// <summary>"edits": the texts of the connectome's edits, oldest first (an empty array for an intact connectome).</summary>
    public static void WriteEdits(Utf8JsonWriter j, Connectome connectome)
    {
        j.WriteStartArray("edits");
        foreach (var e in connectome.Edits) j.WriteStringValue(e.Text);
        j.WriteEndArray();
    }
}
