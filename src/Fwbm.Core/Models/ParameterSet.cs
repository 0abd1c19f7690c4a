using System.Globalization;

namespace Fwbm.Core.Models;

/// <summary>A parameter value: one scalar for every region, or one value per region.</summary>
public readonly record struct ParameterValue
{
    private readonly double[]? _perRegion;
    public ParameterValue(double scalar) { Scalar = scalar; _perRegion = null; }
    public ParameterValue(IReadOnlyList<double> perRegion) { Scalar = double.NaN; _perRegion = perRegion.ToArray(); }
    public double Scalar { get; }
    public IReadOnlyList<double>? PerRegion => _perRegion;
    public bool IsPerRegion => _perRegion is not null;
    /// <summary>Value for region r.</summary>
    public double At(int r) => _perRegion is null ? Scalar : _perRegion[r];
    public override string ToString() => _perRegion is null
        ? Scalar.ToString("G6", CultureInfo.InvariantCulture)
        : $"[{string.Join(", ", _perRegion.Take(4).Select(v => v.ToString("G4", CultureInfo.InvariantCulture)))}{(_perRegion.Length > 4 ? ", …" : "")}] ({_perRegion.Length} regions)";
}

/// <summary>
/// An immutable set of parameter values for one model, including the global coupling G. Change values by
/// copy-with-changes (<see cref="With(string, double)"/>); every value is checked against its declared range.
/// </summary>
public sealed class ParameterSet
{
    private readonly ParameterValue[] _values;

    private ParameterSet(ModelSpec model, ParameterValue[] values, double coupling)
    {
        Model = model; _values = values; Coupling = coupling;
    }

    /// <summary>The model's defaults with coupling G = <paramref name="coupling"/>.</summary>
    public static ParameterSet Defaults(ModelSpec model, double coupling = 0.0)
    {
        ModelSpec.CouplingParameter.Check(model.Name, coupling);
        return new(model, model.Parameters.Select(p => new ParameterValue(p.Default)).ToArray(), coupling);
    }

    public ModelSpec Model { get; }
    /// <summary>Global coupling strength G.</summary>
    public double Coupling { get; }
    public ParameterValue this[int index] => _values[index];
    public ParameterValue this[string name] => Model.IndexOf(name) is var k && k < 0 ? new ParameterValue(Coupling) : _values[k];

    /// <summary>A copy with one parameter (or "coupling"/"G") set to a scalar.</summary>
    public ParameterSet With(string name, double value)
    {
        int k = Model.IndexOf(name);
        if (k < 0) { ModelSpec.CouplingParameter.Check(Model.Name, value); return new(Model, _values, value); }
        Model.Parameters[k].Check(Model.Name, value);
        var v = (ParameterValue[])_values.Clone();
        v[k] = new ParameterValue(value);
        return new(Model, v, Coupling);
    }

    /// <summary>A copy with one parameter set per region (length checked when simulated against a connectome).</summary>
    public ParameterSet With(string name, IReadOnlyList<double> perRegion)
    {
        ArgumentNullException.ThrowIfNull(perRegion);
        int k = Model.IndexOf(name);
        if (k < 0) throw new FwbmException($"Model '{Model.Name}': the global coupling '{ModelSpec.CouplingParameter.Name}' is one number, not a per-region vector.");
        if (perRegion.Count == 0) throw new FwbmException($"Model '{Model.Name}': parameter '{Model.Parameters[k].Name}' got an empty per-region vector.");
        for (int r = 0; r < perRegion.Count; r++) Model.Parameters[k].Check(Model.Name, perRegion[r], r);
        var v = (ParameterValue[])_values.Clone();
        v[k] = new ParameterValue(perRegion);
        return new(Model, v, Coupling);
    }

    /// <summary>A copy with the coupling G changed.</summary>
    public ParameterSet WithCoupling(double g) => With(ModelSpec.CouplingParameter.Name, g);

    /// <summary>Apply "name=value" assignments (CLI and magics).</summary>
    public ParameterSet With(IEnumerable<KeyValuePair<string, double>> assignments)
    {
        var p = this;
        foreach (var (k, v) in assignments) p = p.With(k, v);
        return p;
    }

    /// <summary>Check that every per-region vector has <paramref name="regions"/> entries.</summary>
    public void CheckRegions(int regions)
    {
        for (int k = 0; k < _values.Length; k++)
            if (_values[k].PerRegion is { } pr && pr.Count != regions)
                throw new FwbmException($"Model '{Model.Name}': parameter '{Model.Parameters[k].Name}' has {pr.Count} per-region values; the connectome has {regions} regions.");
    }

    /// <summary>All values by name (vectors as arrays), for summaries.</summary>
    public IReadOnlyDictionary<string, object> ToDictionary()
    {
        var d = new Dictionary<string, object>();
        for (int k = 0; k < _values.Length; k++)
            d[Model.Parameters[k].Name] = _values[k].PerRegion is { } pr ? pr.ToArray() : _values[k].Scalar;
        d[ModelSpec.CouplingParameter.Name] = Coupling;
        return d;
    }

    public override string ToString() =>
        $"{Model.Name}(" + string.Join(", ", Model.Parameters.Select((p, k) => $"{p.Name}={_values[k]}").Append(string.Create(CultureInfo.InvariantCulture, $"coupling={Coupling:G6}"))) + ")";
}
