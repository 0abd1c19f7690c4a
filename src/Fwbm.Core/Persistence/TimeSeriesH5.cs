using Fwbm.Core.Analysis;
using Fwbm.Core.Models;

namespace Fwbm.Core.Persistence;

/// <summary>
/// Recorded signals in a result file: one dataset per output key ("bold", "raw:x", "tavg:x"), time × regions, with the attributes
/// <c>sample_period_ms</c>, <c>start_ms</c>, <c>variable</c>, <c>unit</c>, <c>dims</c> and (when the series has them) <c>labels</c>.
/// </summary>
public static class TimeSeriesH5
{
    public static void Write(H5Writer g, IReadOnlyDictionary<string, TimeSeries> outputs, ModelSpec? model)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        foreach (var (key, ts) in outputs)
        {
            var attrs = new Dictionary<string, object>
            {
                ["key"] = key, ["sample_period_ms"] = ts.SamplePeriodMs, ["start_ms"] = ts.StartMs, ["variable"] = ts.Variable, ["dims"] = "time, region",
            };
            if (ts.Labels is { } l) attrs["labels"] = l.ToArray();
            g.Data(key, ts.Data, [ts.Length, ts.Regions], UnitOf(key, ts.Variable, model), attrs);
        }
    }

    /// <summary>The unit of an output: BOLD's, else the state variable's or observable's declared unit.</summary>
    public static string UnitOf(string key, string variable, ModelSpec? model)
    {
        if (key == "bold") return "BOLD signal (fractional change, dimensionless)";
        if (model is null) return "";
        var name = key.Contains(':') ? key[(key.IndexOf(':') + 1)..] : variable;
        foreach (var s in model.StateVariables) if (s.Name == name) return s.Unit;
        foreach (var o in model.Observables) if (o.Name == name) return o.Unit;
        return "";
    }

    public static Dictionary<string, TimeSeries> Read(H5Reader g)
    {
        var outs = new Dictionary<string, TimeSeries>(StringComparer.Ordinal);
        foreach (var name in g.Children())
        {
            var shape = g.Shape(name);
            if (shape.Length != 2) throw new FwbmException($"{g.File}: {g.Path}/{name} has shape [{string.Join(", ", shape)}]; expected time × regions.");
            var data = g.Doubles(name);
            string key = g.DataText(name, "key") ?? name;
            outs[key] = new TimeSeries(data, shape[1], g.DataNumber(name, "sample_period_ms") ?? throw new FwbmException($"{g.File}: {g.Path}/{name} has no sample_period_ms attribute."),
                g.DataNumber(name, "start_ms") ?? 0, g.DataTexts(name, "labels"), g.DataText(name, "variable") ?? "");
        }
        return outs;
    }
}
