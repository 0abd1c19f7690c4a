using System.Globalization;
using System.Net;
using System.Text;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Exploration;
using Fwbm.Interactive.Plotting;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace Fwbm.Interactive.Formatting;

/// <summary>
/// Registers text/html (offline Plotly charts + a summary) and text/plain formatters for FWBM's types. Registration is global
/// (the .NET Interactive formatter table); <see cref="Formatter.ResetToDefault"/> removes it.
/// </summary>
public static class FwbmFormatters
{
    private const string Html = "text/html", Plain = "text/plain";
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Register every FWBM formatter (idempotent: later registrations replace earlier ones).</summary>
    public static void Register()
    {
        Add<Connectome>(ConnectomeHtml, ConnectomeText);
        Add<FcMatrix>(fc => Card(fc.ToString(), Chart(FwbmCharts.Fc(fc), null)), fc => fc.ToString());
        Add<FcComparison>(c => Card(c.ToString(), Chart(FwbmCharts.FcComparison(c), null)), c => c.ToString());
        Add<TimeSeries>(ts => Card(TimeSeriesText(ts), Chart(FwbmCharts.TimeSeries(ts), 520)), TimeSeriesText);
        Add<Core.Data.ReceptorMaps>(m => Card(ReceptorMapsText(m), Chart(FwbmCharts.ReceptorMaps(m), null)), ReceptorMapsText);
        Add<Core.Data.EmpiricalFc>(e => Card(EmpiricalFcText(e), Chart(FwbmCharts.Fc(ToFcMatrix(e)), null)), EmpiricalFcText);
        Add<SimulationRun>(SimulationRunHtml, r => r.ToString());
        Add<FitProgressView>(p => Card(p.ToString(), Chart(FwbmCharts.FitProgress(p.Loss, p.Similarity, p.Title, p.Unit), 380)), p => p.ToString());
        Add<FitRun>(FitRunHtml, r => r.ToString());
        Add<SweepView>(SweepHtml, s => s.ToString());
        Add<SweepResult>(r => SweepHtml(r.View()), SweepResultText);
        Add<PowerSpectrum>(p => Card(PowerSpectrumText(p), Chart(FwbmCharts.PowerSpectrum(p), 460)), PowerSpectrumText);
        Add<FcdResult>(f => Card(FcdText(f), Chart(FwbmCharts.Fcd(f), 460)), FcdText);
        Add<FcdComparison>(c => Card(c.ToString(), Chart(FwbmCharts.FcdComparison(c.Simulated, c.Empirical, c.SimulatedName, c.EmpiricalName), 420)), c => c.ToString());
        Add<SynchronyResult>(s => Card(SynchronyText(s), Chart(FwbmCharts.Synchrony(s), 380)), SynchronyText);
        Add<ProgressView>(p => p.ToHtml(), p => p.ToString());
        Add<SelfCheck>(c => c.ToHtml(), c => c.ToString());
        Add<Microsoft.Data.Analysis.DataFrame>(df => DataFrameHtml(df, 20, collapsed: false), df => DataFrameText(df));
        Add<GenericChart>(c => Chart(c, null), c => "Plotly chart (open the text/html output to see it)");
        ScenarioFormatters.Register();
    }

    /// <summary>Register a type's html and plain-text formatters; a failure while formatting shows a message, never throws into the kernel.</summary>
    public static void Add<T>(Func<T, string> html, Func<T, string> plain)
    {
        Formatter.Register<T>((value, writer) => writer.Write(Safe(() => html(value), true)), Html);
        Formatter.Register<T>((value, writer) => writer.Write(Safe(() => plain(value), false)), Plain);
        Formatter.SetPreferredMimeTypesFor(typeof(T), Html, Plain);
    }

    private static string Safe(Func<string> f, bool html)
    {
        try { return f(); }
        catch (Exception e)
        {
            string msg = $"FWBM could not draw this value: {e.GetType().Name}: {e.Message}";
            return html ? $"<div class=\"fwbm-error\" style=\"color:#b00\">{WebUtility.HtmlEncode(msg)}</div>" : msg;
        }
    }

    internal static string Chart(GenericChart chart, int? height) => PlotlyHtml.ToHtml(chart, height);

