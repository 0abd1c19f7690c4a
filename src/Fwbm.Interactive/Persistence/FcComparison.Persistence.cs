using Fwbm.Core.Persistence;

namespace Fwbm.Interactive;

/// <summary>Save and load of an <see cref="FcComparison"/> (HDF5, kind "comparison": groups <c>simulated</c> and <c>empirical</c>,
/// root attributes <c>similarity</c>, <c>left_name</c>, <c>right_name</c>).</summary>
public sealed partial class FcComparison
{
    /// <summary>Write both matrices (values, labels, hemispheres, titles) and the similarity to one HDF5 file, atomically.</summary>
    public void Save(string path) => ResultFile.Write(path, ResultKind.Comparison, root =>
    {
        root.Attr("similarity", Similarity).Attr("similarity_measure", "Pearson r of the upper triangles (i < j)")
            .Attr("left_name", LeftName).Attr("right_name", RightName);
        FcMatrixH5.Write(root.Group("simulated"), Simulated);
        FcMatrixH5.Write(root.Group("empirical"), Empirical);
    });

    /// <summary>Load a comparison saved by <see cref="Save"/>.</summary>
    public static FcComparison Load(string path) => ResultFile.Read(path, ResultKind.Comparison,
        (_, root) => new FcComparison(FcMatrixH5.Read(root.Group("simulated")), FcMatrixH5.Read(root.Group("empirical")),
            root.TextOr("left_name"), root.TextOr("right_name")));
}
