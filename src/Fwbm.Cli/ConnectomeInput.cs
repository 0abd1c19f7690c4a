using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Connectivity;

namespace Fwbm.Cli;

/// <summary>
/// The CLI's one way to turn <c>--connectome</c> into a <see cref="Connectome"/>. Accepts a directory or a file of plain matrices:
/// a weights file (CSV, TSV or whitespace-separated; rows are targets), and in a directory optionally tract lengths in mm, labels
/// (one per line, or the first column of a centres file "label x y z") and an empirical FC.
/// </summary>
internal static class ConnectomeInput
{
    private static readonly string[] Ext = [".csv", ".tsv", ".txt"];

    public static Connectome Load(string idOrPath)
    {
        if (string.IsNullOrWhiteSpace(idOrPath)) throw new FwbmException("--connectome is empty; expected a dataset id or a path to a directory or file of matrices.");
        if (Directory.Exists(idOrPath)) return FromDirectory(idOrPath);
        if (File.Exists(idOrPath)) return FromWeightsFile(idOrPath, null, null, null, null);
        throw new FwbmException($"--connectome '{idOrPath}': no such file or directory (dataset ids need the data layer; give a path to a directory with weights.csv, or to a weights file).");
    }

    private static string? Find(string dir, params string[] stems)
    {
        foreach (var s in stems)
            foreach (var e in Ext)
            {
                var p = Path.Combine(dir, s + e);
                if (File.Exists(p)) return p;
            }
        return null;
    }

    private static Connectome FromDirectory(string dir)
    {
        var weights = Find(dir, "weights", "sc", "SC")
            ?? throw new FwbmException($"--connectome '{dir}': no weights file; expected weights.csv (or .tsv/.txt) in that directory.");
        return FromWeightsFile(weights, Find(dir, "tract_lengths", "lengths", "len"), Find(dir, "labels"), Find(dir, "centres", "centers"),
            Find(dir, "empirical_fc", "fc_empirical", "fc"), dir);
    }

    private static Connectome FromWeightsFile(string weightsPath, string? lengthsPath, string? labelsPath, string? centresPath, string? fcPath, string? dir = null)
    {
        var (w, n) = ReadSquare(weightsPath, "weights");
        double[]? len = null, fc = null;
        if (lengthsPath is not null) { (len, var m) = ReadSquare(lengthsPath, "tract lengths"); Same(m, n, lengthsPath, weightsPath); }
        if (fcPath is not null) { (fc, var m) = ReadSquare(fcPath, "empirical FC"); Same(m, n, fcPath, weightsPath); }
        IReadOnlyList<string> labels;
        List<Point3>? centres = null;
        if (labelsPath is not null)
        {
            labels = File.ReadAllLines(labelsPath).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
            if (labels.Count != n) throw new FwbmException($"{labelsPath}: {labels.Count} labels for a {n}×{n} weights matrix ({weightsPath}); expected one label per region.");
        }
        else if (centresPath is not null)
        {
            var rows = File.ReadAllLines(centresPath).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
            if (rows.Length != n) throw new FwbmException($"{centresPath}: {rows.Length} rows for a {n}×{n} weights matrix; expected one 'label x y z' row per region.");
            var lab = new string[n]; centres = new List<Point3>();
            for (int i = 0; i < n; i++)
            {
                var f = Split(rows[i]);
                if (f.Length != 4) throw new FwbmException($"{centresPath} line {i + 1}: expected 'label x y z', got {f.Length} fields.");
                lab[i] = f[0];
                centres.Add(new Point3(Num(f[1], centresPath, i, 1), Num(f[2], centresPath, i, 2), Num(f[3], centresPath, i, 3)));
            }
            labels = lab;
        }
        else labels = Enumerable.Range(0, n).Select(i => $"R{i}").ToArray();
        string name = dir is null ? Path.GetFileNameWithoutExtension(weightsPath) : new DirectoryInfo(dir).Name;
        try
        {
            return new Connectome(w, labels, len, centres, empiricalFc: fc, name: name,
                source: new ConnectomeSource(Path.GetFullPath(dir ?? weightsPath), name, "unknown (user file)", "user-provided matrices"));
        }
        catch (FwbmException e) { throw new FwbmException($"--connectome '{dir ?? weightsPath}': {e.Message}"); }
    }

    private static void Same(int m, int n, string a, string b)
    {
        if (m != n) throw new FwbmException($"{a} is {m}×{m} but the weights ({b}) are {n}×{n}; expected matrices of the same size.");
    }

    private static string[] Split(string line) => line.Split([',', '\t', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double Num(string s, string file, int row, int col)
        => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new FwbmException($"{file} row {row + 1}, column {col + 1}: '{s}' is not a number.");

    /// <summary>A square numeric matrix from a delimited text file (no header).</summary>
    public static (double[] Values, int N) ReadSquare(string path, string what)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).ToArray();
        if (lines.Length == 0) throw new FwbmException($"{path}: the {what} file is empty; expected a square matrix.");
        int n = lines.Length;
        var v = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            var f = Split(lines[i]);
            if (f.Length != n) throw new FwbmException($"{path}: row {i + 1} of the {what} has {f.Length} values; expected {n} (a square {n}×{n} matrix).");
            for (int j = 0; j < n; j++) v[i * n + j] = Num(f[j], path, i, j);
        }
        return (v, n);
    }
}
