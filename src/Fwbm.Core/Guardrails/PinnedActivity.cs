using Fwbm.Core.Models;

namespace Fwbm.Core.Guardrails;

/// <summary>
/// Activity pinned at a bound: a state variable with a declared hard bound (<see cref="StateVariableSpec.LowerBound"/> /
/// <see cref="StateVariableSpec.UpperBound"/>, e.g. DMF's gating variables in [0, 1]) sits at it — within 10⁻⁶ of the bounded interval —
/// for at least 95 % of the recorded samples in at least half of the regions. The clamp then decides the dynamics, not the model.
/// Needs the state recorded (raw or temporal average; the CLI and #!fwbm-simulate record a temporal average per TR for this check).
/// </summary>
public sealed class PinnedActivity : IRunCheck
{
    /// <summary>Fraction of the samples a region must spend at the bound to count as pinned.</summary>
    public const double TimeFraction = 0.95;
    /// <summary>Fraction of the regions that must be pinned for the warning.</summary>
    public const double RegionFraction = 0.5;

    public Guardrail Info { get; } = new("activity-pinned", "Activity pinned at a state variable's bound",
        "a bounded state variable within 1e-6 (relative) of its bound in ≥ 95 % of samples, in ≥ 50 % of the regions",
        "lower --coupling or the drive (e.g. external input) so the activity leaves the bound; see the model's ranges in `fwbm models`");

    public IEnumerable<GuardrailWarning> Check(RunEvidence run) =>
        Find(run).Select(f => new GuardrailWarning(Info.Code,
            $"{f.Variable} sits at its {f.Side} bound {Fmt.G(f.Bound)} in {f.Pinned} of {f.Regions} regions (threshold: ≥ {Pct(TimeFraction)} of samples in ≥ {Pct(RegionFraction)} of regions): " +
            $"the clamp, not the model, sets the activity; lower --coupling or the drive so {f.Variable} leaves the bound."));

    private static string Pct(double f) => Fmt.G(100 * f) + " %";

    /// <summary>The bounded state variables pinned at a bound in this run.</summary>
    internal static IEnumerable<(string Variable, string Side, double Bound, int Pinned, int Regions)> Find(RunEvidence run)
    {
        foreach (var v in run.Model.StateVariables)
        {
            if (v.LowerBound is null && v.UpperBound is null) continue;
            if (run.State(v.Name) is not { Length: >= 1 } ts) continue;
            double scale = v.LowerBound is double lo && v.UpperBound is double hi ? hi - lo : Math.Max(1, Math.Abs(v.LowerBound ?? v.UpperBound ?? 1));
            double tol = 1e-6 * scale;
            foreach (var (bound, side) in new[] { (v.LowerBound, "lower"), (v.UpperBound, "upper") })
            {
                if (bound is not double b) continue;
                int pinned = 0;
                for (int r = 0; r < ts.Regions; r++)
                {
                    int at = 0;
                    for (int t = 0; t < ts.Length; t++) if (Math.Abs(ts[t, r] - b) <= tol) at++;
                    if (at >= TimeFraction * ts.Length) pinned++;
                }
                if (pinned > 0 && pinned >= RegionFraction * ts.Regions) yield return (v.Name, side, b, pinned, ts.Regions);
            }
        }
    }
}
