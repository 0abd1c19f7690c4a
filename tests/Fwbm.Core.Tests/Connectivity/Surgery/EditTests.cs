using Fwbm.Core.Connectivity;
using Fwbm.Core.Connectivity.Surgery;
using Fwbm.Core.Grammar;
using Xunit;
using static Fwbm.Core.Tests.Connectivity.Surgery.SurgeryFixtures;

namespace Fwbm.Core.Tests.Connectivity.Surgery;

/// <summary>Each edit on the hand-made square (<see cref="SurgeryFixtures.Square"/>), with the weights worked out by hand.</summary>
public class EditTests
{
    private static RegionSelector S(string text) => RegionSelector.Parse(text);

    [Fact]
    public void Resection_removes_rows_and_columns_and_keeps_labels_centres_lengths_and_flags()
    {
        var c = Square();
        var r = new Resection(S("b")).Apply(c);
        Assert.Equal(["a", "c", "d"], r.Labels);
        Assert.Equal([0, 2, 0, 6, 0, 8, 0, 10, 0], W(r));
        Assert.Equal([0, 12, 13, 30, 0, 33, 40, 42, 0], L(r));
        Assert.Equal([new Point3(0, 0, 0), new Point3(0, 20, 0), new Point3(20, 20, 0)], r.Centres!);
        Assert.Equal([false, true, true], r.RightHemisphere!);
        Assert.Equal("square", r.Name);
        Assert.Equal("square (edited: resect b)", r.EditedName);
    }

