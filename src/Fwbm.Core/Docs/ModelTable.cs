using System.Globalization;
using System.Text;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Docs;

/// <summary>
/// The model reference of <c>docs/models.md</c>, rendered from the model specs (one source: what <c>fwbm models</c> prints and the
/// engine validates). The document keeps its hand-written prose around one generated block between <see cref="Begin"/> and
/// <see cref="End"/>; a test compares the committed block with <see cref="Markdown"/> (FWBM_UPDATE_DOCS=1 rewrites it).
/// </summary>
public static class ModelTable
{
    public const string Begin = "<!-- BEGIN GENERATED: model table from the model specs (Fwbm.Core.Docs.ModelTable); edit the specs, then FWBM_UPDATE_DOCS=1 dotnet test tests/Fwbm.Core.Tests --filter ModelTableDoc -->";
    public const string End = "<!-- END GENERATED: model table -->";

    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>The generated block (markers included): a summary table of every model, then one parameter table per model.</summary>
    public static string Markdown(IEnumerable<ModelSpec> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var specs = models.ToArray();
        var b = new StringBuilder();
        b.Append(Begin).Append('\n');
        b.Append("| name | model | time unit | dt default / max | state variables | coupling (channels, default function) | noise | BOLD drive | observables |\n");
        b.Append("|---|---|---|---|---|---|---|---|---|\n");
        foreach (var s in specs)
            Row(b, $"`{s.Name}`", s.Title, TimeUnit(s), Dt(s), string.Join(", ", s.StateVariables.Select(StateVariable)),
                $"{string.Join(", ", s.CouplingChannels)} ({Coupling(s.DefaultCouplingSpec)})", Noise(s), s.BoldDriveDoc,
                s.ObservableCount == 0 ? "—" : string.Join(", ", s.Observables.Select(o => $"{o.Name} [{o.Unit}]")));
        foreach (var s in specs)
        {
            b.Append('\n').Append($"### `{s.Name}` — {Cell(s.Title)}\n\n");
            b.Append(Cell(s.Citation)).Append("\n\n");
            var fit = s.DefaultFit.Count == 0 ? "coupling only" : "coupling, " + string.Join(", ", s.DefaultFit);
            b.Append(string.Create(Ci, $"Default fit: {fit}; coupling G searched in [{G(s.CouplingFitRange.Min)}, {G(s.CouplingFitRange.Max)}].\n\n"));
            b.Append("| parameter | default | unit | valid range | fit range | meaning | aliases |\n");
            b.Append("|---|---|---|---|---|---|---|\n");
            foreach (var p in s.Parameters.Append(ModelSpec.CouplingParameter))
            {
                var (fmin, fmax) = ReferenceEquals(p, ModelSpec.CouplingParameter) ? s.CouplingFitRange : p.FitRange;
                Row(b, $"`{p.Name}`", G(p.Default), p.Unit.Length == 0 ? "—" : p.Unit, $"[{G(p.Min)}, {G(p.Max)}]", $"[{G(fmin)}, {G(fmax)}]",
                    p.Doc, p.Aliases.Count == 0 ? "—" : string.Join(", ", p.Aliases));
            }
        }
        b.Append(End).Append('\n');
        return b.ToString();
    }

    /// <summary>
    /// <paramref name="document"/> with its generated block replaced by <paramref name="block"/>; an error when the markers are
    /// missing or out of order.
    /// </summary>
    public static string Replace(string document, string block)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(block);
        var (start, end) = Find(document);
        return string.Concat(document.AsSpan(0, start), block, document.AsSpan(end));
    }

    /// <summary>The generated block currently in <paramref name="document"/> (markers included, with its final newline).</summary>
    public static string Current(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (start, end) = Find(document);
        return document[start..end];
    }

    private static (int Start, int End) Find(string document)
    {
        int start = document.IndexOf(Begin, StringComparison.Ordinal);
        int endMarker = start < 0 ? -1 : document.IndexOf(End, start, StringComparison.Ordinal);
        if (start < 0 || endMarker < 0)
            throw new FwbmException($"docs/models.md: expected the generated block between '{Begin}' and '{End}'; add both marker lines where the model table goes.");
        int end = endMarker + End.Length;
        if (end < document.Length && document[end] == '\n') end++;
        return (start, end);
    }

    private static void Row(StringBuilder b, params string[] cells) =>
        b.Append("| ").Append(string.Join(" | ", cells.Select(Cell))).Append(" |\n");

    /// <summary>A table cell: pipes escaped, on one line.</summary>
    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' ');

    private static string G(double v) => v.ToString("G6", Ci);

    private static string TimeUnit(ModelSpec s) => s.TimeUnitMs == 1 ? "ms" : s.TimeUnitMs == 1000 ? "s" : $"{G(s.TimeUnitMs)} ms";

    private static string Dt(ModelSpec s)
    {
        var text = $"{G(s.DefaultDtMs)} / {G(s.MaxDtMs)} ms";
        foreach (var l in s.DtLimits) text += $"; dt·|{l.Parameter}| ≤ {G(l.MaxProduct)} (dt in {TimeUnit(s)})";
        return text;
    }

    private static string StateVariable(StateVariableSpec v)
    {
        if (v.LowerBound is null && v.UpperBound is null) return v.Name;
        return $"{v.Name} ∈ [{(v.LowerBound is { } lo ? G(lo) : "−∞")}, {(v.UpperBound is { } hi ? G(hi) : "∞")}]";
    }

    private static string Noise(ModelSpec s) => s.Noise.Count == 0 ? "none"
        : string.Join("; ", s.Noise.Select(n => $"`{n.Parameter}` on {string.Join(", ", n.StateVariables)}"));

    private static string Coupling(CouplingSpec c) => c.Kind != CouplingKind.Sigmoidal ? c.Kind.ToString().ToLowerInvariant()
        : $"sigmoidal: min {G(c.SigmoidMin)}, max {G(c.SigmoidMax)}, midpoint {G(c.SigmoidMidpoint)}, slope {G(c.SigmoidSlope)}";
}
