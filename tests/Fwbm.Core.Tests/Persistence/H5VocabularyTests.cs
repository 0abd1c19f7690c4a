using Fwbm.Core.Persistence;
using Xunit;

namespace Fwbm.Core.Tests.Persistence;

/// <summary>The writer/reader pair other layers build on: every value type round-trips exactly, including empty arrays and non-finite numbers.</summary>
public class H5VocabularyTests
{
    [Fact]
    public void Attributes_datasets_and_groups_round_trip_exactly()
    {
        using var dir = new TempDir();
        var path = dir.File("v.h5");
        double[] values = [0.1, -0.0, double.MaxValue, double.Epsilon, double.NaN, double.PositiveInfinity, 1e-300, 2.5];
        ResultFile.Write(path, "test-kind", root =>
        {
            root.Attr("text", "Wilson–Cowan, ω ≥ 0").Attr("big", ulong.MaxValue).Attr("int", -7).Attr("long", long.MinValue).Attr("flag", true)
                .Attr("inf", double.PositiveInfinity).Attr("texts", new[] { "a", "β", "" }).Attr("numbers", new[] { 1.5, double.NaN });
            var g = root.Group("g").Group("inner");
            g.Data("matrix", values, [2, 4], "mm", new Dictionary<string, object> { ["note"] = "two rows" });
            g.Data("empty", Array.Empty<double>(), unit: "s");
            g.Data("no_rows", Array.Empty<double>(), [0, 5]);
            g.Data("ints", new[] { 3, -4, int.MaxValue });
            g.Data("seeds", new[] { 0UL, ulong.MaxValue });
            g.Scalar("one", 0.25, "1/s");
            g.Strings("labels", ["lh.A", "rh.Ä", "x y"]);
        });
        var back = ResultFile.Read(path, "test-kind", (h, root) =>
        {
            Assert.Equal("test-kind", h.Kind);
            Assert.Equal(ResultFile.FormatVersion, h.FormatVersion);
            Assert.Equal("Wilson–Cowan, ω ≥ 0", root.Text("text"));
            Assert.Equal(ulong.MaxValue, root.Unsigned("big"));
            Assert.Equal(-7, root.Integer("int"));
            Assert.Equal(long.MinValue, root.Integer("long"));
            Assert.True(root.Flag("flag"));
            Assert.Equal(double.PositiveInfinity, root.Number("inf"));
            Assert.Equal(["a", "β", ""], root.Texts("texts"));
            Assert.Equal([1.5, double.NaN], root.Numbers("numbers"));
            var g = root.Group("g").Group("inner");
            Assert.Equal("/g/inner", g.Path);
            var (m, shape) = g.Array("matrix");
            Assert.Equal([2, 4], shape);
            Assert.Equal(values, m);
            Assert.Equal("mm", g.DataText("matrix", "unit"));
            Assert.Equal("two rows", g.DataText("matrix", "note"));
            Assert.Empty(g.Doubles("empty"));
            Assert.Equal([0, 5], g.Shape("no_rows"));
            Assert.Equal([3, -4, int.MaxValue], g.Integers("ints"));
            Assert.Equal([0UL, ulong.MaxValue], g.Unsigneds("seeds"));
            Assert.True(g.IsScalar("one"));
            Assert.Equal(0.25, g.ScalarValue("one"));
            Assert.Equal(["lh.A", "rh.Ä", "x y"], g.Strings("labels"));
            Assert.Equal(["matrix", "empty", "no_rows", "ints", "seeds", "one", "labels"], g.Children().ToArray());
            var missing = Assert.Throws<FwbmException>(() => g.Doubles("nope"));
            Assert.Contains("v.h5: /g/inner/nope: missing; expected a dataset.", missing.Message);
            return true;
        });
        Assert.True(back);
    }
}
