using System.Globalization;
using System.Text.Json;
using Fwbm.Core.IO;

namespace Fwbm.Core.Analysis.Comparison;

/// <summary>
/// The files of a <see cref="SurgeryComparison"/>: comparison.json (every scalar before/after/change, the per-region arrays with
/// their labels, the edits and the removed regions), fc_intact.csv, fc_edited.csv, delta_fc.csv (label header row and first column),
/// regions.csv (one row per shared region: each measure before, after, change) and graph.csv (one row per scalar measure).
/// </summary>
public static class ComparisonWriter
{
    /// <summary>The file names, in the order they are written (comparison.json last: it marks a complete set).</summary>
    public static IReadOnlyList<string> Files { get; } = ["fc_intact.csv", "fc_edited.csv", "delta_fc.csv", "regions.csv", "graph.csv", "comparison.json"];

    /// <summary>Write every file through <paramref name="write"/>(file name, writer) — e.g. a staging output directory.</summary>
    public static void Write(SurgeryComparison c, Action<string, Action<TextWriter>> write)
    {
        ArgumentNullException.ThrowIfNull(c); ArgumentNullException.ThrowIfNull(write);
        write("fc_intact.csv", w => Matrix(w, c.FcIntact, c.IntactLabels));
        write("fc_edited.csv", w => Matrix(w, c.FcEdited, c.EditedLabels));
        write("delta_fc.csv", w => Matrix(w, c.DeltaFc, c.Match.Shared));
        write("regions.csv", w => Regions(w, c));
        write("graph.csv", w => Graph(w, c));
        write("comparison.json", w => Json(w, c));
    }

    /// <summary>Write every file into <paramref name="directory"/>, each atomically (temporary name, then renamed).</summary>
    public static void WriteTo(SurgeryComparison c, string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        Write(c, (name, body) => AtomicFile.WriteText(Path.Combine(directory, name), body));
    }

    private static string F(double v) => double.IsNaN(v) ? "NaN" : v.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>A labelled square matrix: header "region,&lt;labels&gt;", then one row per region starting with its label.</summary>
    public static void Matrix(TextWriter w, ReadOnlySpan<double> m, IReadOnlyList<string> labels)
    {
        int n = labels.Count;
        if (m.Length != n * n) throw new FwbmException($"Comparison writer: a matrix of {m.Length} values for {n} labels; expected {n}×{n}.");
        w.Write("region");
        foreach (var l in labels) { w.Write(','); w.Write(Csv(l)); }
        w.WriteLine();
        for (int i = 0; i < n; i++)
        {
            w.Write(Csv(labels[i]));
            for (int j = 0; j < n; j++) { w.Write(','); w.Write(F(m[i * n + j])); }
            w.WriteLine();
        }
    }

    private static void Regions(TextWriter w, SurgeryComparison c)
    {
        w.Write("region");
        foreach (var r in c.Regions) w.Write($",{r.Name}_intact,{r.Name}_edited,{r.Name}_change");
        w.WriteLine();
        var changes = c.Regions.Select(r => r.Change).ToArray();
        for (int i = 0; i < c.Match.Shared.Count; i++)
        {
            w.Write(Csv(c.Match.Shared[i]));
            for (int k = 0; k < c.Regions.Count; k++) w.Write($",{F(c.Regions[k].Intact[i])},{F(c.Regions[k].Edited[i])},{F(changes[k][i])}");
            w.WriteLine();
        }
    }

    private static void Graph(TextWriter w, SurgeryComparison c)
    {
        w.WriteLine("measure,intact,edited,change,relative_change");
        foreach (var m in c.Measures) w.WriteLine($"{m.Name},{F(m.Intact)},{F(m.Edited)},{F(m.Change)},{F(m.RelativeChange)}");
        w.WriteLine($"fc_similarity_to_intact,1,{F(c.FcSimilarityToIntact)},{F(c.FcSimilarityToIntact - 1)},{F(c.FcSimilarityToIntact - 1)}");
    }

    private static void Num(Utf8JsonWriter j, string name, double v)
    {
        if (double.IsFinite(v)) j.WriteNumber(name, v); else j.WriteNull(name);
    }

