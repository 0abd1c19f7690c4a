using Fwbm.Core.Grammar;
using Fwbm.Core.Models;
using FsCheck.Xunit;
using Xunit;

namespace Fwbm.Core.Tests.Grammar;

public class SuggestTests
{
    [Theory]
    [InlineData("hopf", "hopf", 0)]
    [InlineData("HOPF", "hopf", 0)]        // case-insensitive
    [InlineData("hopff", "hopf", 1)]       // insertion
    [InlineData("hpof", "hopf", 1)]        // a swap of neighbours is one edit (Damerau)
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    public void Distance_counts_edits(string a, string b, int expected) => Assert.Equal(expected, Suggest.Distance(a, b));

    private static string Word(Random r) => new(Enumerable.Range(0, r.Next(0, 8)).Select(_ => "abAB_c"[r.Next(6)]).ToArray());

    [Property(MaxTest = 300)]
    public bool Distance_is_symmetric_bounded_and_zero_only_for_equal_words(int seed)
    {
        var r = new Random(seed);
        string x = Word(r), y = Word(r);
        int d = Suggest.Distance(x, y);
        return d == Suggest.Distance(y, x) && d >= Math.Abs(x.Length - y.Length) && d <= Math.Max(x.Length, y.Length)
            && (d == 0) == string.Equals(x, y, StringComparison.OrdinalIgnoreCase) && Suggest.Distance(x, x) == 0
            && Suggest.Distance(x, y + "c") <= d + 1;
    }

    [Property(MaxTest = 300)]
    public bool Nearest_returns_at_most_max_distinct_candidates_from_the_list(int seed)
    {
        var r = new Random(seed);
        var names = Enumerable.Range(0, r.Next(0, 12)).Select(_ => Word(r)).ToArray();
        var q = Word(r);
        var near = Suggest.Nearest(q, names);
        bool exactFirst = !names.Any(n => string.Equals(n, q, StringComparison.OrdinalIgnoreCase)) || q.Length == 0
            || string.Equals(near[0], q, StringComparison.OrdinalIgnoreCase);
        return near.Count <= 3 && near.Distinct().Count() == near.Count && near.All(names.Contains) && exactFirst;
    }

    [Fact]
    public void Nearest_ranks_by_distance_and_returns_at_most_three()
    {
        string[] names = ["omega", "sigma", "a", "coupling", "omega_x", "omegas", "omegb"];
        var near = Suggest.Nearest("omgea", names);
        Assert.Equal("omega", near[0]);          // one swap
        Assert.True(near.Count <= 3);
        Assert.Equal(["Vis", "VisCent"], Suggest.Nearest("vis", ["Default", "VisCent", "Vis", "SomMot"]));
    }

    [Theory]
    [InlineData("b", new[] { "a", "omega", "sigma", "coupling" })]        // one letter never suggests another one letter
    [InlineData("foo", new[] { "hopf", "wilson_cowan", "dmf" })]
    [InlineData("zz", new[] { "A", "a", "B", "b", "mu" })]
    public void Nothing_close_gives_nothing(string q, string[] names)
    {
        Assert.Empty(Suggest.Nearest(q, names));
        Assert.Null(Suggest.DidYouMean(q, names));
    }

    [Fact]
    public void Prefix_and_substring_matches_count()
    {
        Assert.Equal(["wilson_cowan"], Suggest.Nearest("wilson", ["hopf", "wilson_cowan", "dmf"]));
        Assert.Equal(["jansen_rit"], Suggest.Nearest("jansen", ["hopf", "jansen_rit"]));
        Assert.Equal(["ctx-lh-precentral"], Suggest.Nearest("precentral", ["ctx-lh-precentral", "ctx-lh-insula"]));
    }

    [Fact]
    public void Phrases_join_names()
    {
        Assert.Equal("did you mean 'hopf'?", Suggest.DidYouMean("hopff", ["hopf", "dmf"]));
        Assert.Equal("did you mean hopf?", Suggest.DidYouMean("hopff", ["hopf", "dmf"], quote: ""));
        Assert.Equal("'a', 'b' or 'c'", Suggest.Join(["a", "b", "c"]));
        Assert.Equal("'a' or 'b'", Suggest.Join(["a", "b"]));
        Assert.Equal("", Suggest.Join([]));
    }

    [Fact]
    public void Model_registry_and_model_spec_use_it()
    {
        var e = Assert.Throws<FwbmException>(() => ModelRegistry.Get("wilson-cowan"));
        Assert.Contains("Unknown model 'wilson-cowan'; did you mean wilson_cowan?", e.Message);
        Assert.Contains("Known models: hopf", e.Message);
        Assert.EndsWith("Unknown model 'xyz'. Known models: " + string.Join(", ", ModelRegistry.All.Select(m => m.Name)) + ".",
            Assert.Throws<FwbmException>(() => ModelRegistry.Get("xyz")).Message);
        var hopf = ModelRegistry.Get("hopf").Spec;
        var all = string.Join(", ", hopf.Parameters.Select(x => x.Name).Append("coupling"));
        var p = Assert.Throws<FwbmException>(() => hopf.IndexOf("omgea")).Message;
        Assert.Equal($"Model 'hopf' has no parameter 'omgea'; did you mean 'omega'? Expected one of: {all}.", p);
        Assert.Equal($"Model 'hopf' has no parameter 'b'; expected one of: {all}.", Assert.Throws<FwbmException>(() => hopf.IndexOf("b")).Message);
        Assert.Contains("did you mean 'coupling'?", Assert.Throws<FwbmException>(() => hopf.IndexOf("couplng")).Message);
    }
}
