using Fwbm.Core.Grammar;
using Fwbm.Core.Guardrails;

namespace Fwbm.Core.Connectivity.Surgery;

/// <summary>
/// One immutable operation of virtual surgery on a connectome (resect, silence, lesion, disconnect, callosotomy, tumour, demyelination,
/// null connectomes): <see cref="Apply"/> returns a new connectome — the input is never changed — whose <see cref="Connectome.Edits"/>
/// end with this edit, whose History gains the line "edit: <see cref="Text"/>" and whose <see cref="Connectome.Warnings"/> say when
/// the edit split the structural graph into components (<c>graph-disconnected</c>). Regions keep their labels through every edit, so
/// an intact and an edited connectome are matched by label. <see cref="Text"/> is the canonical option text (e.g.
/// <c>resect lobe:occipital</c>); <see cref="Parse"/> reads it back to an equal edit.
/// </summary>
public abstract record ConnectomeEdit
{
    private protected ConnectomeEdit() { }

    /// <summary>The canonical text: the option name without dashes, a space and its canonical value (<c>lesion A &lt;-&gt; B:0.5</c>).</summary>
    public abstract string Text { get; }

    /// <summary>The option this edit is typed with (<c>--resect</c>, …), which starts every error message of the edit.</summary>
    public abstract string Option { get; }

    public sealed override string ToString() => Text;

    /// <summary>The edited connectome, with this edit appended to its provenance (errors name the option and the value).</summary>
    public Connectome Apply(Connectome connectome)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        var edited = Transform(connectome);
        var warning = GraphDisconnected.Check(connectome, edited, IsolatedOnPurpose(connectome), Text);
        return edited.WithProvenance([.. connectome.Edits, this], [.. connectome.History, "edit: " + Text],
            warning is null ? connectome.Warnings : [.. connectome.Warnings, warning]);
    }

    /// <summary>The edited weights, lengths and regions (provenance is added by <see cref="Apply"/>).</summary>
    private protected abstract Connectome Transform(Connectome connectome);

    /// <summary>Labels the edit isolates on purpose (silenced regions): left out of the disconnection check.</summary>
    private protected virtual IReadOnlyCollection<string> IsolatedOnPurpose(Connectome before) => [];

    /// <summary>An edit from its canonical <see cref="Text"/> ("resect lobe:occipital", "null rewire:10:seed=42", …).</summary>
    public static ConnectomeEdit Parse(string text) => SurgeryText.ParseEdit(text);

    /// <summary>"--resect 'value'" for messages.</summary>
    private protected string Subject => Text.IndexOf(' ') is var k and >= 0 ? $"{Option} '{Text[(k + 1)..]}'" : Option;

    /// <summary>The regions a selector picks in a connectome; errors start with this edit's option and value.</summary>
    /// <summary>The connectome with every connection into or out of a region of <paramref name="mask"/> multiplied by <paramref name="factor"/>.</summary>
    private protected static Connectome ScaleConnectionsOf(Connectome connectome, bool[] mask, double factor)
    {
        int n = connectome.Count;
        var w = connectome.Weights.ToArray();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (mask[i] || mask[j]) w[i * n + j] *= factor;
        return connectome.With(weights: w);
    }

    private protected RegionSelection Resolve(RegionSelector selector, Connectome c) => selector.Resolve(RegionSpace.Of(c), subject: Option);

    private protected FwbmException Fail(Connectome c, string problem) =>
        new(RegionSelector.Sentence($"{Subject}: {problem} (connectome '{c.Name}', {c.Count} regions)"));
}
