using Fwbm.Core;
using Fwbm.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>
/// The parameters of a batch of simulations as the tensor equations see them: each model parameter and the coupling G is either a
/// constant (the same number everywhere) or a tensor that broadcasts to [batch, regions] — shape [] (one value), [regions]
/// (per region), [batch, 1] (per member) or [batch, regions]. Tensors may require gradients (fitted parameters). Immutable:
/// <see cref="With(string, Tensor)"/> returns a copy. The tensors are owned by the caller.
/// </summary>
public sealed class TorchParameters
{
    private readonly TReal[] _values;

    private TorchParameters(ModelSpec model, int batch, int regions, TReal[] values, TReal coupling)
    {
        Model = model; Batch = batch; Regions = regions; _values = values; Coupling = coupling;
    }

    public ModelSpec Model { get; }
    public int Batch { get; }
    public int Regions { get; }
    /// <summary>Global coupling G: a constant or a tensor of shape [] or [batch, 1].</summary>
    public TReal Coupling { get; }
    /// <summary>Model parameters in the order of the model's spec.</summary>
    public ReadOnlySpan<TReal> Values => _values;

    /// <summary>The value of a parameter (or "coupling"/"G").</summary>
    public TReal this[string name] => Model.IndexOf(name) is var k && k < 0 ? Coupling : _values[k];

    /// <summary>
    /// Parameters of a batch of Core parameter sets (all of one model): a parameter that is the same scalar in every set stays a
    /// constant; otherwise it becomes a [batch, 1] or [batch, regions] tensor with the given placement.
    /// </summary>
    public static TorchParameters From(IReadOnlyList<ParameterSet> sets, int regions, TorchPlacement placement)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Count == 0) throw new FwbmException("Torch parameters: empty batch; expected at least one parameter set.");
        var model = sets[0].Model;
        for (int b = 0; b < sets.Count; b++)
        {
            if (sets[b].Model.Name != model.Name)
                throw new FwbmException($"Torch parameters: batch member {b} is for model '{sets[b].Model.Name}', member 0 for '{model.Name}'.");
            try { sets[b].CheckRegions(regions); }
            catch (FwbmException e) { throw new FwbmException($"Batch member {b}: {e.Message}"); }
        }
        int B = sets.Count;
        var values = new TReal[model.ParameterCount];
        for (int k = 0; k < values.Length; k++)
        {
            var first = sets[0][k];
            bool constant = sets.All(s => !s[k].IsPerRegion && s[k].Scalar.Equals(first.Scalar));
            if (constant) { values[k] = TReal.Const(first.Scalar); continue; }
            bool perRegion = sets.Any(s => s[k].IsPerRegion);
            int cols = perRegion ? regions : 1;
            var data = new double[B * cols];
            for (int b = 0; b < B; b++) for (int r = 0; r < cols; r++) data[b * cols + r] = sets[b][k].At(r);
            values[k] = torch.tensor(data, [B, cols], dtype: placement.DType, device: placement.Device);
        }
        double g0 = sets[0].Coupling;
        TReal g = sets.All(s => s.Coupling.Equals(g0)) ? TReal.Const(g0)
            : torch.tensor(sets.Select(s => s.Coupling).ToArray(), [B, 1], dtype: placement.DType, device: placement.Device);
        return new TorchParameters(model, B, regions, values, g);
    }

    /// <summary>A copy with one parameter (or "coupling"/"G") replaced by a tensor, e.g. a fitted leaf with requires_grad.</summary>
    public TorchParameters With(string name, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int k = Model.IndexOf(name);
        var shape = value.shape;
        string what = k < 0 ? ModelSpec.CouplingParameter.Name : Model.Parameters[k].Name;
        bool ok = k < 0
            ? shape.Length == 0 || (shape.Length == 2 && shape[0] == Batch && shape[1] == 1)
            : shape.Length == 0 || (shape.Length == 1 && shape[0] == Regions)
              || (shape.Length == 2 && (shape[0] == Batch || shape[0] == 1) && (shape[1] == Regions || shape[1] == 1));
        if (!ok)
            throw new FwbmException($"Model '{Model.Name}': parameter '{what}' has shape [{string.Join(", ", shape)}]; expected " +
                (k < 0 ? $"[] or [{Batch}, 1] (batch {Batch})" : $"[], [{Regions}] (regions), [{Batch}, 1] or [{Batch}, {Regions}] (batch {Batch} × regions {Regions})") + ".");
        if (k < 0) return new TorchParameters(Model, Batch, Regions, _values, value);
        var v = (TReal[])_values.Clone();
        v[k] = value;
        return new TorchParameters(Model, Batch, Regions, v, Coupling);
    }

    /// <summary>A copy with a parameter set to a constant.</summary>
    public TorchParameters With(string name, double value)
    {
        int k = Model.IndexOf(name);
        if (k < 0) { ModelSpec.CouplingParameter.Check(Model.Name, value); return new TorchParameters(Model, Batch, Regions, _values, TReal.Const(value)); }
        Model.Parameters[k].Check(Model.Name, value);
        var v = (TReal[])_values.Clone();
        v[k] = TReal.Const(value);
        return new TorchParameters(Model, Batch, Regions, v, Coupling);
    }
}
