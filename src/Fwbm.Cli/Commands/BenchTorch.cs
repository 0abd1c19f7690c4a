using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Torch;
using Fwbm.Torch.Fitting;
using TorchSharp;
using static TorchSharp.torch;

using Fwbm.Core.Options;

namespace Fwbm.Cli.Commands;

/// <summary>Settings of the Torch fit benchmark (the whobpyt setup: 80 regions, 1200 TRs, reduced Wong–Wang).</summary>
internal sealed record BenchTorchOptions
{
    /// <summary>Model; null = the reduced Wong–Wang / DMF model when registered, else hopf.</summary>
    public string? Model { get; init; }
    public int Regions { get; init; } = 80;
    public int Trs { get; init; } = 1200;
    public double TrMs { get; init; } = 720;
    /// <summary>Integration step; null = the model's largest stable step (MaxDtMs), as whobpyt integrates coarsely.</summary>
    public double? DtMs { get; init; }
    /// <summary>TRs per truncated-backpropagation window (whobpyt: 20–50).</summary>
    public int WindowTrs { get; init; } = 20;
    /// <summary>Windows timed per dtype (after one warm-up window).</summary>
    public int Windows { get; init; } = 2;
    public string Device { get; init; } = "cpu";
    public IReadOnlyList<string> DTypes { get; init; } = ["float32", "float64"];
}

/// <summary>One measured configuration.</summary>
internal sealed record BenchTorchRow(string Model, string DType, string Device, int Regions, double DtMs, long StepsPerWindow, long StepsPerEpoch,
    double SecondsPerStep, double SecondsPerWindow, double SecondsPerEpoch, double PeakRssMb, string PeakRssScope);

/// <summary>
/// The Torch part of <c>fwbm bench</c>: seconds per forward+backward integration step (and per window and per epoch, extrapolated
/// from timed windows) of a gradient fit of G and one per-region parameter on an 80-region connectome, float32 and float64, and the
/// process's peak resident memory: <c>fwbm bench --torch</c> (one call to <see cref="Run"/>) and the command <c>fwbm bench-torch</c>.
/// </summary>
internal static class BenchTorch
{
    public static IReadOnlyList<BenchTorchRow> Run(BenchTorchOptions o, TextWriter? log = null)
    {
        TorchRuntime.EnsureLoaded();
        if (o.WindowTrs < 3) throw new FwbmException($"bench-torch: --window {o.WindowTrs} TRs; expected at least 3 (an FC needs samples).");
        var model = ModelRegistry.Get(o.Model ?? "dmf");   // the reduced Wong–Wang (DMF) model is always registered
        var spec = model.Spec;
        double dt = o.DtMs ?? spec.MaxDtMs;
        // a whole number of steps per TR
        long perTr = Math.Max(1, (long)Math.Ceiling(o.TrMs / dt));
        dt = o.TrMs / perTr;
        var conn = FitInputs.SyntheticConnectome(o.Regions, 1);
        // the per-region parameter fitted next to G: the FIC weight J_i for the DMF (as whobpyt fits local weights), a for Hopf
        var regional = spec.Parameters.Select(p => p.Name).FirstOrDefault(n => n is "J_i" or "a")
            ?? spec.Parameters.FirstOrDefault(p => !spec.Noise.Any(n => n.Parameter == p.Name))?.Name ?? throw new FwbmException($"Model '{spec.Name}' has no parameter to fit.");
        var rows = new List<BenchTorchRow>();
        foreach (var dtype in o.DTypes)
        {
            // the peak of this dtype alone: reset the kernel's high-water mark first (otherwise float64 would report float32's peak too)
            GC.Collect(); GC.WaitForPendingFinalizers();
            string rssScope = ResetPeakRss() ? PerDtype : ProcessWide;
            var placement = TorchPlacement.Parse(o.Device, dtype);
            var sim = new TorchSimulator(model, conn, new SimulationOptions
            {
                DtMs = dt, DurationMs = o.Trs * o.TrMs, VelocityMPerS = 5, Integrator = IntegratorKind.Heun,
                Monitors = [new BoldMonitorSpec(o.TrMs) { IntegrationStepMs = dt }],
            }, placement);
            var defaults = ParameterSet.Defaults(spec, 0.1);
            using var g = torch.tensor(0.1, dtype: placement.DType, device: placement.Device).requires_grad_(true);
            using var pr = torch.tensor(Enumerable.Repeat(defaults[regional].Scalar, o.Regions).ToArray(), dtype: placement.DType, device: placement.Device).requires_grad_(true);
            var p = sim.Parameters(defaults).With("coupling", g).With(regional, pr);
            var rng = new Random(1);
            var tgt = new double[o.Regions * o.Regions];
            for (int i = 0; i < o.Regions; i++) for (int j = 0; j <= i; j++) tgt[i * o.Regions + j] = tgt[j * o.Regions + i] = i == j ? 1 : rng.NextDouble() - 0.3;
            using var target = torch.tensor(tgt, [o.Regions, o.Regions], dtype: placement.DType, device: placement.Device);
            using var state = sim.Initial(p, [1]);
            long stepsPerWindow = o.WindowTrs * perTr;
            var times = new List<double>();
            for (int w = 0; w <= o.Windows; w++)
            {
                var clock = Stopwatch.StartNew();
                using (var scope = torch.NewDisposeScope())
                {
                    using var s = sim.Advance(state, p, stepsPerWindow);
                    TorchFc.Loss(TorchFc.Pearson(s.Bold!), target).backward();
                    g.grad?.zero_(); pr.grad?.zero_();
                    state.Detach();
                }
                if (w > 0) times.Add(clock.Elapsed.TotalSeconds);
                log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {spec.Name} {dtype} window {w}{(w == 0 ? " (warm-up)" : "")}: {clock.Elapsed.TotalSeconds:F2} s for {stepsPerWindow} steps"));
            }
            double perWindow = times.Average(), perStep = perWindow / stepsPerWindow;
            long stepsPerEpoch = o.Trs * perTr;
            rows.Add(new BenchTorchRow(spec.Name, dtype, placement.Device.ToString(), o.Regions, dt, stepsPerWindow, stepsPerEpoch, perStep, perWindow, perStep * stepsPerEpoch, PeakRssMb(), rssScope));
        }
        return rows;
    }

