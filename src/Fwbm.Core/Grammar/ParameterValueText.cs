using System.Globalization;

namespace Fwbm.Core.Grammar;

/// <summary>
/// The value side of one parameter assignment: one number (all regions) or <c>v1,v2,…</c> (one per region). This is the single
/// place the per-region vector grammar plugs in (<c>[…]</c>, <c>@file.csv</c>, <c>receptor:…</c>, <c>label:…</c>) after the merge.
/// </summary>
public static class ParameterValueText
{
    public static IReadOnlyList<double> Parse(string text, string option, string name)
    {
        var items = ListText.Items(text, whitespace: false);
        if (items.Count == 0) throw new FwbmException($"{option} '{name}=': no value; expected e.g. {option} {name}=0.5.");
        var values = new double[items.Count];
        for (int k = 0; k < items.Count; k++)
            if (!double.TryParse(items[k], NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]) || !double.IsFinite(values[k]))
                throw new FwbmException($"{option} '{name}={text}': '{items[k]}' is not a number; expected e.g. {option} {name}=0.5 (or {name}=v1,v2,… with one value per region).");
        return values;
    }
}
