using Fwbm.Core.Models;

namespace Fwbm.Core.Persistence;

/// <summary>
/// A model's parameter set in a result file: one dataset per parameter (scalar, or one value per region) with its unit, plus the
/// global coupling; the group's attribute <c>model</c> names the model.
/// </summary>
public static class ParametersH5
{
    public static void Write(H5Writer g, ParameterSet p)
    {
        ArgumentNullException.ThrowIfNull(p);
        g.Attr("model", p.Model.Name);
        for (int k = 0; k < p.Model.ParameterCount; k++)
        {
            var spec = p.Model.Parameters[k];
            var attrs = new Dictionary<string, object> { ["doc"] = spec.Doc };
            if (p[k].PerRegion is { } pr) g.Data(spec.Name, pr.ToArray(), unit: spec.Unit, attributes: attrs);
            else g.Scalar(spec.Name, p[k].Scalar, spec.Unit, attrs);
        }
        var c = ModelSpec.CouplingParameter;
        g.Scalar(c.Name, p.Coupling, c.Unit, new Dictionary<string, object> { ["doc"] = c.Doc });
    }

    /// <summary>The parameter set of <paramref name="model"/> the group holds (every value checked against its range, as when set).</summary>
    public static ParameterSet Read(H5Reader g, ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (g.TextOr("model") is { } m && m != model.Name)
            throw new FwbmException($"{g.File}: {g.Path} holds parameters of model '{m}'; expected '{model.Name}'.");
        var c = ModelSpec.CouplingParameter;
        var p = ParameterSet.Defaults(model, g.ScalarValue(c.Name));
        foreach (var name in g.Children())
        {
            if (name == c.Name) continue;
            try { p = g.IsScalar(name) ? p.With(name, g.ScalarValue(name)) : p.With(name, g.Doubles(name)); }
            catch (FwbmException e) when (!e.Message.StartsWith(g.File, StringComparison.Ordinal))
            {
                throw new FwbmException($"{g.File}: {g.Path}/{name}: {e.Message}");
            }
        }
        return p;
    }
}
