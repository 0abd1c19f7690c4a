using Fwbm.Core;
using Fwbm.Core.Connectivity;
using Xunit;

namespace Fwbm.Core.Tests.Connectivity;

public class ConnectomeTests
{
    private static Connectome Three() => new(
        [0, 1, 2,
         3, 0, 4,
         5, 6, 0], ["A", "B", "C"], centres: [new(0, 0, 0), new(3, 4, 0), new(0, 0, 10)]);

    [Fact]
    public void Rejects_non_square_weights_naming_the_field()
    {
        var e = Assert.Throws<FwbmException>(() => new Connectome(new double[6], ["A", "B", "C"]));
        Assert.Contains("'weights'", e.Message);
        Assert.Contains("3×3", e.Message);
    }

    [Fact]
    public void Rejects_nan_and_negative_weights()
    {
        Assert.Contains("finite", Assert.Throws<FwbmException>(() => new Connectome([0, double.NaN, 0, 0], ["A", "B"])).Message);
        Assert.Contains("negative", Assert.Throws<FwbmException>(() => new Connectome([0, -1, 0, 0], ["A", "B"])).Message);
        Assert.Equal(-1, new Connectome([0, -1, 0, 0], ["A", "B"], allowNegativeWeights: true).Weight(0, 1));
    }

    [Fact]
    public void Rejects_label_count_mismatch_and_duplicates()
    {
        Assert.Contains("2×2", Assert.Throws<FwbmException>(() => new Connectome(new double[4], ["A", "B", "C"])).Message);
        Assert.Contains("twice", Assert.Throws<FwbmException>(() => new Connectome(new double[4], ["A", "A"])).Message);
    }

    [Fact]
    public void Normalisations()
    {
        var c = Three();
        Assert.Equal(1.0, c.Normalize(WeightNormalization.Max).Weight(2, 1));
        var rs = c.Normalize(WeightNormalization.InStrength);
        for (int i = 0; i < 3; i++) Assert.Equal(1.0, rs.Weight(i, 0) + rs.Weight(i, 1) + rs.Weight(i, 2), 12);
        Assert.Equal(Math.Log(7), c.Normalize(WeightNormalization.Log1p).Weight(2, 1), 12);
    }

    [Fact]
    public void Symmetrize_and_select()
    {
        var s = Three().Symmetrize();
        Assert.Equal(2.0, s.Weight(0, 1));
        Assert.Equal(2.0, s.Weight(1, 0));
        var sel = Three().Select(["C", "A"]);
        Assert.Equal(["C", "A"], sel.Labels);
        Assert.Equal(5.0, sel.Weight(0, 1));
        Assert.Equal(2.0, sel.Weight(1, 0));

        // everything else travels with the regions: tract lengths (symmetrised alike), centres, hemisphere flags, empirical FC
        double[] len = [0, 10, 20, 30, 0, 40, 50, 60, 0];
        double[] fc = [1, 0.1, 0.2, 0.1, 1, 0.3, 0.2, 0.3, 1];
        var full = new Connectome([0, 1, 2, 3, 0, 4, 5, 6, 0], ["A", "B", "C"], len, [new(0, 0, 0), new(3, 4, 0), new(0, 0, 10)],
            rightHemisphere: [false, true, true], empiricalFc: fc);
        var fs = full.Symmetrize();
        Assert.Equal(20.0, fs.TractLengths[0 * 3 + 1]);
        Assert.Equal(20.0, fs.TractLengths[1 * 3 + 0]);
        Assert.Equal(50.0, fs.TractLengths[1 * 3 + 2]);
        Assert.Equal(full.Centres, fs.Centres);
        Assert.Equal(full.RightHemisphere, fs.RightHemisphere);
        Assert.Equal(fc, fs.EmpiricalFc.ToArray());
        var fsel = full.Select(["C", "A"]);
        Assert.Equal([0.0, 50, 20, 0], fsel.TractLengths.ToArray());      // [C→C, C→A; A→C, A→A]
        Assert.Equal([new Point3(0, 0, 10), new Point3(0, 0, 0)], fsel.Centres);
        Assert.Equal([true, false], fsel.RightHemisphere);
        Assert.Equal([1.0, 0.2, 0.2, 1.0], fsel.EmpiricalFc.ToArray());
        Assert.Equal(50.0, fsel.LengthsOrDistances()[1]);                  // the C→A tract (50 mm), not the centre distance (10 mm)
    }

    [Fact]
    public void Distances_from_centres_when_no_lengths()
    {
        var d = Three().LengthsOrDistances();
        Assert.Equal(5.0, d[0 * 3 + 1], 12);
        Assert.Equal(10.0, d[2 * 3 + 0], 12);
        Assert.Throws<FwbmException>(() => new Connectome(new double[4], ["A", "B"]).LengthsOrDistances());
    }

    [Fact]
    public void Unknown_label_suggests_near_matches()
    {
        var e = Assert.Throws<FwbmException>(() => new Connectome(new double[4], ["Precentral_L", "Precentral_R"]).IndexOf("precentral"));
        Assert.Contains("did you mean", e.Message);
        var typo = Assert.Throws<FwbmException>(() => new Connectome(new double[4], ["Precentral_L", "Insula_L"]).IndexOf("Precentrl_L"));
        Assert.EndsWith("no region 'Precentrl_L'; did you mean 'Precentral_L'?", typo.Message);
    }
}
