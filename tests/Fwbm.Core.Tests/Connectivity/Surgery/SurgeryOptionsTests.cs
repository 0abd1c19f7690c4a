using Fwbm.Core.Connectivity.Surgery;
using Fwbm.Core.Grammar;
using Fwbm.Core.Options;
using Xunit;
using static Fwbm.Core.Tests.Connectivity.Surgery.SurgeryFixtures;

namespace Fwbm.Core.Tests.Connectivity.Surgery;

/// <summary>SurgeryOptions reads the simulate options into edits in the order typed, seeds nulls and applies them in one pass.</summary>
public class SurgeryOptionsTests
{
    private static OptionValues Values(IReadOnlyList<string>? order, params (string Name, string[] Texts)[] given) =>
        new(OptionCatalog.Simulate, given.ToDictionary(g => g.Name, g => (IReadOnlyList<string>)g.Texts)) { Order = order };

    [Fact]
    public void Edits_follow_the_typed_order_across_options()
    {
        var c = Square();
        var v = Values(["resect", "model", "lesion", "resect", "tumor"], ("resect", ["d", "a"]), ("lesion", ["b <-> c:0.5"]), ("tumour", ["b:silence"]));
        var (edits, edited) = SurgeryOptions.ReadAndApply(v, c, RegionContext.For(c));
        Assert.Equal(["resect d", "lesion b <-> c:0.5", "resect a", "tumour b:silence"], edits.Select(e => e.Text));
        Assert.Equal(edits, edited.Edits);
        Assert.Equal(["b", "c"], edited.Labels);
        Assert.Equal([0, 0, 0, 0], W(edited)); // b silenced: b–c was its only edge left
        Assert.Equal(edits, SurgeryOptions.Read(v, c, RegionContext.For(c)));
    }

    [Fact]
    public void Without_a_typed_order_the_given_order_is_used_and_nulls_take_null_seed_then_seed()
    {
        var c = TestConnectomes.Random(12, 4, density: 0.3).Symmetrize();
        var v = Values(null, ("silence", ["R1"]), ("null", ["rewire:2", "spatial:2:seed=9", "rewire:3"]), ("seed", ["5"]));
        Assert.Equal(["silence R1", "null rewire:2:seed=5", "null spatial:2:seed=9", "null rewire:3:seed=7"],
            SurgeryOptions.Read(v, c, RegionContext.For(c)).Select(e => e.Text));
        var w = Values(null, ("null", ["rewire"]), ("null-seed", ["11"]), ("seed", ["5"]));
        Assert.Equal(["null rewire:10:seed=11"], SurgeryOptions.Read(w, c, RegionContext.For(c)).Select(e => e.Text));
    }

    [Fact]
    public void No_options_no_edits_and_the_same_connectome()
    {
        var c = Square();
        var v = Values(null, ("coupling", ["0.3"]));
        Assert.Empty(SurgeryOptions.Read(v, c, RegionContext.For(c)));
        Assert.Same(c, SurgeryOptions.Apply(v, c, RegionContext.For(c)));
        // a region context of another connectome is refused
        var e = Assert.Throws<FwbmException>(() => SurgeryOptions.Read(Values(null, ("resect", ["a"])), c, RegionContext.For(Path())));
        Assert.StartsWith("Surgery: the region context", e.Message);
    }
}
