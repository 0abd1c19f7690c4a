namespace Fwbm.Core.Grammar;

/// <summary>
/// Per-region values from a text file ("@values.csv"; a relative path starts at <see cref="RegionContext.BaseDirectory"/>; quote
/// a path with spaces: @"my maps/v.csv"). Fields are separated by commas, tabs or semicolons; blank lines and lines starting
/// with '#' are skipped; a first line whose value is not a number is a header. Either
/// <b>one column</b> of exactly N numbers in region order, or <b>label,value rows</b> matched to the regions by label (exact, else
/// case-insensitive when unique), every region exactly once.
/// </summary>
public sealed record RegionVectorFile(string Path) : RegionVector
{
    internal static RegionVectorFile ParsePath(string t, Errors err)
    {
        var p = t[1..].Trim();
        if (p.Length >= 2 && p[0] is '"' or '\'' && p[^1] == p[0]) p = p[1..^1];
        if (p.Length == 0) throw err.Fail("'@' needs a file name, e.g. @values.csv");
        return new RegionVectorFile(p);
    }

    internal override double[] Values(RegionContext context, Errors err)
    {
        var space = context.Space;
        var full = System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(Path) ? Path : System.IO.Path.Combine(context.BaseDirectory, Path));
        if (!File.Exists(full)) throw err.Fail($"file '{full}' not found (relative paths start at '{context.BaseDirectory}')");
        var rows = new List<(int Line, string[] Fields)>();
        var lines = File.ReadAllLines(full);
        for (int k = 0; k < lines.Length; k++)
        {
            var l = lines[k].Trim();
            if (l.Length == 0 || l[0] == '#') continue;
            rows.Add((k + 1, l.Split([',', '\t', ';']).Select(f => f.Trim().Trim('"')).ToArray()));
        }
        if (rows.Count == 0) throw err.Fail($"file '{full}' has no values");
        int width = rows[0].Fields.Length;
        if (width is not (1 or 2)) throw err.Fail($"file '{full}' line {rows[0].Line} has {width} fields; expected one column of values or label,value rows");
        if (!TryNumber(rows[0].Fields[^1], out _)) rows.RemoveAt(0); // header
        foreach (var (line, f) in rows)
            if (f.Length != width) throw err.Fail($"file '{full}' line {line} has {f.Length} fields; the first row has {width}");
        return width == 1 ? Column(rows, full, space, err) : ByLabel(rows, full, space, err);
    }

    private static double[] Column(List<(int Line, string[] Fields)> rows, string file, RegionSpace space, Errors err)
    {
        if (rows.Count != space.Count)
            throw err.Fail($"file '{file}' has {rows.Count} values but {space.Describe()} needs {space.Count} (one per region, in region order)");
        var v = new double[rows.Count];
        for (int i = 0; i < rows.Count; i++)
            if (!TryNumber(rows[i].Fields[0], out v[i])) throw err.Fail($"file '{file}' line {rows[i].Line}: '{rows[i].Fields[0]}' is not a finite number");
        return v;
    }

    private static double[] ByLabel(List<(int Line, string[] Fields)> rows, string file, RegionSpace space, Errors err)
    {
        var v = new double[space.Count];
        var line = new int[space.Count];
        foreach (var (ln, f) in rows)
        {
            int i = LabelIndex(space, f[0]);
            if (i < 0)
                throw err.Fail($"file '{file}' line {ln}: {space.Describe()} has no region '{f[0]}'", Suggest.DidYouMean(f[0], space.Labels));
            if (line[i] != 0) throw err.Fail($"file '{file}' line {ln}: region '{space.Labels[i]}' already has a value (line {line[i]})");
            if (!TryNumber(f[1], out v[i])) throw err.Fail($"file '{file}' line {ln}: '{f[1]}' is not a finite number");
            line[i] = ln;
        }
        var missing = Enumerable.Range(0, space.Count).Where(i => line[i] == 0).ToArray();
        if (missing.Length > 0)
            throw err.Fail($"file '{file}' gives no value for {missing.Length} of the {space.Count} regions of {space.Describe()} " +
                $"({string.Join(", ", missing.Take(3).Select(i => $"'{space.Labels[i]}'"))}{(missing.Length > 3 ? ", …" : "")})");
        return v;
    }

    private static int LabelIndex(RegionSpace space, string label)
    {
        for (int i = 0; i < space.Count; i++) if (space.Labels[i] == label) return i;
        int found = -1;
        for (int i = 0; i < space.Count; i++)
            if (string.Equals(space.Labels[i], label, StringComparison.OrdinalIgnoreCase)) { if (found >= 0) return -1; found = i; }
        return found;
    }

    public override string ToString() =>
        !Path.Any(c => char.IsWhiteSpace(c) || c is ',' or '"' or '\'') ? "@" + Path : Path.Contains('\'') ? $"@\"{Path}\"" : $"@'{Path}'";
}
