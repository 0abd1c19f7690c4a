using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Cli.Commands;

/// <summary><c>fwbm simulate</c>: one simulation of a model on a connectome → bold.csv, fc.csv, summary.json.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var connectome = new Option<string>("--connectome") { Description = "Dataset id or path to a directory/file of matrices (weights.csv, optional tract_lengths.csv, labels.txt, empirical_fc.csv).", Required = true };
        var model = new Option<string>("--model") { Description = "Model name (see `fwbm models`).", Required = true };
        var param = new Option<string[]>("--param") { Description = "name=value, or name=v1,v2,… with one value per region; repeatable.", AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore };
        var coupling = new Option<string?>("--coupling", "-G", "--G") { Description = "Global coupling strength G." };
        var velocity = new Option<string?>("--velocity") { Description = "Conduction velocity in m/s (delays = tract length / velocity); omit for no delays." };
        var duration = new Option<string>("--duration") { Description = "Recorded duration (seconds, or with unit: 300s, 5min).", DefaultValueFactory = _ => "60" };
        var transient = new Option<string>("--transient") { Description = "Simulated and discarded before recording (seconds).", DefaultValueFactory = _ => "10" };
        var dt = new Option<string?>("--dt") { Description = "Integration step in ms (default: the model's)." };
        var tr = new Option<string>("--tr") { Description = "BOLD repetition time (seconds).", DefaultValueFactory = _ => "0.72" };
        var seed = new Option<string>("--seed") { Description = "Noise seed (a non-negative integer).", DefaultValueFactory = _ => "0" };
        var integrator = new Option<string>("--integrator") { Description = "heun or euler.", DefaultValueFactory = _ => "heun" };
        var bold = new Option<string>("--bold") { Description = "BOLD hemodynamics: balloon (Balloon–Windkessel, default) or direct (the model's BOLD drive averaged over each TR, as Deco 2017 for Hopf).", DefaultValueFactory = _ => "balloon" };
        var output = new Option<string>("--out") { Description = "Output directory (created; written atomically).", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the files of an existing, non-empty --out directory." };
        var mirror = new Option<string?>("--mirror") { Description = $"Offline data mirror for dataset ids (default: ${Fwbm.Core.Data.DataStore.MirrorVariable})." };
        var cache = new Option<string?>("--cache") { Description = $"Data cache folder (default: ${Fwbm.Core.Data.DataStore.CacheVariable}, else ~/.cache/fwbm)." };
        var offline = new Option<bool>("--offline") { Description = "Never use the network to fetch a dataset." };
        var sweep = new Option<string[]>("--sweep") { Description = "Sweep a parameter instead of one run: name=v1,v2,… or name=start:stop:count (repeatable: a grid). Writes sweep.csv (+ grid_<measure>.csv for two axes) and summary.json.", Arity = ArgumentArity.ZeroOrMore };
        var measure = new Option<string[]>("--measure") { Description = "Sweep measures of the catalogue (fwbm measures), name or name=target: fc_similarity (default when the connectome has an empirical FC), fc_distance, mean_fc, gs_std, fcd_ks (vs the dataset's BOLD), psd_peak=<Hz> (of BOLD). Best points follow each measure's goal.", Arity = ArgumentArity.ZeroOrMore };
        var negative = new Option<string>("--negative-weights") { Description = "auto (ids: clip, paths: error), error, clip or keep.", DefaultValueFactory = _ => "auto" };
        var cmd = new Command("simulate", "Simulate a model on a connectome and write bold.csv, fc.csv and summary.json.")
        { connectome, model, param, coupling, velocity, duration, transient, dt, tr, seed, integrator, bold, output, force, negative, mirror, cache, offline, sweep, measure };
        cmd.SetAction((pr, ct) => Task.FromResult(Run(new Request(
            pr.GetValue(connectome)!, pr.GetValue(model)!, pr.GetValue(param) ?? [], CliParse.Number(pr.GetValue(coupling), "--coupling"), CliParse.Number(pr.GetValue(velocity), "--velocity"),
            pr.GetValue(duration)!, pr.GetValue(transient)!, CliParse.Number(pr.GetValue(dt), "--dt"), pr.GetValue(tr)!, CliParse.Seed(pr.GetValue(seed)!, "--seed"), pr.GetValue(integrator)!,
            pr.GetValue(output)!, pr.GetValue(force), pr.GetValue(negative)!, args: pr.Tokens.Select(t => t.Value).ToArray())
            { Store = Store(pr.GetValue(mirror), pr.GetValue(cache), pr.GetValue(offline)), Sweep = pr.GetValue(sweep) ?? [], Measures = pr.GetValue(measure) ?? [], Bold = pr.GetValue(bold)!, Cancellation = ct }, pr.InvocationConfiguration.Output)));
        return cmd;
    }

    private static Fwbm.Core.Data.DataStore? Store(string? mirror, string? cache, bool offline)
    {
        if (mirror is null && cache is null && !offline) return null;
        var s = Fwbm.Core.Data.DataStore.FromEnvironment(mirror, cache);
        return offline ? new Fwbm.Core.Data.DataStore(s.CacheDirectory, s.MirrorDirectory, allowNetwork: false) : s;
    }

    internal sealed record Request(string Connectome, string Model, string[] Params, double? Coupling, double? Velocity, string Duration,
        string Transient, double? DtMs, string Tr, ulong Seed, string Integrator, string Out, bool Force, string NegativeWeights, string[] args)
    {
        public Fwbm.Core.Data.DataStore? Store { get; init; }
        public string[] Sweep { get; init; } = [];
        public string[] Measures { get; init; } = [];
        /// <summary>Ctrl+C / SIGTERM: the run stops and the staged output directory is removed (nothing partial is written).</summary>
        public CancellationToken Cancellation { get; init; }
        public string Bold { get; init; } = "balloon";
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The command line as typed: "fwbm", "simulate", then the options (the parser's tokens already start with the command).</summary>
    private static bool WholeSteps(double ms, double dtMs)
    {
        double k = ms / dtMs;
        return Math.Round(k) >= 1 && Math.Abs(k - Math.Round(k)) <= 1e-6 * Math.Max(1, k);
    }

    internal static IEnumerable<string> CommandLine(Request q) =>
        new[] { "fwbm" }.Concat(q.args.Length > 0 && q.args[0] == "simulate" ? q.args : q.args.Prepend("simulate"));

    /// <summary>"name=value" or "name=v1,v2,…" (per region).</summary>
    internal static ParameterSet ApplyParams(ParameterSet p, IEnumerable<string> items, int regions)
    {
        foreach (var item in items)
        {
            int eq = item.IndexOf('=');
            if (eq <= 0 || eq == item.Length - 1) throw new FwbmException($"--param '{item}': expected name=value or name=v1,v2,… (one value per region).");
            var name = item[..eq].Trim();
            var parts = item[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries);
            var values = new double[parts.Length];
            for (int k = 0; k < parts.Length; k++)
                if (!double.TryParse(parts[k], NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]))
                    throw new FwbmException($"--param '{item}': '{parts[k]}' is not a number.");
            try
            {
                if (values.Length == 1) p = p.With(name, values[0]);
                else
                {
                    if (values.Length != regions) throw new FwbmException($"{values.Length} values given; expected one per region ({regions}).");
                    p = p.With(name, values);
                }
            }
            catch (FwbmException e) { throw new FwbmException($"--param '{(item.Length > 60 ? item[..60] + "…" : item)}': {e.Message}"); }
        }
        return p;
    }

    internal static int Run(Request q, TextWriter stdout)
    {
        var clock = Stopwatch.StartNew();
        ModelHandle handle;
        try { handle = ModelRegistry.Get(q.Model); }
        catch (FwbmException e) { throw new FwbmException($"--model: {e.Message}"); }
        var spec = handle.Spec;
        double durationMs = CliParse.DurationMs(q.Duration, "--duration");
        double transientMs = CliParse.DurationMs(q.Transient, "--transient");
        double trMs = CliParse.DurationMs(q.Tr, "--tr");
        double dtMs = q.DtMs ?? spec.DefaultDtMs;
        if (!(dtMs > 0) || !double.IsFinite(dtMs)) throw new FwbmException($"--dt {F(dtMs)}: expected a positive step in ms.");
        if (dtMs > spec.MaxDtMs) throw new FwbmException($"--dt {F(dtMs)}: larger than model '{spec.Name}' can integrate stably (max dt {F(spec.MaxDtMs)} ms).");
        if (durationMs <= 0) throw new FwbmException($"--duration '{q.Duration}': expected a positive duration.");
        if (trMs <= 0) throw new FwbmException($"--tr '{q.Tr}': expected a positive repetition time.");
        if (trMs > durationMs) throw new FwbmException($"--tr '{q.Tr}' is longer than --duration '{q.Duration}'; expected at least one BOLD sample.");
        if (Math.Floor(durationMs / trMs + 1e-9) < 2)
            throw new FwbmException($"--duration '{q.Duration}' with --tr '{q.Tr}' gives {Math.Floor(durationMs / trMs + 1e-9)} BOLD sample; FC needs at least 2: use a longer --duration or a shorter --tr.");
        if (!WholeSteps(trMs, dtMs))
            throw new FwbmException($"--tr '{q.Tr}' ({F(trMs)} ms) is not a whole number of integration steps (--dt {F(dtMs)} ms{(q.DtMs is null ? ", the model's default" : "")}); choose a --tr that is a multiple of --dt.");
        if (q.Velocity is double v && !(v > 0 && double.IsFinite(v))) throw new FwbmException($"--velocity {F(v)}: expected a positive conduction velocity in m/s (omit it for no delays).");
        var integrator = q.Integrator.ToLowerInvariant() switch
        {
            "heun" => IntegratorKind.Heun,
            "euler" or "euler-maruyama" or "em" => IntegratorKind.EulerMaruyama,
            _ => throw new FwbmException($"--integrator '{q.Integrator}': expected heun or euler."),
        };
        var hemodynamics = q.Bold.ToLowerInvariant() switch
        {
            "balloon" => BoldHemodynamics.Balloon,
            "direct" => BoldHemodynamics.Direct,
            _ => throw new FwbmException($"--bold '{q.Bold}': expected balloon or direct."),
        };
        using var outDir = new OutputDirectory(q.Out, q.Force);

        var loadClock = Stopwatch.StartNew();
        var conn = ConnectomeInput.Load(q.Connectome, q.NegativeWeights, q.Store);
        double loadSeconds = loadClock.Elapsed.TotalSeconds;
        var options = new SimulationOptions
        {
            DtMs = dtMs, DurationMs = durationMs, TransientMs = transientMs, VelocityMPerS = q.Velocity, Integrator = integrator,
            Monitors = [new BoldMonitorSpec(trMs) { Hemodynamics = hemodynamics }],
        };
        Simulator sim;
        try { sim = new Simulator(handle, conn, options); }
        catch (FwbmException e) when (e.Message.StartsWith("duration", StringComparison.Ordinal) || e.Message.StartsWith("transient", StringComparison.Ordinal))
        { throw new FwbmException($"--{e.Message}"); }
        catch (FwbmException e) when (q.Velocity is double vel && (e.Message.Contains("tract lengths") || e.Message.Contains("Delay")))
        { throw new FwbmException($"--velocity {F(vel)}: {e.Message}"); }
        var p = sim.DefaultParameters();
        if (q.Coupling is double g)
            try { p = p.WithCoupling(g); } catch (FwbmException e) { throw new FwbmException($"--coupling {F(g)}: {e.Message}"); }
        p = ApplyParams(p, q.Params, conn.Count);
        try { spec.CheckDt(dtMs, p); }
        catch (FwbmException e) { throw new FwbmException($"--dt {F(dtMs)}{(q.DtMs is null ? " (the model's default)" : "")}: {e.Message}"); }
        if (q.Sweep.Length > 0) return RunSweep(q, stdout, handle, conn, options, p, outDir, clock);
        if (q.Measures.Length > 0) throw new FwbmException("--measure applies to a sweep; add --sweep name=values.");

        var simClock = Stopwatch.StartNew();
        var result = sim.Run(p, q.Seed, null, q.Cancellation);
        double simSeconds = simClock.Elapsed.TotalSeconds;
        var fcClock = Stopwatch.StartNew();
        var bold = result.Bold;
        var fc = FunctionalConnectivity.Compute(bold);
        double? similarity = conn.HasEmpiricalFc && conn.Count >= 3 ? FcSimilarity.Compute(fc, conn.EmpiricalFc, conn.Count) : null;
        string? similarityNote = !conn.HasEmpiricalFc ? null : conn.Count < 3
            ? $"not computed: FC similarity correlates the {conn.Count * (conn.Count - 1) / 2} upper-triangle entries of the FC matrices and needs at least 3 regions (the connectome has {conn.Count})" : null;
        double fcSeconds = fcClock.Elapsed.TotalSeconds;

        outDir.Write("bold.csv", w => WriteBold(w, bold, conn.Labels));
        outDir.Write("fc.csv", w => WriteMatrix(w, fc, conn.Count));
        outDir.Write("summary.json", w => WriteSummary(w, q, handle, conn, sim, p, bold, similarity, similarityNote,
            new Dictionary<string, double> { ["load_connectome"] = loadSeconds, ["simulate"] = simSeconds, ["fc"] = fcSeconds, ["total"] = clock.Elapsed.TotalSeconds }));
        outDir.Commit(last: "summary.json");
        stdout.WriteLine($"wrote {outDir.Target}: bold.csv ({bold.Length} samples × {bold.Regions} regions, TR {F(trMs / 1000)} s), fc.csv, summary.json" +
            (similarity is double s ? $"; fc_similarity = {s.ToString("F4", CultureInfo.InvariantCulture)}" : "") +
            $" ({simSeconds.ToString("F2", CultureInfo.InvariantCulture)} s simulation)");
        return 0;
    }

    private static int RunSweep(Request q, TextWriter stdout, ModelHandle handle, Connectome conn, SimulationOptions options, ParameterSet p,
        OutputDirectory outDir, Stopwatch clock)
    {
        var axes = q.Sweep.Select(a =>
        {
            try { return Fwbm.Core.Exploration.ParameterAxis.Parse(a); }
            catch (FwbmException e) { throw new FwbmException($"--sweep {e.Message}"); }
        }).ToArray();
        string[] names = q.Measures.SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        if (names.Length == 0) names = conn.HasEmpiricalFc && conn.Count >= 3 ? ["fc_similarity", "mean_fc"] : ["mean_fc"];
        var measures = names.Select(m => SweepMeasureFor(m, conn, q.Store)).ToArray();
        if (measures.Select(m => m.Name).Distinct().Count() != measures.Length) throw new FwbmException($"--measure lists a measure twice ({string.Join(",", names)}).");
        Fwbm.Core.Exploration.Sweep sweep;
        try
        {
            sweep = new Fwbm.Core.Exploration.Sweep(handle, conn, options, new Fwbm.Core.Exploration.ParameterSpace(axes), measures, p,
                new Fwbm.Core.Exploration.SweepOptions { Seed = q.Seed });
        }
        catch (FwbmException e) { throw new FwbmException($"--sweep: {e.Message}"); }
        var simClock = Stopwatch.StartNew();
        var table = sweep.Run(null, q.Cancellation);
        double simSeconds = simClock.Elapsed.TotalSeconds;
        outDir.Write("sweep.csv", table.WriteCsv);
        if (axes.Length == 2)
            foreach (var m in table.MeasureNames)
                outDir.Write($"grid_{m}.csv", w =>
                {
                    var g = table.Grid(m);
                    w.WriteLine(string.Join(",", new[] { $"{table.ParameterNames[0]}\\{table.ParameterNames[1]}" }.Concat(axes[1].Values.Select(F))));
                    for (int i = 0; i < g.GetLength(0); i++)
                        w.WriteLine(string.Join(",", new[] { F(axes[0].Values[i]) }.Concat(Enumerable.Range(0, g.GetLength(1)).Select(j => F(g[i, j])))));
                });
        outDir.Write("summary.json", w =>
        {
            using var ms = new MemoryStream();
            using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                j.WriteStartObject();
                j.WriteString("created_utc", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                j.WriteStartArray("command"); foreach (var a in CommandLine(q)) j.WriteStringValue(a); j.WriteEndArray();
                j.WriteStartObject("model"); j.WriteString("name", handle.Spec.Name); j.WriteString("citation", handle.Spec.Citation); j.WriteEndObject();
                j.WriteString("base_parameters", p.ToString());
                j.WriteStartObject("sweep");
                foreach (var (a, name) in axes.Zip(table.ParameterNames)) { j.WriteStartArray(name); foreach (var v in a.Values) j.WriteNumberValue(v); j.WriteEndArray(); }
                j.WriteEndObject();
                j.WriteStartArray("measures"); foreach (var m in table.MeasureNames) j.WriteStringValue(m); j.WriteEndArray();
                j.WriteNumber("runs", table.Rows.Count); j.WriteNumber("failed_runs", table.Rows.Count(r => r.Failed));
                j.WriteStartObject("goals"); foreach (var (m, g) in table.MeasureNames.Zip(table.MeasureGoals)) j.WriteString(m, g.ToString()); j.WriteEndObject();
                foreach (var m in table.MeasureNames)
                {
                    if (table.Rows.All(r => r.Failed)) break;
                    if (!table.GoalOf(m).Ranks) continue; // descriptive: no best point
                    var best = table.Best(m);
                    j.WriteStartObject($"best_{m}");
                    foreach (var (name, v) in table.ParameterNames.Zip(best.Values)) j.WriteNumber(name, v);
                    j.WriteNumber("value", best.Measure);
                    j.WriteEndObject();
                }
                j.WriteStartObject("connectome"); j.WriteString("name", conn.Name); j.WriteNumber("regions", conn.Count);
                if (conn.Source is { } src) { j.WriteString("source", src.DatasetId); j.WriteString("citation", src.Citation); j.WriteString("licence", src.Licence); }
                j.WriteEndObject();
                j.WriteNumber("seed", q.Seed);
                j.WriteStartObject("options"); j.WriteNumber("dt_ms", options.DtMs); j.WriteNumber("duration_ms", options.DurationMs); j.WriteNumber("transient_ms", options.TransientMs);
                j.WriteString("bold", q.Bold.ToLowerInvariant());
                if (options.VelocityMPerS is double vel) j.WriteNumber("velocity_m_per_s", vel); else j.WriteNull("velocity_m_per_s");
                j.WriteEndObject();
                j.WriteStartObject("timings_s"); j.WriteNumber("sweep", Math.Round(simSeconds, 4)); j.WriteNumber("total", Math.Round(clock.Elapsed.TotalSeconds, 4)); j.WriteEndObject();
                j.WriteEndObject();
            }
            w.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
            w.WriteLine();
        });
        outDir.Commit(last: "summary.json");
        stdout.WriteLine($"wrote {outDir.Target}: sweep.csv ({table.Rows.Count} runs, {table.Rows.Count(r => r.Failed)} failed){(axes.Length == 2 ? ", grid_*.csv" : "")}, summary.json ({simSeconds.ToString("F2", CultureInfo.InvariantCulture)} s)");
        return 0;
    }

    /// <summary>A measure of the catalogue (<c>name</c> or <c>name=target</c>) bound for a CLI sweep, which records BOLD only: measures
    /// needing a recorded state variable or a target spectrum are refused with the way to get them.</summary>
    internal static Fwbm.Core.Exploration.SweepMeasure SweepMeasureFor(string spec, Connectome conn, Fwbm.Core.Data.DataStore? store)
    {
        Fwbm.Core.Measures.IMeasure measure; double? target;
        try { (measure, target) = Fwbm.Core.Measures.MeasureCatalog.ParseSpec(spec); }
        catch (FwbmException e) { throw new FwbmException($"--measure {e.Message}"); }
        var d = measure.Definition;
        var needs = d.Needs;
        var settings = new Fwbm.Core.Measures.MeasureSettings { Target = target };
        if (needs.HasFlag(Fwbm.Core.Measures.MeasureNeeds.EmpiricalFc))
        {
            if (!conn.HasEmpiricalFc) throw new FwbmException($"--measure {d.Name}: connectome '{conn.Name}' has no empirical FC.");
            if (conn.Count < 3) throw new FwbmException($"--measure {d.Name}: needs at least 3 regions; connectome '{conn.Name}' has {conn.Count}.");
        }
        if (needs.HasFlag(Fwbm.Core.Measures.MeasureNeeds.EmpiricalBold))
        {
            string? id = conn.Source?.DatasetId;
            if (id is null || !Fwbm.Core.Data.Datasets.IsDatasetId(id) || !Fwbm.Core.Data.Datasets.Info(id).Has("bold"))
                throw new FwbmException($"--measure {d.Name}: needs empirical BOLD time series; connectome '{conn.Name}' does not come from a dataset with BOLD " +
                    $"(datasets with BOLD: {string.Join(", ", Fwbm.Core.Data.Datasets.List().Where(x => x.Has("bold")).Select(x => x.Id))}).");
            settings = settings with { EmpiricalBold = Fwbm.Core.Data.Datasets.Subjects(id).Select(s => Fwbm.Core.Data.Datasets.LoadBold(id, s, new Fwbm.Core.Data.BoldOptions { Store = store })).ToArray() };
        }
        if (needs.HasFlag(Fwbm.Core.Measures.MeasureNeeds.TargetSpectrum))
            throw new FwbmException($"--measure {d.Name}: needs a target spectrum, which fwbm simulate cannot take; use Core's MeasureCatalog.Bind(\"{d.Name}\", new MeasureSettings {{ Spectrum = … }}).");
        if (needs.HasFlag(Fwbm.Core.Measures.MeasureNeeds.RawState) && d.Name != Fwbm.Core.Measures.PsdPeakMeasure.Info.Name)
            throw new FwbmException($"--measure {d.Name}: needs a recorded state variable (phases), and a fwbm simulate sweep records BOLD only; use #!fwbm-sweep --measure {d.Name}.");
        if (d.Name == Fwbm.Core.Measures.PsdPeakMeasure.Info.Name) settings = settings with { Output = "bold" }; // the only signal a CLI sweep records
        try { return measure.Bind(settings); }
        catch (FwbmException e) { throw new FwbmException($"--measure {d.Name}: {e.Message}"); }
    }

    internal static void WriteBold(TextWriter w, TimeSeries bold, IReadOnlyList<string> labels)
    {
        w.Write("time_s");
        foreach (var l in labels) { w.Write(','); w.Write(CsvField(l)); }
        w.WriteLine();
        for (int t = 0; t < bold.Length; t++)
        {
            w.Write(F(bold.TimeMs(t) / 1000));
            var row = bold.Row(t);
            foreach (var v in row) { w.Write(','); w.Write(F(v)); }
            w.WriteLine();
        }
    }

    internal static void WriteMatrix(TextWriter w, ReadOnlySpan<double> m, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) { if (j > 0) w.Write(','); w.Write(F(m[i * n + j])); }
            w.WriteLine();
        }
    }

    private static string CsvField(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    private static void WriteSummary(TextWriter tw, Request q, ModelHandle handle, Connectome conn, Simulator sim, ParameterSet p, TimeSeries bold,
        double? similarity, string? similarityNote, IReadOnlyDictionary<string, double> timings)
    {
        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("fwbm_version", typeof(SimulateCommand).Assembly.GetName().Version?.ToString() ?? "");
            j.WriteString("created_utc", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            j.WriteStartArray("command"); foreach (var a in CommandLine(q)) j.WriteStringValue(a); j.WriteEndArray();
            j.WriteStartObject("model");
            j.WriteString("name", handle.Spec.Name); j.WriteString("title", handle.Spec.Title); j.WriteString("citation", handle.Spec.Citation);
            j.WriteEndObject();
            j.WriteStartObject("parameters");
            for (int k = 0; k < handle.Spec.ParameterCount; k++)
            {
                var ps = handle.Spec.Parameters[k];
                var v = p[k];
                if (v.PerRegion is { } pr) { j.WriteStartArray(ps.Name); foreach (var x in pr) j.WriteNumberValue(x); j.WriteEndArray(); }
                else j.WriteNumber(ps.Name, v.Scalar);
            }
            j.WriteNumber("coupling", p.Coupling);
            j.WriteEndObject();
            j.WriteStartObject("parameter_units");
            foreach (var ps in handle.Spec.Parameters) j.WriteString(ps.Name, ps.Unit);
            j.WriteEndObject();
            j.WriteStartObject("connectome");
            j.WriteString("name", conn.Name); j.WriteString("input", q.Connectome); j.WriteNumber("regions", conn.Count);
            j.WriteBoolean("tract_lengths", conn.HasTractLengths); j.WriteBoolean("empirical_fc", conn.HasEmpiricalFc);
            if (conn.Source is { } src)
            {
                j.WriteString("source", src.DatasetId); j.WriteString("title", src.Title); j.WriteString("licence", src.Licence); j.WriteString("citation", src.Citation);
                j.WriteStartArray("notes"); foreach (var note in src.Notes) j.WriteStringValue(note); j.WriteEndArray();
            }
            j.WriteStartArray("labels"); foreach (var l in conn.Labels) j.WriteStringValue(l); j.WriteEndArray();
            j.WriteEndObject();
            j.WriteNumber("seed", q.Seed);
            var o = sim.Options;
            j.WriteStartObject("options");
            j.WriteNumber("dt_ms", o.DtMs); j.WriteNumber("duration_ms", o.DurationMs); j.WriteNumber("transient_ms", o.TransientMs);
            if (o.VelocityMPerS is double v2) j.WriteNumber("velocity_m_per_s", v2); else j.WriteNull("velocity_m_per_s");
            j.WriteNumber("max_delay_steps", sim.MaxDelaySteps);
            j.WriteString("integrator", o.Integrator == IntegratorKind.Heun ? "heun" : "euler-maruyama");
            j.WriteString("coupling_function", sim.Coupling.Kind.ToString().ToLowerInvariant());
            j.WriteNumber("bold_tr_ms", bold.SamplePeriodMs);
            j.WriteString("bold", o.Monitors.OfType<BoldMonitorSpec>().First().Hemodynamics == BoldHemodynamics.Direct ? "direct" : "balloon");
            if (o.Monitors.OfType<BoldMonitorSpec>().First().Hemodynamics == BoldHemodynamics.Balloon) j.WriteString("bold_balloon", "Stephan 2007 / SPM priors");
            j.WriteNumber("steps", sim.TotalSteps);
            j.WriteEndObject();
            j.WriteStartObject("outputs");
            j.WriteStartObject("bold.csv"); j.WriteNumber("samples", bold.Length); j.WriteNumber("regions", bold.Regions); j.WriteNumber("first_sample_s", bold.StartMs / 1000); j.WriteEndObject();
            j.WriteStartObject("fc.csv"); j.WriteString("measure", "Pearson correlation of BOLD"); j.WriteNumber("regions", conn.Count); j.WriteEndObject();
            j.WriteEndObject();
            if (similarity is double s) j.WriteNumber("fc_similarity", s);
            else j.WriteNull("fc_similarity");
            if (similarityNote is not null) j.WriteString("fc_similarity_note", similarityNote);
            j.WriteStartObject("timings_s");
            foreach (var (k, v3) in timings) j.WriteNumber(k, Math.Round(v3, 4));
            j.WriteEndObject();
            j.WriteEndObject();
        }
        tw.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
        tw.WriteLine();
    }
}
