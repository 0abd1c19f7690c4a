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
    /// <summary>Batch sizes of the per-step measurement (<see cref="BenchTorchStepRow"/>).</summary>
    public IReadOnlyList<int> StepBatches { get; init; } = [1, 64];
    /// <summary>Steps per timed stretch of the per-step measurement (the median of <see cref="StepRepeats"/> stretches is reported).</summary>
    public int StepsTimed { get; init; } = 100;
    public int StepRepeats { get; init; } = 3;
}

/// <summary>One per-step measurement: ms per integration step of a batch, forward only (no graph) or forward+backward.</summary>
internal sealed record BenchTorchStepRow(string Model, string DType, string Device, int Regions, double DtMs, int Batch, bool Backward,
    double MsPerStep, double MsPerMemberStep, int StepsTimed, int Repeats);

/// <summary>What <see cref="BenchTorch.Run"/> measured: the fit rows (as a list, as before) and the per-step rows.</summary>
internal sealed record BenchTorchResult(IReadOnlyList<BenchTorchRow> Fit, IReadOnlyList<BenchTorchStepRow> Steps) : IReadOnlyList<BenchTorchRow>
{
    public BenchTorchRow this[int index] => Fit[index];
    public int Count => Fit.Count;
    public IEnumerator<BenchTorchRow> GetEnumerator() => Fit.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>One measured configuration.</summary>
internal sealed record BenchTorchRow(string Model, string DType, string Device, int Regions, double DtMs, long StepsPerWindow, long StepsPerEpoch,
    double SecondsPerStep, double SecondsPerWindow, double SecondsPerEpoch, double PeakRssMb, string PeakRssScope);

/// <summary>
/// The Torch part of <c>fwbm bench</c>: seconds per forward+backward integration step (and per window and per epoch, extrapolated
/// from timed windows) of a gradient fit of G and one per-region parameter on an 80-region connectome, float32 and float64, and the
/// process's peak resident memory: <c>fwbm bench --torch</c> (one call to <see cref="Run"/>) and the command <c>fwbm bench-torch</c>.
/// Next to it, the per-step cost on the same setup (DMF, 80 regions, Heun, delays, BOLD): ms per step for batch 1 and 64, forward
/// only (under no_grad) and forward+backward (G and the per-region parameter as leaves, backward from the end state), per dtype.
/// </summary>
internal static class BenchTorch
{
    public static BenchTorchResult Run(BenchTorchOptions o, TextWriter? log = null)
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
        var stepRows = new List<BenchTorchStepRow>();
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
            foreach (int batch in o.StepBatches)
                foreach (bool backward in new[] { false, true })
                    stepRows.Add(StepCost(sim, spec, regional, batch, backward, o, log));
        }
        return new BenchTorchResult(rows, stepRows);
    }

    /// <summary>
    /// ms per integration step of a batch on <paramref name="sim"/>: after a warm-up stretch, the median over
    /// <see cref="BenchTorchOptions.StepRepeats"/> stretches of <see cref="BenchTorchOptions.StepsTimed"/> steps; forward only under
    /// no_grad, or with G and the per-region parameter as leaves and a backward pass from the stretch's end state (then detached).
    /// </summary>
    private static BenchTorchStepRow StepCost(TorchSimulator sim, ModelSpec spec, string regional, int batch, bool backward, BenchTorchOptions o, TextWriter? log)
    {
        if (batch < 1 || o.StepsTimed < 1 || o.StepRepeats < 1)
            throw new FwbmException($"bench-torch: step batch {batch}, steps {o.StepsTimed}, repeats {o.StepRepeats}; expected each at least 1.");
        var placement = sim.Placement;
        var sets = Enumerable.Repeat(ParameterSet.Defaults(spec, 0.1), batch).ToArray();
        using var outer = torch.NewDisposeScope();
        var p = sim.Parameters(sets);
        Tensor? g = null, pr = null;
        if (backward)
        {
            g = torch.tensor(0.1, dtype: placement.DType, device: placement.Device).requires_grad_(true);
            pr = torch.tensor(Enumerable.Repeat(sets[0][regional].Scalar, sim.Regions).ToArray(), dtype: placement.DType, device: placement.Device).requires_grad_(true);
            p = p.With("coupling", g).With(regional, pr);
        }
        using var state = sim.Initial(p, Enumerable.Range(1, batch).Select(i => (ulong)i).ToArray());
        var times = new List<double>();
        for (int rep = 0; rep <= o.StepRepeats; rep++)
        {
            var clock = Stopwatch.StartNew();
            using (var scope = torch.NewDisposeScope())
            {
                if (backward)
                {
                    using (sim.Advance(state, p, o.StepsTimed)) { }
                    var loss = torch.stack(state.X.Select(x => x.sum()).ToArray()).sum();   // no Scalar temporaries
                    loss.backward();
                    g!.grad?.zero_(); pr!.grad?.zero_();
                    state.Detach();
                }
                else
                    using (torch.no_grad())
                    using (sim.Advance(state, p, o.StepsTimed)) { }
            }
            if (rep > 0) times.Add(clock.Elapsed.TotalMilliseconds / o.StepsTimed);   // stretch 0 warms up
        }
        times.Sort();
        double ms = times[times.Count / 2];
        log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {spec.Name} {DTypeName(placement.DType)} batch {batch} {(backward ? "forward+backward" : "forward")}: {ms:F3} ms per step"));
        return new BenchTorchStepRow(spec.Name, DTypeName(placement.DType), placement.Device.ToString(), sim.Regions, sim.Core.Options.DtMs, batch, backward, ms, ms / batch, o.StepsTimed, o.StepRepeats);
    }

    private static string DTypeName(ScalarType t) => t == ScalarType.Float32 ? "float32" : t == ScalarType.Float64 ? "float64" : t.ToString().ToLowerInvariant();

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
            if (asJson)
            {
                var json = ToJson(rows.Fit);
                foreach (var (k, v) in StepJson(rows.Steps)) json[k] = v;
                w.WriteLine(JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
            }
            else WriteTable(rows, w);
            return 0;
        });
        return cmd;
    }

    public static void WriteTable(BenchTorchResult result, TextWriter w)
    {
        WriteTable(result.Fit, w);
        foreach (var r in result.Steps)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"torch step: {r.Model} {r.Regions} regions {r.DType} on {r.Device}, dt {r.DtMs:G4} ms, batch {r.Batch}, {(r.Backward ? "forward+backward" : "forward only")}: {r.MsPerStep:F3} ms per step ({r.MsPerMemberStep:F4} ms per member)"));
    }

    public static void WriteTable(IReadOnlyList<BenchTorchRow> rows, TextWriter w)
    {
        foreach (var r in rows)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"torch: {r.Model} {r.Regions} regions {r.DType} on {r.Device}, dt {r.DtMs:G4} ms: {r.SecondsPerStep * 1e3:F3} ms per forward+backward step, {r.SecondsPerWindow:F2} s per {r.StepsPerWindow}-step window, {r.SecondsPerEpoch:F1} s per epoch ({r.StepsPerEpoch} steps), peak RSS {r.PeakRssMb:F0} MB ({(r.PeakRssScope == PerDtype ? "this dtype" : "process-wide")})"));
    }

    /// <summary>The Core bench JSON object with the torch_… keys added, the per-step keys included.</summary>
    public static string MergeJson(string coreJson, BenchTorchResult result)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(MergeJson(coreJson, result.Fit))!.AsObject();
        foreach (var (k, v) in StepJson(result.Steps)) node[k] = JsonSerializer.SerializeToNode(v);
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// The per-step keys: <c>torch_ms_per_step_&lt;dtype&gt;_b&lt;batch&gt;_forward</c> and <c>…_forward_backward</c> (ms per step of the
    /// whole batch), <c>torch_ms_per_member_step_…</c> (divided by the batch) and <c>torch_step_rows</c> (every row with its setup).
    /// </summary>
    public static Dictionary<string, object> StepJson(IReadOnlyList<BenchTorchStepRow> rows)
    {
        var d = new Dictionary<string, object>();
        foreach (var r in rows)
        {
            string tail = $"{r.DType}_b{r.Batch}_{(r.Backward ? "forward_backward" : "forward")}";
            d[$"torch_ms_per_step_{tail}"] = r.MsPerStep;
            d[$"torch_ms_per_member_step_{tail}"] = r.MsPerMemberStep;
        }
        d["torch_step_rows"] = rows;
        return d;
    }

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
