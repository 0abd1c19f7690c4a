namespace Fwbm.Core.Guardrails;

/// <summary>
/// Saturated FC: the mean off-diagonal FC is at least <see cref="Threshold"/> = 0.9, i.e. every region moves with every other — the
/// network is synchronised by a coupling far above its working range (empirical resting-state FC averages about 0.1–0.5, so a model
/// above 0.9 cannot reproduce its structure whatever the similarity says). The usual cause is a G chosen without regard to how the
/// connectome is normalised: the network gain is G·ρ(W), and ρ(W) differs by orders of magnitude between datasets.
/// </summary>
public sealed class SaturatedFc : IRunCheck
{
    /// <summary>Mean off-diagonal FC at or above which the FC is called saturated.</summary>
    public const double Threshold = 0.9;

    public Guardrail Info { get; } = new("fc-saturated", "Saturated FC: every region correlates with every other",
        $"mean off-diagonal FC ≥ {Threshold}",
        "lower --coupling into the suggested range (the warning, `fwbm models` and the connectome card give it), or --normalise spectral-radius and a G of order 1");

    public IEnumerable<GuardrailWarning> Check(RunEvidence run)
    {
        if (run.Fc is not { } fc || run.Bold is not { Regions: >= 3 } bold) yield break;
        var (mean, _) = Fmt.OffDiagonal(fc, bold.Regions);
        if (!(mean >= Threshold)) yield break;
        string g = double.IsNaN(run.Coupling) ? "" : $" at G = {Fmt.G(run.Coupling, 6)}";
        string advice = run.Connectome is { } c && SuggestedCoupling.For(run.Model, c) is { } s
            ? $"; {s.Describe()} — lower --coupling into it or use --normalise spectral-radius (suggested G {Fmt.G(s.GainMin)}–{Fmt.G(s.GainMax)})"
            : "; lower --coupling (the network gain is G·ρ(W): see the suggested range in `fwbm models`)";
        yield return new GuardrailWarning(Info.Code,
            $"FC is saturated{g}: mean off-diagonal FC {Fmt.G(mean, 4)} ≥ {Threshold} (every region moves with every other; empirical FC averages ≈ 0.1–0.5){advice}.");
    }
}
