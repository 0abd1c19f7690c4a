using System.Globalization;
using Fwbm.Core.Exploration;
using Fwbm.Core.Measures;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Persistence;

/// <summary>
/// A sweep in a result file (kind <c>sweep</c>): root attributes <c>seed</c>, <c>repeats</c>, <c>elapsed_s</c>; groups <c>model</c>,
/// <c>base_parameters</c> (the first run's parameter set; every row is it with the swept values set), <c>options</c>,
/// <c>connectome</c>, <c>axes</c> (one dataset per swept parameter, attribute <c>name</c>), <c>table</c> (one row per run:
/// <c>parameter_values</c>, <c>point</c>, <c>seed</c>, <c>measures</c> with attributes <c>names</c>, <c>goals</c>, <c>targets</c>,
/// and <c>error</c>) and, when the sweep kept them, <c>results/&lt;row&gt;</c> (each a simulation without repeated context).
/// </summary>
public static class SweepResultH5
{
    public static void Write(H5Writer g, SweepResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Rows.Count == 0) throw new FwbmException("SweepResult.Save: the sweep has no rows; nothing to save.");
        var first = r.Rows[0].Parameters;
        g.Attr("elapsed_s", r.Elapsed.TotalSeconds).Attr("runs", r.Rows.Count).Attr("failed_runs", r.Rows.Count(x => x.Failed));
        if (r.SweepOptions is { } so)
            g.Attr("seed", so.Seed).Attr("repeats", so.Repeats).Attr("keep_results", so.KeepResults).Attr("continue_on_divergence", so.ContinueOnDivergence);
        ModelH5.Write(g.Group("model"), first.Model);
        ParametersH5.Write(g.Group("base_parameters"), first);
        if (r.Simulation is { } sim)
        {
            SimulationOptionsH5.Write(g.Group("options"), sim.Options);
            ConnectomeH5.Write(g.Group("connectome"), sim.Connectome);
        }
        var axes = g.Group("axes");
        for (int a = 0; a < r.Space.Axes.Count; a++)
        {
            var axis = r.Space.Axes[a];
            var spec = first.Model.IndexOf(r.ParameterNames[a]) is var k && k < 0 ? ModelSpec.CouplingParameter : first.Model.Parameters[k];
            axes.Data(a.ToString(CultureInfo.InvariantCulture), axis.Values.ToArray(), unit: spec.Unit,
                attributes: new Dictionary<string, object> { ["name"] = axis.Name, ["parameter"] = r.ParameterNames[a] });
        }
        var t = g.Group("table");
        int n = r.Rows.Count, na = r.Space.Axes.Count, nm = r.MeasureNames.Count;
        t.Attr("parameter_names", r.ParameterNames.ToArray());
        t.Data("parameter_values", r.Rows.SelectMany(x => x.ParameterValues).ToArray(), [n, na]);
        t.Data("point", r.Rows.Select(x => x.Point).ToArray());
        t.Data("seed", r.Rows.Select(x => x.Seed).ToArray());
        var units = r.MeasureNames.Select(m => MeasureCatalog.All.FirstOrDefault(c => c.Definition.Name == m)?.Definition.Unit ?? "").ToArray();
        t.Data("measures", r.Rows.SelectMany(x => x.Measures).ToArray(), [n, nm], attributes: new Dictionary<string, object>
        {
            ["names"] = r.MeasureNames.ToArray(), ["units"] = units,
            ["goals"] = r.MeasureGoals.Select(x => x.Short).ToArray(),
            ["targets"] = r.MeasureGoals.Select(x => x.Target ?? double.NaN).ToArray(),
        });
        t.Strings("error", r.Rows.Select(x => x.Error ?? "").ToArray());
        if (r.Rows.Any(x => x.Result is not null))
        {
            var rg = g.Group("results");
            foreach (var row in r.Rows)
                if (row.Result is { } res) SimulationResultH5.Write(rg.Group(row.Index.ToString(CultureInfo.InvariantCulture)), res, null, withContext: false);
        }
    }

    public static SweepResult Read(H5Reader g)
    {
        var model = ModelH5.Read(g.Group("model"));
        var first = ParametersH5.Read(g.Group("base_parameters"), model.Spec);
        Simulator? sim = null;
        if (g.Has("options") && g.Has("connectome"))
        {
            var (options, _) = SimulationOptionsH5.Read(g.Group("options"));
            try { sim = new Simulator(model, ConnectomeH5.Read(g.Group("connectome")), options); }
            catch (FwbmException e) { throw new FwbmException($"{g.File}: the saved simulation cannot be rebuilt: {e.Message}"); }
        }
        var ag = g.Group("axes");
        var axisNames = ag.Children().OrderBy(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var axes = axisNames.Select(a => new ParameterAxis(ag.DataText(a, "name") ?? a, ag.Doubles(a))).ToArray();
        var parameterNames = axisNames.Select(a => ag.DataText(a, "parameter") ?? a).ToArray();
        var t = g.Group("table");
        var (pv, pshape) = t.Array("parameter_values");
        var (mv, mshape) = t.Array("measures");
        int n = pshape[0], na = axes.Length, nm = mshape.Length > 1 ? mshape[1] : 0;
        if (pshape.Length != 2 || pshape[1] != na || mshape[0] != n)
            throw new FwbmException($"{g.File}: /table has {n} rows of {(pshape.Length > 1 ? pshape[1] : 0)} parameters and {mshape[0]} rows of measures; expected one row per run with {na} parameters.");
        var names = t.DataTexts("measures", "names") ?? [];
        var goals = t.DataTexts("measures", "goals") ?? [];
        var targets = t.DataNumbers("measures", "targets") is { Length: var len } tv && len == nm ? tv : Enumerable.Repeat(double.NaN, nm).ToArray();
        var points = t.Integers("point");
        var seeds = t.Unsigneds("seed");
        var errors = t.Strings("error");
        var kept = g.TryGroup("results");
        var rows = new SweepRow[n];
        for (int i = 0; i < n; i++)
        {
            var values = pv.AsSpan(i * na, na).ToArray();
            var p = first;
            for (int a = 0; a < na; a++) p = p.With(parameterNames[a], values[a]);
            string key = i.ToString(CultureInfo.InvariantCulture);
            var result = kept is not null && kept.Has(key) ? SimulationResultH5.Read(kept.Group(key), sim) : null;
            rows[i] = new SweepRow(i, points[i], values, p, seeds[i], mv.AsSpan(i * nm, nm).ToArray(), errors[i].Length == 0 ? null : errors[i], result);
        }
        var space = new ParameterSpace(axes);
        SweepOptions? so = g.HasAttr("repeats") ? new SweepOptions
        {
            Seed = g.Unsigned("seed"), Repeats = checked((int)g.Integer("repeats")), KeepResults = g.Flag("keep_results"), ContinueOnDivergence = g.Flag("continue_on_divergence"),
        } : null;
        var elapsed = TimeSpan.FromTicks((long)Math.Round((g.NumberOr("elapsed_s") ?? 0) * TimeSpan.TicksPerSecond));
        return new SweepResult(space, parameterNames, names, rows, elapsed)
        {
            MeasureGoals = goals.Select((s, k) => Goal(s, targets[k])).ToArray(), Simulation = sim, SweepOptions = so, SourceFile = g.File,
        };
    }

    private static MeasureGoal Goal(string shortName, double target) => shortName switch
    {
        "max" => MeasureGoal.Maximise,
        "min" => MeasureGoal.Minimise,
        "target" => double.IsNaN(target) ? MeasureGoal.TargetToBeGiven : MeasureGoal.TargetValue(target),
        _ => MeasureGoal.None,
    };
}
