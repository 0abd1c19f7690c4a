using System.IO.Compression;
using Fwbm.Core.Connectivity;
using ICSharpCode.SharpZipLib.BZip2;

namespace Fwbm.Core.Data.Formats;

/// <summary>The contents of a TVB connectivity (zip or folder), as stored.</summary>
public sealed record TvbConnectivityData(
    double[] Weights, double[]? TractLengths, IReadOnlyList<string> Labels, IReadOnlyList<Point3>? Centres,
    double[]? Areas, IReadOnlyList<bool>? Cortical, IReadOnlyList<bool>? RightHemisphere, bool HemispheresFromLabels, string Source,
    bool LabelsMadeUnique = false)
{
    public int Count => Labels.Count;

    /// <summary>A validated <see cref="Connectome"/>.</summary>
    public Connectome ToConnectome(ConnectomeSource? source = null, string? name = null) =>
        new(Weights, Labels, TractLengths, Centres, RightHemisphere, Cortical, null, source, name ?? System.IO.Path.GetFileNameWithoutExtension(Source));
}

/// <summary>
/// The Virtual Brain's connectivity format: a zip (or folder) with <c>weights.txt</c>, <c>tract_lengths.txt</c> (mm) and
/// <c>centres.txt</c> ("label x y z"), optionally <c>areas.txt</c>, <c>cortical.txt</c>, <c>hemispheres.txt</c>. Members may be
/// compressed with bzip2 (<c>weights.txt.bz2</c>, as in connectivity_68) and may sit in a sub-folder of the zip.
/// Missing hemisphere flags are taken from the labels' r/l naming when every label follows it.
/// </summary>
public static class TvbConnectivity
{
    /// <summary>Read a TVB connectivity zip or unpacked folder.</summary>
    public static TvbConnectivityData Read(string path)
    {
        if (Directory.Exists(path)) return Read(new FolderSource(path), path);
        if (!File.Exists(path)) throw new DataFormatException(path, "file not found.");
        ZipArchive zip;
        var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try { zip = new ZipArchive(fs, ZipArchiveMode.Read); }
        catch (InvalidDataException e)
        {
            fs.Dispose();
            throw new DataFormatException(path, $"is not a readable zip archive (truncated or corrupt): {e.Message}", e);
        }
        using (zip) return Read(new ZipSource(zip, path), path);
    }

    private interface IMembers
    {
        /// <summary>Open the member whose file name is <paramref name="name"/> or <paramref name="name"/>.bz2; null if absent.</summary>
        (Stream Stream, string Source)? Open(string name);
    }

    private sealed class ZipSource(ZipArchive zip, string path) : IMembers
    {
        public (Stream, string)? Open(string name)
        {
            foreach (var suffix in new[] { "", ".bz2" })
            {
                var e = zip.Entries.FirstOrDefault(x => string.Equals(System.IO.Path.GetFileName(x.FullName), name + suffix, StringComparison.OrdinalIgnoreCase)
                                                        && !x.FullName.Contains("__MACOSX", StringComparison.Ordinal));
                if (e is null) continue;
                var src = $"{path}:{e.FullName}";
                var ms = ZipMember.ReadVerified(e, path); // size and CRC-32 checked: a damaged member is an error, never data
                return (suffix == ".bz2" ? Bunzip(ms, src) : ms, src);
            }
            return null;
        }
    }

    private sealed class FolderSource(string dir) : IMembers
    {
        public (Stream, string)? Open(string name)
        {
            var p = System.IO.Path.Combine(dir, name);
            if (File.Exists(p)) return (File.OpenRead(p), p);
            if (File.Exists(p + ".bz2")) return (Bunzip(File.OpenRead(p + ".bz2"), p + ".bz2"), p + ".bz2");
            return null;
        }
    }

    private static MemoryStream Bunzip(Stream compressed, string source)
    {
        try
        {
            var outMs = new MemoryStream();
            using (compressed)
            using (var bz = new BZip2InputStream(compressed)) bz.CopyTo(outMs);
            outMs.Position = 0;
            return outMs;
        }
        catch (Exception e) when (e is ICSharpCode.SharpZipLib.SharpZipBaseException or EndOfStreamException or IOException or IndexOutOfRangeException)
        {
            throw new DataFormatException(source, $"bzip2 data is corrupt or truncated: {e.Message}", e);
        }
    }

