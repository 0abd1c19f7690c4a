using System.Globalization;

namespace Fwbm.Core.Exploration;

/// <summary>One explored parameter (a model parameter by name or alias, or "coupling"/"G") and its values.</summary>
public sealed record ParameterAxis
{
    public ParameterAxis(string name, IReadOnlyList<double> values)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new FwbmException("Parameter axis: the name is empty; expected a model parameter or 'coupling'.");
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new FwbmException($"Parameter axis '{name}': no values; expected at least one.");
        foreach (var v in values)
            if (!double.IsFinite(v)) throw new FwbmException($"Parameter axis '{name}': value {v} is not finite.");
        Name = name; Values = values.ToArray();
    }

    public string Name { get; }
    public IReadOnlyList<double> Values { get; }

    /// <summary>Explicit values.</summary>
    public static ParameterAxis Of(string name, params double[] values) => new(name, values);

    /// <summary><paramref name="count"/> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/> inclusive (numpy.linspace).</summary>
    public static ParameterAxis Linspace(string name, double start, double stop, int count)
    {
        if (count < 1) throw new FwbmException($"Parameter axis '{name}': linspace count = {count}; expected ≥ 1.");
        if (!double.IsFinite(start) || !double.IsFinite(stop)) throw new FwbmException($"Parameter axis '{name}': linspace bounds must be finite.");
        var v = new double[count];
        // (start·(n − 1 − k) + stop·k) / (n − 1): where the exact value is 0 the two products are the same real number with opposite
        // signs, round alike and cancel exactly (start + k·step would leave 1e-17); the endpoints are set exactly
        for (int k = 0; k < count; k++) v[k] = count == 1 ? start : (start * (count - 1 - k) + stop * k) / (count - 1);
        v[0] = start;
        if (count > 1) v[^1] = stop;
        return new(name, v);
    }

    /// <summary>Parse "name=range" (<see cref="Grammar.RangeText"/>: start:step:stop, lin(…), log(…), or a list v1,v2,…).</summary>
    public static ParameterAxis Parse(string text) => Grammar.RangeText.Axis(text, "sweep axis");

    public override string ToString() => $"{Name} = [{string.Join(", ", Values.Take(5).Select(v => v.ToString("G4", CultureInfo.InvariantCulture)))}{(Values.Count > 5 ? ", …" : "")}] ({Values.Count})";
}

/// <summary>A grid over one or more parameters: the Cartesian product of its axes, the last axis varying fastest.</summary>
public sealed class ParameterSpace
{
    public ParameterSpace(IReadOnlyList<ParameterAxis> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Count == 0) throw new FwbmException("Parameter space: no axes; expected at least one parameter to explore.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in axes)
            if (!seen.Add(a.Name)) throw new FwbmException($"Parameter space: '{a.Name}' appears twice.");
        Axes = axes.ToArray();
        long n = 1;
        foreach (var a in Axes) n *= a.Values.Count;
        if (n > 10_000_000) throw new FwbmException($"Parameter space has {n} points; expected at most 10 million.");
        Count = (int)n;
    }

    /// <summary>A grid over the given axes.</summary>
    public static ParameterSpace Grid(params ParameterAxis[] axes) => new(axes);

    public IReadOnlyList<ParameterAxis> Axes { get; }
    /// <summary>Number of grid points.</summary>
    public int Count { get; }

    /// <summary>The values of grid point <paramref name="index"/>, one per axis.</summary>
    public double[] Point(int index)
    {
        if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index));
        var v = new double[Axes.Count];
        for (int a = Axes.Count - 1; a >= 0; a--)
        {
            int m = Axes[a].Values.Count;
            v[a] = Axes[a].Values[index % m];
            index /= m;
        }
        return v;
    }

    /// <summary>The position of a grid point along each axis.</summary>
    public int[] Coordinates(int index)
    {
        var c = new int[Axes.Count];
        for (int a = Axes.Count - 1; a >= 0; a--) { c[a] = index % Axes[a].Values.Count; index /= Axes[a].Values.Count; }
        return c;
    }

    public override string ToString() => string.Join(" × ", Axes.Select(a => a.ToString()));
}
