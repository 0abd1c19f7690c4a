using Fwbm.Core;
using Fwbm.Core.Models;

namespace Fwbm.Torch.Fitting;

/// <summary>A fitted parameter: a model parameter or "coupling" (alias G), one value or one per region.</summary>
public sealed record FitParameter(string Name, bool PerRegion)
{
    /// <summary>"coupling" / "G" (always one value), "a" (per region), "a:scalar" (one value), "a:region" (per region).</summary>
    public static FitParameter Parse(string text, ModelSpec model)
    {
        var t = (text ?? "").Trim();
        var parts = t.Split(':', 2);
        int k = model.IndexOf(parts[0]);
        string name = k < 0 ? ModelSpec.CouplingParameter.Name : model.Parameters[k].Name;
        bool perRegion = k >= 0;
        if (parts.Length == 2)
        {
            perRegion = parts[1].ToLowerInvariant() switch
            {
                "region" or "regions" or "per-region" => true,
                "scalar" or "global" => false,
                _ => throw new FwbmException($"Fit parameter '{text}': expected name, name:region or name:scalar."),
            };
            if (k < 0 && perRegion) throw new FwbmException($"Fit parameter '{text}': the global coupling is one number, not a per-region vector.");
        }
        return new FitParameter(name, perRegion);
    }

    public ParameterSpec Spec(ModelSpec model) => model.IndexOf(Name) is var k && k < 0 ? ModelSpec.CouplingParameter : model.Parameters[k];

    /// <summary>The interval every optimiser step is projected onto: <see cref="FitOptions.Bounds"/> when it names this parameter (it
    /// must lie inside the declared valid range), otherwise the model's fit range (<see cref="FitDefaults.Bounds"/>).</summary>
    public (double Min, double Max) Range(ModelSpec model, FitOptions o)
    {
        var s = Spec(model);
        foreach (var (name, b) in o.Bounds)
        {
            if (!s.Accepts(name)) continue;
            if (!(b.Min <= b.Max) || b.Min < s.Min || b.Max > s.Max)
                throw new FwbmException($"Fit: bounds of '{s.Name}' [{b.Min}, {b.Max}] must be an interval inside its declared range [{s.Min}, {s.Max}] {s.Unit}.");
            return b;
        }
        return FitDefaults.Bounds(model, s);
    }
    public override string ToString() => PerRegion ? $"{Name}:region" : Name;
}
