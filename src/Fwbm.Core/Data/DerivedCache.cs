using System.Security.Cryptography;
using System.Text;
using Fwbm.Core.Data.Formats;
using Fwbm.Core.IO;

namespace Fwbm.Core.Data;

/// <summary>
/// Products computed from dataset files (group averages, FC from BOLD), cached as .npy under the store's
/// <c>derived/&lt;id&gt;/</c> folder. The file name carries a hash of the input checksums, the recipe and its version, so a
/// changed input or recipe never reuses a stale product. Writes are atomic; an unwritable cache just means no caching.
/// </summary>
internal static class DerivedCache
{
    /// <summary>Bump when a recipe changes.</summary>
    private const string Version = "1";

    public static double[] GetOrCompute(DataStore store, DatasetInfo ds, string recipe, IEnumerable<CatalogFile> inputs, int[] shape, Func<double[]> compute)
    {
        var key = new StringBuilder().Append(Version).Append('|').Append(ds.Id).Append('|').Append(recipe);
        foreach (var f in inputs) key.Append('|').Append(f.Sha256);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..16];
        var safe = new string(recipe.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        var path = Path.Combine(store.DerivedDirectory(ds), $"{safe}-{hash}.npy");
        if (File.Exists(path))
        {
            try
            {
                var a = Npy.Read(path);
                if (a.Shape.SequenceEqual(shape)) return a.Data;
            }
            catch (DataFormatException) { /* damaged product: recompute and replace */ }
        }
        var data = compute();
        try
        {
            AtomicFile.Write(path, s => Npy.Write(s, data, shape));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // read-only cache: the product is still correct, just not cached
        }
        return data;
    }
}
