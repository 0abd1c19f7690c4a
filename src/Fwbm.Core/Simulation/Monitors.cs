using Fwbm.Core.Analysis;
using Fwbm.Core.Models;

namespace Fwbm.Core.Simulation;

/// <summary>
/// The lane layout of one block of simulated parameter sets, given to monitors at <see cref="IMonitor.Init"/>.
/// Values of state variable v at lane l live at <c>State[v * Lanes + l]</c>; lane of (region r, member b) is <see cref="Lane"/>.
/// </summary>
public sealed class MonitorContext
{
    internal MonitorContext(ModelSpec model, IReadOnlyList<string> labels, int members, int lanesPerRegion, int lanes, double dtMs, long transientSteps, long totalSteps,
        int firstMember = 0, IReadOnlyList<SimulationRequest>? requests = null)
    {
        Model = model; Labels = labels; Members = members; LanesPerRegion = lanesPerRegion; Lanes = lanes; DtMs = dtMs;
        TransientSteps = transientSteps; TotalSteps = totalSteps; FirstMember = firstMember; _requests = requests;
    }
    private readonly IReadOnlyList<SimulationRequest>? _requests;
    /// <summary>Index in the whole batch of this block's member 0.</summary>
    public int FirstMember { get; }
    /// <summary>"index [parameters], seed s" of a member of this block, for error messages.</summary>
    public string Describe(int member) => _requests is { } q && member < q.Count
        ? $"{FirstMember + member} [{q[member].Parameters}], seed {q[member].Seed}" : $"{FirstMember + member}";
    /// <summary>True when <paramref name="lane"/> belongs to a real (region, member) and not to SIMD padding.</summary>
    public bool IsReal(int lane, out int region, out int member)
    {
        region = lane / LanesPerRegion; member = lane % LanesPerRegion;
        return region < Regions && member < Members;
    }
    public ModelSpec Model { get; }
    public IReadOnlyList<string> Labels { get; }
    public int Regions => Labels.Count;
    /// <summary>Parameter sets simulated together in this block.</summary>
    public int Members { get; }
    public int LanesPerRegion { get; }
    /// <summary>Total lanes per state variable (padded for SIMD).</summary>
    public int Lanes { get; }
    public double DtMs { get; }
    public long TransientSteps { get; }
    public long TotalSteps { get; }
    public int Lane(int region, int member) => region * LanesPerRegion + member;
}

/// <summary>What a monitor sees after each integration step.</summary>
public readonly ref struct MonitorView
{
    internal MonitorView(long step, double timeMs, ReadOnlySpan<double> state, ReadOnlySpan<double> boldDrive, ReadOnlySpan<double> observables = default)
    { Step = step; TimeMs = timeMs; State = state; BoldDrive = boldDrive; Observables = observables; }
    /// <summary>Index of the state just computed (1 after the first step).</summary>
    public long Step { get; }
    public double TimeMs { get; }
    /// <summary>All state variables, <c>[v * Lanes + lane]</c>.</summary>
    public ReadOnlySpan<double> State { get; }
    /// <summary>The model's BOLD drive per lane (empty unless a monitor asked for it).</summary>
    public ReadOnlySpan<double> BoldDrive { get; }
    /// <summary>The model's observables, <c>[k * Lanes + lane]</c> in the order of <see cref="ModelSpec.Observables"/> (empty unless a monitor asked for them).</summary>
    public ReadOnlySpan<double> Observables { get; }
}

/// <summary>
/// An online recorder (vbjax-style init / step / sample): memory does not grow with the number of integration steps,
/// only with the number of samples it keeps.
/// </summary>
public interface IMonitor
{
    /// <summary>True when <see cref="MonitorView.BoldDrive"/> must be filled.</summary>
    bool NeedsBoldDrive { get; }
    /// <summary>True when <see cref="MonitorView.Observables"/> must be filled (read after <see cref="Init"/>).</summary>
    bool NeedsObservables => false;
    void Init(MonitorContext context);
    /// <summary>Called after every integration step (transient included).</summary>
    void Step(in MonitorView view);
    /// <summary>The recorded signals of one member, keyed by output name.</summary>
    IEnumerable<KeyValuePair<string, TimeSeries>> Sample(int member);
}

