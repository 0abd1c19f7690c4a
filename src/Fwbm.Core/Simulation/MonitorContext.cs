using Fwbm.Core.Analysis;
using Fwbm.Core.Models;

namespace Fwbm.Core.Simulation;

/// <summary>
/// The lane layout of one block of simulated parameter sets, given to monitors at <see cref="IMonitor.Init"/>.
/// Values of state variable v at lane l live at <c>State[v * Lanes + l]</c>; lane of (region r, member b) is <see cref="Lane"/>.
/// </summary>
public sealed class MonitorContext
{
    internal MonitorContext(ModelSpec model, IReadOnlyList<string> labels, int members, int lanesPerRegion, int lanes, double dtMs, long transientSteps, long totalSteps,
        int firstMember = 0, IReadOnlyList<SimulationRequest>? requests = null)
    {
        Model = model; Labels = labels; Members = members; LanesPerRegion = lanesPerRegion; Lanes = lanes; DtMs = dtMs;
        TransientSteps = transientSteps; TotalSteps = totalSteps; FirstMember = firstMember; _requests = requests;
    }
    private readonly IReadOnlyList<SimulationRequest>? _requests;
    /// <summary>Index in the whole batch of this block's member 0.</summary>
    public int FirstMember { get; }
    /// <summary>"index [parameters], seed s" of a member of this block, for error messages.</summary>
    public string Describe(int member) => _requests is { } q && member < q.Count
        ? $"{FirstMember + member} [{q[member].Parameters}], seed {q[member].Seed}" : $"{FirstMember + member}";
    /// <summary>True when <paramref name="lane"/> belongs to a real (region, member) and not to SIMD padding.</summary>
    public bool IsReal(int lane, out int region, out int member)
    {
        region = lane / LanesPerRegion; member = lane % LanesPerRegion;
        return region < Regions && member < Members;
    }
    public ModelSpec Model { get; }
    public IReadOnlyList<string> Labels { get; }
    public int Regions => Labels.Count;
    /// <summary>Parameter sets simulated together in this block.</summary>
    public int Members { get; }
    public int LanesPerRegion { get; }
    /// <summary>Total lanes per state variable (padded for SIMD).</summary>
    public int Lanes { get; }
    public double DtMs { get; }
    public long TransientSteps { get; }
    public long TotalSteps { get; }
    public int Lane(int region, int member) => region * LanesPerRegion + member;
}
