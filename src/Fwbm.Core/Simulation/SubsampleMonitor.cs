using Fwbm.Core.Analysis;
using Fwbm.Core.Models;

namespace Fwbm.Core.Simulation;

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
