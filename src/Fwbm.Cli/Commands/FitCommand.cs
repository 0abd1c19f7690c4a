using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fwbm.Core;
using Fwbm.Core.IO;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Torch.Fitting;

namespace Fwbm.Cli.Commands;

/// <summary>
/// <c>fwbm fit</c>: gradient fit (Torch backend, Adam) of coupling and model parameters to empirical FC. Writes
/// <c>fitted.json</c> (parameters, before/after FC similarity per subject, settings), <c>loss.csv</c> (one row per epoch) and
/// <c>fc.csv</c> (simulated FC with the fitted parameters, no header), each atomically.
/// </summary>
internal static class FitCommand
{
    public static Command Create()
    {
        var connectome = new Option<string>("--connectome") { Description = "Dataset id with subjects' BOLD (hcp, gw), a dataset/path with a group FC, or simulated[:regions[:seed]] (synthetic subjects from a Hopf ground truth).", Required = true };
        var model = new Option<string>("--model") { Description = "Model name (fwbm models).", DefaultValueFactory = _ => "hopf" };
        var fit = new Option<string[]>("--fit") { Description = "Parameters to fit, comma-separated or repeated: coupling (alias G), a (per region), a:scalar.", AllowMultipleArgumentsPerToken = true };
        var param = new Option<string[]>("--param") { Description = "Initial/fixed parameter values name=value (repeatable).", AllowMultipleArgumentsPerToken = true };
        var coupling = new Option<double?>("--coupling", "-G") { Description = "Initial global coupling G." };
        var bounds = new Option<string[]>("--bounds") { Description = "Fit bounds name=min:max inside the declared range (repeatable; default a=-0.2:0.05 for hopf).", AllowMultipleArgumentsPerToken = true };
        var epochs = new Option<int>("--epochs") { Description = "Epochs (one simulated run each).", DefaultValueFactory = _ => 30 };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate.", DefaultValueFactory = _ => 0.02 };
        var seed = new Option<ulong>("--seed") { Description = "Noise seed.", DefaultValueFactory = _ => 1UL };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto (CUDA when available).", DefaultValueFactory = _ => "auto" };
        var dtype = new Option<string>("--dtype") { Description = "float32 or float64.", DefaultValueFactory = _ => "float64" };
        var train = new Option<string[]>("--train") { Description = "Training subject ids (comma-separated; default: all but the last two).", AllowMultipleArgumentsPerToken = true };
        var test = new Option<string[]>("--test") { Description = "Held-out subject ids (default: the others).", AllowMultipleArgumentsPerToken = true };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file, written atomically after every epoch." };
        var resume = new Option<bool>("--resume") { Description = "Continue from --checkpoint." };
        var duration = new Option<string>("--duration") { Description = "Simulated duration per epoch (s, or 500ms / 2min).", DefaultValueFactory = _ => "300" };
        var transient = new Option<string>("--transient") { Description = "Transient discarded before recording.", DefaultValueFactory = _ => "20" };
        var dt = new Option<double?>("--dt") { Description = "Integration step in ms (default: 10, or the model's largest stable step when smaller)." };
        var tr = new Option<string>("--tr") { Description = "BOLD repetition time.", DefaultValueFactory = _ => "720ms" };
        var velocity = new Option<double?>("--velocity") { Description = "Conduction velocity in m/s (default: no delays)." };
        var window = new Option<int>("--window") { Description = "BOLD samples per truncated-backpropagation window (0: whole run).", DefaultValueFactory = _ => 0 };
        var integrator = new Option<string>("--integrator") { Description = "heun or euler.", DefaultValueFactory = _ => "heun" };
        var realisations = new Option<int>("--realisations") { Description = "Noise realisations per epoch (a batch).", DefaultValueFactory = _ => 4 };
        var output = new Option<string>("--out") { Description = "Output folder.", Required = true };
        var cmd = new Command("fit", "Fit coupling and model parameters to empirical FC by gradient descent (Torch backend, Adam).")
        {
            connectome, model, fit, param, coupling, bounds, epochs, lr, seed, device, dtype, train, test, checkpoint, resume,
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
            else if (!initial.Keys.Any(k => spec.IndexOf(k) < 0)) initial["coupling"] = 0.5;
            var fitList = (pr.GetValue(fit) is { Length: > 0 } f ? f : ["coupling", "a"]).SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var b = new Dictionary<string, (double, double)>(StringComparer.OrdinalIgnoreCase);
            if (spec.Name == "hopf") b["a"] = (-0.2, 0.05);
            foreach (var item in pr.GetValue(bounds) ?? []) { var (k, lo, hi) = ParseBounds(item); b[k] = (lo, hi); }
            double trMs = CliParse.DurationMs(pr.GetValue(tr)!, "--tr");
            double dtMs = pr.GetValue(dt) ?? FitOptions.DefaultDtMs(spec);
            var integ = pr.GetValue(integrator)!.Trim().ToLowerInvariant() switch
            {
                "heun" => IntegratorKind.Heun,
                "euler" or "euler-maruyama" or "em" => IntegratorKind.EulerMaruyama,
                var other => throw new FwbmException($"--integrator '{other}': expected heun or euler."),
            };
            var options = new FitOptions
            {
                Model = spec.Name, Fit = fitList, Initial = initial, Bounds = b, Epochs = pr.GetValue(epochs), LearningRate = pr.GetValue(lr),
                Seed = pr.GetValue(seed), Device = pr.GetValue(device)!, DType = pr.GetValue(dtype)!, WindowSamples = pr.GetValue(window),
                Realisations = pr.GetValue(realisations),
                Simulation = new SimulationOptions
                {
                    DtMs = dtMs, DurationMs = CliParse.DurationMs(pr.GetValue(duration)!, "--duration"),
                    TransientMs = CliParse.DurationMs(pr.GetValue(transient)!, "--transient"), VelocityMPerS = pr.GetValue(velocity),
                    Integrator = integ, Monitors = [new BoldMonitorSpec(trMs) { IntegrationStepMs = dtMs }],
                },
            };
            var data = FitInputs.Resolve(pr.GetValue(connectome)!, pr.GetValue(train) ?? [], pr.GetValue(test) ?? []);
            var outDir = pr.GetValue(output)!;
            // every argument is checked (device, dtype, bounds, checkpoint …) before anything is printed
            GradientFit.Validate(data, options, pr.GetValue(checkpoint), pr.GetValue(resume));
            stdout.WriteLine($"fit {spec.Name} on {data.Connectome.Name} ({data.Connectome.Count} regions): fitting {string.Join(", ", fitList)}; train {string.Join(",", data.Train.Select(s => s.Id))}; held out {string.Join(",", data.Test.Select(s => s.Id))}");
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
            ["labels"] = data.Connectome.Labels,
            ["completed"] = r.Completed,
            ["fitted"] = r.Fitted.ToDictionary(),
            ["initial"] = r.Initial.ToDictionary(),
            ["best"] = r.Best.ToDictionary(),
            ["best_epoch"] = r.BestEpoch,
            ["fit"] = r.Options.Fit,
            ["epochs"] = r.History.Count,
            ["learning_rate"] = r.Options.LearningRate,
            ["seed"] = r.Options.Seed,
            ["integrator"] = r.Options.Simulation.Integrator == IntegratorKind.Heun ? "heun" : "euler-maruyama",
            ["device"] = r.Placement.ToString(),
            ["fc_similarity_before"] = new { train = r.Before.TrainMean, test = r.Before.TestMean, subjects = r.Before.Train.Concat(r.Before.Test) },
            ["fc_similarity_after"] = r.After is { } a ? new { train = a.TrainMean, test = a.TestMean, subjects = a.Train.Concat(a.Test) } : null,
            ["train_subjects"] = data.Train.Select(s => s.Id),
            ["test_subjects"] = data.Test.Select(s => s.Id),
            ["final_loss"] = r.History.Count > 0 ? r.History[^1].Loss : null,
        };
        var json = JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });
        AtomicFile.WriteText(Path.Combine(dir, "fitted.json"), w => w.Write(json));
    }
}
