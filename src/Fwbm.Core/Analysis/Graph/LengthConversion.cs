namespace Fwbm.Core.Analysis.Graph;

/// <summary>How connection weights (strengths: larger = closer) become path lengths (larger = farther) for shortest paths.</summary>
public enum LengthConversion
{
    /// <summary>L = 1/w (the default; bctpy <c>weight_conversion(W, 'lengths')</c>, Rubinov &amp; Sporns 2010).</summary>
    Inverse,
    /// <summary>L = −log(w / max w): the strongest edge has length 0 (Goñi et al. 2014's "−log" transform).</summary>
    NegativeLog,
}

/// <summary>Turns a weight matrix into a length matrix (edges where w &gt; 0; no edge elsewhere).</summary>
public static class WeightsToLengths
{
    /// <summary>The length of each edge (w &gt; 0) of a row-major n×n weight matrix; +∞ where there is no edge (w ≤ 0) and on the
    /// diagonal. <paramref name="scale"/> divides the weights first (default 1); the negative-log conversion uses w / max w
    /// over the whole matrix (after scaling, so the scale does not change it).</summary>
    public static double[] Convert(ReadOnlySpan<double> weights, int n, LengthConversion conversion = LengthConversion.Inverse, double scale = 1.0)
    {
        ShortestPaths.CheckSize(weights, n, "weights");
        if (!(scale > 0) || !double.IsFinite(scale))
            throw new FwbmException($"Weights to lengths: scale = {scale}; expected a finite number > 0 (the weights are divided by it).");
        double max = 0;
        for (int k = 0; k < weights.Length; k++)
        {
            double w = weights[k];
            if (!double.IsFinite(w)) throw new FwbmException($"Weights to lengths: weights[{k / n},{k % n}] is {w}; expected finite weights.");
            if (k / n != k % n && w > max) max = w;
        }
        var l = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double w = weights[i * n + j] / scale;
                l[i * n + j] = i == j || !(w > 0) ? double.PositiveInfinity
                    : conversion switch
                    {
                        LengthConversion.Inverse => 1.0 / w,
                        LengthConversion.NegativeLog => Math.Max(0.0, -Math.Log(w / (max / scale))),
                        _ => throw new FwbmException($"Weights to lengths: unknown conversion '{conversion}'; expected one of {string.Join(", ", Enum.GetNames<LengthConversion>())}."),
                    };
            }
        return l;
    }

    /// <summary>The option text of a conversion: "inverse" or "neglog".</summary>
    public static string Name(LengthConversion c) => c switch { LengthConversion.NegativeLog => "neglog", _ => "inverse" };
}
