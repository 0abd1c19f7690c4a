using System.Globalization;
using Fwbm.Core.Data;
using Fwbm.Core.Exploration;

namespace Fwbm.Core.Measures;

/// <summary>
/// The measure catalogue: every measure a sweep, a view, a fit report or <c>fwbm measures</c> knows, with its declared goal.
/// One line per measure.
/// </summary>
public static class MeasureCatalog
{
    private static readonly IMeasure[] Measures =
    [
        new FcSimilarityMeasure(),
        new FcDistanceMeasure(),
        new MeanFcMeasure(),
        new ScFcMeasure(),
        new FcdKsMeasure(),
        new PsdPeakMeasure(),
        new SpectralDistanceMeasure(),
        new SynchronyMeasure(),
        new MetastabilityMeasure(),
        new GlobalSignalStdMeasure(),
    ];

    /// <summary>Former names still accepted by <see cref="Get"/> (old name → catalogue name).</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["peak_hz"] = PsdPeakMeasure.Info.Name,
    };

    /// <summary>Every measure, in catalogue order.</summary>
    public static IReadOnlyList<IMeasure> All => Measures;

    /// <summary>Every measure's name, in catalogue order.</summary>
    public static IReadOnlyList<string> Names => Measures.Select(m => m.Definition.Name).ToArray();

    /// <summary>The measure with this name (case-insensitive), or null.</summary>
    public static IMeasure? TryGet(string name)
    {
        foreach (var m in Measures) if (string.Equals(m.Definition.Name, name, StringComparison.OrdinalIgnoreCase)) return m;
        return null;
    }

    /// <summary>The measure with this name (case-insensitive), or an error with the nearest names and the list.</summary>
    public static IMeasure Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryGet(name.Trim()) is { } m) return m;
        if (Aliases.TryGetValue(name.Trim(), out var canonical)) return TryGet(canonical)!;
        var hint = Grammar.Suggest.DidYouMean(name.Trim(), Names, quote: "");
        throw new FwbmException($"Unknown measure '{name}'" + (hint is null ? "." : $"; {hint}") +
            $" Measures: {string.Join(", ", Names)} (fwbm measures lists them).");
    }

    /// <summary>The goal declared for a measure name, or <see cref="MeasureGoal.None"/> when the name is not in the catalogue.</summary>
    public static MeasureGoal DeclaredGoal(string name) => TryGet(name)?.Definition.Goal ?? MeasureGoal.None;

    /// <summary>The named measure bound with <paramref name="settings"/> (default: none), ready for a sweep.</summary>
    public static SweepMeasure Bind(string name, MeasureSettings? settings = null) => Get(name).Bind(settings ?? new MeasureSettings());

    /// <summary>
    /// A measure as the CLI and the magics write it: <c>name</c>, or <c>name=target</c> for a target or descriptive measure
    /// (e.g. <c>psd_peak=10</c>: the peak closest to 10 Hz is best).
    /// </summary>
    public static (IMeasure Measure, double? Target) ParseSpec(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.IndexOf('=');
        string name = (eq < 0 ? text : text[..eq]).Trim();
        if (name.Length == 0) throw new FwbmException($"Measure '{text}': the name is empty; expected name or name=target (measures: {string.Join(", ", Names)}).");
        var m = Get(name);
        if (eq < 0) return (m, null);
        string v = text[(eq + 1)..].Trim();
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double t) || !double.IsFinite(t))
            throw new FwbmException($"Measure '{text}': target '{v}' is not a number; expected {m.Definition.Name}=<value in {m.Definition.Unit}>.");
        m.Definition.GoalWith(t); // a maximised or minimised measure takes no target: the error says so
        return (m, t);
    }
}
