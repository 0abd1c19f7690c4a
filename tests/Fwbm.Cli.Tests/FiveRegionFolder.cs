using System.Globalization;

namespace Fwbm.Cli.Tests;

/// <summary>
/// A connectome folder for end-to-end CLI tests: five regions labelled lh.A, lh.B, lh.C, rh.A, rh.B (two hemispheres), weights.csv
/// from <c>weight(target, source)</c> (default: 0.1 + 0.05·((i + j) mod 3) off the diagonal, 0 on it) and labels.txt.
/// </summary>
internal static class FiveRegionFolder
{
    public const int N = 5;

    public static readonly string[] Labels = ["lh.A", "lh.B", "lh.C", "rh.A", "rh.B"];

    public static string Write(string folder, Func<int, int, double>? weight = null)
    {
        weight ??= (i, j) => i == j ? 0 : 0.1 + 0.05 * ((i + j) % 3);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "weights.csv"), string.Join("\n", Enumerable.Range(0, N).Select(i =>
            string.Join(",", Enumerable.Range(0, N).Select(j => weight(i, j).ToString("R", CultureInfo.InvariantCulture))))));
        File.WriteAllLines(Path.Combine(folder, "labels.txt"), Labels);
        return folder;
    }
}