/// <summary>Subsampled ("raw") or window-averaged ("tavg") state variables and observables.</summary>
internal sealed class SubsampleMonitor(MonitorSpec spec, double periodMs, IReadOnlyList<string>? variables, bool average) : IMonitor
{
    private MonitorContext _ctx = null!;
    private int[] _vars = [];
    private bool[] _isObs = [];
    private long _period;
    private double[] _acc = [];
    private List<double[]> _samples = [];

    public bool NeedsBoldDrive => false;
    public bool NeedsObservables => _isObs.Any(o => o);

    public void Init(MonitorContext context)
    {
        _ctx = context;
        var resolved = variables is null ? Enumerable.Range(0, context.Model.StateCount).Select(k => (Observable: false, Index: k)).ToArray()
            : variables.Select(context.Model.RecordableIndexOf).ToArray();
        _vars = resolved.Select(r => r.Index).ToArray();
        _isObs = resolved.Select(r => r.Observable).ToArray();
        _period = Steps.Of(periodMs, context.DtMs, $"{spec.Key} monitor period");
        _acc = new double[_vars.Length * context.Lanes];
        long samples = (context.TotalSteps - context.TransientSteps) / _period;
        _samples = new List<double[]>((int)Math.Min(samples, 1 << 20));
    }

    public void Step(in MonitorView view)
    {
        long k = view.Step - _ctx.TransientSteps;
        if (k <= 0) return;
        int L = _ctx.Lanes;
        if (average)
            for (int a = 0; a < _vars.Length; a++)
            {
                var src = Source(view, a);
                var dst = _acc.AsSpan(a * L, L);
                for (int l = 0; l < L; l++) dst[l] += src[l];
            }
        if (k % _period != 0) return;
        var row = new double[_vars.Length * L];
        if (average)
        {
            double inv = 1.0 / _period;
            for (int l = 0; l < row.Length; l++) row[l] = _acc[l] * inv;
            Array.Clear(_acc);
        }
        else
            for (int a = 0; a < _vars.Length; a++) Source(view, a).CopyTo(row.AsSpan(a * L, L));
        _samples.Add(row);
    }

    private ReadOnlySpan<double> Source(in MonitorView view, int a) =>
        (_isObs[a] ? view.Observables : view.State).Slice(_vars[a] * _ctx.Lanes, _ctx.Lanes);

    public IEnumerable<KeyValuePair<string, TimeSeries>> Sample(int member)
    {
        int R = _ctx.Regions, L = _ctx.Lanes, T = _samples.Count;
        for (int a = 0; a < _vars.Length; a++)
        {
            var data = new double[T * R];
            for (int t = 0; t < T; t++)
            {
                var row = _samples[t];
                for (int r = 0; r < R; r++) data[t * R + r] = row[a * L + _ctx.Lane(r, member)];
            }
            string name = _isObs[a] ? _ctx.Model.Observables[_vars[a]].Name : _ctx.Model.StateVariables[_vars[a]].Name;
            double start = (_ctx.TransientSteps + _period) * _ctx.DtMs;
            yield return new($"{spec.Key}:{name}", new TimeSeries(data, R, _period * _ctx.DtMs, start, _ctx.Labels, name));
        }
    }
}

internal static class Steps
{
    /// <summary>An interval as a whole number of steps, or an error naming it.</summary>
    public static long Of(double ms, double dtMs, string what)
    {
        if (!(ms > 0) || double.IsInfinity(ms)) throw new FwbmException($"{what} = {ms} ms; expected a positive, finite duration.");
        double k = ms / dtMs;
        long n = (long)Math.Round(k);
        if (n < 1 || Math.Abs(k - n) > 1e-6 * Math.Max(1, k))
            throw new FwbmException($"{what} = {ms} ms is not a whole number of integration steps (dt = {dtMs} ms).");
        return n;
    }
}
