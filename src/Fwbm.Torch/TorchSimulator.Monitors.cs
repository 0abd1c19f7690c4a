using Fwbm.Core;
using Fwbm.Core.Simulation;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>The monitors (<see cref="ITorchMonitor"/>, one per Core <see cref="MonitorSpec"/>: raw, temporal average, BOLD, online FC)
/// and the Balloon–Windkessel hemodynamics that BOLD and online FC of BOLD read.</summary>
public sealed partial class TorchSimulator
{
    private readonly ITorchMonitor[] _monitors;
    private readonly BoldMonitorSpec? _bold;   // the hemodynamics (of the BOLD monitor or of online FC of BOLD), null when none reads BOLD
    private readonly BalloonEquations.Constants _balloon;
    // steps per BOLD sample; steps per Balloon step (the drive is averaged over them); the Balloon step in seconds
    private readonly long _boldEvery, _boldSub;
    private readonly double _boldDtSeconds;

    /// <summary>Integration steps per BOLD sample (0 without a BOLD monitor).</summary>
    public long StepsPerBoldSample => _boldEvery;

    /// <summary>
    /// One Torch monitor per Core monitor spec (output keys unique). Every monitor that reads BOLD shares one Balloon state, so their
    /// hemodynamics (Balloon constants, integration step, hemodynamic step in engine steps) must agree; the Balloon model steps every
    /// <see cref="BoldMonitorSpec.EngineStepsPerHemodynamicStep"/> integration steps, the one rule of every backend.
    /// </summary>
    private void ConfigureMonitors(SimulationOptions options, out ITorchMonitor[] monitors, out BoldMonitorSpec? bold,
        out BalloonEquations.Constants balloon, out long boldEvery, out long boldSub, out double boldDtSeconds)
    {
        bold = null; balloon = default; boldEvery = 0; boldSub = 0; boldDtSeconds = 0;
        long recorded = Core.RecordedSteps;
        monitors = options.Monitors.Select(m => TorchMonitors.For(m, _spec, options.DtMs, recorded)).ToArray();
        var dup = monitors.GroupBy(m => m.Key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new FwbmException($"Torch simulator: more than one '{dup.Key}' monitor; expected each output key at most once.");
        foreach (var m in options.Monitors)
        {
            if (TorchMonitors.Hemodynamics(m) is not { } bs) continue;
            if (bs.Hemodynamics != BoldHemodynamics.Balloon)
                throw new FwbmException($"Torch simulator: BOLD hemodynamics '{bs.Hemodynamics}' is not supported yet; expected Balloon (use the CPU Simulation for Direct).");
            long every = TorchMonitors.BoldEvery(bs, options.DtMs, recorded);
            long sub = bs.EngineStepsPerHemodynamicStep(options.DtMs, every, Core.TransientSteps);
            if (bold is null) { bold = bs; boldEvery = every; boldSub = sub; continue; }
            if (bs.Balloon != bold.Balloon || sub != boldSub)
                throw new FwbmException($"Torch simulator: monitor '{m.Key}' asks for other hemodynamics (Balloon constants or integration step {bs.IntegrationStepMs} ms) than the first BOLD reader ({bold.IntegrationStepMs} ms); expected the same for every monitor that reads BOLD.");
        }
        if (bold is not null)
        {
            balloon = BalloonEquations.Constants.Of(bold.Balloon);
            boldDtSeconds = boldSub * options.DtMs / 1000.0;
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
}
