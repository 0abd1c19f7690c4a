using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Torch.Fitting;

/// <summary>
/// Builds <see cref="FitData"/> from what <c>fwbm fit</c> and <c>#!fwbm-fit</c> take as <c>--connectome</c>, <c>--train</c> and <c>--test</c>:
/// a dataset id with subjects (e.g. <c>hcp</c>: the group-average connectome and one empirical FC per subject), a dataset or path with
/// a group FC (one "group" subject), a <see cref="Connectome"/> (loaded from a dataset with subjects: that connectome — e.g. normalised —
/// with the dataset's subjects; otherwise its own empirical FC as one "group" subject), or <c>simulated[:regions[:seed]]</c>: a seeded
/// two-hemisphere connectome with distance-dependent weights and six subjects whose FC comes from CPU simulations of a Hopf ground truth
/// (offline, and a fit has a known truth to recover). Subject lists are ids, each item may hold several separated by commas.
/// </summary>
public static class FitInputs
{
    /// <summary>A dataset id, a path, or <c>simulated[:regions[:seed]]</c> (see the class summary).</summary>
    public static FitData Resolve(string connectome, IReadOnlyList<string> train, IReadOnlyList<string> test)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        var spec = connectome.Trim();
        if (spec.StartsWith("simulated", StringComparison.OrdinalIgnoreCase))
        {
            var parts = spec.Split(':');
            int regions = parts.Length > 1 ? ParseInt(parts[1], "regions") : 20;
            int seed = parts.Length > 2 ? ParseInt(parts[2], "seed") : 1;
            if (regions is < 4 or > 1000) throw new FwbmException($"--connectome '{connectome}': {regions} regions; expected 4 to 1000.");
            var (sc, subjects) = Synthetic(regions, seed);
            return Split(sc, subjects, train, test);
        }
        var conn = Datasets.LoadConnectome(spec);
        if (Datasets.IsDatasetId(spec) && Datasets.Subjects(spec) is { Count: > 0 })
            return FromDataset(conn, Datasets.Info(spec).Id, train, test);
        return GroupFc(conn, connectome, train, test);
    }

    /// <summary>
    /// A connectome already loaded (normalised, selected …): when it comes from a dataset with subjects, each subject's empirical FC
    /// (aligned by region label) with this connectome's weights; otherwise its own empirical FC as one "group" subject.
    /// </summary>
    public static FitData ForConnectome(Connectome connectome, IReadOnlyList<string> train, IReadOnlyList<string> test)
    {
        ArgumentNullException.ThrowIfNull(connectome);
        if (connectome.Source?.DatasetId is { } id && Datasets.IsDatasetId(id) && Datasets.Subjects(id) is { Count: > 0 })
            return FromDataset(connectome, Datasets.Info(id).Id, train, test);
        return GroupFc(connectome, connectome.Name, train, test);
    }

    private static FitData FromDataset(Connectome conn, string id, IReadOnlyList<string> train, IReadOnlyList<string> test)
    {
        // one empirical FC per subject, in the connectome's region order
        var subjects = Datasets.Subjects(id).Select(s =>
        {
            var fc = Datasets.LoadEmpiricalFc(id, s);
            return new FitSubject(s, Align(fc.Values, fc.Labels, conn, $"subject '{s}' of dataset '{id}'"));
        }).ToList();
        return Split(conn, subjects, train, test);
    }

    private static FitData GroupFc(Connectome conn, string what, IReadOnlyList<string> train, IReadOnlyList<string> test)
    {
        if (!conn.HasEmpiricalFc)
            throw new FwbmException($"--connectome '{what}': no empirical FC to fit (a dataset with subjects' BOLD such as hcp, a dataset with group FC, or a folder with an FC matrix).");
        if (train.Count > 0 || test.Count > 0)
            throw new FwbmException($"--connectome '{what}' has one group FC and no subjects; remove --train/--test.");
        return new FitData(conn, [new FitSubject("group", conn.EmpiricalFc.ToArray())], []);
    }

    private static double[] Align(double[] fc, IReadOnlyList<string> labels, Connectome conn, string what)
    {
        int R = conn.Count;
        if (labels.SequenceEqual(conn.Labels)) return fc;
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var map = conn.Labels.Select(l => index.TryGetValue(l, out int i) ? i : throw new FwbmException($"FC of {what} has no region '{l}' of connectome '{conn.Name}'.")).ToArray();
        int n = labels.Count;
        var o = new double[R * R];
        for (int i = 0; i < R; i++) for (int j = 0; j < R; j++) o[i * R + j] = fc[map[i] * n + map[j]];
        return o;
    }

    /// <summary>Select training and held-out subjects by id ("sub-1,sub-2"); defaults: all but the last two / the last two.</summary>
    public static FitData Split(Connectome conn, IReadOnlyList<FitSubject> subjects, IReadOnlyList<string> train, IReadOnlyList<string> test)
    {
        var byId = subjects.ToDictionary(s => s.Id, StringComparer.OrdinalIgnoreCase);
        List<FitSubject> Pick(IReadOnlyList<string> ids, string option) => ids.SelectMany(i => i.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(i => byId.TryGetValue(i, out var s) ? s : throw new FwbmException($"{option} '{i}': no such subject; expected one of {string.Join(", ", subjects.Select(s => s.Id))}.")).ToList();
        var tr = train.Count > 0 ? Pick(train, "--train") : subjects.Take(Math.Max(1, subjects.Count - 2)).ToList();
        var te = test.Count > 0 ? Pick(test, "--test") : subjects.Where(s => !tr.Contains(s)).ToList();
        var overlap = tr.Intersect(te).Select(s => s.Id).ToList();
        if (overlap.Count > 0) throw new FwbmException($"--train and --test share subject(s) {string.Join(", ", overlap)}; held-out subjects must not be fitted.");
        return new FitData(conn, tr, te);
    }

    private static int ParseInt(string s, string what) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v
        : throw new FwbmException($"--connectome: {what} '{s}' is not an integer (simulated[:regions[:seed]]).");

    /// <summary>A seeded synthetic connectome and six subjects (Hopf ground truth, G = 1, a heterogeneous, 600 s each).</summary>
    public static (Connectome Connectome, IReadOnlyList<FitSubject> Subjects) Synthetic(int regions, int seed)
    {
        var conn = SyntheticConnectome(regions, seed);
        var rng = new Random(seed + 7919);
        var m = ModelRegistry.Get("hopf");
        var truth = ParameterSet.Defaults(m.Spec, 1.0).With("a", Enumerable.Range(0, regions).Select(_ => -0.05 + 0.07 * rng.NextDouble()).ToArray());
        var sim = new Simulator(m, conn, new SimulationOptions { DtMs = 20, DurationMs = 600_000, TransientMs = 20_000, VelocityMPerS = 5, Monitors = [new BoldMonitorSpec(720)] });
        var runs = sim.RunBatch(Enumerable.Range(0, 6).Select(s => new SimulationRequest(truth, (ulong)(1000 * seed + s))).ToArray());
        return (conn, runs.Select((r, i) => new FitSubject($"sub-{i + 1}", r.BoldFc())).ToList());
    }

    /// <summary>A seeded two-hemisphere connectome: weights exp(−d/40 mm), inter-hemispheric ×0.3, symmetric, max 1; lengths = distances.</summary>
    public static Connectome SyntheticConnectome(int regions, int seed)
    {
        var rng = new Random(seed);
        var centres = new Point3[regions];
        for (int i = 0; i < regions; i++)
        {
            bool right = i >= regions / 2;
            centres[i] = new Point3((right ? 1 : -1) * (10 + 50 * rng.NextDouble()), -80 + 150 * rng.NextDouble(), -30 + 90 * rng.NextDouble());
        }
        var w = new double[regions * regions];
        var len = new double[regions * regions];
        for (int i = 0; i < regions; i++)
            for (int j = 0; j < regions; j++)
            {
                if (i == j) continue;
                double d = centres[i].DistanceTo(centres[j]);
                len[i * regions + j] = d;
                bool cross = (i >= regions / 2) != (j >= regions / 2);
                w[i * regions + j] = Math.Exp(-d / 40.0) * (cross ? 0.3 : 1.0) * (0.5 + rng.NextDouble());
            }
        for (int i = 0; i < regions; i++) for (int j = 0; j < i; j++) { double s = (w[i * regions + j] + w[j * regions + i]) / 2; w[i * regions + j] = s; w[j * regions + i] = s; }
        double max = w.Max();
        for (int k = 0; k < w.Length; k++) w[k] /= max;
        var labels = Enumerable.Range(0, regions).Select(i => $"{(i >= regions / 2 ? "R" : "L")}{i % Math.Max(1, regions / 2) + 1}").ToArray();
        return new Connectome(w, labels, len, centres, name: $"synthetic-{regions}-{seed}",
            source: new ConnectomeSource($"synthetic:{regions}:{seed}", "Synthetic connectome (distance rule) with Hopf ground-truth subjects", "generated", "FWBM synthetic data"));
    }
}
