namespace Fwbm.Core.Guardrails;

/// <summary>
/// FC computed from fewer than <see cref="MinSamples"/> = 30 BOLD samples. Why 30: the sampling error of a Pearson r between two
/// independent signals is ≈ 1/√(T − 3), so below 30 samples chance correlations reach ±0.2 — as large as the FC structure a model is
/// compared with (empirical FC edges are typically 0.1–0.5) — and BOLD's autocorrelation makes the effective number of samples smaller
/// still. With 2 samples every correlation is ±1; with T ≤ N samples the N×N FC matrix has rank ≤ T − 1 and cannot be full.
/// The threshold does not depend on the number of regions (the rank is mentioned when it does bite).
/// </summary>
public sealed class FewFcSamples : IRunCheck
{
    /// <summary>The fewest BOLD samples an FC is computed from without a warning.</summary>
    public const int MinSamples = 30;

    public Guardrail Info { get; } = new("fc-few-samples", "FC computed from too few BOLD samples",
        $"fewer than {MinSamples} BOLD samples (chance correlations ≈ ±1/√(T − 3) ≥ ±0.19; 2 samples give FC = ±1)",
        $"record longer: --duration ≥ {MinSamples} × --tr (e.g. ≥ 21.6 s at TR 0.72 s; 5–10 min for FC comparable with data), or a shorter --tr");

    public IEnumerable<GuardrailWarning> Check(RunEvidence run)
    {
        if (run.Bold is not { } bold || bold.Length >= MinSamples) yield break;
        int t = bold.Length;
        double trS = bold.SamplePeriodMs / 1000;
        string rank = t <= bold.Regions ? $"; with {t} samples the {bold.Regions}×{bold.Regions} FC has rank ≤ {t - 1}" : "";
        string chance = t <= 3 ? (t == 2 ? "every correlation is ±1" : "correlations are nearly arbitrary") : $"chance correlations reach ±{Fmt.G(1 / Math.Sqrt(t - 3), 2)}";
        yield return new GuardrailWarning(Info.Code,
            $"FC from {t} BOLD sample{(t == 1 ? "" : "s")} (threshold: at least {MinSamples}): {chance}{rank}; " +
            $"record at least {MinSamples} samples (--duration ≥ {Fmt.G(MinSamples * trS)} s at TR {Fmt.G(trS)} s; 5–10 min to compare with empirical FC).");
    }
}
