using Fwbm.Core.Models;
using Fwbm.Core.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>One member of a batch: a parameter set and its noise seed.</summary>
public sealed record SimulationRequest(ParameterSet Parameters, ulong Seed);
