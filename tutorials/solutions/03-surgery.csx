// Reference solutions for tutorials/03-surgery-exercise.ipynb (loaded only when useReferenceSolutions = true).
using Fwbm.Core.Connectivity;

static class Solutions
{
    public static string[] RegionsInside(Connectome c, Point3 centre, double radiusMm) =>
        Enumerable.Range(0, c.Count).Where(i => c.Centres![i].DistanceTo(centre) <= radiusMm).Select(i => c.Labels[i]).ToArray();

    public static double Radius() => 36;  // Precentral_R, Postcentral_R, SupraMarginal_R, Supp_Motor_Area_R and Cingulate_Mid_R lie within 36 mm

    public static double MeanAbsUpper(double[] delta, int n)
    {
        double sum = 0; int count = 0;
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) { sum += Math.Abs(delta[i * n + j]); count++; }
        return sum / count;
    }
}