    internal static string Card(string summary, params string[] body)
    {
        var sb = new StringBuilder("<div class=\"fwbm-output\">");
        sb.Append("<div class=\"fwbm-summary\" style=\"font-family:monospace;white-space:pre-wrap;margin:4px 0\">").Append(WebUtility.HtmlEncode(summary)).Append("</div>");
        foreach (var b in body) sb.Append(b);
        return sb.Append("</div>").ToString();
    }

    /// <summary>A clearly visible box with one line per warning (empty text when there are none).</summary>
    internal static string WarningsHtml(IReadOnlyList<Core.Guardrails.GuardrailWarning> warnings)
    {
        if (warnings.Count == 0) return "";
        var sb = new StringBuilder("<div class=\"fwbm-warnings\" style=\"border:2px solid #d97706;background:#fff7ed;color:#7c2d12;padding:6px 10px;margin:6px 0;font-family:monospace;white-space:pre-wrap\">");
        foreach (var w in warnings) sb.Append("<div>⚠ ").Append(WebUtility.HtmlEncode(w.ToString())).Append("</div>");
        return sb.Append("</div>").ToString();
    }

    /// <summary>The connectome's normalisation and the suggested coupling G of every model on it (network gain G·ρ(W)).</summary>
    internal static string SuggestedCouplingText(Connectome c)
    {
        var rows = Core.Models.ModelRegistry.All.Select(m => Core.Guardrails.SuggestedCoupling.For(m.Spec, c)).OfType<Core.Guardrails.SuggestedCoupling>().ToArray();
        string norm = $"normalisation {Core.Connectivity.ConnectomeNormalisation.Name(c.Normalisation)} (--normalise)";
        if (rows.Length == 0) return norm + "; no suggested coupling (signed or acyclic weights: no spectral radius to scale by)";
        return norm + string.Create(Ci, $"; spectral radius ρ(W) = {rows[0].SpectralRadius:G4}; suggested coupling G: ") +
            string.Join(", ", rows.Select(s => string.Create(Ci, $"{s.Model} {s.Min:G3}–{s.Max:G3}"))) +
            " (each model's fit range on hcp as network gain G·ρ; with --normalise spectral-radius G = gain)";
    }