    [Fact]
    public void Resecting_every_region_is_an_error_naming_the_option()
    {
        var e = Assert.Throws<FwbmException>(() => new Resection(S("*")).Apply(Square()));
        Assert.StartsWith("--resect '*': selects all 4 regions", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Throws<FwbmException>(() => new Resection(S("left | right")).Apply(Square()));
    }

    [Fact]
    public void Silencing_zeroes_the_inputs_and_outputs_and_keeps_the_node()
    {
        var r = new Silencing(S("b")).Apply(Square());
        Assert.Equal(4, r.Count);
        Assert.Equal([0, 0, 2, 0, 0, 0, 0, 0, 6, 0, 0, 8, 0, 0, 10, 0], W(r));
        Assert.Equal(L(Square()), L(r));
    }

    [Fact]
    public void Edge_lesion_cuts_both_directions_one_way_or_a_fraction()
    {
        var both = new EdgeLesion(S("a"), S("b")).Apply(Square());
        Assert.Equal([0, 0, 2, 0, 0, 0, 4, 5, 6, 7, 0, 8, 0, 9, 10, 0], W(both));
        // a -> b: the weight into b from a (row b, column a) only
        var oneWay = new EdgeLesion(S("a"), S("b"), oneWay: true).Apply(Square());
        Assert.Equal([0, 1, 2, 0, 0, 0, 4, 5, 6, 7, 0, 8, 0, 9, 10, 0], W(oneWay));
        var half = new EdgeLesion(S("a"), S("b"), 0.5).Apply(Square());
        Assert.Equal([0, 0.5, 2, 0, 1.5, 0, 4, 5, 6, 7, 0, 8, 0, 9, 10, 0], W(half));
        // sets: every edge between {a, b} and {c, d}
        var sets = new EdgeLesion(S("a,b"), S("c,d")).Apply(Square());
        Assert.Equal([0, 1, 0, 0, 3, 0, 0, 0, 0, 0, 0, 8, 0, 0, 10, 0], W(sets));
    }

    [Fact]
    public void Lesion_of_a_non_existent_edge_names_the_regions_and_the_existing_edges()
    {
        var e = Assert.Throws<FwbmException>(() => new EdgeLesion(S("a"), S("d")).Apply(Square()));
        Assert.StartsWith("--lesion 'a <-> d': there is no edge between a and d (weight 0 both ways); edges of a: a -> c (6), a -> b (3), c -> a (2); edges of d: c -> d (10), b -> d (9), d -> c (8)", e.Message);
        // one way: c -> a exists (2), a -> c does not
        var one = Assert.Throws<FwbmException>(() => new EdgeLesion(S("a"), S("d"), oneWay: true).Apply(Square()));
        Assert.Contains("no edge from a to d (weight 0 that way)", one.Message);
    }

    [Fact]
    public void Disconnection_reduces_in_and_out_strength_by_the_fraction()
    {
        var c = Square();
        var r = new Disconnection(S("b"), 0.5).Apply(c);
        Assert.Equal([0, 0.5, 2, 0, 1.5, 0, 2, 2.5, 6, 3.5, 0, 8, 0, 4.5, 10, 0], W(r));
        Assert.Equal(0.5 * c.InStrength()[1], r.InStrength()[1]);
        double Out(Connectome x, int j) => Enumerable.Range(0, 4).Sum(i => x.Weight(i, j));
        Assert.Equal(0.5 * Out(c, 1), Out(r, 1));
        // two selected regions: their shared edges are scaled once, so both strengths still drop by exactly the fraction
        var two = new Disconnection(S("a,b"), 0.25).Apply(c);
        Assert.Equal(0.75 * c.InStrength()[0], two.InStrength()[0], 12);
        Assert.Equal(0.75 * c.InStrength()[1], two.InStrength()[1], 12);
    }

    [Fact]
    public void Callosotomy_cuts_every_inter_hemispheric_edge_and_warns_that_the_graph_split()
    {
        var r = new Callosotomy().Apply(Square());
        Assert.Equal([0, 1, 0, 0, 3, 0, 0, 0, 0, 0, 0, 8, 0, 0, 10, 0], W(r));
        var w = Assert.Single(r.Warnings);
        Assert.Equal("graph-disconnected", w.Code);
        Assert.StartsWith("after 'callosotomy' the structural graph of 'square' falls into 2 connected components (1 before) of 2, 2 regions; cut off from the largest: c, d, which no longer exchange input with it.", w.Message);
        var half = new Callosotomy(0.5).Apply(Square());
        Assert.Equal([0, 1, 1, 0, 3, 0, 2, 2.5, 3, 3.5, 0, 8, 0, 4.5, 10, 0], W(half));
        Assert.Empty(half.Warnings);
    }

    [Fact]
    public void Callosotomy_without_hemisphere_information_is_an_error_saying_so()
    {
        var e = Assert.Throws<FwbmException>(() => new Callosotomy().Apply(Path()));
        Assert.StartsWith("--callosotomy: the atlas has no hemisphere information", e.Message);
    }

    [Fact]
    public void Tumour_ball_resects_the_regions_inside_and_cuts_the_tracts_through_it()
    {
        // centre of the square, radius 2 mm: no region inside; the b–c diagonal passes through it (a–d would, but has no edge)
        var r = new Tumour(new Point3(10, 10, 0), 2).Apply(Square());
        Assert.Equal(4, r.Count);
        Assert.Equal([0, 1, 2, 0, 3, 0, 0, 5, 6, 0, 0, 8, 0, 9, 10, 0], W(r));
        // around a, radius 5 mm: a is resected; no other tract comes within 5 mm of (0,0,0) (b–c is 14.1 mm away)
        var ra = new Tumour(new Point3(0, 0, 0), 5).Apply(Square());
        Assert.Equal(W(new Resection(S("a")).Apply(Square())), W(ra));
        Assert.Equal(["b", "c", "d"], ra.Labels);
        var silenced = new Tumour(new Point3(0, 0, 0), 5, TumourMode.Silence).Apply(Square());
        Assert.Equal(W(new Silencing(S("a")).Apply(Square())), W(silenced));
        Assert.Equal(5, Tumour.DistanceToSegment(new Point3(5, 5, 0), new Point3(0, 0, 0), new Point3(20, 0, 0)), 12);
        Assert.Equal(5, Tumour.DistanceToSegment(new Point3(-3, 4, 0), new Point3(0, 0, 0), new Point3(20, 0, 0)), 12); // beyond the end: to a
    }

    [Fact]
    public void Tumour_as_a_region_set_and_its_errors()
    {
        Assert.Equal(W(new Silencing(S("a,b")).Apply(Square())), W(new Tumour(S("a,b"), TumourMode.Silence).Apply(Square())));
        Assert.Equal(["c", "d"], new Tumour(S("left")).Apply(Square()).Labels);
        var far = Assert.Throws<FwbmException>(() => new Tumour(new Point3(100, 100, 100), 1).Apply(Square()));
        Assert.StartsWith("--tumour '100,100,100:1:resect': no region centre lies within 1 mm of (100, 100, 100) and no tract passes through it; the nearest centre is 'd'", far.Message);
        var noCentres = Assert.Throws<FwbmException>(() => new Tumour(new Point3(0, 0, 0), 5).Apply(Square(centres: false)));
        Assert.Contains("needs region centres", noCentres.Message);
        Assert.Throws<FwbmException>(() => new Tumour(new Point3(0, 0, 0), 0));
    }

    [Fact]
    public void Demyelination_multiplies_the_tract_lengths_of_the_chosen_tracts()
    {
        var c = Square();
        var r = new Demyelination(S("b"), 3).Apply(c);
        Assert.Equal(W(c), W(r));
        var expected = L(c);
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) if (i != j && (i == 1 || j == 1)) expected[i * 4 + j] *= 3;
        Assert.Equal(expected, L(r));
        var pair = new Demyelination(S("a"), 2, S("b"), oneWay: true).Apply(c);
        var e2 = L(c); e2[1 * 4 + 0] *= 2;
        Assert.Equal(e2, L(pair));
        // no tract lengths: the centre distances, then × factor
        var fromCentres = new Demyelination(S("a"), 2).Apply(Square(lengths: false));
        Assert.Equal(40, fromCentres.TractLengths[1 * 4 + 0], 12);
        Assert.Equal(40 * Math.Sqrt(2), fromCentres.TractLengths[3 * 4 + 0], 12); // d ← a: 20√2 mm × 2
        Assert.Equal(20, fromCentres.TractLengths[3 * 4 + 2], 12);               // d ← c: untouched
    }

    [Fact]
    public void Demyelination_refuses_a_factor_below_one_and_a_connectome_without_lengths_or_centres()
    {
        var e = Assert.Throws<FwbmException>(() => new Demyelination(S("a"), 0.5));
        Assert.StartsWith("--demyelinate: factor 0.5; expected a slowing factor ≥ 1", e.Message);
        var none = Assert.Throws<FwbmException>(() => new Demyelination(S("a"), 2).Apply(Square(lengths: false, centres: false)));
        Assert.Contains("no tract lengths and no region centres", none.Message);
    }

    [Fact]
    public void Unknown_region_is_the_selector_error_with_a_suggestion_prefixed_by_the_option()
    {
        var c = new Connectome([0, 1, 1, 0], ["Precentral_L", "Precentral_R"]);
        var e = Assert.Throws<FwbmException>(() => new Resection(S("Precentrl_L")).Apply(c));
        Assert.StartsWith("--resect 'Precentrl_L':", e.Message);
        Assert.Contains("did you mean 'Precentral_L'", e.Message);
    }
}
