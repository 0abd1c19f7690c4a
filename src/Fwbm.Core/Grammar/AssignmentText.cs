namespace Fwbm.Core.Grammar;

/// <summary>
/// <c>name=value</c> lists: <c>a=-0.02,omega=0.3</c> (commas, semicolons or spaces). An item without '=' continues the value of the
/// assignment before it, so <c>a=0.1,0.2,0.3</c> is one per-region vector and <c>a=label:left:0.1,else:-0.02</c> one label vector
/// (its text, spaces included, runs to the next <c>name=</c>); the value text goes to <see cref="ParameterValueText.Parse"/>.
/// </summary>
public static class AssignmentText
{
    public static IReadOnlyList<Assignment> Parse(string text, string option)
    {
        // (name, where the value starts) of each item holding '='; the value runs to the start of the next such item
        var starts = new List<(string Name, int ValueStart, int ItemStart)>();
        foreach (var (s, e) in ListText.Spans(text))
        {
            var item = text[s..e].Trim();
            int eq = item.IndexOf('=');
            if (eq < 0 && starts.Count > 0) continue;
            if (eq <= 0 || eq == item.Length - 1)
                throw new FwbmException($"{option} '{item}' is not name=value; expected e.g. {option} \"a=-0.02,omega=0.3\" (or a=[v1,v2,…] with one value per region).");
            int lead = s + text[s..e].IndexOf(item, StringComparison.Ordinal);
            starts.Add((item[..eq].Trim(), lead + eq + 1, s));
        }
        if (starts.Count == 0) throw new FwbmException($"{option} is empty; expected e.g. {option} \"a=-0.02,omega=0.3\".");
        var result = new Assignment[starts.Count];
        for (int k = 0; k < starts.Count; k++)
        {
            int end = k + 1 < starts.Count ? starts[k + 1].ItemStart : text.Length;
            var value = text[starts[k].ValueStart..end].Trim().TrimEnd(',', ';').Trim();
            result[k] = new Assignment(starts[k].Name, ParameterValueText.Parse(value, option, starts[k].Name));
        }
        return result;
    }

    /// <summary><c>name=min:max</c> lists, e.g. fit bounds <c>a=-0.2:0.05</c>.</summary>
    public static IReadOnlyList<(string Name, double Min, double Max)> Bounds(string text, string option)
    {
        var list = new List<(string, double, double)>();
        foreach (var item in ListText.Items(text))
        {
            int eq = item.IndexOf('=');
            if (eq <= 0 || eq == item.Length - 1 || !item[eq..].Contains(':'))
                throw new FwbmException($"{option} '{item}' is not name=min:max; expected e.g. {option} \"a=-0.1:0.05\".");
            var (lo, hi) = RangeText.Interval(item[(eq + 1)..], $"{option} '{item[..eq].Trim()}'", "-0.1:0.05");
            list.Add((item[..eq].Trim(), lo, hi));
        }
        if (list.Count == 0) throw new FwbmException($"{option} is empty; expected e.g. {option} \"a=-0.1:0.05\".");
        return list;
    }
}
