using Fwbm.Core.Analysis;

namespace Fwbm.Core.Simulation;

/// <summary>
/// The online FC monitor (<see cref="OnlineFcMonitorSpec"/>): each sample of the signal — BOLD every TR from an inner
/// <see cref="BoldMonitor"/> that hands its rows over instead of storing them, or a state variable / observable every period — is
/// split by parameter set and added to that set's <see cref="OnlineCorrelation"/>. Nothing grows with the number of steps and the
/// per-step path allocates nothing.
/// </summary>
internal sealed class OnlineFcMonitor(OnlineFcMonitorSpec spec) : IMonitor
{
    private MonitorContext _ctx = null!;
    private BoldMonitor? _bold;
    private bool _observable;
    private int _index;
    private long _period;
    private double[] _acc = [], _x = [];
    private OnlineCorrelation[] _fc = [];

    private bool IsBold => string.Equals(spec.Signal, OnlineFcMonitorSpec.BoldSignal, StringComparison.OrdinalIgnoreCase);

    public bool NeedsBoldDrive => IsBold;
    public bool NeedsObservables => !IsBold && _observable;

    public void Init(MonitorContext context)
    {
        _ctx = context;
        if (IsBold)
        {
            _bold = new BoldMonitor(spec.Bold, Add);
            _bold.Init(context);
        }
        else
        {
            (_observable, _index) = context.Model.RecordableIndexOf(spec.Signal);
            _period = Steps.Of(spec.PeriodMs, context.DtMs, "online FC period");
            long samples = (context.TotalSteps - context.TransientSteps) / _period;
            if (samples < 2)
                throw new FwbmException($"Online FC of '{spec.Signal}': period {spec.PeriodMs} ms gives {samples} sample(s) in the recorded {(context.TotalSteps - context.TransientSteps) * context.DtMs} ms; expected at least 2 (shorten the period).");
            _acc = new double[context.Lanes];
        }
        _x = new double[context.Regions];
        _fc = new OnlineCorrelation[context.Members];
        for (int b = 0; b < _fc.Length; b++) _fc[b] = new OnlineCorrelation(context.Regions);
    }

    public void Step(in MonitorView view)
    {
        if (_bold is not null) { _bold.Step(view); return; }
        long k = view.Step - _ctx.TransientSteps;
        if (k <= 0) return;
        var src = (_observable ? view.Observables : view.State).Slice(_index * _ctx.Lanes, _ctx.Lanes);
        if (spec.Average)
        {
            for (int l = 0; l < _acc.Length; l++) _acc[l] += src[l];
            if (k % _period != 0) return;
            double inv = 1.0 / _period;
            for (int l = 0; l < _acc.Length; l++) _acc[l] *= inv;
            Add(_acc);
            Array.Clear(_acc);
            return;
        }
        if (k % _period == 0) Add(src);
    }

    /// <summary>One sample of every lane: each parameter set's regions go to its accumulator.</summary>
    private void Add(double[] lanes) => Add((ReadOnlySpan<double>)lanes);

    private void Add(ReadOnlySpan<double> lanes)
    {
        for (int b = 0; b < _fc.Length; b++)
        {
            for (int r = 0; r < _x.Length; r++) _x[r] = lanes[_ctx.Lane(r, b)];
            _fc[b].Add(_x);
        }
    }

    public IEnumerable<KeyValuePair<string, TimeSeries>> Sample(int member)
    {
        int R = _ctx.Regions;
        double[] fc;
        try { fc = _fc[member].Correlation(); }
        catch (FwbmException e) { throw new FwbmException($"{e.Message.TrimEnd('.')} (monitor '{spec.Key}', parameter set {_ctx.Describe(member)})."); }
        yield return new(spec.Key, new TimeSeries(fc, R, 1.0, 0, _ctx.Labels, "fc"));
    }
}
