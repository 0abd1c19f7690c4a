using System.Numerics;

namespace Fwbm.Core.Analysis;

/// <summary>
/// The Pearson correlation matrix of a multichannel signal accumulated one sample at a time, without storing the series: Welford's
/// running means and co-moments (C_ij += (x_i − m_i,old)(x_j − m_j,new)), numerically stable for signals with a large mean or a long
/// run (no E[xy] − E[x]E[y] cancellation). <see cref="Correlation"/> follows <see cref="FunctionalConnectivity.Compute(ReadOnlySpan{double}, int, bool)"/>:
/// unit diagonal, a constant channel has zero correlations, values clamped to [−1, 1]. Memory: one n×n matrix, whatever the length.
/// </summary>
public sealed class OnlineCorrelation
{
    private readonly int _n;
    private readonly double[] _mean, _d, _e, _c; // _c: co-moments, upper triangle (j ≥ i) of a row-major n×n matrix

    public OnlineCorrelation(int channels)
    {
        if (channels < 1) throw new FwbmException($"Online correlation: channels = {channels}; expected at least 1.");
        _n = channels;
        _mean = new double[channels]; _d = new double[channels]; _e = new double[channels]; _c = new double[channels * channels];
    }

    /// <summary>Number of channels (regions).</summary>
    public int Channels => _n;
    /// <summary>Samples added so far.</summary>
    public long Count { get; private set; }

    /// <summary>Add one sample (one value per channel). Allocates nothing.</summary>
    public void Add(ReadOnlySpan<double> x)
    {
        if (x.Length != _n) throw new FwbmException($"Online correlation: a sample has {x.Length} values; expected {_n} (one per channel).");
        Count++;
        double inv = 1.0 / Count;
        for (int i = 0; i < _n; i++)
        {
            double d = x[i] - _mean[i];
            _mean[i] += d * inv;
            _d[i] = d;
            _e[i] = x[i] - _mean[i];
        }
        int w = Vector<double>.Count;
        for (int i = 0; i < _n; i++)
        {
            double di = _d[i];
            if (di == 0) continue;
            var row = _c.AsSpan(i * _n, _n);
            var dv = new Vector<double>(di);
            int j = i;
            for (; j + w <= _n; j += w) (new Vector<double>(row[j..]) + dv * new Vector<double>(_e.AsSpan(j))).CopyTo(row[j..]);
            for (; j < _n; j++) row[j] += di * _e[j];
        }
    }

    /// <summary>The row-major n×n correlation matrix of the samples so far (at least 2; an error for non-finite values).</summary>
    public double[] Correlation()
    {
        if (Count < 2) throw new FwbmException($"Online FC: need at least 2 samples, got {Count}.");
        var r = new double[_n * _n];
        var sd = new double[_n];
        for (int i = 0; i < _n; i++)
        {
            double ss = _c[i * _n + i];
            if (!double.IsFinite(ss) || !double.IsFinite(_mean[i]))
                throw new FwbmException($"Online FC: channel {i} has a non-finite mean or variance after {Count} samples; expected finite values (a NaN or infinite signal has no correlation).");
            sd[i] = Math.Sqrt(ss);
        }
        for (int i = 0; i < _n; i++)
        {
            r[i * _n + i] = 1.0;
            for (int j = i + 1; j < _n; j++)
            {
                double den = sd[i] * sd[j];
                double v = den > 0 ? Math.Clamp(_c[i * _n + j] / den, -1.0, 1.0) : 0.0;
                r[i * _n + j] = v; r[j * _n + i] = v;
            }
        }
        return r;
    }
}
