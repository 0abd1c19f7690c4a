using Fwbm.Core;
using Fwbm.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

namespace Fwbm.Torch.Fitting;

/// <summary>
/// The fitted parameters as TorchSharp <see cref="Parameter"/>s with TorchSharp's own optimiser (<c>torch.optim.Adam</c>, <c>AdamW</c> or
/// <c>SGD</c>) and learning-rate scheduler (<see cref="LearningRateSchedule"/>). After every optimiser step each parameter is projected
/// onto its fit bounds. The optimiser's state (moments, step counts, learning rate) is TorchSharp's <c>save_state_dict</c> stream,
/// kept in the checkpoint as base64.
/// </summary>
internal sealed class FitOptimizer : IDisposable
{
    private readonly List<FitParameter> _fit;
    private readonly (double Min, double Max)[] _bounds;
    private readonly OptimizerHelper _optimizer;
    private readonly LRScheduler? _scheduler;

    /// <summary>Parameter tensors by fitted-parameter name (shape [R] per region, [1] scalar), on the fit's device and dtype.</summary>
    public IReadOnlyDictionary<string, Parameter> Leaves { get; }
    /// <summary>Optimiser steps taken (one per truncated-backpropagation window), including those before a resume.</summary>
    public long Steps { get; private set; }

    public FitOptimizer(ModelSpec model, List<FitParameter> fit, ParameterSet initial, int regions, TorchPlacement placement, FitOptions o)
    {
        _fit = fit;
        _bounds = fit.Select(f => f.Range(model, o)).ToArray();
        var leaves = new Dictionary<string, Parameter>();
        foreach (var f in fit)
        {
            var init = f.PerRegion ? Enumerable.Range(0, regions).Select(r => initial[f.Name].At(r)).ToArray() : [initial[f.Name].At(0)];
            using var _ = torch.no_grad();
            using var t = torch.tensor(init, f.PerRegion ? [init.Length] : [1], dtype: placement.DType, device: placement.Device);
            leaves[f.Name] = new Parameter(t.clone(), requires_grad: true);
        }
        Leaves = leaves;
        var ps = fit.Select(f => leaves[f.Name]).ToArray();
        _optimizer = o.Optimizer.Trim().ToLowerInvariant() switch
        {
            "adam" => Adam(ps, o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay),
            "adamw" => AdamW(ps, o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay),
            "sgd" => SGD(ps, o.LearningRate, o.Momentum, weight_decay: o.WeightDecay),
            var other => throw new FwbmException($"Fit: optimizer '{other}'; expected adam, adamw or sgd."),
        };
        _scheduler = LearningRateSchedule.Parse(o.LrSchedule, o.Epochs!.Value).Create(_optimizer);
    }

    /// <summary>The learning rate the next step uses.</summary>
    public double LearningRate => _optimizer.ParamGroups.First().LearningRate;

    /// <summary>One optimiser step from the gradients backpropagation left, then the projection onto the bounds and zeroed gradients.</summary>
    public void Step()
    {
        _optimizer.step();
        using (torch.no_grad())
            for (int i = 0; i < _fit.Count; i++) Leaves[_fit[i].Name].clamp_(_bounds[i].Min, _bounds[i].Max);
        _optimizer.zero_grad();
        Steps++;
    }

    /// <summary>After an epoch: the scheduler's step (plateau reads the epoch's loss).</summary>
    public void EndEpoch(double loss) => LearningRateSchedule.Advance(_scheduler, loss);

    /// <summary>TorchSharp's optimiser state (<c>save_state_dict</c>) as bytes.</summary>
    public byte[] SaveState()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) { _optimizer.save_state_dict(w); w.Flush(); }
        return ms.ToArray();
    }

    /// <summary>
    /// Continue from a checkpoint: the parameter values, TorchSharp's optimiser state, the step count, and the scheduler replayed over
    /// the completed epochs' losses — its learning rate must then equal the optimiser's restored one (else the checkpoint does not
    /// belong to this schedule).
    /// </summary>
    public void Restore(string path, IReadOnlyDictionary<string, double[]> values, byte[] state, long steps, IReadOnlyList<FitEpoch> history)
    {
        foreach (var f in _fit)
        {
            var t = Leaves[f.Name];
            var v = values[f.ToString()];
            if (v.Length != t.numel()) throw new FwbmException($"Fit checkpoint '{path}' holds {v.Length} values of '{f}' for a tensor of {t.numel()}.");
            using var _ = torch.no_grad();
            using var src = torch.tensor(v, t.shape, dtype: t.dtype, device: t.device);
            t.copy_(src);
        }
        foreach (var e in history) EndEpoch(e.Loss);
        double replayed = LearningRate;
        try
        {
            using var ms = new MemoryStream(state);
            using var r = new BinaryReader(ms);
            _optimizer.load_state_dict(r);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or EndOfStreamException or IOException)
        {
            throw new FwbmException($"Fit checkpoint '{path}': the optimiser state does not fit this fit ({e.Message}).");
        }
        if (Math.Abs(LearningRate - replayed) > 1e-12 * Math.Max(1, Math.Abs(replayed)))
            throw new FwbmException($"Fit checkpoint '{path}': its learning rate {LearningRate:G6} is not the one the schedule reaches after {history.Count} epochs ({replayed:G6}).");
        Steps = steps;
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        foreach (var t in Leaves.Values) t.Dispose();
    }
}
