using System.Globalization;
using System.Text;

namespace Fwbm.Core.Persistence;

/// <summary>
/// What a result file holds, as text (<c>fwbm show</c>): kind, versions, model, parameters with units, seed, connectome and its
/// provenance, simulation options, outputs with shapes, sweep axes and measures, fit history, warnings. Reads any kind, and lists the
/// datasets of groups it does not describe, so a newer kind still shows something useful.
/// </summary>
public static class ResultDescription
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static string Describe(string path) => ResultFile.Read(path, null, (h, root) =>
    {
        var sb = new StringBuilder();
        void Line(string s) => sb.AppendLine(s);
        Line($"file:        {h.Path} ({new FileInfo(h.Path).Length.ToString("N0", Ci)} bytes)");
        Line($"kind:        {h.Kind} (format version {h.FormatVersion}, written by FWBM {h.FwbmVersion} on {h.Created})");
        if (root.Has("model"))
        {
            var m = root.Group("model");
            Line($"model:       {m.Text("name")} — {m.TextOr("title")}");
        }
        foreach (var group in new[] { "parameters", "base_parameters", "initial_parameters", "fitted_parameters", "best_parameters" })
            if (root.TryGroup(group) is { } pg) Line($"{(group.Replace('_', ' ') + ":").PadRight(12)} {Parameters(pg)}");
        if (root.HasAttr("seed")) Line($"seed:        {root.Unsigned("seed")}");
        if (root.HasAttr("similarity")) Line($"similarity:  {root.Number("similarity").ToString("F4", Ci)} ({root.TextOr("similarity_measure")})");
        if (root.TryGroup("connectome") is { } cg) Connectome(cg, Line);
        if (root.TryGroup("options") is { } og) Line($"options:     {Options(og)}");
        if (root.TryGroup("fit_options") is { } fo)
        {
            Line($"fit:         {string.Join(", ", fo.TextsOr("fit") ?? ["model default"])}; {fo.Integer("epochs")} epochs, {fo.Text("optimizer")} lr {G(fo.Number("learning_rate"))}, {fo.Text("dtype")}, completed: {(root.HasAttr("completed") && root.Flag("completed") ? "yes" : "no")}, best epoch {root.NumberOr("best_epoch")}");
            if (fo.TryGroup("simulation") is { } fs) Line($"fit run:     {Options(fs)}");
        }
        if (root.TryGroup("outputs") is { } outs) Outputs(outs, Line);
        if (root.TryGroup("axes") is { } axes)
            foreach (var a in axes.Children())
            {
                var v = axes.Doubles(a);
                Line($"axis {a}:      {axes.DataText(a, "name")} = {string.Join(", ", v.Take(8).Select(G))}{(v.Length > 8 ? ", …" : "")} ({v.Length} values{Unit(axes.DataText(a, "unit"))})");
            }
        if (root.TryGroup("table") is { } t)
        {
            var shape = t.Shape("measures");
            var names = t.DataTexts("measures", "names") ?? [];
            var goals = t.DataTexts("measures", "goals") ?? [];
            Line($"table:       {shape[0]} runs × {names.Length} measures ({root.NumberOr("failed_runs") ?? 0} failed)");
            Line($"measures:    {string.Join(", ", names.Select((n, k) => $"{n} ({(k < goals.Length ? goals[k] : "?")})"))}");
            if (root.TryGroup("results") is { } kept) Line($"kept runs:   {kept.Children().Count}");
        }
        if (root.TryGroup("history") is { } hist)
        {
            var loss = hist.Doubles("loss"); var sim = hist.Doubles("fc_similarity");
            Line($"history:     {loss.Length} epochs" + (loss.Length > 0 ? $"; loss {loss[0].ToString("F4", Ci)} → {loss[^1].ToString("F4", Ci)}, FC similarity {sim[0].ToString("F4", Ci)} → {sim[^1].ToString("F4", Ci)}" : ""));
        }
        foreach (var ev in new[] { "before", "after" })
            if (root.TryGroup(ev) is { } eg) Line($"{(ev + ":").PadRight(12)} FC similarity train {eg.Number("train_mean").ToString("F4", Ci)}, held out {eg.Number("test_mean").ToString("F4", Ci)}; simulated FC {string.Join("×", eg.Shape("simulated_fc"))}");
        if (root.Has("target_fc")) Line($"target FC:   {string.Join("×", root.Shape("target_fc"))}");
        foreach (var side in new[] { "simulated", "empirical" })
            if (root.TryGroup(side) is { } sg) Line($"{(side + ":").PadRight(12)} {sg.TextOr("title")} ({string.Join("×", sg.Shape("values"))})");
        var warnings = root.StringsOr("warnings");
        Line(warnings.Length == 0 ? "warnings:    none" : "warnings:");
        foreach (var w in warnings) Line($"  - {w}");
        return sb.ToString();
    });

    private static string G(double v) => v.ToString("G6", Ci);
    private static string G(double? v) => v is double d ? G(d) : "?";
    private static string Unit(string? u) => string.IsNullOrEmpty(u) ? "" : $", {u}";

    private static string Parameters(H5Reader g) => string.Join(", ", g.Children().Select(n =>
    {
        string unit = g.DataText(n, "unit") is { Length: > 0 } u ? " " + u : "";
        if (g.IsScalar(n)) return $"{n} = {G(g.ScalarValue(n))}{unit}";
        var v = g.Doubles(n);
        return $"{n} = per region [{v.Min().ToString("G4", Ci)} … {v.Max().ToString("G4", Ci)}] ({v.Length} values){unit}";
    }));

    private static void Connectome(H5Reader c, Action<string> line)
    {
        var parts = new List<string> { $"{c.TextOr("name")}: {c.Shape("weights")[0]} regions" };
        if (c.Has("tract_lengths")) parts.Add("tract lengths (mm)");
        if (c.Has("right_hemisphere")) parts.Add("hemispheres");
        if (c.Has("centres")) parts.Add("centres (mm)");
        if (c.Has("empirical_fc")) parts.Add("empirical FC");
        line($"connectome:  {string.Join(", ", parts)}");
        if (c.TryGroup("source") is { } s)
        {
            line($"  source:    {s.Text("dataset_id")} — {s.Text("title")}");
            line($"  licence:   {s.Text("licence")}");
            line($"  citation:  {s.Text("citation")}");
            foreach (var note in s.StringsOr("processing")) line($"  processed: {note}");
        }
    }

    private static string Options(H5Reader o)
    {
        var s = $"dt {G(o.Number("dt_ms"))} ms, duration {G(o.Number("duration_ms") / 1000)} s, transient {G(o.Number("transient_ms") / 1000)} s, {o.Text("integrator")}";
        if (o.TextOr("precision") == "single") s += ", single precision";
        s += o.NumberOr("velocity_m_per_s") is double v ? $", velocity {G(v)} m/s" : ", no delays";
        if (o.TryGroup("monitors") is { } mg)
            foreach (var m in mg.Children().Select(mg.Group))
                s += m.Text("type") switch
                {
                    "bold" => $", BOLD every {G(m.Number("tr_ms") / 1000)} s ({m.Text("hemodynamics")})",
                    "raw" or "tavg" => $", {m.Text("type")} every {G(m.Number("period_ms"))} ms{(m.TextsOr("variables") is { } vs ? " [" + string.Join(",", vs) + "]" : "")}",
                    var other => $", monitor {other}",
                };
        if (o.TryGroup("stimulus") is { } st) s += $", stimulus {st.Text("type")} on {st.Text("variable")}";
        return s;
    }

    private static void Outputs(H5Reader g, Action<string> line)
    {
        line("outputs:");
        foreach (var n in g.Children())
        {
            var shape = g.Shape(n);
            line($"  {n,-12} {shape[0]} samples × {shape[1]} regions, every {G(g.DataNumber(n, "sample_period_ms") / 1000)} s from {G(g.DataNumber(n, "start_ms") / 1000)} s{Unit(g.DataText(n, "unit"))}");
        }
    }
}
