using System.Globalization;

namespace Fwbm.Core.Guardrails;

internal static class Fmt
{
    public static string G(double v, int digits = 4) => v.ToString("G" + digits, CultureInfo.InvariantCulture);

    /// <summary>Mean and population standard deviation of the off-diagonal entries of a symmetric n×n matrix (upper triangle).</summary>
    public static (double Mean, double Std) OffDiagonal(ReadOnlySpan<double> m, int n)
    {
        double s = 0, ss = 0; long k = 0;
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) { double v = m[i * n + j]; s += v; ss += v * v; k++; }
        if (k == 0) return (double.NaN, double.NaN);
        double mean = s / k;
        return (mean, Math.Sqrt(Math.Max(0, ss / k - mean * mean)));
    }
}
