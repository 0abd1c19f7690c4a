using Fwbm.Core.Connectivity;

namespace Fwbm.Core.Tests.Connectivity.Surgery;

/// <summary>Hand-made connectomes whose edits are worked out by hand in the tests.</summary>
internal static class SurgeryFixtures
{
    /// <summary>
    /// Four regions a, b (left) and c, d (right) at the corners of a 20 mm square in z = 0: a (0,0), b (20,0), c (0,20), d (20,20).
    /// Weights (row = target, column = source); a and d are not connected either way:
    /// <code>
    ///      a  b  c  d
    /// a  [ 0  1  2  0 ]
    /// b  [ 3  0  4  5 ]
    /// c  [ 6  7  0  8 ]
    /// d  [ 0  9 10  0 ]
    /// </code>
    /// Tract lengths 10·(i + 1) + j mm off the diagonal.
    /// </summary>
    public static Connectome Square(bool hemispheres = true, bool lengths = true, bool centres = true)
    {
        double[] w = [0, 1, 2, 0, 3, 0, 4, 5, 6, 7, 0, 8, 0, 9, 10, 0];
        var len = new double[16];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) len[i * 4 + j] = i == j ? 0 : 10 * (i + 1) + j;
        return new Connectome(w, ["a", "b", "c", "d"], lengths ? len : null,
            centres ? [new Point3(0, 0, 0), new Point3(20, 0, 0), new Point3(0, 20, 0), new Point3(20, 20, 0)] : null,
            hemispheres ? [false, false, true, true] : null, name: "square");
    }

    /// <summary>A path a – b – c – d (symmetric weights 1, 2, 3) with a leaf e on c (weight 4); no hemispheres.</summary>
    public static Connectome Path()
    {
        var w = new double[25];
        void Link(int i, int j, double v) { w[i * 5 + j] = v; w[j * 5 + i] = v; }
        Link(0, 1, 1); Link(1, 2, 2); Link(2, 3, 3); Link(2, 4, 4);
        return new Connectome(w, ["n0", "n1", "n2", "n3", "n4"], name: "path");
    }

    public static double[] W(Connectome c) => c.Weights.ToArray();
    public static double[] L(Connectome c) => c.TractLengths.ToArray();
}
