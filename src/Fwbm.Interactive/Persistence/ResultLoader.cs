using Fwbm.Core.Persistence;
using Fwbm.Torch.Fitting;

namespace Fwbm.Interactive;

/// <summary>Opens any FWBM result file as the object a notebook works with, the kind decided by the file: a simulation as a
/// <see cref="SimulationRun"/>, a sweep as a <see cref="SweepView"/>, a fit as a <see cref="FitResult"/>, a comparison as an
/// <see cref="FcComparison"/>.</summary>
public static class ResultLoader
{
    public static object Load(string path)
    {
        var header = ResultFile.ReadHeader(path);
        return header.Kind switch
        {
            ResultKind.Simulation => SimulationRun.Load(header.Path),
            ResultKind.Sweep => SweepView.Load(header.Path),
            ResultKind.Fit => FitResult.Load(header.Path),
            ResultKind.Comparison => FcComparison.Load(header.Path),
            var k => throw new Core.FwbmException($"{header.Path}: holds a '{k}' result, which this FWBM cannot open; expected one of {string.Join(", ", ResultKind.All)}."),
        };
    }
}
