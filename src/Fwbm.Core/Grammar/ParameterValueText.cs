namespace Fwbm.Core.Grammar;

/// <summary>
/// The value side of one parameter assignment, kept unresolved as a <see cref="RegionVector"/>: one number (all regions),
/// <c>[v1,…,vN]</c> or <c>v1,v2,…</c> (one per region), <c>@file.csv</c>, <c>receptor:…</c> or <c>label:…</c>. It is resolved
/// against the connectome by <see cref="Assignment.Apply"/>.
/// </summary>
public static class ParameterValueText
{
    public static RegionVector Parse(string text, string option, string name)
    {
        var t = text.Trim();
        var subject = $"{option} {name}";
        if (t.Length == 0) throw new FwbmException($"{option} '{name}=': no value; expected e.g. {option} {name}=0.5.");
        if (t[0] is '[' or '@' || t.StartsWith("receptor:", StringComparison.OrdinalIgnoreCase) || t.StartsWith("label:", StringComparison.OrdinalIgnoreCase))
            return RegionVector.Parse(t, subject);
        var items = ListText.Items(t);
        if (items.Count == 1 && t.Contains(':')) return RegionVector.Parse(t, subject); // a misspelt kind: "did you mean 'receptor'"
        var values = new double[items.Count];
        for (int k = 0; k < items.Count; k++)
            if (!RegionVector.TryNumber(items[k], out values[k]))
                throw new FwbmException($"{option} '{name}={text}': '{items[k]}' is not a number; expected e.g. {option} {name}=0.5 (or a per-region value: {name}=[v1,…,vN], @file.csv, receptor:<map>, label:<selector>:<value>,…,else:<value>).");
        return values.Length == 1 ? new RegionVectorScalar(values[0]) : new RegionVectorList(values);
    }
}
