using System.Globalization;
using System.Security.Cryptography;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fwbm.Torch.Fitting;

/// <summary>Small conversions a fit needs between tensors, host arrays and parameter sets, and the connectome fingerprint.</summary>
internal static class FitTensors
{
    public static double[] Host(Tensor t) => t.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

    /// <summary>Noise seeds of <paramref name="count"/> realisations (distinct, a pure function of the first).</summary>
    public static ulong[] Seeds(ulong first, int count) => Enumerable.Range(0, count).Select(i => unchecked(first + (ulong)i * 0xD1B54A32D192ED03UL)).ToArray();

    /// <summary>The mean of the FCs of several BOLD runs (each time × R, row-major).</summary>
    public static double[] MeanFc(IEnumerable<double[]> bolds, int R)
    {
        var mean = new double[R * R]; int n = 0;
        foreach (var b in bolds) { var fc = FunctionalConnectivity.Compute(b, R); for (int i = 0; i < fc.Length; i++) mean[i] += fc[i]; n++; }
        for (int i = 0; i < mean.Length; i++) mean[i] /= n;
        return mean;
    }

    public static Dictionary<string, double[]> Values(List<FitParameter> fit, IReadOnlyDictionary<string, Parameter> leaves) =>
        fit.ToDictionary(f => f.Name, f => Host(leaves[f.Name]));

    public static ParameterSet ToParameterSet(ParameterSet initial, List<FitParameter> fit, IReadOnlyDictionary<string, double[]> values)
    {
        var p = initial;
        foreach (var f in fit) p = f.PerRegion ? p.With(f.Name, values[f.Name]) : p.With(f.Name, values[f.Name][0]);
        return p;
    }

    public static string Describe(List<FitParameter> fit, IReadOnlyDictionary<string, Parameter> leaves) =>
        string.Join(", ", fit.Select(f =>
        {
            var v = Host(leaves[f.Name]);
            return string.Create(CultureInfo.InvariantCulture, $"{f.Name}={(v.Length == 1 ? v[0].ToString("G6", CultureInfo.InvariantCulture) : $"[{v.Min():G4} … {v.Max():G4}]")}");
        }));

    /// <summary>A hash of the connectome's labels, weights and tract lengths (a checkpoint belongs to one connectome).</summary>
    public static string Fingerprint(Connectome c)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var l in c.Labels) sha.AppendData(System.Text.Encoding.UTF8.GetBytes(l + "\n"));
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.Weights));
        if (c.HasTractLengths) sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(c.TractLengths));
        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
