using Fwbm.Core.Grammar;
using Fwbm.Core.Options;

namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// The surgery options (<c>--resect</c>, <c>--silence</c>, <c>--lesion</c>, <c>--disconnect</c>, <c>--callosotomy</c>, <c>--tumour</c>,
/// <c>--demyelinate</c>, <c>--null</c> and <c>--null-seed</c>) read into edits in the order typed, and applied — the one reading the CLI
/// (<c>fwbm simulate</c>) and the magics share. A command that does not declare these options reads no edit.
/// </summary>
public static class SurgeryOptions
{
    /// <summary>
    /// The edits the options give, in the order typed, each checked by applying it to the connectome the edits before it leave (an
    /// unknown region is the selector's error with a suggestion, prefixed by the option; a lesion of a missing edge, a resection of
    /// every region … fail here). A null without seed= is seeded by <c>--null-seed</c>, else <c>--seed</c> (several nulls: seed,
    /// seed + 1, …). <paramref name="context"/> must describe <paramref name="connectome"/>.
    /// </summary>
    public static IReadOnlyList<ConnectomeEdit> Read(OptionValues values, Connectome connectome, RegionContext context) =>
        ReadAndApply(values, connectome, context).Edits;

    /// <summary>The connectome with the options' edits applied in order (the same connectome when none are given).</summary>
    public static Connectome Apply(OptionValues values, Connectome connectome, RegionContext context) =>
        ReadAndApply(values, connectome, context).Edited;

    /// <summary>The connectome with <paramref name="edits"/> applied in order.</summary>
    public static Connectome Apply(IEnumerable<ConnectomeEdit> edits, Connectome connectome)
    {
        ArgumentNullException.ThrowIfNull(edits);
        ArgumentNullException.ThrowIfNull(connectome);
        foreach (var e in edits) connectome = e.Apply(connectome);
        return connectome;
    }

    /// <summary>The edits and the connectome they leave, in one pass.</summary>
    public static (IReadOnlyList<ConnectomeEdit> Edits, Connectome Edited) ReadAndApply(OptionValues values, Connectome connectome, RegionContext context)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(connectome);
        ArgumentNullException.ThrowIfNull(context);
        var names = SurgeryText.Options.Where(n => values.Command.Find(n) is not null).ToArray();
        if (names.Length == 0) return ([], connectome);
        if (!context.Space.Labels.SequenceEqual(connectome.Labels))
            throw new FwbmException($"Surgery: the region context ({context.Space.Describe()}) is not that of connectome '{connectome.Name}' ({connectome.Count} regions); expected RegionContext.For(connectome).");
        ulong seed = values.Command.Find("null-seed") is not null && values.Has("null-seed") ? values.Seed("null-seed")!.Value
            : values.Command.Find("seed") is not null ? values.Seed("seed") ?? 0 : 0;
        var edits = new List<ConnectomeEdit>();
        int nulls = 0;
        foreach (var (name, text) in values.InOrder(names))
        {
            ConnectomeEdit edit;
            if (name == "callosotomy")
            {
                if (OptionGrammar.Parse(values.Command[name], text) is not true) continue;
                edit = new Callosotomy();
            }
            else
            {
                edit = SurgeryText.Parse(name, text, name == "null" ? seed + (ulong)nulls : seed);
                if (name == "null") nulls++;
            }
            connectome = edit.Apply(connectome);
            edits.Add(edit);
        }
        return (edits, connectome);
    }
}
