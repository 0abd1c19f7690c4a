using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fwbm.Core.Data;
using Fwbm.Core.Options;

namespace Fwbm.Cli.Commands;

/// <summary><c>fwbm data list | info &lt;id&gt; | fetch &lt;id&gt;… | cite &lt;id&gt;</c>: the dataset catalog, checksummed fetch, citations.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        // --mirror, --cache, --offline, --catalog: declared in the catalogue, shared by every subcommand
        var source = new CliOptions(OptionCatalog.DataCommand, recursive: true);
        var cmd = source.CreateCommand();

        DataStore Store(ParseResult pr)
        {
            var v = source.Read(pr);
            var s = DataStore.FromEnvironment(v.Text("mirror"), v.Text("cache"));
            var catalog = v.Text("catalog") is { } path ? DataCatalog.FromPathOrDefault(path) : s.Catalog;
            return new DataStore(s.CacheDirectory, s.MirrorDirectory, s.AllowNetwork && !v.Flag("offline"), catalog: catalog);
        }

        var listOptions = new CliOptions(OptionCatalog.DataList);
        var list = listOptions.CreateCommand();
        list.SetAction(pr =>
        {
            var o = pr.InvocationConfiguration.Output;
            if (listOptions.Read(pr).Flag("json"))
            {
                o.WriteLine(JsonSerializer.Serialize(Store(pr).Catalog.Datasets, JsonOptions));
                return 0;
            }
            var store = Store(pr);
            o.WriteLine($"{"id",-20} {"regions",7}  {"contents",-52} {"local",-9} licence");
            foreach (var d in store.Catalog.Datasets)
            {
                var (c, m, x) = store.Availability(d);
                string local = x == 0 ? (c == d.Files.Count ? "cached" : "mirror") : c + m == 0 ? "-" : $"{c + m}/{d.Files.Count}";
                string regions = d.RegionsAll is { } all && all != d.Regions ? $"{d.Regions}/{all}" : d.Regions.ToString(CultureInfo.InvariantCulture);
                o.WriteLine($"{d.Id,-20} {regions,7}  {Contents(d),-52} {local,-9} {ShortLicence(d)}");
            }
            o.WriteLine();
            o.WriteLine($"cache: {store.CacheDirectory}   mirror: {store.MirrorDirectory ?? "(none)"}   'fwbm data info <id>' for details, 'fwbm data cite <id>' for citations.");
            return 0;
        });

        var idArg = new Argument<string>("id") { Description = "Dataset id (see 'fwbm data list')." };
        var info = new Command("info", "Show a dataset: contents, subjects, source at its pinned commit, licence, citations, files.") { idArg };
        info.SetAction(pr =>
        {
            var o = pr.InvocationConfiguration.Output;
            var store = Store(pr);
            var d = store.Catalog.Get(pr.GetValue(idArg)!);
            o.WriteLine($"{d.Id} — {d.Title}");
            if (d.Aliases.Count > 0) o.WriteLine($"  aliases:      {string.Join(", ", d.Aliases)}");
            o.WriteLine($"  parcellation: {d.Parcellation} (region order '{d.RegionOrder}')");
            o.WriteLine($"  regions:      {d.Regions}{(d.RegionsAll is { } a && a != d.Regions ? $" by default, {a} in the files" : "")}");
            o.WriteLine($"  contents:     {Contents(d)}");
            if (d.CentresFrom is not null) o.WriteLine($"  centres:      from {d.CentresFrom} (same regions); Euclidean distances serve as tract lengths");
            if (d.Subjects.Count > 0) o.WriteLine($"  subjects:     {d.Subjects.Count}: {string.Join(", ", d.Subjects)}");
            if (d.Bold is { } b)
                o.WriteLine($"  BOLD:         {b.Volumes} volumes, TR {(b.Tr is { } tr ? tr.ToString(CultureInfo.InvariantCulture) + " s" : "not stated")}, stored {b.Layout}");
            o.WriteLine($"  source:       {d.Repository} @ {d.Commit}");
            o.WriteLine($"  files:        {d.Files.Count} ({d.TotalBytes / 1e6:F1} MB), sha256-verified");
            var (c, m, x) = store.Availability(d);
            o.WriteLine($"  local:        {c} in cache ({Path.Combine(store.CacheDirectory, d.MirrorFolder)}), {m} in mirror, {x} missing");
            o.WriteLine($"  licence:      {d.Licence}");
            foreach (var n in d.Notes) o.WriteLine($"  note:         {n}");
            o.WriteLine("  cite:");
            foreach (var cite in d.Citations) o.WriteLine($"    - {cite}");
            return 0;
        });

        var ids = new Argument<string[]>("id") { Description = "Dataset ids.", Arity = ArgumentArity.ZeroOrMore };
        var fetchOptions = new CliOptions(OptionCatalog.DataFetch);
        var fetch = fetchOptions.CreateCommand();
        fetch.Arguments.Add(ids);
        fetch.SetAction(pr =>
        {
            var o = pr.InvocationConfiguration.Output;
            var store = Store(pr);
            var which = fetchOptions.Read(pr).Flag("all") ? store.Catalog.Datasets.Select(d => d.Id).ToArray() : pr.GetValue(ids) ?? [];
            if (which.Length == 0) throw new Fwbm.Core.FwbmException("fwbm data fetch: name at least one dataset id (see 'fwbm data list'), or pass --all.");
            var datasets = which.Select(store.Catalog.Get).ToArray(); // unknown ids fail before anything is fetched
            foreach (var d in datasets)
            {
                var r = store.Fetch(d);
                o.WriteLine($"{d.Id}: {r.Files.Count} file{(r.Files.Count == 1 ? "" : "s")} verified ({r.Count(FileOrigin.Cache)} already cached, {r.Count(FileOrigin.Mirror)} from mirror, " +
                            $"{r.Count(FileOrigin.Download)} downloaded) → {r.Folder}");
                o.WriteLine($"  licence: {d.Licence}");
                o.WriteLine($"  cite with: fwbm data cite {d.Id}");
            }
            return 0;
        });

        var citeId = new Argument<string>("id") { Description = "Dataset id." };
        var cite = new Command("cite", "Print the citations (and licence) the data owners ask for.") { citeId };
        cite.SetAction(pr =>
        {
            pr.InvocationConfiguration.Output.WriteLine(Datasets.Cite(pr.GetValue(citeId)!, Store(pr)));
            return 0;
        });

        cmd.Subcommands.Add(list);
        cmd.Subcommands.Add(info);
        cmd.Subcommands.Add(fetch);
        cmd.Subcommands.Add(cite);
        return cmd;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static string Contents(DatasetInfo d) =>
        string.Join(", ", d.Contents.Select(c => c == "bold" && d.Subjects.Count > 0 ? $"bold×{d.Subjects.Count}" : c));

    private static string ShortLicence(DatasetInfo d)
    {
        var l = d.Licence;
        if (l.Contains("CC BY-NC-SA", StringComparison.Ordinal)) return "CC BY-NC-SA 4.0";
        if (l.Contains("GPL", StringComparison.Ordinal)) return "GPL-3.0+";
        if (l.Contains("BSD", StringComparison.Ordinal)) return "BSD-3 + HCP terms";
        if (l.Contains("HCP", StringComparison.Ordinal)) return "MIT repo + HCP terms";
        if (l.Contains("demonstration", StringComparison.Ordinal)) return "MIT repo, demo only";
        return l.Length > 30 ? l[..30] + "…" : l;
    }
}
