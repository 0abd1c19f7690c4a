using Fwbm.Core.Analysis;
using Fwbm.Core.Models;

namespace Fwbm.Core.Guardrails;

/// <summary>
/// Activity constant in time: a state variable whose temporal SD is at most 10⁻⁹ of its scale (max of |mean| and the width of its
/// initial range) in at least half of the regions — a deterministic fixed point, a saturated response (Wilson–Cowan at huge G sits at
/// E = 0.5) or noise switched off. BOLD then only echoes the hemodynamic transient, and its FC means nothing. A variable already
/// reported pinned at a bound is not reported again. Needs the state recorded (raw or temporal average).
/// </summary>
public sealed class ConstantActivity : IRunCheck
{
    /// <summary>Temporal SD relative to the variable's scale at or below which a region's activity is called constant.</summary>
    public const double RelativeStd = 1e-9;

    public Guardrail Info { get; } = new("activity-constant", "Activity constant in time (fixed point or saturation)",
        "temporal SD ≤ 1e-9 × scale (max of |mean| and the initial range) of a state variable in ≥ 50 % of the regions",
        "turn the noise on (e.g. --param sigma=…), lower --coupling out of saturation, or move the local parameters into an oscillatory regime");

    public IEnumerable<GuardrailWarning> Check(RunEvidence run)
    {
        var pinned = PinnedActivity.Find(run).Select(f => f.Variable).ToHashSet(StringComparer.Ordinal);
        foreach (var v in run.Model.StateVariables)
        {
            if (pinned.Contains(v.Name) || run.State(v.Name) is not { Length: >= 3 } ts) continue;
            var (count, value) = ConstantRegions(ts, v);
            if (count >= PinnedActivity.RegionFraction * ts.Regions && count > 0)
                yield return new GuardrailWarning(Info.Code,
                    $"{v.Name} is constant in time in {count} of {ts.Regions} regions (e.g. {v.Name} = {Fmt.G(value, 6)}; threshold: temporal SD ≤ 1e-9 × scale in ≥ 50 % of regions): " +
                    "a fixed point or saturation, so BOLD only echoes the transient; turn the noise on, lower --coupling, or move the local parameters.");
        }
    }

    private static (int Count, double Value) ConstantRegions(TimeSeries ts, StateVariableSpec v)
    {
        int count = 0; double value = double.NaN;
        for (int r = 0; r < ts.Regions; r++)
        {
            double mean = 0, ss = 0;
            for (int t = 0; t < ts.Length; t++) mean += ts[t, r];
            mean /= ts.Length;
            for (int t = 0; t < ts.Length; t++) { double d = ts[t, r] - mean; ss += d * d; }
            double scale = Math.Max(Math.Max(Math.Abs(mean), v.InitMax - v.InitMin), 1e-12);
            if (Math.Sqrt(ss / ts.Length) <= RelativeStd * scale) { count++; if (double.IsNaN(value)) value = mean; }
        }
        return (count, value);
    }
}
