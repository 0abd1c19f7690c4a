using Fwbm.Core.Analysis;
using Fwbm.Core.Models;

namespace Fwbm.Core.Simulation;

internal static class Steps
{
    /// <summary>An interval as a whole number of steps, or an error naming it.</summary>
    public static long Of(double ms, double dtMs, string what)
    {
        if (!(ms > 0) || double.IsInfinity(ms)) throw new FwbmException($"{what} = {ms} ms; expected a positive, finite duration.");
        double k = ms / dtMs;
        long n = (long)Math.Round(k);
        if (n < 1 || Math.Abs(k - n) > 1e-6 * Math.Max(1, k))
            throw new FwbmException($"{what} = {ms} ms is not a whole number of integration steps (dt = {dtMs} ms).");
        return n;
    }
}
