using System.Globalization;

namespace Fwbm.Core.Simulation.Stimuli;

/// <summary>
/// <c>csv(@wave.csv, amplitude=1)</c>: any waveform from a file of (time, value) rows, linearly interpolated and 0 outside the first
/// and last time; multiplied by the amplitude. Times are in ms since the window opens, in seconds when the first column's header
/// ends in <c>_s</c> or <c>(s)</c> (e.g. <c>time_s,value</c>); a header row is optional. The file is read when the stimulus is bound to a
/// run (relative paths from the working directory, or the notebook's).
/// </summary>
public sealed record CsvWaveform : Waveform
{
    private readonly double[] _t = [], _v = [];

    public CsvWaveform(string path, double amplitude = 1)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new FwbmException("csv: the file is empty; expected csv(@wave.csv).");
        Path = path.Trim();
        Amplitude = WaveformChecks.Finite("csv", "amplitude", amplitude, "1");
    }

    private CsvWaveform(string path, double amplitude, double[] t, double[] v) : this(path, amplitude) { _t = t; _v = v; }

    /// <summary>The file as given (relative to the run's directory).</summary>
    public string Path { get; }
    public double Amplitude { get; }
    /// <summary>True once the file was read (<see cref="Bind"/>).</summary>
    public bool Loaded => _t.Length > 0;
    /// <summary>The times (ms) and values read.</summary>
    public IReadOnlyList<double> TimesMs => _t;
    public IReadOnlyList<double> Values => _v;
    public override string Shape => "csv";

    /// <summary>A waveform from given samples (times in ms, strictly increasing); <paramref name="path"/> names it in texts.</summary>
    public static CsvWaveform FromSamples(string path, IReadOnlyList<double> timesMs, IReadOnlyList<double> values, double amplitude = 1)
    {
        Check(path, timesMs.ToArray(), values.ToArray());
        return new CsvWaveform(path, amplitude, timesMs.ToArray(), values.ToArray());
    }

    public override Waveform Bind(string baseDirectory, double dtMs)
    {
        if (Loaded) return this;
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, Path));
        if (!File.Exists(full)) throw new FwbmException($"csv: file '{Path}' not found (looked for {full}); expected a CSV of time,value rows.");
        var (t, v) = Read(full);
        return new CsvWaveform(Path, Amplitude, t, v);
    }

    private static (double[] T, double[] V) Read(string file)
    {
        var t = new List<double>(); var v = new List<double>();
        double scale = 1;
        int line = 0;
        foreach (var raw in File.ReadLines(file))
        {
            line++;
            var s = raw.Trim();
            if (s.Length == 0 || s.StartsWith('#')) continue;
            var cells = s.Split(',', StringSplitOptions.TrimEntries);
            bool numeric = cells.Length >= 2 && double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var tv)
                && double.TryParse(cells[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var vv);
            if (!numeric)
            {
                if (t.Count == 0 && line == 1 && cells.Length >= 2)
                {
                    var h = cells[0].ToLowerInvariant();
                    if (h.EndsWith("_s", StringComparison.Ordinal) || h.EndsWith("(s)", StringComparison.Ordinal) || h is "s" or "time_sec") scale = 1000;
                    continue;
                }
                throw new FwbmException($"csv: {file} line {line} '{s}' is not a time,value row; expected two numbers such as 12.5,0.3 (times in ms, or seconds with a time_s header).");
            }
            t.Add(double.Parse(cells[0], CultureInfo.InvariantCulture) * scale);
            v.Add(double.Parse(cells[1], CultureInfo.InvariantCulture));
        }
        var ta = t.ToArray(); var va = v.ToArray();
        Check(file, ta, va);
        return (ta, va);
    }

    private static void Check(string file, double[] t, double[] v)
    {
        if (t.Length != v.Length) throw new FwbmException($"csv: {file} has {t.Length} times and {v.Length} values; expected one value per time.");
        if (t.Length < 2) throw new FwbmException($"csv: {file} has {t.Length} row(s); expected at least 2 time,value rows to interpolate between.");
        for (int i = 0; i < t.Length; i++)
        {
            if (!double.IsFinite(t[i]) || !double.IsFinite(v[i])) throw new FwbmException($"csv: {file} row {i + 1} is not finite; expected finite times and values.");
            if (i > 0 && !(t[i] > t[i - 1])) throw new FwbmException($"csv: {file} row {i + 1}: time {StimulusFormat.G(t[i])} ms is not after {StimulusFormat.G(t[i - 1])} ms; expected strictly increasing times.");
        }
    }

    private void RequireLoaded()
    {
        if (!Loaded) throw new InvalidOperationException($"csv: '{Path}' is read when the stimulus is bound to a run (Bind).");
    }

    public override double Value(double tauMs)
    {
        RequireLoaded();
        if (tauMs < _t[0] || tauMs > _t[^1]) return 0;
        int i = Segment(tauMs);
        return Amplitude * Lerp(i, tauMs);
    }

    public override double Integral(double fromMs, double toMs)
    {
        RequireLoaded();
        double a = Math.Max(Math.Max(fromMs, 0), _t[0]), b = Math.Min(toMs, _t[^1]);
        if (!(b > a)) return 0;
        double sum = 0;
        for (int i = Segment(a); i < _t.Length - 1 && _t[i] < b; i++)
        {
            double lo = Math.Max(a, _t[i]), hi = Math.Min(b, _t[i + 1]);
            if (hi > lo) sum += (hi - lo) * (Lerp(i, lo) + Lerp(i, hi)) / 2;
        }
        return Amplitude * sum;
    }

    /// <summary>The segment [t_i, t_{i+1}] holding <paramref name="tau"/> (inside the data).</summary>
    private int Segment(double tau)
    {
        int i = Array.BinarySearch(_t, tau);
        if (i < 0) i = ~i - 1;
        return Math.Clamp(i, 0, _t.Length - 2);
    }

    private double Lerp(int i, double tau) => _v[i] + (_v[i + 1] - _v[i]) * ((tau - _t[i]) / (_t[i + 1] - _t[i]));

    public override IEnumerable<double> OnsetsMs(double endMs)
    {
        if (Loaded && _t[0] < endMs) yield return Math.Max(_t[0], 0);
        else if (!Loaded && endMs > 0) yield return 0;
    }

    public bool Equals(CsvWaveform? other) => other is not null && Path == other.Path && Amplitude == other.Amplitude;
    public override int GetHashCode() => HashCode.Combine(Path, Amplitude);

    public override string ToString() => $"csv(@{Quote(Path)}, amplitude={StimulusFormat.Number(Amplitude)})";

    private static string Quote(string p) => p.IndexOfAny([',', ')', '(', ' ', '"']) >= 0 ? "\"" + p.Replace("\"", "\\\"") + "\"" : p;
}
