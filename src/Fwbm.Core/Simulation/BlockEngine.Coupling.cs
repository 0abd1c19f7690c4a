using Fwbm.Core.Simulation.Coupling;

namespace Fwbm.Core.Simulation;

/// <summary>The coupling sums of a step: the hand-off to <see cref="CouplingEngine{TNum}"/> (delay history, tables, kernels).</summary>
internal sealed partial class BlockEngine<TModel, TNum>
{
    // _s holds the coupling sums S_i = Σ_j W_ij·h_j(t − d_ij) of the current step (before the post step c = G·(S − [diffusive] s_i·h_i),
    // which is applied lane-locally with the lane's own h). Heun evaluates the coupling again at t + dt: _sNext holds those sums.
    private TNum[] _s, _sNext;
    private long _sumsFor = -1;         // the step whose coupling sums _s holds
    private readonly CouplingEngine<TNum> _coupler;

    /// <summary>The coupling sums of step <paramref name="m"/> into <paramref name="dst"/> (see <see cref="CouplingEngine{TNum}.Sums"/>).</summary>
    private void Sums(long m, TNum[] src, TNum[] dst) => _coupler.Sums(m, src, dst);
}
