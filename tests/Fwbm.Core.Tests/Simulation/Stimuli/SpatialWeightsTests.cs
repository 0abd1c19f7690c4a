using Fwbm.Core.Connectivity;
using Fwbm.Core.Grammar;
using Fwbm.Core.Simulation.Stimuli;
using Xunit;

namespace Fwbm.Core.Tests.Simulation.Stimuli;

/// <summary>Spatial weights: selectors, per-region vectors and falloffs from an electrode position against hand-computed weights.</summary>
public class SpatialWeightsTests
{
    /// <summary>Four regions with centres at distances 0, 5, 10 and 20 mm from the origin.</summary>
    internal static Connectome Four() => new(new double[16], ["Thal_L", "Thal_R", "Precentral_L", "Precentral_R"], null,
        [new Point3(0, 0, 0), new Point3(3, 4, 0), new Point3(0, 6, 8), new Point3(0, 0, 20)]);

    private static double[] Resolve(string text, Connectome? c = null)
    {
        c ??= Four();
        return SpatialWeights.Parse(text, "--stimulus").Resolve(c, RegionContext.For(c), "--stimulus");
    }

    [Fact]
    public void A_gaussian_falloff_gives_exp_of_minus_r2_over_2_sigma2()
    {
        var w = Resolve("falloff(x=0, y=0, z=0, sigma=5mm)");
        double[] r = [0, 5, 10, 20];
        for (int i = 0; i < 4; i++) Assert.Equal(Math.Exp(-r[i] * r[i] / 50), w[i], 1e-15);
        Assert.Equal(Math.Exp(-0.5), w[1], 1e-15);
    }

    [Fact]
    public void An_inverse_square_falloff_is_one_inside_its_floor_and_the_cutoff_drops_far_regions()
    {
        var w = Resolve("falloff(0, 0, 0, r0=5mm, cutoff=1.5cm)");
        Assert.Equal(new[] { 1.0, 1.0, 25.0 / 100, 0 }, w);
        var g = Resolve("falloff(x=0, y=0, z=20, sigma=10, cutoff=14mm)");   // region 2 at √180 = 13.4 mm, 0 and 1 beyond 20 mm
        double[] want = [0, 0, Math.Exp(-(36 + 144) / 200.0), 1];
        for (int i = 0; i < 4; i++) Assert.Equal(want[i], g[i], 1e-15);
    }

    [Fact]
    public void Selectors_and_vectors_give_their_weights_and_an_empty_selection_is_an_error()
    {
        Assert.Equal(new double[] { 1, 0, 1, 0 }, Resolve("*_L"));
        Assert.Equal(new double[] { 0, 0, 0, 1 }, Resolve("#3"));
        Assert.Equal(new double[] { 0.5, 0, 0, 2 }, Resolve("[0.5,0,0,2]"));
        Assert.Equal(new double[] { 0.3, 0.3, 0.3, 0.3 }, Resolve("0.3"));
        var e = Assert.Throws<FwbmException>(() => Resolve("[0,0,0,0]"));
        Assert.Contains("selects no region", e.Message);
        Assert.StartsWith("--stimulus", e.Message);
        var far = Assert.Throws<FwbmException>(() => Resolve("falloff(x=100, y=0, z=0, sigma=5mm, cutoff=10mm)"));
        Assert.Contains("selects no region", far.Message);
        Assert.Contains("nearest is", far.Message);
        var unknown = Assert.Throws<FwbmException>(() => Resolve("Thal_X"));
        Assert.Contains("Thal_L", unknown.Message);   // did you mean
        var noCentres = new Connectome(new double[4], ["A", "B"]);
        Assert.Contains("centres", Assert.Throws<FwbmException>(() => Resolve("falloff(x=0,y=0,z=0,sigma=5)", noCentres)).Message);
    }
}
