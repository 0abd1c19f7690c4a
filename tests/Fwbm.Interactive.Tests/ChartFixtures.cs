using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Simulation;

namespace Fwbm.Interactive.Tests;

/// <summary>Synthetic inputs the size of real atlases (Desikan–Killiany-68 labels, Schaefer-100 labels) for the chart tests.</summary>
internal static class ChartFixtures
{
    private static readonly string[] Dk =
    [
        "bankssts", "caudalanteriorcingulate", "caudalmiddlefrontal", "cuneus", "entorhinal", "fusiform", "inferiorparietal",
        "inferiortemporal", "isthmuscingulate", "lateraloccipital", "lateralorbitofrontal", "lingual", "medialorbitofrontal",
        "middletemporal", "parahippocampal", "paracentral", "parsopercularis", "parsorbitalis", "parstriangularis", "pericalcarine",
        "postcentral", "posteriorcingulate", "precentral", "precuneus", "rostralanteriorcingulate", "rostralmiddlefrontal",
        "superiorfrontal", "superiorparietal", "superiortemporal", "supramarginal", "frontalpole", "temporalpole", "transversetemporal", "insula",
    ];

    /// <summary>68 Desikan–Killiany labels, the right hemisphere first (so a hemisphere ordering has something to do): rh-…, lh-….</summary>
    public static string[] DkLabels() => [.. Dk.Select(d => "rh-" + d), .. Dk.Select(d => "lh-" + d)];

    /// <summary>Schaefer-100-like labels (7 networks, left then right hemisphere), 100 of them.</summary>
    public static string[] SchaeferLabels()
    {
        (string Net, int Count)[] nets = [("Vis", 9), ("SomMot", 6), ("DorsAttn", 8), ("SalVentAttn", 7), ("Limbic", 3), ("Cont", 4), ("Default", 13)];
        var l = new List<string>();
        foreach (var hemi in new[] { "LH", "RH" })
            foreach (var (net, count) in nets)
                for (int k = 1; k <= count; k++) l.Add($"7Networks_{hemi}_{net}_{k}");
        return l.ToArray();
    }

    /// <summary>A symmetric FC-like matrix with unit diagonal: a smooth function of the label index plus a fixed pattern.</summary>
    public static FcMatrix Fc(string[] labels, string title = "FC", int seed = 1)
    {
        int n = labels.Length;
        var rng = new Random(seed);
        var v = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
            {
                double x = i == j ? 1 : Math.Clamp(0.6 * Math.Cos((i - j) * 0.15) + 0.3 * (rng.NextDouble() - 0.5), -1, 1);
                v[i * n + j] = v[j * n + i] = x;
            }
        return new FcMatrix(v, labels, null, title);
    }

    /// <summary>A 68-region connectome with centres on two half-ellipsoids (left hemisphere x &lt; 0) and hemisphere flags from the labels.</summary>
    public static Connectome Dk68()
    {
        var labels = DkLabels();
        int n = labels.Length;
        var rng = new Random(3);
        var w = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (rng.NextDouble() < 0.3) w[i * n + j] = w[j * n + i] = rng.NextDouble();
        var right = labels.Select(l => l.StartsWith("rh-", StringComparison.Ordinal)).ToArray();
        var centres = Enumerable.Range(0, n).Select(i =>
        {
            double a = 2 * Math.PI * (i % 34) / 34.0;
            return new Point3((right[i] ? 1 : -1) * (20 + 15 * Math.Abs(Math.Sin(a))), 70 * Math.Cos(a), 40 * Math.Sin(a));
        }).ToArray();
        return new Connectome(w, labels, centres: centres, rightHemisphere: right, name: "dk68-synthetic");
    }

    /// <summary>A 68-region series (ms sampling) and a pulse train into two regions that "every 4th" would miss (13 and 50).</summary>
    public static (TimeSeries Series, PulseStimulus Stimulus) Stimulated()
    {
        var labels = DkLabels();
        int n = labels.Length, T = 2000;
        var d = new double[T * n];
        for (int t = 0; t < T; t++)
            for (int r = 0; r < n; r++)
                d[t * n + r] = Math.Sin(0.02 * t * (1 + r % 5)) + ((r == 13 || r == 50) && t >= 500 && (t - 500) % 400 < 50 ? 2 : 0);
        return (new TimeSeries(d, n, 1, 0, labels, "x"), new PulseStimulus("x", [13, 50], 500, 50, 2, 400));
    }
}
