// Reference solutions for tutorials/01-coupling-and-fc-exercise.ipynb (loaded only when useReferenceSolutions = true).
using Fwbm.Core.Connectivity;

static class Solutions
{
    public static double[] DistanceRuleWeights(Point3[] centres, double lambdaMm)
    {
        int n = centres.Length;
        var w = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j) w[i * n + j] = Math.Exp(-centres[i].DistanceTo(centres[j]) / lambdaMm);
        return w;
    }

    public static (double Weak, double Strong) Couplings() => (0.0, 0.8);

    public static double UpperTriangleCorrelation(double[] a, double[] b, int n)
    {
        var x = new List<double>(); var y = new List<double>();
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) { x.Add(a[i * n + j]); y.Add(b[i * n + j]); }
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int k = 0; k < x.Count; k++) { sxy += (x[k] - mx) * (y[k] - my); sxx += (x[k] - mx) * (x[k] - mx); syy += (y[k] - my) * (y[k] - my); }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
