using System.Globalization;
using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Interactive;

/// <summary>
/// One simulated parameter set on a connectome, as <c>#!fwbm-simulate --name sim</c> binds it: the Core result plus what a
/// notebook wants next (BOLD, its FC, the comparison with the empirical FC when the connectome has one).
/// </summary>
public sealed partial class SimulationRun
{
    private FcMatrix? _fc;
    private FcComparison? _comparison;

    public SimulationRun(Simulator simulation, SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(result);
        Simulation = simulation; Result = result;
    }

    /// <summary>Run one parameter set (a thin wrapper over <see cref="Core.Simulation.Simulator.Run"/>).</summary>
    public static SimulationRun Run(Simulator simulation, ParameterSet parameters, ulong seed = 0,
        IProgress<SimulationProgress>? progress = null, CancellationToken cancellation = default)
        => new(simulation, simulation.Run(parameters, seed, progress, cancellation));

    public Simulator Simulation { get; }
    public SimulationResult Result { get; }
    public Connectome Connectome => Simulation.Connectome;
    public ParameterSet Parameters => Result.Parameters;
    public ulong Seed => Result.Seed;
    public TimeSpan Elapsed => Result.Elapsed;

    /// <summary>The BOLD signal (time × regions).</summary>
    public TimeSeries Bold => Result.Bold;

    /// <summary>FC of the BOLD signal, labelled.</summary>
    public FcMatrix Fc => _fc ??= new FcMatrix(Result.BoldFc(), Connectome.Labels, Connectome.RightHemisphere, $"simulated FC ({Parameters.Model.Name}, G = {Parameters.Coupling.ToString("G4", CultureInfo.InvariantCulture)})");

    /// <summary>Simulated vs empirical FC, or null when the connectome has no empirical FC.</summary>
    public FcComparison? Comparison => _comparison ??= Connectome.HasEmpiricalFc ? new FcComparison(Fc, FcMatrix.Empirical(Connectome)) : null;

    /// <summary>What to read before trusting this run: the connectome's warnings (graph-disconnected after an edit), unit-plausibility warnings (code param-implausible), then the guardrails of
    /// <see cref="Core.Guardrails.GuardrailChecks"/> (too few FC samples, saturated/flat FC, pinned or constant activity), each with its
    /// threshold and fix. Empty for a healthy run.</summary>
    public IReadOnlyList<Core.Guardrails.GuardrailWarning> Warnings => _warnings ??=
        [.. Connectome.Warnings, // the connectome's own (graph-disconnected after a surgery edit)
         .. Result.Warnings.Select(w => new Core.Guardrails.GuardrailWarning(Core.Guardrails.GuardrailChecks.ImplausibleParameterCode, w)),
         .. Core.Guardrails.GuardrailChecks.Check(Result, Connectome)];
    private IReadOnlyList<Core.Guardrails.GuardrailWarning>? _warnings;

    /// <summary>FC similarity with the empirical FC (Pearson r of upper triangles), or null without one.</summary>
    public double? FcSimilarity => Comparison?.Similarity;

    /// <summary>The summary with every warning on a line of its own.</summary>
    public override string ToString() => Summary() + string.Concat(Warnings.Select(w => "\n" + w));

    /// <summary>The one-paragraph summary without the warnings (the card shows those in a box of their own).</summary>
    internal string Summary()
    {
        var o = Simulation.Options;
        var ci = CultureInfo.InvariantCulture;
        string s = string.Create(ci, $"{Parameters} on '{Connectome.EditedName}' ({Connectome.Count} regions): {o.DurationMs / 1000:G4} s recorded after {o.TransientMs / 1000:G4} s transient, dt {o.DtMs:G4} ms, seed {Seed}; computed in {Elapsed.TotalSeconds:F1} s");
        if (Result.Outputs.TryGetValue("bold", out var b)) s += string.Create(ci, $"; BOLD {b.Length} samples at TR {b.SamplePeriodMs / 1000:G4} s");
        if (FcSimilarity is double r) s += string.Create(ci, $"; FC similarity with empirical r = {r:F3}");
        return s;
    }
}
