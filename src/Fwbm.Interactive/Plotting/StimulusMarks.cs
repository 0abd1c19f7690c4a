using System.Globalization;
using Fwbm.Core.Simulation;

namespace Fwbm.Interactive.Plotting;

/// <summary>
/// Where and when a stimulus acts, for marking it on a time-series chart: the stimulated regions and the intervals (ms, simulation
/// time, clipped to a window) in which it is on, with a one-line description. Pulses and sinusoids are read from their parameters;
/// any other <see cref="IStimulus"/> is evaluated at the chart's sample times (regions and intervals where its input is non-zero).
/// </summary>
public sealed record StimulusMarks(IReadOnlyList<int> Regions, IReadOnlyList<(double StartMs, double EndMs)> IntervalsMs, string Description)
{
    /// <summary>At most this many intervals are drawn one by one; a longer pulse train is one shaded span from its first onset to its last offset.</summary>
    public const int MaxIntervals = 60;

    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>The marks of <paramref name="stimulus"/> over [<paramref name="fromMs"/>, <paramref name="toMs"/>] on <paramref name="regions"/> regions.</summary>
    public static StimulusMarks Of(IStimulus stimulus, int regions, double fromMs, double toMs, double samplePeriodMs)
    {
        ArgumentNullException.ThrowIfNull(stimulus);
        switch (stimulus)
        {
            case PulseStimulus p:
            {
                var on = new List<(double, double)>();
                double period = p.PeriodMs is double q && q > 0 ? q : double.PositiveInfinity;
                int count = 0;
                for (double t = p.OnsetMs; t < toMs && count < 1_000_000; t += period, count++)
                {
                    if (t + p.WidthMs > fromMs) on.Add((Math.Max(fromMs, t), Math.Min(toMs, t + Math.Max(p.WidthMs, 0))));
                    if (double.IsInfinity(period)) break;
                }
                if (on.Count > MaxIntervals) on = [(on[0].Item1, on[^1].Item2)];
                string train = p.PeriodMs is double per && per > 0 ? $" every {per.ToString("G4", Ci)} ms" : "";
                return new StimulusMarks(Valid(p.Regions, regions), on,
                    $"pulse{(train.Length > 0 ? "s" : "")} of {p.WidthMs.ToString("G4", Ci)} ms{train} from {p.OnsetMs.ToString("G4", Ci)} ms, amplitude {p.Amplitude.ToString("G4", Ci)} into {p.Variable}");
            }
            case SinusoidStimulus s:
            {
                double a = Math.Max(fromMs, s.OnsetMs), b = Math.Min(toMs, s.OffsetMs);
                return new StimulusMarks(Valid(s.Regions, regions), b > a ? [(a, b)] : [],
                    $"sinusoid {s.FrequencyHz.ToString("G4", Ci)} Hz, amplitude {s.Amplitude.ToString("G4", Ci)} into {s.Variable}" +
                    (double.IsPositiveInfinity(s.OffsetMs) ? $" from {s.OnsetMs.ToString("G4", Ci)} ms" : $", {s.OnsetMs.ToString("G4", Ci)}–{s.OffsetMs.ToString("G4", Ci)} ms"));
            }
            default:
                return Sampled(stimulus, regions, fromMs, toMs, samplePeriodMs);
        }
    }

    private static int[] Valid(IReadOnlyList<int> stimulated, int regions) => stimulated.Where(r => r >= 0 && r < regions).Distinct().Order().ToArray();

    private static StimulusMarks Sampled(IStimulus stimulus, int regions, double fromMs, double toMs, double periodMs)
    {
        var input = new double[regions];
        var hit = new bool[regions];
        var on = new List<(double, double)>();
        double? start = null;
        double step = periodMs > 0 ? periodMs : Math.Max(1e-3, (toMs - fromMs) / 1000);
        long n = (long)Math.Ceiling((toMs - fromMs) / step);
        for (long k = 0; k <= n; k++)
        {
            double t = Math.Min(toMs, fromMs + k * step);
            Array.Clear(input);
            stimulus.Evaluate(k, t, input);
            bool any = false;
            for (int r = 0; r < regions; r++) if (input[r] != 0) { hit[r] = true; any = true; }
            if (any && start is null) start = t;
            if (!any && start is double s0) { on.Add((s0, t)); start = null; }
        }
        if (start is double s1) on.Add((s1, toMs));
        if (on.Count > MaxIntervals) on = [(on[0].Item1, on[^1].Item2)];
        return new StimulusMarks(Enumerable.Range(0, regions).Where(r => hit[r]).ToArray(), on, $"{stimulus.GetType().Name} into {stimulus.Variable}");
    }
}
