namespace Fwbm.Core.Models;

/// <summary>
/// A noise source the model declares: the parameter that sets its intensity σ and the state variables it drives (additive
/// σ·√dt·ξ, one independent normal draw per driven state variable, region and step).
/// </summary>
public sealed record NoiseSpec(string Parameter, IReadOnlyList<string> StateVariables, string Doc);
