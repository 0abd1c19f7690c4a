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
        // The first two rows decide header / label column / delimiter; the rest is parsed from spans without allocation.
        var head = new List<Row>();
        var headText = new List<string>();
        char? delim = options.Delimiter;
        string? text;
        int line = 0;
        var pending = new List<(int Line, string Text)>();
        while (head.Count < 2 && (text = reader.ReadLine()) is not null)
        {
            line++;
            var t = text.Trim();
            if (t.Length == 0 || t[0] == options.CommentChar) continue;
            delim ??= DetectDelimiter(t);
            head.Add(new Row(line, Split(t, delim)));
            headText.Add(t);
        }
        if (head.Count == 0) throw new DataFormatException(source, "is empty; expected a numeric table.");
        bool header = options.HasHeader ?? DetectHeader(head, options.HasLabelColumn);
        int firstData = header ? 1 : 0;
        IReadOnlyList<string>? colHeader = header ? head[0].Fields : null;
        var data = new List<double>();
        var rowLabels = new List<string>();
        bool? labelCol = options.HasLabelColumn;
        int cols = -1, firstLine = -1;
        var ranges = new List<Range>();

        void ParseLine(int ln, string t)
        {
            Tokenize(t, delim, ranges);
            if (labelCol is null)
            {
                var f0 = t[ranges[0]];
                labelCol = !TryNumber(f0, out _);
            }
            int skip = labelCol.Value ? 1 : 0;
            int n = ranges.Count - skip;
            if (cols < 0)
            {
                cols = n;
                firstLine = ln;
                if (cols <= 0) throw new DataFormatException(source, $"line {ln} has no numeric columns.");
            }
            else if (n != cols)
                throw new DataFormatException(source, $"line {ln} has {n} values; expected {cols} like line {firstLine} (ragged rows).");
            if (skip == 1) rowLabels.Add(Unquote(t.AsSpan()[ranges[0]]));
            for (int j = skip; j < ranges.Count; j++)
            {
                var f = t.AsSpan()[ranges[j]];
                if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !TryNumber(f.ToString(), out v))
                    throw new DataFormatException(source, $"line {ln}, column {j + 1}: '{Clip(f.ToString())}' is not a number{NumberHint(f.ToString(), delim)}.");
                data.Add(v);
            }
        }

        for (int k = firstData; k < head.Count; k++)
            ParseLine(head[k].Line, headText[k]);
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            var t = text.Trim();
            if (t.Length == 0 || t[0] == options.CommentChar) continue;
            ParseLine(line, t);
        }
        if (cols < 0) throw new DataFormatException(source, "has a header but no data rows.");
        int rows = data.Count / cols;
        int skipCols = labelCol == true ? 1 : 0;
        IReadOnlyList<string>? colLabels = null;
        if (colHeader is not null)
        {
            if (colHeader.Count == cols + skipCols) colLabels = colHeader.Skip(skipCols).ToArray();
            else if (colHeader.Count == cols) colLabels = colHeader;
            else throw new DataFormatException(source, $"header (line {head[0].Line}) has {colHeader.Count} names for {cols} data columns.");
        }
        return new LabeledMatrix(data.ToArray(), rows, cols, labelCol == true ? rowLabels : null, colLabels, source);
    }

    private static char? DetectDelimiter(string t) => t.Contains('\t') ? '\t' : t.Contains(',') ? ',' : t.Contains(';') ? ';' : null;

    private static string[] Split(string t, char? delimiter)
    {
        var ranges = new List<Range>();
        Tokenize(t, delimiter, ranges);
        return ranges.Select(r => Unquote(t.AsSpan()[r])).ToArray();
    }

    /// <summary>A field's text with RFC 4180 doubled quotes ("") made single (the surrounding quotes are already excluded).</summary>
    private static string Unquote(ReadOnlySpan<char> f) => f.Contains("\"\"", StringComparison.Ordinal) ? f.ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : f.ToString();

    /// <summary>Why a field that is not a number might not be one: a decimal comma, or another column separator inside it.</summary>
    private static string NumberHint(string f, char? delim)
    {
        var t = f.Trim();
        if (t.Length == 0) return " (an empty field)";
        bool digits = t.Any(char.IsAsciiDigit);
        if (digits && delim != ';' && t.Contains(';'))
            return "; it holds ';'-separated values: the file seems to use ';' between columns (and perhaps decimal commas, as European-locale " +
                   "spreadsheets write CSV). Save it with ',' (or tab) between columns and '.' as the decimal mark";
        if (digits && delim is not null && delim != ',' && System.Text.RegularExpressions.Regex.IsMatch(t, @"^[+-]?\d*,\d+([eE][+-]?\d+)?$"))
            return "; it looks like a decimal comma: numbers must use '.' as the decimal mark (save the file with '.' decimals)";
        if (digits && delim is null && t.Contains(','))
            return "; numbers must use '.' as the decimal mark, and columns be separated by ',', ';', tab or blanks";
        return "";
    }

    /// <summary>
    /// Field ranges of a trimmed line (surrounding blanks excluded; for a quoted field, the text between the quotes), without
    /// allocating strings. Quoted fields follow RFC 4180: a delimiter inside quotes belongs to the field, "" is a quote.
    /// </summary>
    private static void Tokenize(string t, char? delimiter, List<Range> ranges)
    {
        ranges.Clear();
        int i = 0, n = t.Length;
        if (delimiter is char d)
        {
            while (i <= n)
            {
                int a = i;
                while (a < n && t[a] != d && char.IsWhiteSpace(t[a])) a++;
                if (a < n && t[a] == '"')
                {
                    // quoted field: up to the closing quote that is not doubled
                    int k = a + 1;
                    while (k < n && !(t[k] == '"' && (k + 1 >= n || t[k + 1] != '"'))) k += t[k] == '"' ? 2 : 1;
                    if (k < n)
                    {
                        int next = t.IndexOf(d, k + 1);
                        if (next < 0) next = n;
                        if (t.AsSpan(k + 1, next - k - 1).Trim().IsEmpty)
                        {
                            ranges.Add(new Range(a + 1, k));
                            i = next + 1;
                            continue;
                        }
                    }
                    // an unbalanced quote or text after the closing quote: taken as plain text below
                }
                int j = t.IndexOf(d, i);
                if (j < 0) j = n;
                int b = j;
                a = i;
                while (a < b && char.IsWhiteSpace(t[a])) a++;
                while (b > a && char.IsWhiteSpace(t[b - 1])) b--;
                if (b - a >= 2 && t[a] == '"' && t[b - 1] == '"') { a++; b--; }
                ranges.Add(new Range(a, b));
                i = j + 1;
            }
            if (ranges.Count > 1 && ranges[^1].End.Value == ranges[^1].Start.Value) ranges.RemoveAt(ranges.Count - 1); // trailing separator
        }
        else
        {
            while (i < n)
            {
                while (i < n && char.IsWhiteSpace(t[i])) i++;
                if (i >= n) break;
                int a = i;
                while (i < n && !char.IsWhiteSpace(t[i])) i++;
                ranges.Add(new Range(a, i));
            }
        }
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
                delimiter = DetectDelimiter(t);
                decided = true;
            }
            var f = Split(t, delimiter);
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
