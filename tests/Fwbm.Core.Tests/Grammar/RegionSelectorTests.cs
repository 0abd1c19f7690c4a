using Fwbm.Core.Grammar;
using Xunit;

namespace Fwbm.Core.Tests.Grammar;

public class RegionSelectorTests
{
    private static int[] Sel(RegionSpace s, string text) => RegionSelector.Select(s, text).Indices.ToArray();
    private static string Err(RegionSpace s, string text, string? subject = null) =>
        Assert.Throws<FwbmException>(() => RegionSelector.Select(s, text, subject: subject)).Message;

    [Fact]
    public void Labels_indices_and_ranges()
    {
        var s = Spaces.Aal;
        Assert.Equal([1], Sel(s, "Precentral_R"));
        Assert.Equal([1], Sel(s, "precentral_r"));            // case-insensitive when unique
        Assert.Equal([1], Sel(s, "'Precentral_R'"));
        Assert.Equal([3], Sel(s, "#3"));
        Assert.Equal([2, 3, 4], Sel(s, "#2..4"));
        Assert.Equal([0, 1, 2], Sel(s, "#2,#0, #1,#1"));       // sorted, de-duplicated
    }

    [Fact]
    public void Globs_are_case_insensitive_and_anchored()
    {
        Assert.Equal([0, 2, 4, 6, 8], Sel(Spaces.Aal, "*_L"));
        Assert.Equal([0, 1], Sel(Spaces.Aal, "precentral_?"));
        Assert.Equal([0, 1, 2, 3], Sel(Spaces.Dk, "ctx-lh-*"));
        Assert.Equal(Enumerable.Range(0, 8), Sel(Spaces.Dk, "*"));
        Assert.Equal(Enumerable.Range(0, 8), Sel(Spaces.Dk, "all"));
    }

    [Fact]
    public void Hemispheres_networks_and_lobes()
    {
        Assert.Equal([0, 1, 2, 3], Sel(Spaces.Schaefer, "left"));
        Assert.Equal([4, 5, 6, 7], Sel(Spaces.Schaefer, "RH"));
        Assert.Equal([1, 3, 5, 7, 9], Sel(Spaces.Aal, "right"));
        Assert.Equal([0, 1, 4], Sel(Spaces.Schaefer, "network:Vis"));
        Assert.Equal([0, 1, 4], Sel(Spaces.Schaefer, "network:visual"));   // Yeo long name
        Assert.Equal([0, 1, 4], Sel(Spaces.Schaefer, "Visual"));           // a bare network name
        Assert.Equal([3, 6, 7], Sel(Spaces.Schaefer, "network:Default"));
        Assert.Equal([0, 1, 2, 3], Sel(Spaces.Aal, "lobe:frontal"));
        Assert.Equal([3, 7], Sel(Spaces.Dk, "lobe:temporal"));
        Assert.Equal([4, 5], Sel(Spaces.Aal, "limbic"));
    }

    [Fact]
    public void Set_operations_follow_python_precedence()
    {
        var s = Spaces.Schaefer;
        Assert.Equal([0, 1], Sel(s, "network:Vis & left"));
        Assert.Equal([4], Sel(s, "network:Vis - left"));
        Assert.Equal([2, 3, 5, 6, 7], Sel(s, "!network:Vis"));
        Assert.Equal([0, 1, 4, 6, 7], Sel(s, "network:Vis | right & network:Default"));       // & before |
        Assert.Equal([0, 1, 2, 3, 6, 7], Sel(s, "left, right & network:Default"));
        Assert.Equal([6, 7], Sel(s, "(left, right) & network:Default - left"));              // - before &
        Assert.Equal([0, 1, 4], Sel(s, "* - (left - network:Vis) - right | network:Vis")); // left-associative -
        Assert.Equal([0], Sel(s, "#0..2 - #1..2"));
        Assert.Equal([1], Sel(Spaces.Dk, "ctx-lh-* - ctx-lh-precentral - #2..3"));           // '-' inside a name is part of it
    }

