using System.Numerics;

namespace Fwbm.Core.Simulation;

/// <summary>The divergence check: which lane went non-finite, and the message that names it.</summary>
internal sealed partial class BlockEngine<TModel, TNum>
{
    private void CheckFinite(long step)
    {
        var acc = Vector<TNum>.Zero;
        for (int o = 0; o < _x.Length; o += W) acc += Vector.LoadUnsafe(ref _x[0], (nuint)o) * Vector<TNum>.Zero;
        if (acc == Vector<TNum>.Zero) return;
        for (int v = 0; v < NV; v++)
            for (int lane = 0; lane < L; lane++)
            {
                if (TNum.IsFinite(_x[v * L + lane])) continue;
                int r = M == 1 ? lane : lane / Bp, b = M == 1 ? 0 : lane % Bp;
                if (r >= R || b >= M) continue;
                var label = _sim.Connectome.Labels[r];
                string msg = $"Simulation diverged at step {step} (t = {step * _sim.Options.DtMs:G6} ms): '{_spec.StateVariables[v].Name}' of region {r} ('{label}') became {_x[v * L + lane]} in parameter set {_first + b} [{_members[b].Parameters}], seed {_members[b].Seed}. Try a smaller dt or check the parameter values.";
                throw new SimulationDivergedException(msg, step, step * _sim.Options.DtMs, r, label, _first + b, _spec.StateVariables[v].Name);
            }
        // only padding lanes went non-finite: reset them
        for (int v = 0; v < NV; v++)
            for (int lane = 0; lane < L; lane++)
                if (!TNum.IsFinite(_x[v * L + lane])) _x[v * L + lane] = TNum.Zero;
        Outputs(_x, _cur);
    }
}
