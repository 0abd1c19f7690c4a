using System.IO.Compression;
using System.Xml.Linq;

namespace Fwbm.Core.Data.Formats;

/// <summary>
/// Reads the cells of one worksheet of an Office Open XML workbook (.xlsx) as text: enough for region tables that
/// datasets ship as spreadsheets. Shared strings, inline strings and numbers; formulas give their cached value.
/// </summary>
public static class XlsxSheet
{
    private static readonly XNamespace S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace Pr = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>Rows of cell texts of the sheet at <paramref name="sheetIndex"/> (0 = first); empty cells are "".</summary>
    public static List<string[]> Read(string path, int sheetIndex = 0)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, "file not found.");
        try
        {
            using var zip = ZipFile.OpenRead(path);
            XDocument Load(string member)
            {
                var e = zip.GetEntry(member) ?? throw new DataFormatException(path, $"has no '{member}'; not an .xlsx workbook.");
                using var s = ZipMember.ReadVerified(e, path); // size and CRC-32 checked
                return XDocument.Load(s);
            }
            var wb = Load("xl/workbook.xml");
            var sheets = wb.Root!.Element(S + "sheets")?.Elements(S + "sheet").ToList() ?? [];
            if (sheetIndex < 0 || sheetIndex >= sheets.Count) throw new DataFormatException(path, $"has {sheets.Count} sheets; sheet {sheetIndex} requested.");
            var rid = (string?)sheets[sheetIndex].Attribute(R + "id");
            var rels = Load("xl/_rels/workbook.xml.rels");
            var target = rels.Root!.Elements(Pr + "Relationship").FirstOrDefault(r => (string?)r.Attribute("Id") == rid)?.Attribute("Target")?.Value
                         ?? $"worksheets/sheet{sheetIndex + 1}.xml";
            target = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
            var shared = new List<string>();
            if (zip.GetEntry("xl/sharedStrings.xml") is not null)
                foreach (var si in Load("xl/sharedStrings.xml").Root!.Elements(S + "si"))
                    shared.Add(string.Concat(si.Descendants(S + "t").Select(t => t.Value)));
            var rows = new List<string[]>();
            foreach (var row in Load(target).Root!.Element(S + "sheetData")?.Elements(S + "row") ?? [])
            {
                var cells = new SortedDictionary<int, string>();
                int auto = 0;
                foreach (var c in row.Elements(S + "c"))
                {
                    int col = ColumnIndex((string?)c.Attribute("r")) ?? auto;
                    auto = col + 1;
                    var type = (string?)c.Attribute("t");
                    var v = c.Element(S + "v")?.Value ?? "";
                    string text = type switch
                    {
                        "s" => int.TryParse(v, out var k) && k >= 0 && k < shared.Count ? shared[k]
                            : throw new DataFormatException(path, $"cell {(string?)c.Attribute("r")} points at shared string {v}, which does not exist."),
                        "inlineStr" => string.Concat(c.Descendants(S + "t").Select(t => t.Value)),
                        _ => v,
                    };
                    cells[col] = text;
                }
                var arr = new string[cells.Count == 0 ? 0 : cells.Keys.Max() + 1];
                Array.Fill(arr, "");
                foreach (var (k, v) in cells) arr[k] = v;
                rows.Add(arr);
            }
            return rows;
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException)
        {
            throw new DataFormatException(path, $"is not a readable .xlsx workbook (truncated or corrupt): {e.Message}", e);
        }
    }

    private static int? ColumnIndex(string? cellRef)
    {
        if (string.IsNullOrEmpty(cellRef)) return null;
        int col = 0, i = 0;
        while (i < cellRef.Length && char.IsLetter(cellRef[i])) { col = col * 26 + (char.ToUpperInvariant(cellRef[i]) - 'A' + 1); i++; }
        return i == 0 ? null : col - 1;
    }
}
