using Fwbm.Core.Grammar;
using Fwbm.Core.Models;
using Xunit;

namespace Fwbm.Core.Tests.Grammar;

/// <summary><c>--param</c> lists whose values are per-region vectors: splitting keeps each vector whole; Apply resolves it.</summary>
public class AssignmentVectorTests
{
    private static IReadOnlyList<Assignment> P(string text) => AssignmentText.Parse(text, "--param");

    [Fact]
    public void Each_vector_form_is_one_assignment_and_the_next_name_starts_a_new_one()
    {
        Assert.Equal([new Assignment("a", [0.1, 0.2, 0.3]), new Assignment("omega", [0.3])], P("a=[0.1, 0.2, 0.3],omega=0.3"));
        Assert.Equal([new Assignment("a", RegionVector.Parse("@dir/a.csv")), new Assignment("b", [1.0])], P("a=@dir/a.csv b=1"));
        Assert.Equal([new Assignment("gain_e", RegionVector.Parse("receptor:5HT2a:0.2:1"))], P("gain_e=receptor:5HT2a:0.2:1"));
        Assert.Equal(["a=label:left:0.1,else:-0.02", "omega=0.3"], P("a=label:left:0.1,else:-0.02,omega=0.3").Select(x => x.ToString()));
        // a label value keeps its spaces (set operations) up to the next name=
        var l = P("a=label:network:Vis:1.5, lobe:temporal - left:-1.8 ,else:1 omega=0.3");
        Assert.Equal(2, l.Count);
        Assert.Equal(RegionVector.Parse("label:network:Vis:1.5,lobe:temporal - left:-1.8,else:1"), l[0].Value);
        Assert.False(l[0].IsScalar);
        Assert.True(l[1].IsScalar);
        Assert.Equal(0.3, l[1].Scalar("--param"));
        Assert.StartsWith("--param 'a=[0.1,0.2]': expected one value here", Assert.Throws<FwbmException>(() => P("a=[0.1,0.2]")[0].Scalar("--param")).Message);
    }

    [Fact]
    public void Bad_vectors_fail_at_parse_time_naming_the_option_and_parameter()
    {
        Assert.StartsWith("--param a '[0.1,0.2': a list must end with ']'", Assert.Throws<FwbmException>(() => P("a=[0.1,0.2")).Message);
        Assert.Contains("did you mean 'receptor'", Assert.Throws<FwbmException>(() => P("a=recepter:5HT2a")).Message);
        Assert.StartsWith("--param a 'label:left'", Assert.Throws<FwbmException>(() => P("a=label:left")).Message);
        Assert.Contains("'x' is not a number", Assert.Throws<FwbmException>(() => P("a=0.1,x")).Message);
    }

    [Fact]
    public void Apply_resolves_each_vector_against_the_regions()
    {
        var conn = new Fwbm.Core.Connectivity.Connectome(new double[16], ["lh.A", "lh.B", "rh.A", "rh.B"], name: "toy");
        var ctx = RegionContext.For(conn);
        var spec = ModelRegistry.Get("hopf").Spec;
        var p = Assignment.Apply(ParameterSet.Defaults(spec, 0), P("a=label:left:0.1,else:-0.02,omega=30"), "--param", ctx);
        Assert.Equal(new[] { 0.1, 0.1, -0.02, -0.02 }, p[spec.IndexOf("a")].PerRegion!);
        Assert.Equal(30, p[spec.IndexOf("omega")].Scalar);
        var e = Assert.Throws<FwbmException>(() => Assignment.Apply(ParameterSet.Defaults(spec, 0), P("a=[1,2,3]"), "--param", ctx));
        Assert.StartsWith("--param a '[1,2,3]': has 3 values but", e.Message);
        Assert.Contains("needs 4 (one per region)", e.Message);
        var u = Assert.Throws<FwbmException>(() => Assignment.Apply(ParameterSet.Defaults(spec, 0), P("aa=[1,2,3,4]"), "--param", ctx));
        Assert.StartsWith("--param 'aa=[1,2,3,4]'", u.Message);
    }
}