    private static TvbConnectivityData Read(IMembers m, string path)
    {
        var w = m.Open("weights.txt") ?? throw new DataFormatException(path, "has no weights.txt (or weights.txt.bz2); not a TVB connectivity.");
        var weights = ReadSquare(w, "weights");
        int n = weights.Rows;
        var c = m.Open("centres.txt") ?? throw new DataFormatException(path, "has no centres.txt; TVB connectivities name their regions there ('label x y z').");
        RegionTable centres;
        using (var sr = new StreamReader(c.Stream)) centres = DelimitedText.ReadRegionTable(sr, c.Source, new DelimitedOptions { HasHeader = false });
        if (centres.Count != n)
            throw new DataFormatException(c.Source, $"names {centres.Count} regions but weights.txt is {n}×{n}; expected one line per region.");
        double[]? lengths = null;
        if (m.Open("tract_lengths.txt") is { } tl)
        {
            var l = ReadSquare(tl, "tract lengths");
            if (l.Rows != n) throw new DataFormatException(tl.Source, $"is {l.Rows}×{l.Columns} but weights.txt is {n}×{n}.");
            lengths = l.Data;
        }
        double[]? areas = null;
        if (m.Open("areas.txt") is { } ar) areas = ReadVector(ar, n, "areas");
        IReadOnlyList<bool>? cortical = null;
        if (m.Open("cortical.txt") is { } co) cortical = ReadFlags(co, n, "cortical");
        IReadOnlyList<bool>? hemis = null;
        bool fromLabels = false;
        if (m.Open("hemispheres.txt") is { } he) hemis = ReadFlags(he, n, "hemispheres");
        else if (RegionLabels.GuessHemispheres(centres.Labels) is { } g) { hemis = g; fromLabels = true; }
        var unique = RegionLabels.MakeUnique(centres.Labels);
        return new TvbConnectivityData(weights.Data, lengths, unique ?? centres.Labels, centres.Centres, areas, cortical, hemis, fromLabels, path, unique is not null);
    }

    private static LabeledMatrix ReadSquare((Stream Stream, string Source) member, string what)
    {
        LabeledMatrix mat;
        using (var sr = new StreamReader(member.Stream))
            mat = DelimitedText.ReadMatrix(sr, member.Source, new DelimitedOptions { HasHeader = false, HasLabelColumn = false });
        if (mat.Rows != mat.Columns) throw new DataFormatException(member.Source, $"{what} is {mat.Rows}×{mat.Columns}; expected a square matrix.");
        return mat;
    }

    private static double[] ReadVector((Stream Stream, string Source) member, int n, string what)
    {
        LabeledMatrix mat;
        using (var sr = new StreamReader(member.Stream))
            mat = DelimitedText.ReadMatrix(sr, member.Source, new DelimitedOptions { HasHeader = false, HasLabelColumn = false });
        if (mat.Data.Length != n) throw new DataFormatException(member.Source, $"has {mat.Data.Length} {what} values for {n} regions.");
        return mat.Data;
    }

    private static bool[] ReadFlags((Stream Stream, string Source) member, int n, string what)
    {
        var flags = new List<bool>();
        using var sr = new StreamReader(member.Stream);
        int line = 0;
        string? t;
        while ((t = sr.ReadLine()) is not null)
        {
            line++;
            foreach (var f in t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                flags.Add(f.ToLowerInvariant() switch
                {
                    "1" or "true" or "1.0" => true,
                    "0" or "false" or "0.0" => false,
                    _ => throw new DataFormatException(member.Source, $"line {line}: '{DelimitedText.Clip(f)}' is not a {what} flag (1/0 or True/False)."),
                });
        }
        if (flags.Count != n) throw new DataFormatException(member.Source, $"has {flags.Count} {what} flags for {n} regions.");
        return flags.ToArray();
    }
}
