using System.Globalization;
using Fwbm.Core.Data.Formats;

namespace Fwbm.Core.Data;

/// <summary>
/// The original reference(s) of one single-tracer PET map, as listed in the Hansen et al. 2022 Table S3
/// (<c>manuscript/Table_S3.xlsx</c>: target, tracer, N, …, primary_reference, see_also). <see cref="References"/> is
/// empty when no row of the table matches the map (three extra scale033 maps are not in the table).
/// </summary>
public sealed record PetMapReference(string Map, string? Target, string? Tracer, int? Subjects, IReadOnlyList<string> References, string? SeeAlso)
{
    /// <summary>"map ([tracer], N=…): reference; see also: …".</summary>
    public override string ToString()
    {
        if (References.Count == 0) return $"{Map}: no row of Table_S3.xlsx matches this map (see the hansen_receptors repository).";
        var what = Tracer is null ? "" : $" ({Tracer}{(Subjects is { } n ? $", N={n.ToString(CultureInfo.InvariantCulture)}" : "")})";
        return $"{Map}{what}: {string.Join("; ", References)}" + (string.IsNullOrWhiteSpace(SeeAlso) ? "" : $"; see also: {SeeAlso}");
    }
}

/// <summary>Reads Table S3 of the Hansen receptor data and matches its rows to the PET map file names.</summary>
public static class PetReferenceTable
{
    /// <summary>One row of Table S3.</summary>
    public sealed record Row(string Target, string Tracer, int? Subjects, string PrimaryReference, string? SeeAlso);

    /// <summary>The rows of Table S3 (first sheet; header row with target, tracer, N, primary_reference, see_also).</summary>
    public static IReadOnlyList<Row> ReadTable(string path)
    {
        var rows = XlsxSheet.Read(path);
        if (rows.Count < 2) throw new DataFormatException(path, "has no rows; expected Table S3 (one row per PET map).");
        var h = rows[0].Select(x => x.Trim().ToLowerInvariant()).ToArray();
        int target = Array.IndexOf(h, "target"), tracer = Array.IndexOf(h, "tracer"), n = Array.IndexOf(h, "n"),
            primary = Array.IndexOf(h, "primary_reference"), see = Array.IndexOf(h, "see_also");
        if (target < 0 || tracer < 0 || primary < 0)
            throw new DataFormatException(path, $"expected columns target, tracer, primary_reference; found {string.Join(", ", rows[0])}.");
        static string Cell(string[] r, int i) => i >= 0 && i < r.Length ? OneLine(r[i]) : "";
        var result = new List<Row>();
        for (int r = 1; r < rows.Count; r++)
        {
            var f = rows[r];
            if (string.IsNullOrWhiteSpace(Cell(f, target)) || string.IsNullOrWhiteSpace(Cell(f, primary))) continue;
            int? subjects = int.TryParse(Cell(f, n), NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) ? k : null;
            var seeAlso = Cell(f, see);
            result.Add(new Row(Cell(f, target), Cell(f, tracer), subjects, Cell(f, primary), seeAlso.Length == 0 ? null : seeAlso));
        }
        return result;
    }

    /// <summary>
    /// The reference of a map named like the upstream files, <c>target_tracer_hcN_author[_suffix]</c> (e.g.
    /// <c>5HT1a_cumi_hc8_beliveau</c>): the rows with the same target whose primary reference names the author; among
    /// those, the ones with the same N when any has it. Maps without an author in the name match nothing.
    /// </summary>
    public static PetMapReference Match(string map, IReadOnlyList<Row> table)
    {
        var parts = map.Split('_');
        int hc = Array.FindIndex(parts, p => p.Length > 2 && p.StartsWith("hc", StringComparison.OrdinalIgnoreCase) && p[2..].All(char.IsAsciiDigit));
        string? author = hc >= 0 && hc + 1 < parts.Length ? Key(parts[hc + 1]) : null;
        int? n = hc >= 0 ? int.Parse(parts[hc][2..], CultureInfo.InvariantCulture) : null;
        var target = TargetKey(parts[0]);
        var rows = author is null || author.Length < 3 ? [] :
            table.Where(r => TargetKey(r.Target) == target && Key(r.PrimaryReference).Contains(author, StringComparison.Ordinal)).ToList();
        if (rows.Any(r => r.Subjects == n)) rows = rows.Where(r => r.Subjects == n).ToList();
        if (rows.Count == 0) return new PetMapReference(map, null, null, n, [], null);
        var seeAlso = string.Join("; ", rows.Select(r => r.SeeAlso).Where(s => s is not null).Distinct());
        return new PetMapReference(map, rows[0].Target, string.Join(", ", rows.Select(r => r.Tracer).Distinct()),
            rows.Count == 1 ? rows[0].Subjects : n, rows.Select(r => r.PrimaryReference).Distinct().ToArray(), seeAlso.Length == 0 ? null : seeAlso);
    }

    /// <summary>Lower-case letters and digits only.</summary>
    private static string Key(string s) => new(s.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());

    /// <summary>The file names' targets and the table's: MU = MOR, NAT = NET, NMDA = NMDAR, SERT = 5HTT, GABAa-bz = GABAabz.</summary>
    private static string TargetKey(string t) => Key(t) switch
    {
        "mu" => "mor",
        "nat" => "net",
        "nmda" => "nmdar",
        "sert" => "5htt",
        var k => k,
    };

    private static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();
}
