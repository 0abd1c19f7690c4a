using Fwbm.Core;
using Fwbm.Core.Simulation;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>The monitors: BOLD through the Balloon–Windkessel model sampled every TR, and raw (subsampled) states.</summary>
public sealed partial class TorchSimulator
{
    private readonly BoldMonitorSpec? _bold;
    private readonly BalloonEquations.Constants _balloon;
    // steps per BOLD sample; steps per Balloon step (the drive is averaged over them); the Balloon step in seconds
    private readonly long _boldEvery, _boldSub;
    private readonly double _boldDtSeconds;
    private readonly (int[] Vars, long Period)? _raw;   // raw monitor: state variable indices and steps per sample

    /// <summary>Integration steps per BOLD sample (0 without a BOLD monitor).</summary>
    public long StepsPerBoldSample => _boldEvery;

    /// <summary>
    /// The monitors this simulator supports: at most one BOLD monitor (Balloon hemodynamics) and one raw monitor. The Balloon model
    /// steps every <c>boldSub</c> integration steps when its step is a whole number of them that divides the TR and the transient.
    /// </summary>
    private void ConfigureMonitors(SimulationOptions options, out BoldMonitorSpec? bold, out (int[] Vars, long Period)? raw,
        out BalloonEquations.Constants balloon, out long boldEvery, out long boldSub, out double boldDtSeconds)
    {
        bold = null; raw = null; balloon = default; boldEvery = 0; boldSub = 0; boldDtSeconds = 0;
        foreach (var m in options.Monitors)
        {
            switch (m)
            {
                case BoldMonitorSpec b when bold is null: bold = b; break;
                case BoldMonitorSpec: throw new FwbmException("Torch simulator: more than one BOLD monitor; expected at most one.");
                case RawMonitorSpec r when raw is null:
                    raw = ((r.Variables ?? _spec.StateVariables.Select(v => v.Name).ToList()).Select(_spec.StateIndexOf).ToArray(),
                        Steps.Of(r.PeriodMs, options.DtMs, "raw monitor period"));
                    break;
                default: throw new FwbmException($"Torch simulator: monitor '{m.Key}' is not supported; expected a BOLD monitor and/or one raw monitor.");
            }
        }
        if (bold is { } bs)
        {
            if (bs.Hemodynamics != BoldHemodynamics.Balloon)
                throw new FwbmException($"Torch simulator: BOLD hemodynamics '{bs.Hemodynamics}' is not supported yet; expected Balloon (use the CPU Simulation for Direct).");
            balloon = BalloonEquations.Constants.Of(bs.Balloon);
            boldEvery = Steps.Of(bs.TrMs, options.DtMs, "BOLD TR");
            if (boldEvery > Core.RecordedSteps)
                throw new FwbmException($"BOLD TR = {bs.TrMs} ms is longer than the recorded duration ({Core.RecordedSteps * options.DtMs} ms); expected at least one TR.");
            long sub = Math.Max(1, (long)Math.Round(bs.IntegrationStepMs / options.DtMs));
            if (Math.Abs(sub * options.DtMs - bs.IntegrationStepMs) > 1e-9 * bs.IntegrationStepMs || boldEvery % sub != 0 || Core.TransientSteps % sub != 0) sub = 1;
            boldSub = sub;
            boldDtSeconds = sub * options.DtMs / 1000.0;
        }
    }

    /// <summary>
    /// The hemodynamics after a step with new state <paramref name="xn"/>: the BOLD drive, and the Balloon step when one is due
    /// (every step, or on the average drive of <c>_boldSub</c> steps). Returns the Balloon state and drive when it was stepped.
    /// </summary>
    private (Tensor[]? Stepped, Tensor? Drove) Hemodynamics(Tensor[] xn, TorchParameters p, ref Tensor[] balloon, ref Tensor? driveSum, ref int driveCount)
    {
        Tensor[]? stepped = null; Tensor? drove = null;
        var xr = new TReal[NV];
        for (int v = 0; v < NV; v++) xr[v] = xn[v];
        var drive = AsTensor(_kernel.BoldDrive(xr, p.Values), xn[0]);
        if (_boldSub == 1) { balloon = stepped = BalloonStep(balloon, drive); drove = drive; }
        else
        {
            driveSum = driveSum is null ? drive : SafeOps.Add(driveSum, drive);
            if (++driveCount == _boldSub)
            {
                drove = SafeOps.Mul(driveSum, 1.0 / _boldSub);
                balloon = stepped = BalloonStep(balloon, drove);
                driveSum = null; driveCount = 0;
            }
        }
        return (stepped, drove);
    }

    private Tensor[] BalloonStep(Tensor[] b, Tensor drive)
    {
        TReal s = b[0], f = b[1], v = b[2], q = b[3];
        BalloonEquations.Step(ref s, ref f, ref v, ref q, drive, _boldDtSeconds, _balloon);
        return [AsTensor(s, drive), AsTensor(f, drive), AsTensor(v, drive), AsTensor(q, drive)];
    }

    /// <summary>Record the BOLD signal and the raw states when recorded step <paramref name="k1"/> (transient excluded) is a sampling step.</summary>
    private void Sample(long k1, Tensor[] xn, Tensor[] balloon, List<Tensor> boldSamples, List<Tensor>[] raw)
    {
        if (_bold is not null)
        {
            if (k1 > 0 && k1 % _boldEvery == 0)
            {
                TReal sig = BalloonEquations.Signal<TReal>(balloon[2], balloon[3], _balloon);
                boldSamples.Add(AsTensor(sig, xn[0]).MoveToOuterDisposeScope());
            }
        }
        if (_raw is { } rr && k1 > 0 && k1 % rr.Period == 0)
            for (int a = 0; a < rr.Vars.Length; a++) raw[a].Add(xn[rr.Vars[a]].alias().MoveToOuterDisposeScope());
    }

    /// <summary>The samples of a stretch stacked over time (the per-step tensors are released).</summary>
    private TorchSamples Collect(List<Tensor> boldSamples, List<Tensor>[] raw)
    {
        Tensor? bold = null;
        if (boldSamples.Count > 0) { bold = torch.stack(boldSamples); foreach (var t in boldSamples) t.Dispose(); }
        var rawOut = new Dictionary<string, Tensor>();
        if (_raw is { } r2)
            for (int a = 0; a < r2.Vars.Length; a++)
            {
                if (raw[a].Count == 0) continue;
                rawOut[$"raw:{_spec.StateVariables[r2.Vars[a]].Name}"] = torch.stack(raw[a]);
                foreach (var t in raw[a]) t.Dispose();
            }
        return new TorchSamples(bold, rawOut);
    }
}
