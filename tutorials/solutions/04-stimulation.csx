// Reference solutions for tutorials/04-stimulation-exercise.ipynb (loaded only when useReferenceSolutions = true).
static class Solutions
{
    public static string Stimulus() => "train(rate=4Hz, width=2ms, amplitude=5) at Precentral_R from 2s";

    public static double Spearman(double[] x, double[] y)
    {
        var rx = Ranks(x); var ry = Ranks(y);
        double mx = rx.Average(), my = ry.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int k = 0; k < rx.Length; k++) { sxy += (rx[k] - mx) * (ry[k] - my); sxx += (rx[k] - mx) * (rx[k] - mx); syy += (ry[k] - my) * (ry[k] - my); }
        return sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] Ranks(double[] v)
    {
        var order = Enumerable.Range(0, v.Length).OrderBy(i => v[i]).ToArray();
        var r = new double[v.Length];
        for (int a = 0; a < order.Length;)
        {
            int b = a;
            while (b + 1 < order.Length && v[order[b + 1]] == v[order[a]]) b++;
            for (int k = a; k <= b; k++) r[order[k]] = (a + b) / 2.0 + 1;
            a = b + 1;
        }
        return r;
    }

    public static string Site() => "Precuneus_L";
}
