namespace Fwbm.Core.Guardrails;

/// <summary>One check of a single run (one file per check; registered in <see cref="GuardrailChecks.RunChecks"/>).</summary>
public interface IRunCheck
{
    Guardrail Info { get; }
    /// <summary>The warnings of this check for one run (empty when the run is healthy or the evidence it needs was not recorded).</summary>
    IEnumerable<GuardrailWarning> Check(RunEvidence run);
}
