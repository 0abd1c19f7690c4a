using Fwbm.Core.Connectivity;
using Fwbm.Core.Connectivity.Surgery;
using Fwbm.Core.Grammar;
using Xunit;
using static Fwbm.Core.Tests.Connectivity.Surgery.SurgeryFixtures;

namespace Fwbm.Core.Tests.Connectivity.Surgery;

/// <summary>Edits never change their input, record themselves oldest first, survive every copy, and read back from their text.</summary>
public class ProvenanceTests
{
    private static RegionSelector S(string text) => RegionSelector.Parse(text);

    public static TheoryData<string> Texts() =>
    [
        "resect b", "silence a,b", "lesion a <-> b", "lesion a -> c:0.25", "disconnect b:0.5", "callosotomy", "callosotomy:0.5",
        "tumour 10,10,0:2:resect", "tumour 0,0,0:5:silence", "tumour left:resect", "demyelinate b:3", "demyelinate a -> b:2",
        "null rewire:10:seed=3", "null spatial:5:seed=0",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Every_edit_leaves_its_input_unchanged_and_reads_back_from_its_text(string text)
    {
        var c = Square();
        var (w, l) = (W(c), L(c));
        var edit = ConnectomeEdit.Parse(text);
        Assert.Equal(text, edit.Text);
        Assert.Equal(edit, ConnectomeEdit.Parse(edit.Text));
        Assert.Equal(text, edit.ToString());
        var edited = edit.Apply(c);
        Assert.Equal(w, W(c));
        Assert.Equal(l, L(c));
        Assert.Empty(c.Edits);
        Assert.Empty(c.History);
        Assert.Equal([edit], edited.Edits);
        Assert.Equal("edit: " + text, edited.History[^1]);
    }

    [Fact]
    public void Edits_are_recorded_oldest_first_and_carried_by_every_copy()
    {
        var c = Square().Edit(new Resection(S("d"))).Edit(new Silencing(S("a"))).Edit(new EdgeLesion(S("b"), S("c"), 0.5));
        ConnectomeEdit[] expected = [new Resection(S("d")), new Silencing(S("a")), new EdgeLesion(S("b"), S("c"), 0.5)];
        Assert.Equal(expected, c.Edits);
        Assert.Equal(["edit: resect d", "edit: silence a", "edit: lesion b <-> c:0.5"], c.History);
        Assert.Equal("square (edited: resect d; silence a; lesion b <-> c:0.5)", c.EditedName);
        foreach (var copy in new[] { c.Normalize(WeightNormalization.Max), c.Symmetrize(), c.With(name: "x"), c.Select([2, 0]), c.WithoutTractLengths(), c.WithEmpiricalFc(null), c.WithLengthsFromCentres() })
            Assert.Equal(expected, copy.Edits);
        Assert.Equal(["edit: resect d", "edit: silence a", "edit: lesion b <-> c:0.5", "weights normalised: max"], c.Normalize(WeightNormalization.Max).History);
    }

    [Fact]
    public void A_resection_of_a_cut_vertex_warns_with_the_component_sizes_and_a_silenced_leaf_does_not()
    {
        // path n0 – n1 – n2 – n3 with n4 on n2: removing n2 leaves {n0, n1}, {n3}, {n4}
        var r = new Resection(S("n2")).Apply(Path());
        var w = Assert.Single(r.Warnings);
        Assert.Equal("graph-disconnected", w.Code);
        Assert.Equal("after 'resect n2' the structural graph of 'path' falls into 3 connected components (1 before) of 2, 1, 1 regions; cut off from the largest: n3, n4, which no longer exchange input with it.", w.Message);
        // a region that was already isolated is counted but not named as cut off
        var withIsolated = new Connectome([.. Path().Weights.ToArray().Chunk(5).SelectMany(row => row.Append(0)), .. new double[6]], ["n0", "n1", "n2", "n3", "n4", "lone"], name: "path");
        Assert.Equal("after 'resect n2' the structural graph of 'path' falls into 4 connected components (2 before) of 2, 1, 1, 1 regions; cut off from the largest: n3, n4, which no longer exchange input with it.",
            Assert.Single(new Resection(S("n2")).Apply(withIsolated).Warnings).Message);
        // silencing a leaf isolates only the leaf, on purpose: no warning
        Assert.Empty(new Silencing(S("n4")).Apply(Path()).Warnings);
        // silencing n1 cuts n0 off
        Assert.Single(new Silencing(S("n1")).Apply(Path()).Warnings);
        // warnings are carried by later edits and copies
        var later = r.Edit(new Disconnection(S("n0"), 0.5));
        Assert.Equal(r.Warnings, later.Warnings);
        Assert.Equal(r.Warnings, later.Normalize(WeightNormalization.Max).Warnings);
    }

    [Fact]
    public void Grammar_reads_selectors_with_colons_arrows_and_suffixes()
    {
        Assert.Equal(new EdgeLesion(new RegionGroup(RegionGroupKind.Network, "Vis"), new RegionGroup(RegionGroupKind.Lobe, "frontal"), 0.5),
            SurgeryText.Parse("lesion", "network:Vis <-> lobe:frontal:0.5", 0));
        Assert.Equal(new EdgeLesion(S("a"), S("b"), 0.25, oneWay: true), SurgeryText.Parse("lesion", "a:b:0.25:one-way", 0));
        Assert.Equal(new EdgeLesion(S("b"), S("a"), 1, oneWay: true), SurgeryText.Parse("lesion", "a <- b", 0));
        Assert.Equal(new EdgeLesion(S("a"), S("b")), SurgeryText.Parse("lesion", "a:b", 0));
        Assert.Equal(new Disconnection(new RegionGroup(RegionGroupKind.Network, "DMN"), 0.8), SurgeryText.Parse("disconnect", "network:DMN:0.8", 0));
        Assert.Equal(new Disconnection(new RegionGroup(RegionGroupKind.Network, "DMN")), SurgeryText.Parse("disconnect", "network:DMN", 0));
        Assert.Equal(new Tumour(new Point3(-40, 10, 20), 12, TumourMode.Silence), SurgeryText.Parse("tumour", "-40, 10, 20 : 12 : silence", 0));
        Assert.Equal(new Demyelination(S("a"), 1.5, S("b")), SurgeryText.Parse("demyelinate", "a <-> b:1.5", 0));
        Assert.Equal(new Demyelination(S("a")), SurgeryText.Parse("demyelinate", "a", 0));
        Assert.Equal(new RewiredNull(10, 42), SurgeryText.Parse("null", "rewire", 42));
        Assert.Equal(new SpatialNull(20, 7), SurgeryText.Parse("null", "spatial:20:seed=7", 42));
        Assert.Equal(new RewiredNull(10, 7), SurgeryText.Parse("null", "rewire:seed=7", 42));
    }

    [Theory]
    [InlineData("lesion", "network:Vis:lobe:frontal", "--lesion 'network:Vis:lobe:frontal': expected")]
    [InlineData("lesion", "a <-> b:0", "--lesion: fraction 0; expected a fraction in (0, 1]")]
    [InlineData("lesion", "a -> b:one-way", "--lesion 'a -> b:one-way': write one way with the arrow")]
    [InlineData("disconnect", "a:1.5", "--disconnect: fraction 1.5")]
    [InlineData("demyelinate", "a:0.9", "--demyelinate 'a:0.9': factor 0.9; expected a slowing factor ≥ 1")]
    [InlineData("tumour", "1,2,3", "--tumour '1,2,3': a centre needs a radius in mm")]
    [InlineData("null", "rewrie", "--null 'rewrie' is not allowed; allowed values: rewire, spatial; did you mean rewire")]
    [InlineData("null", "rewire:0", "--null: 0 swaps per edge")]
    [InlineData("resect", "", "--resect is empty")]
    public void Bad_values_are_one_line_errors_naming_the_option(string option, string value, string start)
    {
        var e = Assert.Throws<FwbmException>(() => SurgeryText.Parse(option, value, 0));
        Assert.StartsWith(start, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
