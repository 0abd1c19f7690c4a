namespace Fwbm.Core.Guardrails;

/// <summary>
/// One warning about a valid run whose science is suspect (e.g. FC from 2 BOLD samples): a stable <see cref="Code"/> (see
/// <see cref="GuardrailChecks.All"/>) and a one-line message that states the threshold and what to do. Never thrown: results carry them,
/// the CLI prints them and writes them to summary.json, the magics show them.
/// </summary>
public sealed record GuardrailWarning(string Code, string Message)
{
    /// <summary>"warning [code]: message" — the line the CLI and the magics print.</summary>
    public override string ToString() => $"warning [{Code}]: {Message}";
}
