using Fwbm.Core;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;

namespace Fwbm.Interactive;

/// <summary>
/// A functional-connectivity matrix with its region labels and hemispheres, so that notebooks display it as a labelled heatmap
/// (diverging scale centred on 0, left hemisphere first). The values are the Core ones (row-major R×R, unit diagonal).
/// </summary>
public sealed class FcMatrix
{
    public FcMatrix(double[] values, IReadOnlyList<string> labels, IReadOnlyList<bool>? rightHemisphere = null, string title = "FC")
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(labels);
        if (values.Length != labels.Count * labels.Count)
            throw new FwbmException($"FcMatrix: {values.Length} values for {labels.Count} labels; expected {labels.Count}×{labels.Count}.");
        if (rightHemisphere is not null && rightHemisphere.Count != labels.Count)
            throw new FwbmException($"FcMatrix: {rightHemisphere.Count} hemisphere flags for {labels.Count} regions.");
        Values = values; Labels = labels; RightHemisphere = rightHemisphere; Title = title;
    }

    /// <summary>FC of a signal (Pearson), labelled by the connectome's regions.</summary>
    public static FcMatrix Of(TimeSeries signal, Connectome? connectome = null, string title = "FC")
    {
        var labels = connectome?.Labels ?? signal.Labels ?? Enumerable.Range(0, signal.Regions).Select(i => $"r{i}").ToArray();
        return new FcMatrix(FunctionalConnectivity.Compute(signal), labels, connectome?.RightHemisphere, title);
    }

    /// <summary>The empirical FC that came with a connectome.</summary>
    public static FcMatrix Empirical(Connectome connectome)
    {
        if (!connectome.HasEmpiricalFc)
            throw new FwbmException($"Connectome '{connectome.Name}' has no empirical FC; load a dataset that has one (e.g. hcp) or give one with WithEmpiricalFc.");
        return new FcMatrix(connectome.EmpiricalFc.ToArray(), connectome.Labels, connectome.RightHemisphere, $"empirical FC ({connectome.Name})");
    }

    /// <summary>Row-major R×R values.</summary>
    public double[] Values { get; }
    public IReadOnlyList<string> Labels { get; }
    public IReadOnlyList<bool>? RightHemisphere { get; }
    public string Title { get; }
    public int Count => Labels.Count;
    public double this[int i, int j] => Values[i * Count + j];

    /// <summary>How displays order the regions (default: left hemisphere, then right); the values keep their order.</summary>
    public RegionOrder Order { get; init; } = RegionOrder.Hemisphere;

    /// <summary>The same matrix, displayed in another region order (e.g. <see cref="RegionOrder.ByGroup(IReadOnlyDictionary{string, string}, IEnumerable{string}?, string)"/>).</summary>
    public FcMatrix WithOrder(RegionOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new FcMatrix(Values, Labels, RightHemisphere, Title) { Order = order };
    }

    /// <summary>Region order for display (see <see cref="Order"/>): left hemisphere, then right, by default.</summary>
    public int[] DisplayOrder() => Order.Arrange(Labels, RightHemisphere).Order;

    /// <summary>Values of the upper triangle (i &lt; j), row by row.</summary>
    public double[] UpperTriangle()
    {
        int n = Count;
        var r = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) r[k++] = Values[i * n + j];
        return r;
    }

    /// <summary>Pearson correlation of the upper triangles (the usual FC similarity).</summary>
    public double SimilarityTo(FcMatrix other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count != Count) throw new FwbmException($"FC similarity: {Count} regions vs {other.Count}; expected the same region set.");
        return FcSimilarity.Compute(Values, other.Values, Count);
    }

    public override string ToString() => $"{Title}: {Count}×{Count}, mean off-diagonal r = {UpperTriangle().Average():F3}";
}

/// <summary>
/// Two FC matrices of the same regions compared: both matrices side by side and the correlation of their upper triangles. The sides
/// are named (<see cref="LeftName"/>, <see cref="RightName"/>: e.g. "placebo" and "drug"); by default each side is named by its
/// matrix's title ("simulated FC (hopf, G = 0.5)", "empirical FC (hcp)"). <see cref="Simulated"/> is the left side and
/// <see cref="Empirical"/> the right one (the names of the usual simulated-vs-empirical case).
/// </summary>
public sealed partial class FcComparison
{
    public FcComparison(FcMatrix simulated, FcMatrix empirical) : this(simulated, empirical, null, null) { }

    /// <param name="left">The left side (drawn first; the scatter's y axis).</param>
    /// <param name="right">The right side (the scatter's x axis).</param>
    /// <param name="leftName">What the left side is (default: its matrix's title).</param>
    /// <param name="rightName">What the right side is (default: its matrix's title).</param>
    public FcComparison(FcMatrix left, FcMatrix right, string? leftName, string? rightName)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (!left.Labels.SequenceEqual(right.Labels))
            throw new FwbmException($"FC comparison: {Describe(leftName, left)} ({left.Count} regions) and {Describe(rightName, right)} ({right.Count} regions) do not have the same regions in the same order.");
        if (leftName is not null && string.IsNullOrWhiteSpace(leftName)) throw new FwbmException("FC comparison: the left side's name is empty; give a name such as \"placebo\" or leave it out.");
        if (rightName is not null && string.IsNullOrWhiteSpace(rightName)) throw new FwbmException("FC comparison: the right side's name is empty; give a name such as \"drug\" or leave it out.");
        Simulated = left; Empirical = right; Similarity = left.SimilarityTo(right);
        LeftName = leftName?.Trim() ?? left.Title;
        RightName = rightName?.Trim() ?? right.Title;
        if (LeftName == RightName && leftName is null && rightName is null) { LeftName = $"{left.Title} (left)"; RightName = $"{right.Title} (right)"; }
    }

    private static string Describe(string? name, FcMatrix m) => name is null ? $"the {m.Title}" : $"'{name}'";

    /// <summary>The left side (in the usual comparison: the simulated FC).</summary>
    public FcMatrix Simulated { get; }
    /// <summary>The right side (in the usual comparison: the empirical FC).</summary>
    public FcMatrix Empirical { get; }
    /// <summary>What the left side is, as titles, axes and hover name it.</summary>
    public string LeftName { get; }
    /// <summary>What the right side is, as titles, axes and hover name it.</summary>
    public string RightName { get; }
    /// <summary>Pearson r between the upper triangles.</summary>
    public double Similarity { get; }

    /// <summary>The same comparison (same names) with both matrices displayed in <paramref name="order"/>.</summary>
    public FcComparison WithOrder(RegionOrder order) => new(Simulated.WithOrder(order), Empirical.WithOrder(order), LeftName, RightName);

    /// <summary>The same comparison with its sides named <paramref name="leftName"/> and <paramref name="rightName"/>.</summary>
    public FcComparison WithNames(string leftName, string rightName) => new(Simulated, Empirical, leftName, rightName);

    public override string ToString() => $"{LeftName} vs {RightName}: FC similarity r = {Similarity:F3} ({Simulated.Count} regions; {Simulated.Count * (Simulated.Count - 1) / 2} pairs)";
}