    internal static string ConnectomeText(Connectome c)
    {
        var sb = new StringBuilder(c.ToString());
        double density = 0; int n = c.Count;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j && c.Weight(i, j) != 0) density++;
        sb.Append(string.Create(Ci, $"; density {density / Math.Max(1, n * (n - 1)):P1}"));
        if (c.Centres is not null) sb.Append(", centres");
        sb.Append('\n').Append(SuggestedCouplingText(c));
        if (c.Source is { } s) sb.Append('\n').Append(Core.Data.Datasets.Attribution(s));
        return sb.ToString();
    }

    private static string ConnectomeHtml(Connectome c)
    {
        var parts = new List<string> { Chart(FwbmCharts.ConnectomeWeights(c), null) };
        if (c.Centres is not null) parts.Add(Chart(FwbmCharts.BrainGraph(c), 560));
        return Card(ConnectomeText(c), parts.ToArray());
    }

    internal static string TimeSeriesText(TimeSeries ts) => string.Create(Ci,
        $"{(string.IsNullOrEmpty(ts.Variable) ? "time series" : ts.Variable)}: {ts.Length} samples × {ts.Regions} regions, every {ts.SamplePeriodMs:G4} ms from {ts.StartMs / 1000:G4} s ({ts.Length * ts.SamplePeriodMs / 1000:G4} s)")
        + (ts.Source is { } s ? "\n" + Core.Data.Datasets.Attribution(s) : "");

    internal static string ReceptorMapsText(Core.Data.ReceptorMaps m) =>
        $"{m}: {string.Join(", ", m.Names)}\n{Core.Data.Datasets.Attribution(m.Source)}";

    internal static string EmpiricalFcText(Core.Data.EmpiricalFc e)
    {
        var fc = ToFcMatrix(e);
        return string.Create(Ci, $"{fc.Title}: {e.Count}×{e.Count}, mean off-diagonal r = {fc.UpperTriangle().DefaultIfEmpty(double.NaN).Average():F3}\n")
            + Core.Data.Datasets.Attribution(e.Source);
    }

    /// <summary>An empirical FC of the data layer as an <see cref="FcMatrix"/> (hemispheres from the labels' _L/_R or l_/r_ when every label has one).</summary>
    internal static FcMatrix ToFcMatrix(Core.Data.EmpiricalFc e) =>
        new(e.Values, e.Labels, RegionOrder.HemispheresFromLabels(e.Labels), $"empirical FC ({e.Source.DatasetId}{(e.Subject is null ? ", group average" : ", subject " + e.Subject)})");

    private static string SweepHtml(SweepView s)
    {
        var table = DataFrameHtml(s.ToDataFrame(), 20);
        if (s.Parameters.Count > 2) return Card(s.Summary() + "\n(a chart shows one or two parameters; the table has every run)", WarningsHtml(s.Warnings), table);
        int panels = s.Parameters.Count == 1 ? Math.Min(4, s.Measures.Count) : 1;
        return Card(s.Summary(), WarningsHtml(s.Warnings), Chart(FwbmCharts.Sweep(s.Result, s.PrimaryMeasure), 300 + 160 * panels), table);
    }

    internal static string SweepResultText(SweepResult r) => r.View().ToString();

    internal static string PowerSpectrumText(PowerSpectrum p)
    {
        double peak = p.PeakFrequency(null, double.Epsilon);
        return string.Create(Ci, $"Power spectrum (Welch): {p.Regions} regions × {p.Frequencies.Length} frequencies, 0…{p.Frequencies[^1]:G4} Hz (Δf = {p.Resolution:G3} Hz), {p.Segments} segments of {p.SegmentSamples} samples; peak of the mean {peak:G4} Hz");
    }

    internal static string FcdText(FcdResult f)
    {
        var v = f.UpperTriangleValues();
        return string.Create(Ci, $"FCD: {f.Windows} windows of {f.WindowSamples} samples every {f.StepSamples}; upper triangle: {v.Length} values, mean {(v.Length > 0 ? v.Average() : double.NaN):F3}");
    }

    internal static string SynchronyText(SynchronyResult s) => string.Create(Ci,
        $"Kuramoto order parameter of {s.Regions.Count} regions over {s.OrderParameter.Length} samples: synchrony ⟨r⟩ = {s.Synchrony:F3}, metastability std(r) = {s.Metastability:F3}");

    /// <summary>Rows shown of a DataFrame: all up to <paramref name="maxRows"/>, else the first and last ones with a gap marker (-1) between.</summary>
    internal static long[] ShownRows(long count, int maxRows)
    {
        if (count <= maxRows) return Enumerable.Range(0, (int)count).Select(i => (long)i).ToArray();
        int head = Math.Max(1, maxRows * 2 / 3), tail = Math.Max(1, maxRows - head);
        return [.. Enumerable.Range(0, head).Select(i => (long)i), -1, .. Enumerable.Range(0, tail).Select(i => count - tail + i)];
    }

    private static string Cell(object? v) => v switch
    {
        null => "",
        double d => d.ToString("G6", Ci),
        float f => f.ToString("G6", Ci),
        IFormattable x => x.ToString(null, Ci),
        _ => v.ToString() ?? "",
    };

    private static string TypeName(Type t) => t == typeof(double) ? "double" : t == typeof(float) ? "float" : t == typeof(int) ? "int" :
        t == typeof(long) ? "long" : t == typeof(bool) ? "bool" : t == typeof(string) ? "string" : t.Name;

    /// <summary>
    /// An HTML table of a DataFrame: column names with their types, every row up to <paramref name="maxRows"/>, else the head and
    /// tail with the number of rows left out; inside a collapsible block when <paramref name="collapsed"/>.
    /// </summary>
    internal static string DataFrameHtml(Microsoft.Data.Analysis.DataFrame df, int maxRows, bool collapsed = true)
    {
        var sb = new StringBuilder();
        string caption = $"{df.Rows.Count} rows × {df.Columns.Count} columns (DataFrame)";
        if (collapsed) sb.Append("<details class=\"fwbm-table\"><summary>table: ").Append(caption).Append("</summary>");
        else sb.Append("<div class=\"fwbm-table\"><div style=\"font-family:monospace;margin:4px 0\">").Append(caption).Append("</div>");
        sb.Append("<table style=\"font-family:monospace;font-size:12px\"><thead><tr><th></th>");
        foreach (var c in df.Columns) sb.Append("<th>").Append(WebUtility.HtmlEncode(c.Name)).Append("</th>");
        sb.Append("</tr><tr class=\"fwbm-types\"><th></th>");
        foreach (var c in df.Columns) sb.Append("<th style=\"font-weight:normal;color:#777\">").Append(TypeName(c.DataType)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (long r in ShownRows(df.Rows.Count, maxRows))
        {
            if (r < 0)
            {
                long hidden = df.Rows.Count - ShownRows(df.Rows.Count, maxRows).Count(x => x >= 0);
                sb.Append("<tr class=\"fwbm-gap\"><td colspan=\"").Append(df.Columns.Count + 1).Append("\">… ").Append(hidden).Append(" more rows …</td></tr>");
                continue;
            }
            sb.Append("<tr><th style=\"color:#777\">").Append(r).Append("</th>");
            foreach (var c in df.Columns) sb.Append("<td>").Append(WebUtility.HtmlEncode(Cell(c[r]))).Append("</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").Append(collapsed ? "</details>" : "</div>").ToString();
    }

    /// <summary>Plain text: a header with the column types, then head/tail rows as aligned columns.</summary>
    internal static string DataFrameText(Microsoft.Data.Analysis.DataFrame df, int maxRows = 20)
    {
        var rows = ShownRows(df.Rows.Count, maxRows);
        var cols = df.Columns.ToArray();
        List<string[]> cells = [["", .. cols.Select(c => c.Name)], ["", .. cols.Select(c => TypeName(c.DataType))]];
        foreach (long r in rows)
            cells.Add(r < 0 ? ["…", .. cols.Select(_ => "…")] : [r.ToString(Ci), .. cols.Select(c => Cell(c[r]))]);
        var width = Enumerable.Range(0, cols.Length + 1).Select(k => cells.Max(row => row[k].Length)).ToArray();
        var sb = new StringBuilder($"DataFrame: {df.Rows.Count} rows × {df.Columns.Count} columns");
        foreach (var row in cells)
            sb.Append('\n').Append(string.Join("  ", row.Select((v, k) => v.PadLeft(width[k]))).TrimEnd());
        return sb.ToString();
    }

    /// <summary>A fit: loss per epoch, FC similarity per subject before/after, each per-region parameter (bars + map), simulated vs empirical FC after.</summary>
    private static string FitRunHtml(FitRun run)
    {
        var parts = new List<string>();
        var h = run.History;
        if (h.Count > 0)
            parts.Add(Chart(FwbmCharts.FitCurve(h, run.Before, run.After, run.Options, run.Data), 400));
        if (run.Before is { } before) parts.Add(Chart(FwbmCharts.FitScores(before, run.After), 400));
        if (run.Result is { } r)
        {
            var spec = r.Fitted.Model;
            foreach (var f in run.FittedParameters.Where(f => f.PerRegion))
            {
                string unit = spec.Parameters[spec.IndexOf(f.Name)].Unit;
                string axis = string.IsNullOrEmpty(unit) ? f.Name : $"{f.Name} ({unit})";
                var fitted = run.Values(f.Name, r.Fitted);
                parts.Add(Chart(FwbmCharts.RegionBars(run.Connectome.Labels, [("initial", run.Values(f.Name, r.Initial)), ("fitted", fitted)],
                    string.Create(Ci, $"{f.Name} per region: fitted {fitted.Min():G3} … {fitted.Max():G3}"), axis), 380));
                if (run.Connectome.Centres is not null)
                    parts.Add(Chart(FwbmCharts.RegionMap(run.Connectome, fitted, $"fitted {f.Name} on the brain", axis), 520));
            }
        }
        if (run.Comparison is { } cmp) parts.Add(Chart(FwbmCharts.FcComparison(cmp), null));
        return Card(run.ToString(), parts.ToArray());
    }

    private static string SimulationRunHtml(SimulationRun run)
    {
        var parts = new List<string> { WarningsHtml(run.Warnings) };
        // a stimulated run: the stimulated regions are among the traces shown, highlighted, and the stimulus is shaded
        var stimulus = run.Simulation.Options.Stimulus;
        if (run.Result.Outputs.ContainsKey("bold"))
        {
            parts.Add(Chart(FwbmCharts.TimeSeries(run.Bold, title: "simulated BOLD", stimulus: stimulus), 460));
            parts.Add(run.Comparison is { } cmp ? Chart(FwbmCharts.FcComparison(cmp), null) : Chart(FwbmCharts.Fc(run.Fc), null));
        }
        else
            foreach (var (key, ts) in run.Result.Outputs.Take(2)) parts.Add(Chart(FwbmCharts.TimeSeries(ts, title: key, stimulus: stimulus), 460));
        return Card(run.Summary(), parts.ToArray());
    }
}
