using Fwbm.Core;

namespace Fwbm.Interactive;

/// <summary>Save of a <see cref="FitRun"/>: its <see cref="Torch.Fitting.FitResult"/> with the connectome (kind "fit"); reopen with
/// <c>FitResult.Load</c> or <c>#!fwbm-load</c>.</summary>
public sealed partial class FitRun
{
    /// <summary>Write the fit's result (completed, or what an interrupted fit had done) and its connectome to one HDF5 file.</summary>
    public void Save(string path)
    {
        var result = Result ?? throw new FwbmException(State == FitRunState.Failed
            ? $"FitRun.Save: the fit failed ({Error}); there is no result to save."
            : "FitRun.Save: the fit is still running; wait for it (await fit.Completion) and save then.");
        result.Save(path, Connectome);
    }
}
