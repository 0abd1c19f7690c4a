using Fwbm.Core.Connectivity;
using Fwbm.Core.Guardrails;
using Fwbm.Core.Models;
using Xunit;

namespace Fwbm.Core.Tests.Guardrails;

/// <summary>--normalise against analytic values: spectral radius 1, in-strength row sums 1, max 1; recorded in the history.</summary>
public class NormalisationTests
{
    private static Connectome Of(int n, double[] w) => new(w, Enumerable.Range(0, n).Select(i => $"r{i}").ToArray(),
        source: new ConnectomeSource("test", "Test", "none", "none"));

    [Theory]
    [InlineData(6, 0.5)]
    [InlineData(7, 3.25)]
    public void A_symmetric_ring_has_spectral_radius_twice_its_weight(int n, double w)
    {
        var ring = RunGuardrailTests.Ring(n, w);
        Assert.Equal(2 * w, ring.SpectralRadius(), 12);
        var s = ring.Normalize(WeightNormalization.SpectralRadius);
        Assert.Equal(1.0, s.SpectralRadius(), 12);
        Assert.Equal(0.5, s.Weight(0, 1), 12);
    }

    [Fact]
    public void Periodic_and_directed_graphs_get_their_perron_root()
    {
        // [[0, a], [b, 0]]: eigenvalues ±√(ab) (periodic: plain power iteration on W would oscillate)
        var two = Of(2, [0, 4, 9, 0]);
        Assert.Equal(6.0, two.SpectralRadius(), 12);
        Assert.Equal(1.0, two.Normalize(WeightNormalization.SpectralRadius).SpectralRadius(), 12);
        // a directed 5-cycle of weight 2: eigenvalues 2·e^{2πik/5}, all of modulus 2
        var cyc = new double[25];
        for (int i = 0; i < 5; i++) cyc[i * 5 + (i + 1) % 5] = 2;
        Assert.Equal(2.0, Of(5, cyc).SpectralRadius(), 12);
        Assert.Equal(1.0, Of(5, cyc).Normalize(WeightNormalization.SpectralRadius).Weight(0, 1), 12);
        // a random dense non-negative matrix: ρ(W/ρ) = 1
        var rng = new Random(3);
        var r = Of(30, Enumerable.Range(0, 900).Select(k => k / 30 == k % 30 ? 0 : rng.NextDouble() * 5).ToArray());
        Assert.Equal(1.0, r.Normalize(WeightNormalization.SpectralRadius).SpectralRadius(), 12);
        // acyclic (nilpotent): ρ = 0, so no spectral-radius normalisation
        var e = Assert.Throws<FwbmException>(() => Of(2, [0, 1, 0, 0]).Normalize(WeightNormalization.SpectralRadius));
        Assert.Contains("spectral radius is 0", e.Message);
    }

    [Fact]
    public void In_strength_makes_every_row_sum_one_and_max_makes_the_largest_weight_one()
    {
        var rng = new Random(5);
        var c = Of(8, Enumerable.Range(0, 64).Select(k => k / 8 == k % 8 ? 0 : rng.NextDouble() * 40).ToArray());
        var ins = c.Normalize(WeightNormalization.InStrength);
        Assert.All(ins.InStrength(), s => Assert.Equal(1.0, s, 12));
        Assert.Equal(1.0, ins.SpectralRadius(), 12);   // row-stochastic: Perron root 1
        var max = c.Normalize(WeightNormalization.Max);
        Assert.Equal(1.0, max.Weights.ToArray().Max(), 15);
    }

    [Fact]
    public void The_normalisation_is_recorded_and_survives_copies()
    {
        var c = Of(3, [0, 1, 2, 1, 0, 3, 2, 3, 0]).Normalize(WeightNormalization.Max).Normalize(WeightNormalization.SpectralRadius);
        Assert.Equal(WeightNormalization.SpectralRadius, c.Normalisation);
        Assert.Equal(["weights normalised: max", "weights normalised: spectral-radius"], c.History);
        Assert.Equal(c.History, c.Source!.Notes);
        var sub = c.Select([2, 0]).WithoutTractLengths();
        Assert.Equal(WeightNormalization.SpectralRadius, sub.Normalisation);
        Assert.Equal(c.History, sub.History);
        Assert.Null(Of(2, [0, 1, 1, 0]).Normalisation);
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("max", WeightNormalization.Max)]
    [InlineData("In-Strength", WeightNormalization.InStrength)]
    [InlineData("rowsum", WeightNormalization.InStrength)]
    [InlineData("spectral-radius", WeightNormalization.SpectralRadius)]
    [InlineData("log1p", WeightNormalization.Log1p)]
    public void Choices_parse_to_their_normalisation(string text, WeightNormalization? expected)
    {
        Assert.Equal(expected, ConnectomeNormalisation.Parse(text));
        if (expected is { } e) Assert.Equal(e, ConnectomeNormalisation.Parse(ConnectomeNormalisation.Name(e)));
    }

    [Fact]
    public void A_bad_choice_names_the_option_and_the_nearest()
    {
        var e = Assert.Throws<FwbmException>(() => ConnectomeNormalisation.Parse("spectral"));
        Assert.StartsWith("--normalise 'spectral' is not allowed; allowed values: none, max, in-strength, spectral-radius, log1p, rowsum", e.Message);
    }

    [Fact]
    public void The_suggested_coupling_is_the_fit_range_as_network_gain_over_the_spectral_radius()
    {
        var ring = RunGuardrailTests.Ring(6, 2.0);   // ρ = 4
        var s = SuggestedCoupling.For(Hopf.Spec, ring)!;
        var (lo, hi) = Hopf.Spec.CouplingFitRange;
        Assert.Equal(lo * SuggestedCoupling.ReferenceSpectralRadius / 4, s.Min, 12);
        Assert.Equal(hi * SuggestedCoupling.ReferenceSpectralRadius / 4, s.Max, 12);
        var sr = SuggestedCoupling.For(Hopf.Spec, ring.Normalize(WeightNormalization.SpectralRadius))!;
        Assert.Equal(hi * SuggestedCoupling.ReferenceSpectralRadius, sr.Max, 10);
        Assert.Equal("spectral-radius", sr.Normalisation);
        Assert.Null(SuggestedCoupling.For(Hopf.Spec, new Connectome([0, -1, 1, 0], ["a", "b"], allowNegativeWeights: true)));
    }

    [Fact]
    public void The_reference_spectral_radius_is_that_of_the_hcp_group_connectome()
    {
        var hcp = Fwbm.Core.Data.Datasets.LoadConnectome("hcp", new Fwbm.Core.Data.ConnectomeOptions { Store = TestData.Shared });
        Assert.Equal(SuggestedCoupling.ReferenceSpectralRadius, hcp.SpectralRadius(), 12);
        // and the hcp fit range comes back unchanged for every model
        foreach (var m in ModelRegistry.All)
            Assert.Equal(1.0, SuggestedCoupling.For(m.Spec, hcp)!.Max / m.Spec.CouplingFitRange.Max, 12);
    }
}
