namespace Fwbm.Core.Tests.Simulation.Coupling;

/// <summary>The contract's summation order of target <c>i</c> (see CouplingEngine): its sources with a non-zero weight whose delay is
/// at least <c>blockSteps</c> (j increasing), then the other ones (j increasing); without delays every source, j increasing.</summary>
internal static class Reference
{
    public static IEnumerable<int> Order(double[] w, int[] d, int R, int i, int blockSteps, bool delays)
    {
        for (int j = 0; j < R; j++) if (w[i * R + j] != 0 && delays && d[i * R + j] >= blockSteps) yield return j;
        for (int j = 0; j < R; j++) if (w[i * R + j] != 0 && !(delays && d[i * R + j] >= blockSteps)) yield return j;
    }
}
