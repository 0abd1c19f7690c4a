using Fwbm.Core.Persistence;

namespace Fwbm.Interactive;

/// <summary>An <see cref="FcMatrix"/> in a result file: <c>values</c> (R × R, Pearson r), <c>labels</c>, <c>right_hemisphere</c>,
/// the attribute <c>title</c> and, for a named display order, <c>order</c>.</summary>
public static class FcMatrixH5
{
    public static void Write(H5Writer g, FcMatrix fc)
    {
        ArgumentNullException.ThrowIfNull(fc);
        int n = fc.Count;
        g.Attr("title", fc.Title).Attr("order", fc.Order.Name);
        g.Data("values", fc.Values, [n, n], "Pearson r");
        g.Strings("labels", fc.Labels);
        if (fc.RightHemisphere is { } rh) g.Data("right_hemisphere", rh.Select(b => b ? (byte)1 : (byte)0).ToArray(), unit: "1 = right, 0 = left");
    }

    public static FcMatrix Read(H5Reader g)
    {
        var labels = g.Strings("labels");
        var rh = g.Has("right_hemisphere") ? g.Doubles("right_hemisphere", labels.Length).Select(v => v != 0).ToArray() : null;
        var fc = new FcMatrix(g.Doubles("values", labels.Length * labels.Length), labels, rh, g.TextOr("title") ?? "FC");
        return g.TextOr("order") is { } o && RegionOrder.Named(o) is { } order ? fc.WithOrder(order) : fc;
    }
}
