using Fwbm.Core;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using static TorchSharp.torch;

namespace Fwbm.Torch.Fitting;

/// <summary>
/// A fit's checked inputs: the options with the model's defaults filled in (<see cref="FitDefaults.Resolve"/>), the model, the fitted
/// parameters, the placement, the simulation, the initial parameters, the settings fingerprint and (when resuming) the checkpoint.
/// Every error is a <see cref="FwbmException"/> naming the setting, raised before anything is simulated.
/// </summary>
internal sealed record FitSetup(FitOptions Options, ModelHandle Model, List<FitParameter> Fit, TorchPlacement Placement, SimulationOptions SimOptions,
    ParameterSet Initial, IReadOnlyList<(string Key, string Value)> Settings, string ConnectomeHash, Checkpoint? Resume)
{
    public static FitSetup Prepare(FitData data, FitOptions given, string? checkpoint = null, bool resume = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(given);
        data.Validate();
        var model = ModelRegistry.Get(given.Model);
        var options = FitDefaults.Resolve(given);
        var spec = model.Spec;
        if (options.Epochs!.Value < 0) throw new FwbmException($"Fit: epochs = {options.Epochs}; expected ≥ 0.");
        if (!(options.LearningRate > 0) || !double.IsFinite(options.LearningRate)) throw new FwbmException($"Fit: learning rate = {options.LearningRate}; expected a positive number.");
        if (options.Optimizer.Trim().ToLowerInvariant() is not ("adam" or "adamw" or "sgd"))
            throw new FwbmException($"Fit: optimizer '{options.Optimizer}'; expected adam, adamw or sgd.");
        if (!(options.Beta1 is >= 0 and < 1) || !(options.Beta2 is >= 0 and < 1)) throw new FwbmException($"Fit: Adam betas ({options.Beta1}, {options.Beta2}); expected each in [0, 1).");
        if (!(options.Epsilon >= 0) || !(options.WeightDecay >= 0) || !(options.Momentum >= 0))
            throw new FwbmException($"Fit: epsilon {options.Epsilon}, weight decay {options.WeightDecay} and momentum {options.Momentum} must be ≥ 0.");
        if (options.Realisations < 1) throw new FwbmException($"Fit: realisations = {options.Realisations}; expected ≥ 1.");
        if (options.WindowSamples is < 0 or > 0 and < 10) throw new FwbmException($"Fit: window = {options.WindowSamples} BOLD samples; expected 0 (whole run) or at least 10 (an FC needs samples).");
        var fit = options.Fit.Select(f => FitParameter.Parse(f, spec)).ToList();
        if (fit.Count == 0) throw new FwbmException($"Fit: no parameters to fit; expected e.g. {string.Join(",", FitDefaults.Fit(spec))}.");
        if (fit.Select(f => f.Name).Distinct().Count() != fit.Count) throw new FwbmException($"Fit: a parameter is listed twice in '{string.Join(",", options.Fit)}'.");
        var placement = TorchPlacement.Parse(options.Device, options.DType!);
        var sim = options.Simulation!;
        if (!sim.Monitors.Any(m => m is BoldMonitorSpec)) throw new FwbmException("Fit: the simulation options need a BOLD monitor (the fit compares BOLD FC).");
        var simOptions = sim with { Monitors = sim.Monitors.Where(m => m is BoldMonitorSpec).ToArray() };
        var initial = ParameterSet.Defaults(spec).With(options.Initial);
        int R = data.Connectome.Count;
        foreach (var f in fit)
        {
            var (lo, hi) = f.Range(spec, options);
            for (int r = 0; r < (f.PerRegion ? R : 1); r++)
                if (initial[f.Name].At(r) is var iv && (iv < lo || iv > hi))
                    throw new FwbmException($"Fit: the initial value of '{f.Name}' ({iv}) is outside its fit bounds [{lo}, {hi}]; choose a value inside or widen them with --bounds {f.Name}=min:max (inside [{f.Spec(spec).Min}, {f.Spec(spec).Max}]).");
        }
        var settings = FitOptions.Settings(options, data, initial, simOptions, placement.DType == ScalarType.Float32 ? "float32" : "float64", fit);
        string connHash = FitTensors.Fingerprint(data.Connectome);
        Checkpoint? cp = null;
        if (checkpoint is not null) CheckCheckpointPath(checkpoint, resume);
        if (resume)
        {
            if (checkpoint is null) throw new FwbmException("Fit: resume needs a checkpoint file.");
            cp = Checkpoint.Load(checkpoint);
            cp.CheckCompatible(checkpoint, spec.Name, data.Connectome, connHash, fit, settings);
        }
        return new FitSetup(options, model, fit, placement, simOptions, initial, settings, connHash, cp);
    }

    /// <summary>The checkpoint path must name a file (not a folder) in a folder this process can write to; checked before the fit
    /// starts rather than after the first epoch.</summary>
    private static void CheckCheckpointPath(string path, bool resume)
    {
        const string What = "Fit: the checkpoint (--checkpoint)";
        if (string.IsNullOrWhiteSpace(path)) throw new FwbmException($"{What} is an empty path; expected a file name.");
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        { throw new FwbmException($"{What} '{path}' is not a valid path ({e.Message})."); }
        if (Directory.Exists(full)) throw new FwbmException($"{What} '{path}' is a folder; expected a file path such as '{Path.Combine(path, "checkpoint.json")}'.");
        if (resume)
        {
            if (!File.Exists(full)) throw new FwbmException($"{What} '{path}' does not exist; nothing to resume (run without --resume to start).");
        }
        var dir = Path.GetDirectoryName(full)!;
        if (File.Exists(dir)) throw new FwbmException($"{What} '{path}': '{dir}' is a file, not a folder.");
        var probe = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.probe");
        try
        {
            Directory.CreateDirectory(dir);
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FwbmException($"{What} '{path}' cannot be written: {e.Message}");
        }
        finally { try { if (File.Exists(probe)) File.Delete(probe); } catch (IOException) { } }
    }
}
