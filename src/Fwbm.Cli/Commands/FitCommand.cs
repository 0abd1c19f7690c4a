using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.Models;
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
        var connectome = new Option<string>("--connectome") { Description = "Dataset id with subjects' BOLD (hcp, gw), a dataset/path with a group FC, or simulated[:regions[:seed]] (synthetic subjects from a Hopf ground truth).", Required = true };
        var model = new Option<string>("--model") { Description = "Model name (fwbm models).", DefaultValueFactory = _ => "hopf" };
        var fit = new Option<string[]>("--fit") { Description = "Parameters to fit, comma-separated or repeated: coupling (alias G), a (per region), a:scalar (default: coupling and the model's default fit, e.g. a for hopf, ext_e for wilson_cowan; fwbm models).", AllowMultipleArgumentsPerToken = true };
        var param = new Option<string[]>("--param") { Description = "Initial/fixed parameter values name=value (repeatable).", AllowMultipleArgumentsPerToken = true };
        var coupling = new Option<double?>("--coupling", "-G") { Description = "Initial global coupling G (default: a quarter into the model's coupling fit range, 0.5 for hopf)." };
        var bounds = new Option<string[]>("--bounds") { Description = "Fit bounds name=min:max inside the declared range (repeatable; default: each parameter's fit range, e.g. a=-0.2:0.05 for hopf).", AllowMultipleArgumentsPerToken = true };
        var epochs = new Option<int>("--epochs") { Description = "Epochs (one simulated run each).", DefaultValueFactory = _ => 30 };
        var lr = new Option<double>("--lr") { Description = "Learning rate (the schedule's starting value).", DefaultValueFactory = _ => 0.02 };
        var optimizer = new Option<string>("--optimizer") { Description = "TorchSharp optimiser: adam, adamw or sgd.", DefaultValueFactory = _ => "adam" };
        var lrSchedule = new Option<string>("--lr-schedule") { Description = "Learning-rate schedule, stepped every epoch: none, step:N[:gamma], cosine[:T[:min]] or plateau[:patience[:factor]].", DefaultValueFactory = _ => "none" };
        var seed = new Option<ulong>("--seed") { Description = "Noise seed.", DefaultValueFactory = _ => 1UL };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto (CUDA when available).", DefaultValueFactory = _ => "auto" };
        var dtype = new Option<string>("--dtype") { Description = "float32 or float64.", DefaultValueFactory = _ => "float64" };
        var train = new Option<string[]>("--train") { Description = "Training subject ids (comma-separated; default: all but the last two).", AllowMultipleArgumentsPerToken = true };
        var test = new Option<string[]>("--test") { Description = "Held-out subject ids (default: the others).", AllowMultipleArgumentsPerToken = true };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file, written atomically after every epoch." };
        var resume = new Option<bool>("--resume") { Description = "Continue from --checkpoint." };
        var duration = new Option<string>("--duration") { Description = "Simulated duration per epoch (s, or 500ms / 2min; default: 300 s for hopf, 60 s for models that need dt ≤ 1 ms).", DefaultValueFactory = _ => "300" };
        var transient = new Option<string>("--transient") { Description = "Transient discarded before recording (default: 20 s for hopf, 5 s for the others).", DefaultValueFactory = _ => "20" };
        var dt = new Option<double?>("--dt") { Description = "Integration step in ms (default: 10, or the largest the model allows over its fit ranges when smaller)." };
        var tr = new Option<string>("--tr") { Description = "BOLD repetition time.", DefaultValueFactory = _ => "720ms" };
        var velocity = new Option<double?>("--velocity") { Description = "Conduction velocity in m/s (default: no delays)." };
        var window = new Option<int>("--window") { Description = "BOLD samples per truncated-backpropagation window (0: whole run; default 0 for hopf, 10 for models that need dt ≤ 1 ms).", DefaultValueFactory = _ => 0 };
        var integrator = new Option<string>("--integrator") { Description = "heun or euler.", DefaultValueFactory = _ => "heun" };
        var realisations = new Option<int>("--realisations") { Description = "Noise realisations per epoch (a batch).", DefaultValueFactory = _ => 4 };
        var output = new Option<string>("--out") { Description = "Output folder.", Required = true };
        var cmd = new Command("fit", "Fit coupling and model parameters to empirical FC by gradient descent (Torch backend; TorchSharp Adam, AdamW or SGD).")
        {
            connectome, model, fit, param, coupling, bounds, epochs, lr, optimizer, lrSchedule, seed, device, dtype, train, test, checkpoint, resume,
            duration, transient, dt, tr, velocity, integrator, window, realisations, output,
        };
        cmd.SetAction((pr, ct) =>
        {
            var stdout = pr.InvocationConfiguration.Output;
            var modelName = pr.GetValue(model)!;
            var spec = ModelRegistry.Get(modelName).Spec;
            var initial = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in CliParse.Assignments(pr.GetValue(param) ?? [], "--param")) initial[k] = v;
            if (pr.GetValue(coupling) is double g) initial["coupling"] = g;
            // nothing named: the model's default fit, bounds, initial coupling and run (FitDefaults)
            var fitList = (pr.GetValue(fit) ?? []).SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var b = new Dictionary<string, (double, double)>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in pr.GetValue(bounds) ?? []) { var (k, lo, hi) = ParseBounds(item); b[k] = (lo, hi); }
            var run = FitDefaults.Simulation(spec);
            bool Given(Option o) => pr.GetResult(o) is { Implicit: false };
            double trMs = Given(tr) ? CliParse.DurationMs(pr.GetValue(tr)!, "--tr") : run.Monitors.OfType<BoldMonitorSpec>().First().TrMs;
            double dtMs = pr.GetValue(dt) ?? run.DtMs;
            var integ = pr.GetValue(integrator)!.Trim().ToLowerInvariant() switch
            {
                "heun" => IntegratorKind.Heun,
                "euler" or "euler-maruyama" or "em" => IntegratorKind.EulerMaruyama,
                var other => throw new FwbmException($"--integrator '{other}': expected heun or euler."),
            };
            var options = new FitOptions
            {
                Model = spec.Name, Fit = fitList, Initial = initial, Bounds = b, Epochs = pr.GetValue(epochs), LearningRate = pr.GetValue(lr),
                Optimizer = pr.GetValue(optimizer)!, LrSchedule = pr.GetValue(lrSchedule)!,
                Seed = pr.GetValue(seed), Device = pr.GetValue(device)!, DType = pr.GetValue(dtype)!, WindowSamples = Given(window) ? pr.GetValue(window) : null,
                Realisations = pr.GetValue(realisations),
                Simulation = new SimulationOptions
                {
                    DtMs = dtMs, DurationMs = Given(duration) ? CliParse.DurationMs(pr.GetValue(duration)!, "--duration") : run.DurationMs,
                    TransientMs = Given(transient) ? CliParse.DurationMs(pr.GetValue(transient)!, "--transient") : run.TransientMs, VelocityMPerS = pr.GetValue(velocity),
                    Integrator = integ, Monitors = [new BoldMonitorSpec(trMs) { IntegrationStepMs = dtMs }],
                },
            };
            var data = FitInputs.Resolve(pr.GetValue(connectome)!, pr.GetValue(train) ?? [], pr.GetValue(test) ?? []);
            var outDir = pr.GetValue(output)!;
            // every argument is checked (device, dtype, bounds, checkpoint …) before anything is printed
            GradientFit.Validate(data, options, pr.GetValue(checkpoint), pr.GetValue(resume));
            stdout.WriteLine($"fit {spec.Name} on {data.Connectome.Name} ({data.Connectome.Count} regions): fitting {string.Join(", ", GradientFit.Resolve(options).Fit)}; train {string.Join(",", data.Train.Select(s => s.Id))}; held out {string.Join(",", data.Test.Select(s => s.Id))}");
            var progress = new ConsoleProgress(stdout);
            FitResult result;
            try
            {
                result = GradientFit.Run(data, options, progress, pr.GetValue(checkpoint), pr.GetValue(resume), ct);
            }
            catch (FitCancelledException stopped)
            {
                // Ctrl+C: keep what was done (marked incomplete; no fc.csv, since the fitted parameters were not evaluated)
                Write(outDir, stopped.Partial, data);
                pr.InvocationConfiguration.Error.WriteLine($"fwbm fit: {stopped.Message} Wrote the last parameters (completed: false) to {Path.Combine(outDir, "fitted.json")} and loss.csv.");
                return Task.FromResult(130);
            }
            Write(outDir, result, data);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"FC similarity: train {result.Before.TrainMean:F3} → {result.After!.TrainMean:F3}; held out {result.Before.TestMean:F3} → {result.After.TestMean:F3}; device {result.Placement}"));
            stdout.WriteLine($"wrote {Path.Combine(outDir, "fitted.json")}, loss.csv, fc.csv");
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static (string Name, double Min, double Max) ParseBounds(string item)
    {
        int eq = item.IndexOf('=');
        var parts = eq > 0 ? item[(eq + 1)..].Split(':') : [];
        if (eq <= 0 || parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi))
            throw new FwbmException($"--bounds '{item}': expected name=min:max, e.g. --bounds a=-0.1:0.05.");
        return (item[..eq].Trim(), lo, hi);
    }

    private sealed class ConsoleProgress(TextWriter w) : IProgress<FitProgress>
    {
        public void Report(FitProgress p) => w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Latest.Epoch}/{p.TotalEpochs}  loss {p.Latest.Loss:F4}  FC similarity {p.Latest.Similarity:F4}  G {p.Latest.Coupling:G5}  ({p.Latest.Seconds:F1} s)"));
    }

    internal static void Write(string dir, FitResult r, FitData data)
    {
        var ci = CultureInfo.InvariantCulture;
        Directory.CreateDirectory(dir);
        AtomicFile.Write(Path.Combine(dir, "loss.csv"), w =>
        {
            w.WriteLine("epoch,loss,fc_similarity,coupling,seconds");
            foreach (var e in r.History) w.WriteLine(string.Create(ci, $"{e.Epoch},{e.Loss:R},{e.Similarity:R},{e.Coupling:R},{e.Seconds:F3}"));
        });
        var fcPath = Path.Combine(dir, "fc.csv");
        if (r.After is { } after)
            AtomicFile.Write(fcPath, w =>
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
        };
        var json = JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        AtomicFile.Write(Path.Combine(dir, "fitted.json"), w => w.Write(json));
    }
}
