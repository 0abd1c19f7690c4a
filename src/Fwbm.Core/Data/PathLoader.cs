using Fwbm.Core.Connectivity;
using Fwbm.Core.Data.Formats;

namespace Fwbm.Core.Data;

/// <summary>Connectomes from the user's own files: TVB zip/folder, neurolib-style folder, .mat, .npz, .npy, CSV/TSV/TXT.</summary>
internal static class PathLoader
{
    private static readonly string[] WeightNames = ["sc", "SC", "weights", "W", "Cmat", "C", "connectivity", "sc_weighted"];
    private static readonly string[] LengthNames = ["len", "lengths", "tract_lengths", "Dmat", "D", "distances"];
    private static readonly string[] FcNames = ["fc", "FC", "empirical_fc", "fc_weighted"];

    public static Connectome Load(string path, ConnectomeOptions o)
    {
        if (Directory.Exists(path)) return LoadFolder(path, o);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".zip" => FromTvb(path, o),
            ".mat" => FromMat(path, o),
            ".npz" => FromNpz(path, o),
            ".npy" => FromMatrix(path, Npy.Read(path), null, o),
            ".csv" or ".tsv" or ".txt" or ".dat" => FromText(path, o),
            _ => throw new FwbmException($"Connectome '{path}': unknown file type '{ext}'; expected a TVB .zip, .mat, .npy, .npz, .csv, .tsv or .txt file, or a folder."),
        };
    }

    private static Connectome FromMat(string path, ConnectomeOptions o)
    {
        var m = MatFile.Read(path);
        return FromVariables(path, v => m.Contains(v) ? m.Get(v) : null, () => string.Join(", ", m.Variables), o);
    }

    private static Connectome FromNpz(string path, ConnectomeOptions o)
    {
        var z = Npy.ReadNpz(path);
        return FromVariables(path, v => z.TryGetValue(v, out var a) ? a : null, () => string.Join(", ", z.Keys), o);
    }

    private static Connectome FromTvb(string path, ConnectomeOptions o)
    {
        var t = TvbConnectivity.Read(path);
        var notes = new List<string>();
        if (t.HemispheresFromLabels) notes.Add("hemispheres from the labels' r/l naming");
        if (t.LabelsMadeUnique) notes.Add("repeated region labels numbered _1, _2, … to make them unique");
        var (w, signed, note) = Datasets.HandleNegatives(t.Weights, o.ClipNegativeWeights, "weight");
        if (note is not null) notes.Add(note);
        double[]? fc = o.EmpiricalFc && o.EmpiricalFcPath is not null ? ReadSquare(o.EmpiricalFcPath, t.Count, "empirical FC") : null;
        return new Connectome(w, t.Labels, t.TractLengths, t.Centres, t.RightHemisphere, t.Cortical, fc, UserSource(path, notes),
            Path.GetFileNameWithoutExtension(path), signed);
    }

    private static readonly string[] MatrixExt = [".csv", ".tsv", ".txt", ".npy", ".mat"];

    private static string? Find(string dir, params string[] stems)
    {
        foreach (var s in stems)
            foreach (var e in MatrixExt)
            {
                var p = Path.Combine(dir, s + e);
                if (File.Exists(p)) return p;
            }
        return null;
    }

    private static Connectome LoadFolder(string dir, ConnectomeOptions o)
    {
        bool tvb = (File.Exists(Path.Combine(dir, "weights.txt")) || File.Exists(Path.Combine(dir, "weights.txt.bz2")))
                   && (File.Exists(Path.Combine(dir, "centres.txt")) || File.Exists(Path.Combine(dir, "centres.txt.bz2")));
        if (tvb) return FromTvb(dir, o);
        if (Directory.Exists(Path.Combine(dir, "subjects"))) return Neurolib.Connectome(LocalNeurolib(dir), o);
        if (Find(dir, "weights", "sc", "SC") is { } weights)
        {
            // A folder of plain matrices: weights + optional tract_lengths, labels or centres ("label x y z"), empirical FC.
            var o2 = o with
            {
                LabelsPath = o.LabelsPath ?? Find(dir, "centres", "centers", "labels"),
                LengthsPath = o.LengthsPath ?? Find(dir, "tract_lengths", "lengths", "len"),
                EmpiricalFcPath = o.EmpiricalFcPath ?? Find(dir, "empirical_fc", "fc_empirical", "fc"),
            };
            return Load(weights, o2);
        }
        throw new FwbmException($"Connectome folder '{dir}': found no TVB connectivity (weights.txt + centres.txt), no neurolib-style dataset " +
                                "(subjects/<id>/structural/DTI_CM.mat) and no weights file (weights.csv/.tsv/.txt/.npy/.mat).");
    }

    /// <summary>A neurolib-style folder as a catalog-like dataset whose files are read in place (no checksums).</summary>
    internal static Neurolib.Source LocalNeurolib(string dir)
    {
        var files = new List<CatalogFile>();
        var subjects = new List<string>();
        foreach (var sdir in Directory.GetDirectories(Path.Combine(dir, "subjects")).OrderBy(x => x, StringComparer.Ordinal))
        {
            var s = Path.GetFileName(sdir);
            string? Find(string sub, string pattern) => Directory.Exists(Path.Combine(sdir, sub))
                ? Directory.GetFiles(Path.Combine(sdir, sub), pattern).OrderBy(x => x, StringComparer.Ordinal).FirstOrDefault() : null;
            var cm = Find("structural", "DTI_CM*.mat");
            if (cm is null) continue;
            subjects.Add(s);
            void Add(string? p, string role, string? variable) { if (p is not null) files.Add(new CatalogFile { Path = p, Role = role, Url = new Uri(Path.GetFullPath(p)).AbsoluteUri, Sha256 = "", Subject = s, Variable = variable }); }
            Add(cm, "sc", "sc");
            Add(Find("structural", "DTI_LEN*.mat"), "lengths", "len");
            Add(Find("functional", "*rsfMRI*.mat"), "bold", "tc");
            Add(Find("structural", "waytotal*.txt"), "waytotal", null);
            Add(Find("structural", "nvoxel*.txt"), "nvoxel", null);
        }
        if (subjects.Count == 0) throw new FwbmException($"Connectome folder '{dir}': subjects/*/structural/DTI_CM*.mat not found.");
        foreach (var s in subjects)
            if (!files.Any(f => f.Role == "lengths" && f.Subject == s))
                throw new FwbmException($"Connectome folder '{dir}': subject '{s}' has DTI_CM but no structural/DTI_LEN*.mat.");
        var first = MatFile.Read(files.First(f => f.Role == "sc").Path);
        int n = first.Get("sc").Rows;
        bool hasBold = subjects.All(s => files.Any(f => f.Role == "bold" && f.Subject == s));
        var ds = new DatasetInfo
        {
            Id = Path.GetFileName(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar)),
            Kind = "neurolib",
            Title = $"neurolib-style dataset in {Path.GetFullPath(dir)}",
            Parcellation = n == Neurolib.Regions.Labels.Length ? "AAL2 (94, neurolib order)" : $"{n} regions",
            RegionOrder = n == Neurolib.Regions.Labels.Length ? "aal2-94" : $"user:{Path.GetFullPath(dir)}",
            Regions = n,
            RegionsAll = n,
            Contents = hasBold ? ["sc", "tract_lengths", "empirical_fc", "bold"] : ["sc", "tract_lengths"],
            Subjects = subjects,
            Bold = new CatalogBold { Layout = "regions-by-time", Tr = null, Variable = "tc" },
            Repository = Path.GetFullPath(dir),
            Commit = "",
            MirrorFolder = "",
            Licence = "unknown: the licence of the user's data applies",
            Files = files,
        };
        return new Neurolib.Source(ds, f => f.Path, null);
    }

    private static Connectome FromVariables(string path, Func<string, NumericArray?> get, Func<string> names, ConnectomeOptions o)
    {
        NumericArray? Pick(string? wanted, string[] defaults, string what, bool required)
        {
            if (wanted is not null)
                return get(wanted) ?? throw new DataFormatException(path, $"has no variable '{wanted}' ({what}); it has {names()}.");
            foreach (var d in defaults) if (get(d) is { } a) return a;
            if (required) throw new DataFormatException(path, $"has none of the usual {what} variables ({string.Join(", ", defaults)}); it has {names()}. Name it with WeightsVariable.");
            return null;
        }
        var w = Pick(o.WeightsVariable, WeightNames, "weights", true)!;
        var len = Pick(o.LengthsVariable, LengthNames, "tract lengths", false);
        var fc = o.EmpiricalFc ? Pick(null, FcNames, "FC", false) : null;
        return FromMatrix(path, w, len, o, fc);
    }

    private static Connectome FromText(string path, ConnectomeOptions o)
    {
        var m = DelimitedText.ReadMatrix(path);
        return FromMatrix(path, m.ToArray(), null, o, null, m.Labels);
    }

    private static Connectome FromMatrix(string path, NumericArray weights, NumericArray? lengths, ConnectomeOptions o, NumericArray? fcArr = null,
        IReadOnlyList<string>? fileLabels = null)
    {
        var w0 = weights.ToSquareMatrix("weights");
        int n = weights.Rows;
        var notes = new List<string>();
        IReadOnlyList<string> labels;
        IReadOnlyList<Point3>? centres = null;
        IReadOnlyList<bool>? right = null, cortical = null;
        if (o.LabelsPath is not null)
        {
            var t = ReadRegions(o.LabelsPath);
            if (t.Count != n)
                throw new DataFormatException(o.LabelsPath, $"names {t.Count} regions but '{weights.Source}' is {n}×{n} (label count ≠ matrix size).");
            labels = t.Labels; centres = t.Centres; right = t.RightHemisphere; cortical = t.Cortical;
        }
        else if (fileLabels is not null)
        {
            if (fileLabels.Count != n) throw new DataFormatException(path, $"has {fileLabels.Count} labels for a {n}×{n} matrix (label count ≠ matrix size).");
            labels = fileLabels;
        }
        else
        {
            labels = Enumerable.Range(1, n).Select(i => $"R{i:000}").ToArray();
            notes.Add("no region labels in the input: named R001…; pass LabelsPath for real names");
        }
        if (RegionLabels.MakeUnique(labels) is { } unique)
        {
            labels = unique;
            notes.Add("repeated region labels numbered _1, _2, … to make them unique");
        }
        right ??= RegionLabels.GuessHemispheres(labels);
        double[]? len = null;
        if (lengths is not null) len = lengths.ToSquareMatrix("tract lengths");
        else if (o.LengthsPath is not null) len = ReadSquare(o.LengthsPath, n, "tract lengths");
        if (len is not null && len.Length != n * n) throw new DataFormatException(lengths?.Source ?? o.LengthsPath!, $"tract lengths have {len.Length} entries; expected {n}×{n}.");
        double[]? fc = null;
        if (o.EmpiricalFc)
        {
            if (o.EmpiricalFcPath is not null) fc = ReadSquare(o.EmpiricalFcPath, n, "empirical FC");
            else if (fcArr is not null)
            {
                fc = fcArr.ToSquareMatrix("empirical FC");
                if (fc.Length != n * n) throw new DataFormatException(fcArr.Source, $"empirical FC is {fcArr.ShapeText()}; expected {n}×{n}.");
            }
        }
        var (w, signed, note) = Datasets.HandleNegatives(w0, o.ClipNegativeWeights, "weight");
        if (note is not null) notes.Add(note);
        return new Connectome(w, labels, len, centres, right, cortical, fc, UserSource(path, notes), Path.GetFileNameWithoutExtension(path), signed);
    }

    /// <summary>A region table ("label x y z", or with a header) or a plain label list (one per line or one row).</summary>
    internal static RegionTable ReadRegions(string path)
    {
        using (var r = DelimitedText.OpenText(path))
        {
            var rows = DelimitedText.ReadRows(r, path, new DelimitedOptions(), out _);
            if (rows.Count == 1 && rows[0].Fields.Length > 1)
                return new RegionTable(DelimitedText.ReadLabels(path), null, null, null, path);
        }
        return DelimitedText.ReadRegionTable(path);
    }

    private static double[] ReadSquare(string path, int n, string what)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var a = ext switch
        {
            ".npy" => Npy.Read(path),
            ".mat" => MatFile.Read(path) is var m && m.Variables.Count(v => v.IsNumeric) == 1 ? m.Get(m.Variables.First(v => v.IsNumeric).Name)
                : throw new DataFormatException(path, $"must hold exactly one numeric variable for the {what}."),
            _ => DelimitedText.ReadMatrix(path).ToArray(),
        };
        var d = a.ToSquareMatrix(what);
        if (a.Rows != n) throw new DataFormatException(path, $"{what} is {a.Rows}×{a.Rows}; expected {n}×{n} to match the weights.");
        return d;
    }

    private static ConnectomeSource UserSource(string path, IReadOnlyList<string> notes) =>
        new(Path.GetFileName(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar)), $"User data: {Path.GetFullPath(path)}",
            "unknown: the licence of the user's data applies", "") { RegionOrder = $"user:{Path.GetFullPath(path)}", Notes = notes };
}
