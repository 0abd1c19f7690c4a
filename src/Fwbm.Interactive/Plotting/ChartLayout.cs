namespace Fwbm.Interactive.Plotting;

/// <summary>
/// Layout arithmetic shared by the charts: titles wrapped to lines that fit a notebook cell, axes with <c>automargin</c>, and region
/// labels sized so that every one shows where they fit (one per row of a matrix), with margins sized from the longest label.
/// </summary>
internal static class ChartLayout
{
    /// <summary>Characters per title line (plotly.js does not wrap titles: a long one runs off a ≈ 900-px cell).</summary>
    public const int TitleWidth = 120;
    /// <summary>Title font size (px): a 120-character line is ≈ 780 px.</summary>
    public const int TitleFont = 14;
    /// <summary>Width of a character relative to its font size (plotly's default font, mixed-case labels).</summary>
    public const double CharWidth = 0.55;
    /// <summary>The largest and smallest tick font used for region labels (px).</summary>
    public const int MaxLabelFont = 10, MinLabelFont = 6;
    /// <summary>The width a chart is laid out for when it does not know its cell (a Jupyter / VS Code output ≈ 900–1100 px).</summary>
    public const int AssumedWidth = 1000;

    /// <summary>The text split at spaces into lines of at most <paramref name="width"/> characters, joined by &lt;br&gt;.</summary>
    public static (string Text, int Lines) Wrap(string text, int width = TitleWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        foreach (var paragraph in text.Split("<br>"))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width) { lines.Add(line); line = word; }
                else line = line.Length == 0 ? word : line + " " + word;
            }
            lines.Add(line);
        }
        return (string.Join("<br>", lines), lines.Count);
    }

    /// <summary>A plotly title object: the wrapped text (the line count decides the top margin).</summary>
    public static Dictionary<string, object?> Title(string text, int width = TitleWidth)
    {
        var (wrapped, lines) = Wrap(text, width);
        return new() { ["text"] = wrapped, ["x"] = 0.01, ["xanchor"] = "left", ["font"] = new { size = TitleFont }, [LinesKey] = lines };
    }

    /// <summary>A private key of <see cref="Title"/>'s dictionary (removed before the layout is set).</summary>
    public const string LinesKey = "__lines";

    /// <summary>An axis object with <c>automargin: true</c> (unless it says otherwise): its tick labels and title push the margins.</summary>
    public static Dictionary<string, object?> Axis(object? props)
    {
        var d = props switch
        {
            null => new Dictionary<string, object?>(),
            Dictionary<string, object?> x => new Dictionary<string, object?>(x),
            _ => props.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(props)),
        };
        d.TryAdd("automargin", true);
        return d;
    }

    /// <summary>True for layout keys naming a cartesian axis (xaxis, yaxis2, …).</summary>
    public static bool IsAxisKey(string key) =>
        (key.StartsWith("xaxis", StringComparison.Ordinal) || key.StartsWith("yaxis", StringComparison.Ordinal)) && key[5..].All(char.IsAsciiDigit);

    /// <summary>How region labels are drawn along an axis: font (px), every <c>Step</c>-th label shown, the shown labels, the margin they need (px).</summary>
    public sealed record LabelPlan(int Font, int Step, string[] TickVals, int MarginPx)
    {
        public bool All => Step == 1;
        /// <summary>The tick part of a plotly axis: every shown label at its category.</summary>
        public Dictionary<string, object?> Ticks() => new()
        {
            ["tickmode"] = "array", ["tickvals"] = TickVals, ["ticktext"] = TickVals, ["tickfont"] = new { size = Font },
        };
    }

    /// <summary>
    /// How region labels are drawn along an axis of <paramref name="pixels"/> for <paramref name="labels"/>.Count categories: every
    /// label with a font that fits one row (at most <see cref="MaxLabelFont"/>), or — below <see cref="MinLabelFont"/> px per row — every
    /// <c>Step</c>-th label at the smallest font (the others on hover). <c>MarginPx</c> fits the longest shown label.
    /// </summary>
    public static LabelPlan Labels(IReadOnlyList<string> labels, double pixels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int n = Math.Max(1, labels.Count);
        double perRow = pixels / n;
        int font = (int)Math.Floor(Math.Min(MaxLabelFont, perRow - 1));
        int step = 1;
        if (font < MinLabelFont)
        {
            font = MinLabelFont;
            step = (int)Math.Ceiling((MinLabelFont + 1) / Math.Max(perRow, 1e-9));
        }
        var shown = labels.Where((_, i) => i % step == 0).ToArray();
        return new LabelPlan(font, step, shown, TextWidth(shown, font) + 12);
    }

    /// <summary>Estimated width in px of the longest of <paramref name="texts"/> at <paramref name="font"/> px.</summary>
    public static int TextWidth(IEnumerable<string> texts, int font) =>
        (int)Math.Ceiling(texts.Select(t => t.Length).DefaultIfEmpty(0).Max() * CharWidth * font);

    /// <summary>Side in px of a square region × region matrix: about 10 px per region, between 360 and 820 (what a cell's width holds).</summary>
    public static int MatrixSide(int regions) => Math.Clamp(regions * 10, 360, 820);

    /// <summary>Top margin for a title of <paramref name="lines"/> lines (and a row of group names above a matrix).</summary>
    public static int TopMargin(int lines, bool groupNames = false) => 28 + 19 * Math.Max(1, lines) + (groupNames ? 16 : 0);
}
