using System.Text.Json;
using System.Text.Json.Serialization;
using Fwbm.Core;
using Fwbm.Core.Connectivity;

namespace Fwbm.Torch.Fitting;

/// <summary>The checkpoint of a fit (JSON): everything needed to continue bit for bit.</summary>
internal sealed class Checkpoint
{
    /// <summary>Version 3 keeps TorchSharp's optimiser state (<see cref="OptimizerState"/>) and the learning-rate schedule; version 2
    /// kept a hand-written Adam's moments and cannot be continued by TorchSharp's optimisers; version 1 did not record every setting.</summary>
    public const string CurrentFormat = "fwbm-fit-checkpoint/3";
    /// <summary>Empty when the file has none (so a file without it, e.g. <c>{}</c>, is rejected); set when saving.</summary>
    public string Format { get; set; } = "";
    public string Model { get; set; } = "";
    public string ConnectomeName { get; set; } = "";
    public int Regions { get; set; }
    public string ConnectomeHash { get; set; } = "";
    public List<string> Fit { get; set; } = [];
    /// <summary>The fit's settings fingerprint (<see cref="FitOptions.Settings"/>): name → value.</summary>
    public Dictionary<string, string> Settings { get; set; } = [];
    public int EpochsDone { get; set; }
    /// <summary>Optimiser steps taken (one per truncated-backpropagation window).</summary>
    public long OptimizerSteps { get; set; }
    /// <summary>The learning rate after the last epoch's scheduler step (the replayed schedule must reach it).</summary>
    public double LearningRate { get; set; }
    /// <summary>Parameter values after the last epoch, by fitted parameter ("a:region", "coupling").</summary>
    public Dictionary<string, double[]> Values { get; set; } = [];
    /// <summary>TorchSharp's <c>save_state_dict</c> of the optimiser (moments, step counts, learning rate), base64 in JSON.</summary>
    public byte[] OptimizerState { get; set; } = [];
    public List<FitEpoch> History { get; set; } = [];
    public FitEvaluation? Before { get; set; }
    /// <summary>The epoch with the lowest loss so far (0: none) and the parameters it started from.</summary>
    public int BestEpoch { get; set; }
    public Dictionary<string, double[]>? BestValues { get; set; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Format = CurrentFormat;
            File.WriteAllText(tmp, JsonSerializer.Serialize(this, Json));
            File.Move(tmp, full, overwrite: true);
        }
        finally { if (File.Exists(tmp)) File.Delete(tmp); }
    }

    public static Checkpoint Load(string path)
    {
        Checkpoint? cp;
        try { cp = JsonSerializer.Deserialize<Checkpoint>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new FwbmException($"Fit checkpoint '{path}' is not a valid checkpoint ({e.Message})."); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new FwbmException($"Fit checkpoint '{path}' cannot be read: {e.Message}"); }
        if (cp is null || cp.Format != CurrentFormat)
            throw new FwbmException($"Fit checkpoint '{path}': " + (cp is null || cp.Format.Length == 0 ? "no format field; not a fit checkpoint" : $"unknown format '{cp.Format}'")
                + $"; expected {CurrentFormat}." + (cp?.Format switch
            {
                "fwbm-fit-checkpoint/1" => " Version 1 checkpoints did not record every setting, so a resume cannot be checked: start the fit again.",
                "fwbm-fit-checkpoint/2" => " Version 2 checkpoints hold the moments of the hand-written Adam that TorchSharp's optimisers replaced, and no learning-rate schedule: start the fit again (its fitted values are in the file's Values; pass them with --param to start from them).",
                _ => "",
            }));
        return cp;
    }

    public void CheckCompatible(string path, string model, Connectome conn, string hash, List<FitParameter> fit, IReadOnlyList<(string Key, string Value)> settings)
    {
        if (Model != model) throw new FwbmException($"Fit checkpoint '{path}' is for model '{Model}', but this fit runs model '{model}'.");
        if (Regions != conn.Count || ConnectomeHash != hash)
            throw new FwbmException($"Fit checkpoint '{path}' was made on connectome '{ConnectomeName}' ({Regions} regions, fingerprint {ConnectomeHash}), but this fit uses '{conn.Name}' ({conn.Count} regions, fingerprint {hash}).");
        var names = fit.Select(f => f.ToString()).ToList();
        if (!names.SequenceEqual(Fit)) throw new FwbmException($"Fit checkpoint '{path}' fits [{string.Join(", ", Fit)}], but this fit asks for [{string.Join(", ", names)}].");
        var diffs = new List<string>();
        foreach (var (key, now) in settings)
            if (!Settings.TryGetValue(key, out var was)) diffs.Add($"{key}: not recorded, now {now}");
            else if (was != now) diffs.Add($"{key}: was {was}, now {now}");
        foreach (var key in Settings.Keys.Where(k => !settings.Any(s => s.Key == k))) diffs.Add($"{key}: was {Settings[key]}, not a setting of this fit");
        if (diffs.Count > 0)
            throw new FwbmException($"Fit checkpoint '{path}' was made with different settings — {string.Join("; ", diffs)}. Resume with the same settings (only --epochs and --device may change).");
        foreach (var n in names)
            if (!Values.ContainsKey(n)) throw new FwbmException($"Fit checkpoint '{path}' lacks the state of parameter '{n}'.");
        if (BestEpoch < 0 || BestEpoch > EpochsDone) throw new FwbmException($"Fit checkpoint '{path}' is inconsistent: best epoch {BestEpoch} of {EpochsDone}.");
        if (OptimizerState.Length == 0) throw new FwbmException($"Fit checkpoint '{path}' lacks the optimiser state.");
        if (History.Count != EpochsDone) throw new FwbmException($"Fit checkpoint '{path}' is inconsistent: {History.Count} epochs of history, {EpochsDone} done.");
    }
}
