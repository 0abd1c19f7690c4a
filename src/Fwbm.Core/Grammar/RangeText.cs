using System.Globalization;
using Fwbm.Core.Exploration;

namespace Fwbm.Core.Grammar;

/// <summary>
/// Ranges of values for sweeps: <c>0:0.1:2</c> (start:step:stop; stop included when the step lands on it), <c>lin(0,2,21)</c>
/// (21 evenly spaced values, both ends included), <c>log(1e-3,1,13)</c> (13 log-spaced values), an explicit list <c>0.1,0.2,0.4</c>
/// or one number.
/// </summary>
public static class RangeText
{
    /// <summary>At most this many values in one range.</summary>
    public const int MaxValues = 100_000;

    /// <summary>The forms, for errors and help.</summary>
    public const string Forms = "start:step:stop (e.g. 0:0.1:2), lin(0,2,21), log(1e-3,1,13) or a list 0.1,0.2,0.4";

    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>The values of a range; errors name <paramref name="option"/>.</summary>
    public static double[] Values(string text, string option)
    {
        var t = text.Trim();
        FwbmException Bad(string why) => new($"{option} '{t}' is not a range{why}; expected {Forms}.");
        double Num(string s) => double.TryParse(s.Trim(), NumberStyles.Float, Ci, out var v) && double.IsFinite(v) ? v : throw Bad($": '{s.Trim()}' is not a number");
        if (t.Length == 0) throw Bad("");
        string lower = t.ToLowerInvariant();
        if (lower.StartsWith("lin(", StringComparison.Ordinal) || lower.StartsWith("log(", StringComparison.Ordinal))
        {
            if (!t.EndsWith(')')) throw Bad(": missing ')'");
            var args = t[4..^1].Split(',');
            if (args.Length != 3) throw Bad($": {lower[..3]}( takes start, stop and count");
            double a = Num(args[0]), b = Num(args[1]);
            if (!int.TryParse(args[2].Trim(), NumberStyles.Integer, Ci, out int n) || n < 1 || n > MaxValues)
                throw Bad($": the count '{args[2].Trim()}' must be a whole number from 1 to {MaxValues}");
            if (lower[1] == 'i') return ParameterAxis.Linspace("range", a, b, n).Values.ToArray();
            if (!(a > 0 && b > 0)) throw Bad(": log( needs positive start and stop");
            var v = new double[n];
            double la = Math.Log10(a), lb = Math.Log10(b);
            for (int k = 0; k < n; k++) v[k] = n == 1 ? a : Math.Pow(10, (la * (n - 1 - k) + lb * k) / (n - 1));
            v[0] = a;
            if (n > 1) v[^1] = b;
            return v;
        }
        if (t.Contains(':'))
        {
            var p = t.Split(':');
            if (p.Length != 3) throw Bad(": start:step:stop has three parts");
            double start = Num(p[0]), step = Num(p[1]), stop = Num(p[2]);
            if (step == 0) throw Bad(": the step is 0");
            if (start != stop && Math.Sign(stop - start) != Math.Sign(step)) throw Bad(": the step goes away from stop");
            double exact = (stop - start) / step;
            double rounded = Math.Round(exact);
            bool lands = Math.Abs(exact - rounded) <= 1e-9 * Math.Max(1, Math.Abs(exact));
            double steps = lands ? rounded : Math.Floor(exact);
            if (steps + 1 > MaxValues) throw Bad($": it has {steps + 1:G6} values, more than {MaxValues}");
            int n = (int)steps + 1;
            var v = new double[n];
            // when the step lands on stop this is linspace (exact ends, no accumulated rounding); else start + k·step
            for (int k = 0; k < n; k++) v[k] = lands && n > 1 ? (start * (n - 1 - k) + stop * k) / (n - 1) : start + k * step;
            v[0] = start;
            if (lands) v[^1] = stop;
            return v;
        }
        var items = ListText.Items(t);
        if (items.Count == 0) throw Bad("");
        return items.Select(Num).ToArray();
    }

    /// <summary>A sweep axis <c>name=range</c>, e.g. <c>coupling=0:0.1:2</c> or <c>a=lin(-0.1,0.1,9)</c>.</summary>
    public static ParameterAxis Axis(string text, string option)
    {
        var t = text.Trim();
        int eq = t.IndexOf('=');
        if (eq <= 0 || eq == t.Length - 1)
            throw new FwbmException($"{option} '{t}' is not name=range; expected e.g. {option} coupling=0:0.1:2 ({Forms}).");
        return new ParameterAxis(t[..eq].Trim(), Values(t[(eq + 1)..], option));
    }

    /// <summary>An interval <c>low:high</c> with low &lt; high, e.g. a frequency band <c>2:40</c>.</summary>
    public static (double Low, double High) Interval(string text, string option, string example = "2:40")
    {
        var t = text.Trim();
        var p = t.Split(':');
        if (p.Length != 2 || !double.TryParse(p[0].Trim(), NumberStyles.Float, Ci, out var lo) || !double.TryParse(p[1].Trim(), NumberStyles.Float, Ci, out var hi)
            || !double.IsFinite(lo) || !double.IsFinite(hi) || !(lo < hi))
            throw new FwbmException($"{option} '{t}' is not low:high with low < high; expected e.g. {option} {example}.");
        return (lo, hi);
    }
}
