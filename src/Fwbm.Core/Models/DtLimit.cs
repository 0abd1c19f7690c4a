namespace Fwbm.Core.Models;

/// <summary>
/// A limit on the integration step that depends on a parameter's value: h · max_r |value_r| ≤ <paramref name="MaxProduct"/>, with h
/// the step in the model's time unit (e.g. a rotation of at most 0.1 rad per step for an angular frequency). Checked for every
/// parameter set (every batch member) before it runs, next to the fixed <see cref="ModelSpec.MaxDtMs"/>.
/// </summary>
/// <param name="Parameter">Parameter name (as in <see cref="ModelSpec.Parameters"/>).</param>
/// <param name="MaxProduct">Largest allowed h·|value| (dimensionless).</param>
/// <param name="Reason">Why, in a few words (shown in the error).</param>
public sealed record DtLimit(string Parameter, double MaxProduct, string Reason);
