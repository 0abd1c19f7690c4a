namespace Fwbm.Core.Analysis;

/// <summary>
/// A regularly sampled multichannel signal stored time-major: <c>Data[t * Regions + r]</c>.
/// <see cref="SamplePeriodMs"/> is the spacing between rows; <see cref="StartMs"/> the time of row 0.
/// </summary>
public sealed class TimeSeries
{
    public TimeSeries(double[] data, int regions, double samplePeriodMs, double startMs = 0, IReadOnlyList<string>? labels = null, string variable = "")
    {
        ArgumentNullException.ThrowIfNull(data);
        if (regions <= 0) throw new FwbmException($"TimeSeries: regions = {regions}; expected ≥ 1.");
        if (data.Length % regions != 0) throw new FwbmException($"TimeSeries: {data.Length} values do not split into rows of {regions} regions.");
        if (!(samplePeriodMs > 0)) throw new FwbmException($"TimeSeries: sample period {samplePeriodMs} ms; expected > 0.");
        if (labels is not null && labels.Count != regions) throw new FwbmException($"TimeSeries: {labels.Count} labels for {regions} regions.");
        Data = data; Regions = regions; SamplePeriodMs = samplePeriodMs; StartMs = startMs; Labels = labels; Variable = variable;
    }

    public double[] Data { get; }
    public int Regions { get; }
    public int Length => Data.Length / Regions;
    public double SamplePeriodMs { get; }
    public double StartMs { get; }
    public IReadOnlyList<string>? Labels { get; }
    /// <summary>What is sampled (e.g. "bold", "x").</summary>
    public string Variable { get; }
    /// <summary>The dataset it was loaded from (licence and citation to show with it); null for simulated or user-made series.</summary>
    public Connectivity.ConnectomeSource? Source { get; init; }

    public double this[int t, int r] => Data[t * Regions + r];
    public double TimeMs(int t) => StartMs + t * SamplePeriodMs;
    public ReadOnlySpan<double> Row(int t) => Data.AsSpan(t * Regions, Regions);

    /// <summary>One region's samples as a new array.</summary>
    public double[] Region(int r)
    {
        var a = new double[Length];
        for (int t = 0; t < a.Length; t++) a[t] = Data[t * Regions + r];
        return a;
    }

    /// <summary>Rows [from, from+count).</summary>
    public TimeSeries Slice(int from, int count) =>
        new(Data.AsSpan(from * Regions, count * Regions).ToArray(), Regions, SamplePeriodMs, TimeMs(from), Labels, Variable) { Source = Source };
}
