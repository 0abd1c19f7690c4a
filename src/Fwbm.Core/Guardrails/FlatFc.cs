namespace Fwbm.Core.Guardrails;

/// <summary>
/// Flat FC: regions whose BOLD is constant (their correlations are undefined and set to 0), or an FC whose off-diagonal entries have a
/// standard deviation below <see cref="MinStd"/> = 0.01 (no structure to compare with data) without being saturated.
/// 0.01 is far below the spread of any FC with structure (empirical FC: ≈ 0.1–0.2) and below the chance spread 1/√T of uncoupled
/// noise for any recording shorter than 10 000 samples.
/// </summary>
public sealed class FlatFc : IRunCheck
{
    /// <summary>Standard deviation of the off-diagonal FC below which the FC is called flat.</summary>
    public const double MinStd = 0.01;

    public Guardrail Info { get; } = new("fc-flat", "Flat FC: constant BOLD signals or no FC structure",
        $"a region's BOLD constant in time, or SD of the off-diagonal FC < {MinStd} (with mean < {SaturatedFc.Threshold})",
        "check that the activity moves (noise on, not at a fixed point or a bound: see activity-constant / activity-pinned) and that G couples the regions");

    public IEnumerable<GuardrailWarning> Check(RunEvidence run)
    {
        if (run.Bold is not { Length: >= 2, Regions: >= 2 } bold || run.Fc is not { } fc) yield break;
        int n = bold.Regions, T = bold.Length, constant = 0, first = -1;
        for (int r = 0; r < n; r++)
        {
            double mean = 0, ss = 0;
            for (int t = 0; t < T; t++) mean += bold[t, r];
            mean /= T;
            for (int t = 0; t < T; t++) { double d = bold[t, r] - mean; ss += d * d; }
            if (Math.Sqrt(ss / T) <= 1e-12 * (1 + Math.Abs(mean))) { constant++; if (first < 0) first = r; }
        }
        if (constant > 0)
        {
            yield return new GuardrailWarning(Info.Code,
                $"{constant} of {n} regions have a constant BOLD signal (first: region {first}); their FC is undefined and shown as 0 — " +
                "the activity does not move: add noise, leave the fixed point or bound, or check the hemodynamics.");
            yield break;
        }
        if (n < 3) yield break;
        var (m, sd) = Fmt.OffDiagonal(fc, n);
        if (sd < MinStd && m < SaturatedFc.Threshold)
            yield return new GuardrailWarning(Info.Code,
                $"FC is flat: off-diagonal FC has SD {Fmt.G(sd, 2)} < {MinStd} (mean {Fmt.G(m, 3)}): no structure to compare with data; check that the activity moves and that G couples the regions.");
    }
}
