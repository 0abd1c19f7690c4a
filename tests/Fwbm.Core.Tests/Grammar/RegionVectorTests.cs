using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;
using Fwbm.Core.Grammar;
using Fwbm.Core.Tests.Data;
using FsCheck.Xunit;
using Xunit;

namespace Fwbm.Core.Tests.Grammar;

public sealed class RegionVectorTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private RegionContext Ctx(RegionSpace s, RegionReceptorProvider? receptors = null) => new(s, _dir.Path, receptors);
    private double[] V(RegionSpace s, string text, RegionReceptorProvider? receptors = null) => RegionVector.Resolve(text, Ctx(s, receptors), "--param gain");
    private string Err(RegionSpace s, string text, RegionReceptorProvider? receptors = null) =>
        Assert.Throws<FwbmException>(() => V(s, text, receptors)).Message;

    /// <summary>Two toy maps over the Schaefer toy labels (in reverse order, to check alignment by label).</summary>
    private static ReceptorMaps ToyMaps(string atlas = "schaefer-toy-reversed", string[]? labels = null)
    {
        labels ??= Spaces.SchaeferLabels.Reverse().ToArray();
        int n = labels.Length;
        var v = new double[n * 2];
        for (int i = 0; i < n; i++) { v[i * 2] = 2.0 * (i + 1); v[i * 2 + 1] = -1.0; }
        return new ReceptorMaps(["5HT2a", "GABAa"], labels, v, zScored: false,
            new ConnectomeSource("toy-maps", "Toy maps", "none", "none") { RegionOrder = atlas });
    }

    [Fact]
    public void Scalar_and_list()
    {
        Assert.Equal(Enumerable.Repeat(1.5, 8), V(Spaces.Dk, "1.5"));
        Assert.Equal(Enumerable.Repeat(-2e-3, 8), V(Spaces.Dk, " -2e-3 "));
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], V(Spaces.Dk, "[0.1, 0.2,0.3,0.4,0.5,0.6,0.7,0.8]"));
        Assert.Equal("--param gain '[1,2,3]': has 3 values but connectome 'dk-toy' (dk-toy, 8 regions) needs 8 (one per region).", Err(Spaces.Dk, "[1,2,3]"));
        Assert.Contains("item 2 ('x') is not a finite number", Err(Spaces.Dk, "[1,x,3]"));
        Assert.Contains("must end with ']'", Err(Spaces.Dk, "[1,2"));
        Assert.Contains("the list is empty", Err(Spaces.Dk, "[]"));
        Assert.Contains("is not a per-region value; expected a number, [v1,…,vN], @file.csv", Err(Spaces.Dk, "nan"));
        Assert.Contains("did you mean 'receptor'?", Err(Spaces.Dk, "recepter:5HT2a"));
        Assert.Contains("is empty", Err(Spaces.Dk, "  "));
    }

    [Fact]
    public void File_with_one_column_or_label_value_rows()
    {
        File.WriteAllLines(_dir.File("col.csv"), ["# gain per region", "value", .. Enumerable.Range(1, 8).Select(i => (i / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], V(Spaces.Dk, "@col.csv"));
        Directory.CreateDirectory(_dir.File("sub dir"));
        File.WriteAllLines(_dir.File(Path.Combine("sub dir", "lv.tsv")), ["label\tvalue", .. Spaces.DkLabels.Reverse().Select((l, k) => $"{l}\t{k}")]);
        Assert.Equal([7.0, 6, 5, 4, 3, 2, 1, 0], V(Spaces.Dk, "@'sub dir/lv.tsv'"));
        Assert.Equal([7.0, 6, 5, 4, 3, 2, 1, 0], V(Spaces.Dk, "@\"" + Path.Combine(_dir.Path, "sub dir", "lv.tsv") + "\""));

        File.WriteAllLines(_dir.File("short.csv"), ["1", "2"]);
        Assert.Contains("has 2 values but connectome 'dk-toy' (dk-toy, 8 regions) needs 8", Err(Spaces.Dk, "@short.csv"));
        File.WriteAllLines(_dir.File("typo.csv"), ["ctx-lh-precentrl,1"]);
        Assert.Contains("line 1: connectome 'dk-toy' (dk-toy, 8 regions) has no region 'ctx-lh-precentrl'; did you mean 'ctx-lh-precentral'", Err(Spaces.Dk, "@typo.csv"));
        File.WriteAllLines(_dir.File("twice.csv"), ["ctx-lh-insula,1", "CTX-LH-INSULA,2"]);
        Assert.Contains("line 2: region 'ctx-lh-insula' already has a value (line 1)", Err(Spaces.Dk, "@twice.csv"));
        File.WriteAllLines(_dir.File("part.csv"), ["ctx-lh-insula,1"]);
        Assert.Contains("gives no value for 7 of the 8 regions", Err(Spaces.Dk, "@part.csv"));
        File.WriteAllLines(_dir.File("wide.csv"), ["a,1,2"]);
        Assert.Contains("has 3 fields; expected one column of values or label,value rows", Err(Spaces.Dk, "@wide.csv"));
        Assert.Contains("not found (relative paths start at", Err(Spaces.Dk, "@missing.csv"));
    }

    [Fact]
    public void Label_maps_with_else()
    {
        var s = Spaces.Schaefer;
        Assert.Equal([1.5, 1.5, 1, 1, 1.5, 1, 1, 1], V(s, "label:Visual:1.5,else:1.0"));
        Assert.Equal([2, 2, 0, 0, 3, 0, 0, 0], V(s, "label:network:Vis & left:2, network:Vis - left:3, else:0"));
        Assert.Equal([-1.6, -1.6, -2.4, -2.4, -1.6, -1.8, -2.4, -2.4], V(s, "label:(network:Vis,#2..2)-#2:-1.6,#5:-1.8,else:-2.4"));
        Assert.Equal([1, 1, 1, 1, 2, 2, 2, 2], V(s, "label:left:1,right:2"));          // complete without else
        Assert.Equal([5, 5, 5, 5, 5, 5, 5, 5], V(s, "label:else:5"));
        Assert.Equal([7, 7, 7, 7, 0, 0, 0, 0], V(s, "label:left|#0:7,else:0"));

        Assert.Contains("region '7Networks_LH_Vis_1' is selected by both 'network:Vis' and 'left'; give each region one value", Err(s, "label:network:Vis:1,left:2,else:0"));
        Assert.Contains("4 of the 8 regions of connectome 'schaefer-toy' (schaefer-toy, 8 regions) get no value ('7Networks_RH_Vis_1', '7Networks_RH_SomMot_1', '7Networks_RH_Default_PFC_1', …); add else:<value>", Err(s, "label:left:1"));
        Assert.Contains("entry 'left' is not <selector>:<value>", Err(s, "label:left,right:1"));
        Assert.Contains("value 'x' of entry 'left:x' is not a finite number", Err(s, "label:left:x"));
        Assert.Contains("'else' is given twice", Err(s, "label:else:1,else:2"));
        Assert.Contains("--param gain entry 'Visul': connectome 'schaefer-toy' (schaefer-toy, 8 regions) has no region, network or lobe 'Visul'; did you mean 'visual'", Err(s, "label:Visul:1,else:0"));
        Assert.Contains("selects no region", Err(s, "label:left & right:1,else:0"));
    }

    [Fact]
    public void Receptor_maps_are_divided_by_their_maximum_and_aligned_by_label()
    {
        var s = Spaces.Schaefer;
        var maps = RegionReceptors.Fixed(ToyMaps());
        // the maps list the labels in reverse: region i holds 2·(8 − i); the maximum is 16
        var r = V(s, "receptor:5HT2a", maps);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (8 - i) / 8.0), r);
        var gain = V(s, "receptor:5ht2A:0.2:1", maps);
        for (int i = 0; i < 8; i++) Assert.Equal(1 + 0.2 * r[i], gain[i], 1e-15);
        Assert.Equal(r.Select(x => -3 * x), V(s, "receptor:5HT2a:-3", maps));
        Assert.Contains("receptor maps 'toy-maps' have no map '5HT2b'; did you mean '5HT2a'?", Err(s, "receptor:5HT2b", maps));
        Assert.Contains("map 'GABAa' of 'toy-maps' has maximum -1 over the regions", Err(s, "receptor:GABAa", maps));
        Assert.Contains("no receptor maps are available for connectome 'schaefer-toy'", Err(s, "receptor:5HT2a"));
        Assert.Contains("expected receptor:<name>[:scale[:offset]]", Err(s, "receptor:", maps));
        Assert.Contains("scale 'big' is not a finite number", Err(s, "receptor:5HT2a:big", maps));
        var other = RegionReceptors.Fixed(ToyMaps("dk-toy", Spaces.DkLabels));
        Assert.Contains("the receptor maps 'toy-maps' (dk-toy, 8 regions) do not match connectome 'schaefer-toy' (schaefer-toy, 8 regions): 8 of its regions (e.g. '7Networks_LH_Vis_1') have no map region; use a connectome in the maps' atlas",
            Err(s, "receptor:5HT2a", other));
    }

    [Fact]
    public void Canonical_text_round_trips()
    {
        foreach (var text in new[] { "1.5", "[0.1,0.2,-3]", "@maps/v.csv", "@'my file.csv'", "receptor:5HT2a", "receptor:5HT2a:0.2", "receptor:5HT2a:0.2:1",
                     "label:network:Vis & left:1.5,(left,#3):2,else:1" })
        {
            var v = RegionVector.Parse(text);
            Assert.Equal(text, v.ToString());
            Assert.Equal(v, RegionVector.Parse(v.ToString()));
        }
        Assert.Equal("receptor:5HT2a:1:0.5", RegionVector.Parse("receptor:5HT2a:1:0.5").ToString());
        Assert.Equal("label:left & network:Vis:2,else:0", RegionVector.Parse("LABEL: lh&network:Vis : 2 , ELSE : 0").ToString());
    }

    [Property(MaxTest = 200)]
    public bool A_list_resolves_to_itself_and_a_scalar_to_a_constant(int seed)
    {
        var r = new Random(seed);
        var s = Spaces.All[r.Next(3)];
        var values = Enumerable.Range(0, s.Count).Select(_ => Math.Round(r.NextDouble() * 20 - 10, r.Next(6))).ToArray();
        var ctx = new RegionContext(s, ".");
        var list = new RegionVectorList(values);
        double c = values[0];
        return RegionVector.Parse(list.ToString()).Resolve(ctx).SequenceEqual(values)
            && RegionVector.Parse(new RegionVectorScalar(c).ToString()).Resolve(ctx).All(x => x == c);
    }

    [Property(MaxTest = 100)]
    public bool A_label_map_gives_each_selected_region_its_value_and_else_the_rest(int seed)
    {
        var r = new Random(seed);
        var s = Spaces.All[r.Next(3)];
        int k = r.Next(s.Count);
        double a = r.Next(-50, 50) / 4.0, b = r.Next(-50, 50) / 4.0;
        var v = RegionVector.Resolve(FormattableString.Invariant($"label:#{k}|left:{a},else:{b}"), new RegionContext(s, "."));
        var chosen = RegionSelector.Select(s, $"#{k}|left").Mask();
        return v.Select((x, i) => x == (chosen[i] ? a : b)).All(ok => ok);
    }

    [Property(MaxTest = 200)]
    public bool Parse_of_the_canonical_text_of_a_label_map_gives_the_same_map(int seed)
    {
        var r = new Random(seed);
        var s = Spaces.All[r.Next(3)];
        var entries = Enumerable.Range(0, 1 + r.Next(3))
            .Select(_ => (RegionSelectorProperties.Tree(r, s, 3), Math.Round(r.NextDouble() * 8 - 4, r.Next(4)))).ToArray();
        var map = new RegionVectorByLabel(entries, r.Next(2) == 0 ? null : -r.Next(100) / 8.0);
        var back = RegionVector.Parse(map.ToString());
        return back.Equals(map) && back.ToString() == map.ToString();
    }
}
