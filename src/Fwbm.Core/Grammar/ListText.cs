namespace Fwbm.Core.Grammar;

/// <summary>Splitting of list values: commas, semicolons or white space at the top level (not inside [ ] or ( )).</summary>
public static class ListText
{
    /// <summary>The non-empty items of <paramref name="text"/>, trimmed.</summary>
    public static IReadOnlyList<string> Items(string text, bool whitespace = true) =>
        Spans(text, whitespace).Select(s => text[s.Start..s.End].Trim()).ToArray();

    /// <summary>Where the non-empty items of <paramref name="text"/> are (start inclusive, end exclusive, untrimmed).</summary>
    public static IReadOnlyList<(int Start, int End)> Spans(string text, bool whitespace = true)
    {
        var items = new List<(int, int)>();
        int depth = 0, start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ',';
            if (c is '[' or '(') depth++;
            else if (c is ']' or ')') depth = Math.Max(0, depth - 1);
            else if (depth == 0 && (c is ',' or ';' || whitespace && char.IsWhiteSpace(c)) || i == text.Length)
            {
                if (text[start..i].Trim().Length > 0) items.Add((start, i));
                start = i + 1;
            }
        }
        return items;
    }

    /// <summary>Names such as measures, fitted parameters or subject ids; each checked against <paramref name="choices"/> when given.</summary>
    public static IReadOnlyList<string> Names(string text, string option, IReadOnlyList<string>? choices = null)
    {
        var items = Items(text);
        if (items.Count == 0) throw new FwbmException($"{option} is empty; expected one or more names separated by commas" + (choices is null ? "." : $"; allowed values: {string.Join(", ", choices)}."));
        return choices is null ? items : items.Select(i => ChoiceText.Choose(i, option, choices)).ToArray();
    }
}
