namespace Fwbm.Core.Guardrails;

/// <summary>The declaration of one guardrail: its stable code, what it detects, its threshold and the fix (docs/user-guide.md "Warnings"
/// lists these).</summary>
public sealed record Guardrail(string Code, string Detects, string Threshold, string Fix);
