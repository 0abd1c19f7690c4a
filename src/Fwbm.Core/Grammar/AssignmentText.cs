namespace Fwbm.Core.Grammar;

/// <summary>
/// <c>name=value</c> lists: <c>a=-0.02,omega=0.3</c> (commas, semicolons or spaces). An item without '=' continues the value of the
/// assignment before it, so <c>a=0.1,0.2,0.3</c> is one per-region vector; the value text goes to <see cref="ParameterValueText.Parse"/>.
/// </summary>
public static class AssignmentText
{
    public static IReadOnlyList<Assignment> Parse(string text, string option)
    {
        var result = new List<(string Name, string Value)>();
        foreach (var item in ListText.Items(text))
        {
            int eq = item.IndexOf('=');
            if (eq < 0 && result.Count > 0) { result[^1] = (result[^1].Name, result[^1].Value + "," + item); continue; }
            if (eq <= 0 || eq == item.Length - 1)
                throw new FwbmException($"{option} '{item}' is not name=value; expected e.g. {option} \"a=-0.02,omega=0.3\" (or a=v1,v2,… with one value per region).");
            result.Add((item[..eq].Trim(), item[(eq + 1)..].Trim()));
        }
        if (result.Count == 0) throw new FwbmException($"{option} is empty; expected e.g. {option} \"a=-0.02,omega=0.3\".");
        return result.Select(r => new Assignment(r.Name, ParameterValueText.Parse(r.Value, option, r.Name))).ToArray();
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
