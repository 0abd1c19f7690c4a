using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.IO;
using Fwbm.Core.Models;
using Fwbm.Core.Options;
using Fwbm.Core.Simulation;
using Fwbm.Torch.Fitting;

namespace Fwbm.Cli.Commands;

/// <summary>
/// <c>fwbm fit</c>: gradient fit (Torch backend, TorchSharp optimisers) of coupling and model parameters to empirical FC. Writes
/// <c>fitted.json</c> (parameters, before/after FC similarity per subject, settings), <c>loss.csv</c> (one row per epoch) and
/// <c>fc.csv</c> (simulated FC with the fitted parameters, no header), each atomically.
/// </summary>
internal static class FitCommand
{
    public static Command Create()
    {
        var cli = new CliOptions(OptionCatalog.Fit);
        var cmd = cli.CreateCommand();
        cmd.SetAction((pr, ct) =>
        {
            var stdout = pr.InvocationConfiguration.Output;
            var o = cli.Read(pr);
            var spec = ModelRegistry.Get(o.Text("model")!).Spec;
            var initial = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var a in o.Assignments("param")) initial[a.Name] = a.Scalar("--param");
            if (o.Has("coupling")) initial["coupling"] = o.Number("coupling")!.Value;
            // nothing named: the model's default fit, bounds, initial coupling and run (FitDefaults)
            var fitList = o.Names("fit").ToList();
            var b = new Dictionary<string, (double, double)>(StringComparer.OrdinalIgnoreCase);
            foreach (var (k, lo, hi) in o.Bounds("bounds")) b[k] = (lo, hi);
            var run = FitDefaults.Simulation(spec);
            double trMs = o.Has("tr") ? o.DurationMs("tr")!.Value : run.Monitors.OfType<BoldMonitorSpec>().First().TrMs;
            double dtMs = o.DurationMs("dt") ?? run.DtMs;
            var integ = o.Text("integrator") == "euler" ? IntegratorKind.EulerMaruyama : IntegratorKind.Heun;
            var options = new FitOptions
            {
                Model = spec.Name, Fit = fitList, Initial = initial, Bounds = b, Epochs = o.Integer("epochs"), LearningRate = o.Number("lr")!.Value,
                Optimizer = o.Text("optimizer")!, LrSchedule = o.Text("lr-schedule")!,
                Seed = o.Seed("seed")!.Value, Device = o.Text("device")!, DType = o.Text("dtype"), WindowSamples = o.Has("window") ? o.Integer("window") : null,
                Realisations = o.Integer("realisations")!.Value,
                Simulation = new SimulationOptions
                {
                    DtMs = dtMs, DurationMs = o.Has("duration") ? o.DurationMs("duration")!.Value : run.DurationMs,
                    TransientMs = o.Has("transient") ? o.DurationMs("transient")!.Value : run.TransientMs, VelocityMPerS = o.Number("velocity"),
                    Integrator = integ, Monitors = [new BoldMonitorSpec(trMs) { IntegrationStepMs = dtMs }],
                },
            };
            string? checkpointPath = o.Text("checkpoint");
            bool resume = o.Flag("resume");
            var data = FitInputs.Resolve(o.RequireText("connectome"), o.Names("train"), o.Names("test"));
            try { data = data with { Connectome = Fwbm.Core.Connectivity.ConnectomeNormalisation.Apply(data.Connectome, o.Text("normalise")!) }; }
            catch (FwbmException e) { throw new FwbmException($"--normalise {o.Text("normalise")}: {e.Message}"); }
            var outDir = o.RequireText("out");
            // every argument is checked (device, dtype, bounds, checkpoint …) before anything is printed
            GradientFit.Validate(data, options, checkpointPath, resume);
            OutputDirectory.CheckWritable(outDir);   // an unwritable --out fails now, not after the fit
            stdout.WriteLine($"fit {spec.Name} on {data.Connectome.Name} ({data.Connectome.Count} regions): fitting {string.Join(", ", GradientFit.Resolve(options).Fit)}; train {string.Join(",", data.Train.Select(s => s.Id))}; held out {string.Join(",", data.Test.Select(s => s.Id))}");
            stdout.WriteLine($"run: {FitDefaults.Describe(options, o.Has)}");
            // a long fit says so before it starts (a short probe of the fit's simulator)
            var estimate = GradientFit.Estimate(data, options, checkpointPath, resume, ct);
            if (estimate.IsLong) stdout.WriteLine(estimate.Describe());
            // what each number below is (the per-epoch similarity and the summary's are the same measure on different runs)
            var resolved = GradientFit.Resolve(options);
            stdout.WriteLine($"per epoch: {FitReport.Loss(resolved)}; {FitReport.Training(resolved, data)}");
            var progress = new ConsoleProgress(stdout);
            FitResult result;
            try
            {
                result = GradientFit.Run(data, options, progress, checkpointPath, resume, ct);
            }
            catch (FitCancelledException stopped)
            {
                // Ctrl+C: keep what was done (marked incomplete; no fc.csv, since the fitted parameters were not evaluated)
                OutputDirectory.Guard(outDir, () => Write(outDir, stopped.Partial, data));
                pr.InvocationConfiguration.Error.WriteLine($"fwbm fit: {stopped.Message} Wrote the last parameters (completed: false) to {Path.Combine(outDir, "fitted.json")} and loss.csv.");
                return Task.FromResult(130);
            }
            OutputDirectory.Guard(outDir, () => Write(outDir, result, data));
            stdout.WriteLine($"{FitReport.Evaluation(result.Options, data)}: {FitReport.Summary(result.Before, result.After)}; device {result.Placement}");
            stdout.WriteLine($"wrote {Path.Combine(outDir, "fitted.json")}, loss.csv, fc.csv");
            return Task.FromResult(0);
        });
        return cmd;
    }

    private sealed class ConsoleProgress(TextWriter w) : IProgress<FitProgress>
    {
        public void Report(FitProgress p) => w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Latest.Epoch}/{p.TotalEpochs}  loss {p.Latest.Loss:F4}  FC similarity (this epoch's run) {p.Latest.Similarity:F4}  G {p.Latest.Coupling:G5}  ({p.Latest.Seconds:F1} s)"));
    }

    internal static void Write(string dir, FitResult r, FitData data)
    {
        var ci = CultureInfo.InvariantCulture;
        Directory.CreateDirectory(dir);
        AtomicFile.WriteText(Path.Combine(dir, "loss.csv"), w =>
        {
            w.WriteLine("epoch,loss,fc_similarity,coupling,seconds");
            foreach (var e in r.History) w.WriteLine(string.Create(ci, $"{e.Epoch},{e.Loss:R},{e.Similarity:R},{e.Coupling:R},{e.Seconds:F3}"));
        });
        var fcPath = Path.Combine(dir, "fc.csv");
        if (r.After is { } after)
            AtomicFile.WriteText(fcPath, w =>
            {
                int R = data.Connectome.Count;
                for (int i = 0; i < R; i++) w.WriteLine(string.Join(",", Enumerable.Range(0, R).Select(j => after.SimulatedFc[i * R + j].ToString("R", ci))));
            });
        else if (File.Exists(fcPath))
            File.Delete(fcPath);   // an earlier run's FC must not sit next to this run's (unevaluated) parameters
        var doc = new Dictionary<string, object?>
        {
            ["model"] = r.Fitted.Model.Name,
            ["connectome"] = data.Connectome.Name,
            ["regions"] = data.Connectome.Count,
            ["normalisation"] = Fwbm.Core.Connectivity.ConnectomeNormalisation.Name(data.Connectome.Normalisation),
            ["labels"] = data.Connectome.Labels,
            ["completed"] = r.Completed,
            ["fitted"] = r.Fitted.ToDictionary(),
            ["initial"] = r.Initial.ToDictionary(),
            ["best"] = r.Best.ToDictionary(),
            ["best_epoch"] = r.BestEpoch,
            ["fit"] = r.Options.Fit,
            ["epochs"] = r.History.Count,
            ["learning_rate"] = r.Options.LearningRate,
            ["optimizer"] = r.Options.Optimizer,
            ["lr_schedule"] = r.Options.LrSchedule,
            ["seed"] = r.Options.Seed,
            ["dt_ms"] = r.Options.Simulation!.DtMs,
            ["window"] = r.Options.WindowSamples,
            ["integrator"] = r.Options.Simulation!.Integrator == IntegratorKind.Heun ? "heun" : "euler-maruyama",
            ["device"] = r.Placement.ToString(),
            ["fc_similarity_before"] = new { train = r.Before.TrainMean, test = r.Before.TestMean, subjects = r.Before.Train.Concat(r.Before.Test) },
            ["fc_similarity_after"] = r.After is { } a ? new { train = a.TrainMean, test = a.TestMean, subjects = a.Train.Concat(a.Test) } : null,
            ["train_subjects"] = data.Train.Select(s => s.Id),
            ["test_subjects"] = data.Test.Select(s => s.Id),
            ["final_loss"] = r.History.Count > 0 ? r.History[^1].Loss : null,
            ["result_file"] = Fwbm.Core.Persistence.ResultFile.FileNameInFolder,
        };
        var json = JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        r.Save(Path.Combine(dir, Fwbm.Core.Persistence.ResultFile.FileNameInFolder), data.Connectome); // everything, reopened by fwbm show / FitResult.Load
        AtomicFile.WriteText(Path.Combine(dir, "fitted.json"), w => w.Write(json));
    }
}
