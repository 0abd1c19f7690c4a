using Fwbm.Core.Connectivity;

namespace Fwbm.Interactive.Tests;

/// <summary>Synthetic surgery and stimulation inputs (68 Desikan–Killiany regions) for the scenario chart tests, built by hand here so
/// that the charts are tested without the Core surgery/stimulation code.</summary>
internal static class ScenarioFixtures
{
    /// <summary>The intact 68-region connectome (tract lengths = distances between centres) and an edited copy: rh-precentral and
    /// lh-precentral resected, lh-cuneus silenced, the rh-bankssts connections halved, the rh-insula tracts twice as long.</summary>
    public static (Connectome Intact, Connectome Edited) Surgery()
    {
        var intact = ChartFixtures.Dk68().WithLengthsFromCentres();
        int n = intact.Count;
        var w = intact.Weights.ToArray();
        var len = intact.TractLengths.ToArray();
        int silenced = intact.IndexOf("lh-cuneus"), weakened = intact.IndexOf("rh-bankssts"), slowed = intact.IndexOf("rh-insula");
        for (int k = 0; k < n; k++)
        {
            w[silenced * n + k] = w[k * n + silenced] = 0;
            w[weakened * n + k] *= 0.5; w[k * n + weakened] *= 0.5;
            len[slowed * n + k] *= 2; len[k * n + slowed] *= 2;
        }
        w[weakened * n + weakened] = 0;
        var edited = intact.With(weights: w, tractLengths: len, name: "dk68-synthetic (edited)");
        var keep = Enumerable.Range(0, n).Where(i => intact.Labels[i] is not ("rh-precentral" or "lh-precentral")).ToArray();
        return (intact, edited.Select(keep));
    }

    /// <summary>An FC of the edited regions (<paramref name="labels"/>), listed in reverse order, equal to <paramref name="intact"/>'s plus 0.1 on the pair (0, 1).</summary>
    public static FcMatrix EditedFc(FcMatrix intact, IReadOnlyList<string> labels)
    {
        var rev = labels.Reverse().ToArray();
        int m = rev.Length;
        var v = new double[m * m];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++)
            {
                int i = intact.Labels.ToList().IndexOf(rev[a]), j = intact.Labels.ToList().IndexOf(rev[b]);
                v[a * m + b] = intact[i, j] + ((i, j) is (0, 1) or (1, 0) ? 0.1 : 0);
            }
        return new FcMatrix(v, rev, null, "edited FC");
    }

    /// <summary>Evoked responses of 68 regions over −20…200 ms: a bump at a latency growing with the region index (every 5th region none).</summary>
    public static (double[] Times, double[][] Responses, double[] Latency) Evoked()
    {
        var times = Enumerable.Range(0, 221).Select(k => k - 20.0).ToArray();
        var latency = Enumerable.Range(0, 68).Select(r => r % 5 == 4 ? double.NaN : 5 + 2.0 * ((r * 37) % 68)).ToArray();
        var responses = latency.Select(l => times.Select(t => double.IsNaN(l) ? 0 : Math.Exp(-Math.Pow((t - l - 10) / 8, 2)) * (1 + l / 100)).ToArray()).ToArray();
        return (times, responses, latency);
    }
}
