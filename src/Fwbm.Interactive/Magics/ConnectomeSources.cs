using Fwbm.Core;
using Fwbm.Core.Connectivity;

namespace Fwbm.Interactive.Magics;

/// <summary>
/// How a magic's <c>--connectome</c>/<c>--source</c> value becomes a <see cref="Connectome"/>: a C# variable of the notebook holding
/// one, else a dataset id of the data catalog.
/// </summary>
public static class ConnectomeSources
{
    /// <summary>Loads a connectome by dataset id (the data layer); null until one is available.</summary>
    public static Func<string, Connectome>? DatasetLoader { get; set; }

    /// <summary>Known dataset ids (completions).</summary>
    public static Func<IEnumerable<string>> DatasetIds { get; set; } = () => [];

    /// <param name="announce">When the value is a dataset id: show its licence and citation (once per kernel session); false only
    /// records it as shown (the caller displays the full attribution).</param>
    internal static Connectome Resolve(string value, MagicContext ctx, string parameter, bool announce = true)
    {
        if (ctx.TryGetVariable<Connectome>(value, out var c)) return c;
        if (ctx.TryGetVariable<SimulationRun>(value, out var run)) return run.Connectome;
        var vars = ctx.VariablesOf<Connectome>().ToArray();
        if (DatasetLoader is { } load)
        {
            Connectome loaded;
            try { loaded = load(value); }
            catch (FwbmException e)
            {
                throw new MagicArgumentException($"--{parameter} '{value}' is neither a Connectome variable of this notebook" +
                    (vars.Length > 0 ? $" (there are: {string.Join(", ", vars)})" : "") + $" nor a loadable dataset: {e.Message}");
            }
            ctx.ShowAttributionOnce(loaded.Source, announce);
            return loaded;
        }
        throw new MagicArgumentException($"--{parameter} '{value}' is neither a Connectome variable of this notebook" +
            (vars.Length > 0 ? $" (there are: {string.Join(", ", vars)})" : "") + " nor a dataset id this build can load.");
    }
}
