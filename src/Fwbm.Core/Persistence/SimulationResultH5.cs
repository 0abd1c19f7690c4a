using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Persistence;

/// <summary>
/// One simulation in a result file (kind <c>simulation</c>, or a kept run of a sweep): root attributes <c>seed</c>, <c>index</c>,
/// <c>elapsed_s</c>; groups <c>model</c>, <c>parameters</c>, <c>options</c>, <c>connectome</c>, <c>outputs</c>; the dataset
/// <c>warnings</c> when there are any.
/// </summary>
public static class SimulationResultH5
{
    /// <summary>Write a result with the simulation it came from (model, connectome, options).</summary>
    public static void Write(H5Writer g, SimulationResult result, Simulator? simulation, bool withContext = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        g.Attr("seed", result.Seed).Attr("index", result.Index).Attr("elapsed_s", result.Elapsed.TotalSeconds);
        ModelH5.Write(g.Group("model"), result.Parameters.Model);
        ParametersH5.Write(g.Group("parameters"), result.Parameters);
        if (withContext && simulation is not null)
        {
            SimulationOptionsH5.Write(g.Group("options"), simulation.Options);
            ConnectomeH5.Write(g.Group("connectome"), simulation.Connectome);
        }
        TimeSeriesH5.Write(g.Group("outputs"), result.Outputs, result.Parameters.Model);
        // unit-plausibility and guardrail warnings, each "warning [code]: message" as the CLI prints them
        var warnings = result.AllWarnings.Select(w => w.ToString()).ToArray();
        if (warnings.Length > 0) g.Strings("warnings", warnings);
    }

    /// <summary>Read a result; with <paramref name="context"/> (a sweep's kept run) its simulation is that one, else the file's.</summary>
    public static SimulationResult Read(H5Reader g, Simulator? context = null)
    {
        var model = context?.Model ?? ModelH5.Read(g.Group("model"));
        var parameters = ParametersH5.Read(g.Group("parameters"), model.Spec);
        var outputs = TimeSeriesH5.Read(g.Group("outputs"));
        var simulation = context;
        IReadOnlyList<string> notes = [];
        if (simulation is null && g.Has("options") && g.Has("connectome"))
        {
            var (options, n) = SimulationOptionsH5.Read(g.Group("options"));
            notes = n;
            Connectome connectome = ConnectomeH5.Read(g.Group("connectome"));
            try { simulation = new Simulator(model, connectome, options); }
            catch (FwbmException e) { throw new FwbmException($"{g.File}: the saved simulation cannot be rebuilt: {e.Message}"); }
        }
        var elapsed = TimeSpan.FromTicks((long)Math.Round((g.NumberOr("elapsed_s") ?? 0) * TimeSpan.TicksPerSecond));
        return new SimulationResult(checked((int)g.Integer("index")), parameters, g.Unsigned("seed"), outputs, elapsed)
        {
            Simulation = simulation, SavedWarnings = g.StringsOr("warnings"), LoadNotes = notes, SourceFile = g.File,
        };
    }
}