    [Fact]
    public void Canonical_text_is_normalised()
    {
        Assert.Equal("left & network:Vis,*", RegionSelector.Parse(" LH&network:Vis | all ").ToString());
        Assert.Equal("(left,right) & network:Default - left", RegionSelector.Parse("(lh | rh) & network:Default - lh").ToString());
        Assert.Equal("!(left & #0..2)", RegionSelector.Parse("!(left&#0..2)").ToString());
        Assert.Equal("'left',ctx-lh-*", RegionSelector.Parse("\"left\", ctx-lh-*").ToString());
        Assert.Equal("a - (b - c)", RegionSelector.Parse("a - (b - c)").ToString());
        Assert.Equal("a - b - c", RegionSelector.Parse("(a - b) - c").ToString());
        var sel = RegionSelector.Select(Spaces.Schaefer, "network:Vis&lh");
        Assert.Equal("network:Vis & left", sel.Text);
        Assert.Equal(["7Networks_LH_Vis_1", "7Networks_LH_Vis_2"], sel.Labels);
        Assert.Equal([true, true, false, false, false, false, false, false], sel.Mask());
        Assert.True(sel.Contains(1));
        Assert.False(sel.Contains(4));
    }

    [Fact]
    public void Unknown_label_names_the_connectome_and_suggests()
    {
        var m = Err(Spaces.Dk, "ctx-lh-precentrl", "--resect");
        Assert.StartsWith("--resect 'ctx-lh-precentrl': connectome 'dk-toy' (dk-toy, 8 regions) has no region, network or lobe 'ctx-lh-precentrl'; did you mean 'ctx-lh-precentral'", m);
        Assert.Contains("did you mean 'Vis'", Err(Spaces.Schaefer, "network:Viss"));
        Assert.Contains("its networks are 'Vis', 'SomMot' or 'Default'", Err(Spaces.Schaefer, "network:Auditory"));
        Assert.Contains("did you mean 'temporal'", Err(Spaces.Dk, "lobe:temporl"));
        Assert.Contains("has no networks (networks are read from Schaefer labels", Err(Spaces.Aal, "network:Vis"));
        Assert.Contains("has no lobes", Err(Spaces.Schaefer, "lobe:frontal"));
        Assert.Contains("has no hemisphere information", Err(RegionSpace.FromLabels("odd", ["a1", "b2"]), "left"));
        Assert.Contains("for the region at 0-based index 3 write #3", Err(Spaces.Aal, "3"));
        Assert.Contains("'*_X' matches no label of connectome 'aal-toy'", Err(Spaces.Aal, "*_X"));
        Assert.Contains("#10 is out of range: connectome 'aal-toy' (aal-toy, 10 regions) has indices #0…#9", Err(Spaces.Aal, "#10"));
        Assert.Contains("'AB' matches 'Ab' or 'ab' of connectome 'c' (2 regions) ignoring case; labels are case-sensitive", Err(RegionSpace.FromLabels("c", ["Ab", "ab"]), "AB"));
    }

    [Fact]
    public void Empty_selection_is_an_error_unless_allowed()
    {
        var s = Spaces.Schaefer;
        Assert.Equal("region selection 'left & right': selects no region.", Err(s, "left&right"));
        var empty = RegionSelector.Select(s, "left & right", allowEmpty: true);
        Assert.True(empty.IsEmpty);
        Assert.Equal("left & right", empty.Text);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("left &", "ends early")]
    [InlineData("(left, right", "'(' at position 1 is not closed")]
    [InlineData("left)", "unmatched ')' at position 5")]
    [InlineData("'left", "quote at position 1 is not closed")]
    [InlineData("#x", "'#x' at position 1 is not an index")]
    [InlineData("#5..2", "is an empty range")]
    [InlineData("network:", "needs a name")]
    [InlineData("netwrk:Vis", "unknown group 'netwrk:' at position 1; did you mean 'network'?")]
    [InlineData("left right", "unexpected 'r' at position 6; expected an operator")]
    public void Syntax_errors_say_where(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<FwbmException>(() => RegionSelector.Parse(text, "--resect")).Message);
}
