using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Guardrails;

/// <summary>What the checks of one run look at: the model, the recorded signals (BOLD, raw/temporal-average states), the BOLD FC and,
/// when known, the connectome and coupling (for the suggested coupling range).</summary>
public sealed record RunEvidence(ModelSpec Model, IReadOnlyDictionary<string, TimeSeries> Outputs)
{
    /// <summary>The connectome the run used (its normalisation and spectral radius name the suggested coupling); null when unknown.</summary>
    public Connectome? Connectome { get; init; }
    /// <summary>The global coupling G of the run (NaN when unknown).</summary>
    public double Coupling { get; init; } = double.NaN;

    /// <summary>The BOLD signal, or null when none was recorded.</summary>
    public TimeSeries? Bold => Outputs.TryGetValue("bold", out var b) ? b : null;

    /// <summary>The FC of the BOLD signal (computed once), or null without BOLD or with fewer than 2 samples.</summary>
    public double[]? Fc => _fc ??= Bold is { Length: >= 2 } b ? FunctionalConnectivity.Compute(b) : null;
    private double[]? _fc;

    /// <summary>The evidence of a simulation result (its connectome when it carries one).</summary>
    public static RunEvidence Of(SimulationResult result, Connectome? connectome = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RunEvidence(result.Parameters.Model, result.Outputs) { Connectome = connectome ?? result.Connectome, Coupling = result.Parameters.Coupling };
    }

    /// <summary>The recorded time series of a state variable: raw samples when recorded, else temporal averages; null when neither.</summary>
    public TimeSeries? State(string variable) =>
        Outputs.TryGetValue($"raw:{variable}", out var raw) ? raw : Outputs.TryGetValue($"tavg:{variable}", out var avg) ? avg : null;
}
