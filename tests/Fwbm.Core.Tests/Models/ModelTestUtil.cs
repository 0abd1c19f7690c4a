using Fwbm.Core.Connectivity;

namespace Fwbm.Core.Tests.Models;

/// <summary>Small helpers shared by the model tests (signal statistics computed in test code, independent of the library).</summary>
internal static class ModelTestUtil
{
    public static string[] Labels(int n) => Enumerable.Range(0, n).Select(i => $"R{i}").ToArray();

    /// <summary>N regions without connections.</summary>
    public static Connectome Uncoupled(int n) => new(new double[n * n], Labels(n));

    /// <summary>All-to-all W_ij = w (i ≠ j), optional uniform tract length.</summary>
    public static Connectome AllToAll(int n, double w, double? lengthMm = null)
    {
        var m = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i != j) m[i * n + j] = w;
        double[]? len = null;
        if (lengthMm is double l) { len = new double[n * n]; for (int k = 0; k < len.Length; k++) len[k] = k % (n + 1) == 0 ? 0 : l; }
        return new Connectome(m, Labels(n), len);
    }

    /// <summary>A random symmetric connectome (density 0.6) normalised by its maximum weight, as fastDMF normalises C.</summary>
    public static Connectome RandomSymmetricMaxNormalised(int n, int seed)
    {
        var rng = new Random(seed);
        var w = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) if (rng.NextDouble() < 0.6) w[i * n + j] = w[j * n + i] = rng.NextDouble();
        double max = w.Max();
        for (int k = 0; k < w.Length; k++) w[k] /= max;
        return new Connectome(w, Labels(n));
    }

    /// <summary>Frequency in Hz from upward crossings of the mean (linearly interpolated).</summary>
    public static double CrossingFrequencyHz(double[] x, double samplePeriodMs)
    {
        double mean = x.Average();
        int count = 0; double first = double.NaN, last = double.NaN;
        for (int t = 1; t < x.Length; t++)
            if (x[t - 1] < mean && x[t] >= mean)
            {
                double tc = (t - 1 + (mean - x[t - 1]) / (x[t] - x[t - 1])) * samplePeriodMs;
                if (count == 0) first = tc;
                last = tc; count++;
            }
        return count < 2 ? 0.0 : (count - 1) / ((last - first) / 1000.0);
    }

    /// <summary>Frequency (Hz) of the largest periodogram peak in [loHz, hiHz] (plain DFT of the mean-removed signal).</summary>
    public static double DftPeakHz(double[] x, double samplePeriodMs, double loHz, double hiHz, double stepHz = 0.05)
    {
        double mean = x.Average(), fs = 1000.0 / samplePeriodMs, best = 0, bestF = double.NaN;
        for (double f = loHz; f <= hiHz; f += stepHz)
        {
            double re = 0, im = 0, w = 2 * Math.PI * f / fs;
            for (int t = 0; t < x.Length; t++) { var (s, c) = Math.SinCos(w * t); re += (x[t] - mean) * c; im += (x[t] - mean) * s; }
            double p = re * re + im * im;
            if (p > best) { best = p; bestF = f; }
        }
        return bestF;
    }
}