    private static void Json(TextWriter tw, SurgeryComparison c)
    {
        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteNumber("seed", c.Seed);
            j.WriteString("signal", c.Options.Signal);
            j.WriteStartArray("edits"); foreach (var e in c.Edits) j.WriteStringValue(e); j.WriteEndArray();
            j.WriteStartObject("regions");
            j.WriteNumber("intact", c.IntactLabels.Count); j.WriteNumber("edited", c.EditedLabels.Count); j.WriteNumber("shared", c.Match.Shared.Count);
            j.WriteStartArray("removed"); foreach (var l in c.Match.Removed) j.WriteStringValue(l); j.WriteEndArray();
            j.WriteStartArray("added"); foreach (var l in c.Match.Added) j.WriteStringValue(l); j.WriteEndArray();
            j.WriteEndObject();
            j.WriteStartObject("fc");
            Num(j, "similarity_to_intact", c.FcSimilarityToIntact);
            Num(j, "mean_abs_delta", c.MeanAbsDeltaFc);
            j.WriteString("similarity", "Pearson r of the upper triangles over the shared regions");
            j.WriteString("delta", "FC edited − FC intact over the shared regions (delta_fc.csv)");
            j.WriteEndObject();
            j.WriteStartObject("measures");
            foreach (var m in c.Measures)
            {
                j.WriteStartObject(m.Name);
                Num(j, "intact", m.Intact); Num(j, "edited", m.Edited); Num(j, "change", m.Change); Num(j, "relative_change", m.RelativeChange);
                j.WriteString("description", m.Description);
                j.WriteEndObject();
            }
            j.WriteEndObject();
            j.WriteStartObject("per_region");
            j.WriteStartArray("labels"); foreach (var l in c.Match.Shared) j.WriteStringValue(l); j.WriteEndArray();
            foreach (var r in c.Regions)
            {
                j.WriteStartObject(r.Name);
                j.WriteString("description", r.Description);
                Array(j, "intact", r.Intact); Array(j, "edited", r.Edited); Array(j, "change", r.Change);
                j.WriteEndObject();
            }
            j.WriteEndObject();
            j.WriteStartObject("graph");
            j.WriteString("length_conversion", Fwbm.Core.Analysis.Graph.WeightsToLengths.Name(c.GraphIntact.Options.Conversion));
            j.WriteNumber("weight_scale", c.GraphIntact.WeightScale);
            j.WriteNumber("louvain_seed", c.Options.GraphSeed);
            j.WriteNumber("resolution", c.GraphIntact.Options.Resolution);
            j.WriteStartArray("communities_intact"); foreach (var x in c.GraphIntact.Communities) j.WriteNumberValue(x); j.WriteEndArray();
            j.WriteStartArray("communities_edited"); foreach (var x in c.GraphEdited.Communities) j.WriteNumberValue(x); j.WriteEndArray();
            j.WriteEndObject();
            j.WriteStartObject("phases");
            j.WriteNumber("low_hz", c.Options.PhaseLowHz); j.WriteNumber("high_hz", c.Options.PhaseHighHz);
            j.WriteString("method", "ideal FFT band-pass, then the angle of the analytic signal (Hilbert transform)");
            j.WriteEndObject();
            j.WriteStartObject("spectrum");
            j.WriteNumber("resolution_hz", c.SpectrumIntact.Resolution); j.WriteNumber("segment_samples", c.SpectrumIntact.SegmentSamples);
            j.WriteEndObject();
            j.WriteStartObject("files");
            j.WriteString("fc_intact.csv", "FC of the intact run, all its regions (label header and first column)");
            j.WriteString("fc_edited.csv", "FC of the edited run, all its regions");
            j.WriteString("delta_fc.csv", "FC edited − FC intact over the shared regions");
            j.WriteString("regions.csv", "per shared region: each per-region measure intact, edited, change");
            j.WriteString("graph.csv", "per scalar measure: intact, edited, change, relative change");
            j.WriteEndObject();
            j.WriteEndObject();
        }
        tw.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
        tw.WriteLine();
    }

    private static void Array(Utf8JsonWriter j, string name, IReadOnlyList<double> values)
    {
        j.WriteStartArray(name);
        foreach (var v in values) if (double.IsFinite(v)) j.WriteNumberValue(v); else j.WriteNullValue();
        j.WriteEndArray();
    }
}
