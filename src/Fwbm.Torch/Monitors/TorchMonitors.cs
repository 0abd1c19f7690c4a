using Fwbm.Core;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Torch;

/// <summary>The Torch monitor of each Core <see cref="MonitorSpec"/>: raw, temporal average, BOLD (Balloon) and online FC.</summary>
internal static class TorchMonitors
{
    /// <summary>The Torch monitor of <paramref name="spec"/> for a run with step <paramref name="dtMs"/> and the given recorded steps.</summary>
    public static ITorchMonitor For(MonitorSpec spec, ModelSpec model, double dtMs, long recordedSteps) => spec switch
    {
        RawMonitorSpec r => Subsample(r.Key, model, r.Variables, r.PeriodMs, dtMs, average: false),
        TemporalAverageMonitorSpec t => Subsample(t.Key, model, t.Variables, t.PeriodMs, dtMs, average: true),
        BoldMonitorSpec b => new TorchBoldMonitor(BoldEvery(b, dtMs, recordedSteps)),
        OnlineFcMonitorSpec f when IsBold(f) => new TorchOnlineFcMonitor(f.Key, null, BoldEvery(f.Bold, dtMs, recordedSteps), average: false),
        OnlineFcMonitorSpec f => OnlineFc(f, model, dtMs, recordedSteps),
        _ => throw new FwbmException($"Torch simulator: monitor '{spec.Key}' is not supported; expected raw, tavg, bold or fc monitors."),
    };

    /// <summary>The hemodynamics a monitor needs (BOLD, or online FC of BOLD), or null.</summary>
    public static BoldMonitorSpec? Hemodynamics(MonitorSpec spec) => spec switch
    {
        BoldMonitorSpec b => b,
        OnlineFcMonitorSpec f when IsBold(f) => f.Bold,
        _ => null,
    };

    private static bool IsBold(OnlineFcMonitorSpec f) => string.Equals(f.Signal, OnlineFcMonitorSpec.BoldSignal, StringComparison.OrdinalIgnoreCase);

    /// <summary>Steps per BOLD sample, checked as the CPU monitor checks it.</summary>
    public static long BoldEvery(BoldMonitorSpec b, double dtMs, long recordedSteps)
    {
        long every = Steps.Of(b.TrMs, dtMs, "BOLD TR");
        if (every > recordedSteps)
            throw new FwbmException($"BOLD TR = {b.TrMs} ms is longer than the recorded duration ({recordedSteps * dtMs} ms); expected at least one TR.");
        return every;
    }

    private static TorchSubsampleMonitor Subsample(string key, ModelSpec model, IReadOnlyList<string>? variables, double periodMs, double dtMs, bool average)
    {
        var recorded = variables is null ? Enumerable.Range(0, model.StateCount).Select(k => (false, k)).ToArray() : variables.Select(model.RecordableIndexOf).ToArray();
        return new TorchSubsampleMonitor(key, model, recorded, Steps.Of(periodMs, dtMs, $"{key} monitor period"), average);
    }

    private static TorchOnlineFcMonitor OnlineFc(OnlineFcMonitorSpec f, ModelSpec model, double dtMs, long recordedSteps)
    {
        var (observable, index) = model.RecordableIndexOf(f.Signal);
        long period = Steps.Of(f.PeriodMs, dtMs, "online FC period");
        if (recordedSteps / period < 2)
            throw new FwbmException($"Online FC of '{f.Signal}': period {f.PeriodMs} ms gives {recordedSteps / period} sample(s) in the recorded {recordedSteps * dtMs} ms; expected at least 2 (shorten the period).");
        return new TorchOnlineFcMonitor(f.Key, observable ? v => v.Observables[index] : v => v.X[index], period, f.Average);
    }
}
