using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Fwbm.Core;

namespace Fwbm.Cli.Commands;

/// <summary>One <c>fwbm</c> child process as the benchmark ran it: wall time, the times the process reported in its summary.json
/// (<c>timings_s</c>), and its peak resident memory (VmHWM, polled every 10 ms while it ran, so a lower bound of the true peak).</summary>
internal sealed record ChildRun(double WallSeconds, double SimulateSeconds, double TotalSeconds, double LoadSeconds, double PeakRssMb)
{
    /// <summary>Everything the process spent outside the command's own clock (runtime start, JIT of the command line, exit).</summary>
    public double StartupSeconds => Math.Max(0, WallSeconds - TotalSeconds);
}

/// <summary>Runs <c>fwbm</c> itself as a child process: the same build as the running benchmark (this assembly), through the
/// apphost when the benchmark runs from it, else through the <c>dotnet</c> host.</summary>
internal static class BenchChild
{
    private static (string File, string[] Prefix) Command()
    {
        var dll = typeof(BenchChild).Assembly.Location;
        var host = Environment.ProcessPath;
        if (host is not null && Path.GetFileNameWithoutExtension(host) == "fwbm") return (host, []);
        var dotnet = host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return (dotnet, [dll]);
    }

    /// <summary>Runs <c>fwbm simulate</c> with <paramref name="args"/> (the output directory is a temporary one, removed afterwards).</summary>
    public static ChildRun Simulate(IReadOnlyList<string> args)
    {
        var dir = Path.Combine(Path.GetTempPath(), "fwbm-bench-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var (wall, peak) = Run(["simulate", .. args, "--out", dir], out _);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
            var t = doc.RootElement.GetProperty("timings_s");
            double Get(string k) => t.TryGetProperty(k, out var v) ? v.GetDouble() : double.NaN;
            return new ChildRun(wall, Get("simulate"), Get("total"), Get("load_connectome"), peak);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Wall seconds of <c>fwbm --version</c>: the bare process start-up (runtime, assembly load, command-line parsing).</summary>
    public static double Startup() => Run(["--version"], out _).Wall;

    private static (double Wall, double PeakRssMb) Run(IReadOnlyList<string> args, out string stdout)
    {
        var (file, prefix) = Command();
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in prefix) psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new FwbmException($"bench: could not start {file}.");
        var outTask = p.StandardOutput.ReadToEndAsync();
        var errTask = p.StandardError.ReadToEndAsync();
        double peakKb = 0;
        var status = $"/proc/{p.Id}/status";
        while (!p.WaitForExit(10)) peakKb = Math.Max(peakKb, ReadHwmKb(status));
        double wall = sw.Elapsed.TotalSeconds;
        stdout = outTask.Result;
        if (p.ExitCode != 0)
        {
            var first = errTask.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? $"exit code {p.ExitCode}";
            throw new FwbmException($"bench: child 'fwbm {string.Join(' ', args)}' failed: {first}");
        }
        return (wall, peakKb / 1024);
    }

    private static double ReadHwmKb(string status)
    {
        try
        {
            foreach (var l in File.ReadLines(status))
                if (l.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return double.Parse(l[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }
}
