namespace Fwbm.Core.Tests.Simulation.Coupling;

/// <summary>The contract's summation order of target <c>i</c>: its sources with a non-zero weight, j increasing.</summary>
internal static class Reference
{
    public static IEnumerable<int> Order(double[] w, int[] d, int R, int i)
    {
        for (int j = 0; j < R; j++) if (w[i * R + j] != 0) yield return j;
    }
}
