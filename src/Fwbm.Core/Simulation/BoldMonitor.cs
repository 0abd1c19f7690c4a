using System.Numerics;
using Fwbm.Core.Analysis;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>
/// Online BOLD monitor: integrates the Balloon–Windkessel model (transient included) every <see cref="BoldMonitorSpec.IntegrationStepMs"/>
/// on the neural drive averaged over that step, and samples every TR, or with
/// <see cref="BoldHemodynamics.Direct"/> averages the model's BOLD drive over each TR window. An invalid hemodynamic state (inflow,
/// volume or deoxyhemoglobin ≤ 0, or a non-finite value) stops the run with a <see cref="SimulationDivergedException"/> that names the
/// step, region and parameter set, instead of letting NaN BOLD through.
/// </summary>
internal sealed class BoldMonitor(BoldMonitorSpec spec, Action<double[]>? sink = null) : IMonitor
{
    private MonitorContext _ctx = null!;
    private BalloonWindkessel _bw = null!;
    private long _every, _sub, _count;
    private double _dtSeconds;
    private double[] _driveSum = [];
    private readonly List<double[]> _samples = [];
    private double[] _row = [];   // the reused sample row when the samples go to a sink (online FC) instead of being stored
    private bool Direct => spec.Hemodynamics == BoldHemodynamics.Direct;

    public bool NeedsBoldDrive => true;

    public void Init(MonitorContext context)
    {
        _ctx = context;
        _every = Steps.Of(spec.TrMs, context.DtMs, "BOLD TR");
        if (_every > context.TotalSteps - context.TransientSteps)
            throw new FwbmException($"BOLD TR = {spec.TrMs} ms is longer than the recorded duration ({(context.TotalSteps - context.TransientSteps) * context.DtMs} ms); expected at least one TR.");
        if (!(spec.IntegrationStepMs > 0) || !double.IsFinite(spec.IntegrationStepMs))
            throw new FwbmException($"BOLD integration step = {spec.IntegrationStepMs} ms; expected a positive duration (default {BoldMonitorSpec.DefaultIntegrationStepMs} ms, a whole number of steps dividing the TR).");
        if (!Enum.IsDefined(spec.Hemodynamics)) throw new FwbmException($"BOLD hemodynamics = {spec.Hemodynamics}; expected Balloon or Direct.");
        _driveSum = new double[context.Lanes];
        if (sink is not null) _row = new double[context.Lanes];
        if (Direct) return;
        _bw = new BalloonWindkessel(context.Lanes, spec.Balloon);
        // integrate the slow hemodynamics every IntegrationStepMs with the mean drive of those steps (when it divides TR and the transient)
        long sub = spec.EngineStepsPerHemodynamicStep(context.DtMs, _every, context.TransientSteps);
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
            Accumulate(_driveSum, d);
            if (k % _every != 0) return;
            var avg = sink is null ? new double[_ctx.Lanes] : _row;
            double inv = 1.0 / _every;
            for (int l = 0; l < avg.Length; l++) avg[l] = _driveSum[l] * inv;
            Array.Clear(_driveSum);
            CheckSample(avg, view.Step);
            Emit(avg);
            return;
        }
        ReadOnlySpan<double> drive;
        if (_sub == 1) { drive = view.BoldDrive; _bw.Step(drive, _dtSeconds); }
        else
        {
            var d = view.BoldDrive;
            Accumulate(_driveSum, d);
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
        var row = sink is null ? new double[_ctx.Lanes] : _row;
        _bw.Signal(row);
        CheckSample(row, view.Step);
        Emit(row);
    }

    /// <summary>sum += x, lane by lane (SIMD; the same bits as the scalar loop).</summary>
    private static void Accumulate(Span<double> sum, ReadOnlySpan<double> x)
    {
        int n = sum.Length, w = Vector<double>.Count, l = 0;
        for (; l + w <= n; l += w) (new Vector<double>(sum[l..]) + new Vector<double>(x[l..])).CopyTo(sum[l..]);
        for (; l < n; l++) sum[l] += x[l];
    }

    /// <summary>Keep a sample row, or hand it to the sink (which must not keep the array: it is reused).</summary>
    private void Emit(double[] row)
    {
        if (sink is null) _samples.Add(row);
        else sink(row);
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
                  $"1 + drive/γ negative. Use hemodynamics 'direct' (--bold direct in fwbm simulate, #!fwbm-simulate and #!fwbm-sweep; BoldMonitorSpec.Hemodynamics = BoldHemodynamics.Direct in C#), " +
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
        if (sink is not null) yield break;
        int R = _ctx.Regions, T = _samples.Count;
        var data = new double[T * R];
        for (int t = 0; t < T; t++)
            for (int r = 0; r < R; r++) data[t * R + r] = _samples[t][_ctx.Lane(r, member)];
        yield return new(spec.Key, new TimeSeries(data, R, spec.TrMs, (_ctx.TransientSteps + _every) * _ctx.DtMs, _ctx.Labels, "bold"));
    }
}
