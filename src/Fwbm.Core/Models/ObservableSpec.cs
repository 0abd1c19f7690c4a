namespace Fwbm.Core.Models;

/// <summary>A derived quantity a model can report next to its state variables (computed by the model's <c>Observe</c>).</summary>
/// <param name="Name">Name used by monitors (e.g. "r_E"); distinct from every state variable name.</param>
/// <param name="Unit">Physical unit (e.g. "Hz", "mV").</param>
/// <param name="Doc">One-line description.</param>
public sealed record ObservableSpec(string Name, string Unit, string Doc);