    /// <summary>How <see cref="BenchTorchRow.PeakRssMb"/> was measured.</summary>
    public const string PerDtype = "per dtype (VmHWM reset through /proc/self/clear_refs before each dtype)";
    public const string ProcessWide = "process-wide (the peak could not be reset: it includes everything the process did before)";

    /// <summary>Reset the process's peak resident set size (VmHWM) to the current RSS (Linux ≥ 4.0: write "5" to
    /// /proc/self/clear_refs); false where that is unavailable.</summary>
    public static bool ResetPeakRss()
    {
        try
        {
            if (!OperatingSystem.IsLinux()) return false;
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Peak resident set size of this process (VmHWM) in MB; the working set where /proc is unavailable.</summary>
    public static double PeakRssMb()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException) { }
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
    }

    public static Command Create()
    {
        var options = new CliOptions(OptionCatalog.BenchTorch);
        var cmd = options.CreateCommand();
        cmd.SetAction(pr =>
        {
            var w = pr.InvocationConfiguration.Output;
            var o = options.Read(pr);
            bool asJson = o.Flag("json");
            var rows = Run(new BenchTorchOptions
            {
                Model = o.Text("model"), Regions = o.Integer("regions")!.Value, Trs = o.Integer("trs")!.Value, DtMs = o.DurationMs("dt"),
                Windows = o.Integer("windows")!.Value, WindowTrs = o.Integer("window")!.Value, Device = o.Text("device")!,
            }, asJson ? null : w);
            if (asJson) w.WriteLine(JsonSerializer.Serialize(ToJson(rows), new JsonSerializerOptions { WriteIndented = true }));
            else WriteTable(rows, w);
            return 0;
        });
        return cmd;
    }

    public static void WriteTable(IReadOnlyList<BenchTorchRow> rows, TextWriter w)
    {
        foreach (var r in rows)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"torch: {r.Model} {r.Regions} regions {r.DType} on {r.Device}, dt {r.DtMs:G4} ms: {r.SecondsPerStep * 1e3:F3} ms per forward+backward step, {r.SecondsPerWindow:F2} s per {r.StepsPerWindow}-step window, {r.SecondsPerEpoch:F1} s per epoch ({r.StepsPerEpoch} steps), peak RSS {r.PeakRssMb:F0} MB ({(r.PeakRssScope == PerDtype ? "this dtype" : "process-wide")})"));
    }

    /// <summary>The Core bench JSON object with the torch_… keys added.</summary>
    public static string MergeJson(string coreJson, IReadOnlyList<BenchTorchRow> rows)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(coreJson)!.AsObject();
        foreach (var (k, v) in ToJson(rows)) if (k != "machine") node[k] = JsonSerializer.SerializeToNode(v);
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The keys <c>fwbm bench --json</c> adds (torch_…).</summary>
    public static Dictionary<string, object> ToJson(IReadOnlyList<BenchTorchRow> rows)
    {
        var d = new Dictionary<string, object>();
        foreach (var r in rows)
        {
            d[$"torch_seconds_per_step_{r.DType}"] = r.SecondsPerStep;
            d[$"torch_seconds_per_epoch_{r.DType}"] = r.SecondsPerEpoch;
            d[$"torch_peak_rss_mb_{r.DType}"] = r.PeakRssMb;
            d[$"torch_peak_rss_scope_{r.DType}"] = r.PeakRssScope;
        }
        d["torch_rows"] = rows;
        d["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, torch threads {torch.get_num_threads()}";
        return d;
    }
}
