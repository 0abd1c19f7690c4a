using System.Globalization;
using Fwbm.Core;
using Fwbm.Core.Simulation;
using TorchSharp;
using static TorchSharp.torch;

namespace Fwbm.Torch;

/// <summary>The finiteness checks: a non-finite state or an invalid hemodynamic state stops the run with a message naming the step, region, variable and member.</summary>
public sealed partial class TorchSimulator
{
    /// <summary>
    /// Steps between the finiteness checks that wait for the device: 1 on the CPU (where reading a flag costs nothing), 64 on a GPU
    /// (a per-step <c>item()</c> would synchronise the device every step). Between checks every step records, on the device, the step
    /// at which each value first became invalid, so the error still names the exact step, region and variable.
    /// </summary>
    internal int FiniteCheckInterval { get; set; }

    /// <summary>
    /// Stop at a non-finite state variable, or (when the Balloon model was integrated this step) at a hemodynamic state outside its
    /// valid range — inflow f, volume v or deoxyhemoglobin q ≤ 0, or a non-finite value — naming the step, region, batch member,
    /// seed and parameter values (the wording of the CPU engine's BOLD monitor).
    /// </summary>
    private void CheckFinite(Tensor[] x, Tensor[]? balloon, Tensor? drive, long step, TorchParameters p, TorchState state)
    {
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            // few operations per step (each costs microseconds of dispatch at [batch, regions] sizes): the state variables and the
            // Balloon s must be finite; f, v, q must lie in (0, ∞), i.e. have a finite logarithm
            var finite = torch.cat(balloon is null ? x : [.. x, balloon[0]], 0).isfinite().all();
            if (balloon is not null) finite = finite.logical_and(torch.cat([balloon[1], balloon[2], balloon[3]], 0).log().isfinite().all());
            if (finite.item<bool>()) return;
            var values = x.Concat(balloon ?? []).Select(Host).ToArray();
            Locate(step, (k, i) => k < NV || k == NV ? !double.IsFinite(values[k][i]) : !(values[k][i] > 0 && double.IsFinite(values[k][i])),
                values, drive is null ? null : Host(drive), p, state);
        }
    }

    /// <summary>Deferred check: one device synchronisation; when a value went bad, locate the first step from the record.</summary>
    private void CheckWatch(FiniteWatch watch, TorchParameters p, TorchState state)
    {
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            if (watch.FirstStep.min().item<long>() == long.MaxValue) return;
            var first = watch.FirstStep.cpu().contiguous().data<long>().ToArray();
            long step = first.Min();
            var all = Host(watch.Value);
            int K = NV + 4, BR = all.Length / K;
            var values = Enumerable.Range(0, K).Select(k => all.AsSpan(k * BR, BR).ToArray()).ToArray();
            Locate(step, (k, i) => first[k * BR + i] == step, values, Host(watch.Drive), p, state);
        }
    }

    /// <summary>
    /// Throw the <see cref="SimulationDivergedException"/> of the first bad value of a step (<paramref name="isBad"/>(k, lane): k indexes
    /// the state variables, then the Balloon s, f, v, q): state variables first (variable by variable), then the hemodynamics lane by lane.
    /// </summary>
    private void Locate(long step, Func<int, int, bool> isBad, double[][] values, double[]? drive, TorchParameters p, TorchState state)
    {
        var ci = CultureInfo.InvariantCulture;
        string G(double v) => v.ToString("G6", ci);
        double tMs = step * Core.Options.DtMs;
        int lanes = values[0].Length;
        for (int v = 0; v < NV; v++)
            for (int i = 0; i < lanes; i++)
            {
                if (!isBad(v, i)) continue;
                int b = i / R, r = i % R;
                var label = Core.Connectome.Labels[r];
                string msg = string.Create(ci,
                    $"Torch simulation diverged at step {step} (t = {tMs:G6} ms): '{_spec.StateVariables[v].Name}' of region {r} ('{label}') became {values[v][i]} in batch member {b} (seed {state.Seeds[b]}) of model '{_spec.Name}'{DescribeParameters(p, b, r)}. Try a smaller dt or check the parameter values.");
                throw new SimulationDivergedException(msg, step, tMs, r, label, b, _spec.StateVariables[v].Name);
            }
        if (values.Length < NV + 4 || _bold is null) throw new InvalidOperationException($"Torch simulator: step {step} was flagged but no bad value was found.");
        for (int i = 0; i < lanes; i++)
        {
            bool bs = isBad(NV, i), bf = isBad(NV + 1, i), bv = isBad(NV + 2, i), bq = isBad(NV + 3, i);
            if (!(bs || bf || bv || bq)) continue;
            int b = i / R, r = i % R;
            var label = Core.Connectome.Labels[r];
            string what = bf ? $"blood inflow f = {G(values[NV + 1][i])}" : bv ? $"blood volume v = {G(values[NV + 2][i])}" : bq ? $"deoxyhemoglobin q = {G(values[NV + 3][i])}" : $"vasodilatory signal s = {G(values[NV][i])}";
            string variable = bf ? "f" : bv ? "v" : bq ? "q" : "s";
            string msg = $"BOLD became invalid at step {step} (t = {G(tMs)} ms): the Balloon–Windkessel {what} of region {r} ('{label}') " +
                $"in batch member {b} (seed {state.Seeds[b]}){DescribeParameters(p, b, r)} left the model's valid range (f, v, q > 0); the BOLD drive of model '{_spec.Name}' " +
                $"({_spec.BoldDriveDoc}) was {(drive is null ? "?" : G(drive[i]))}. " +
                (drive is not null && double.IsFinite(drive[i]) && Math.Abs(drive[i]) > 1e6
                    ? "The hemodynamics cannot follow a drive this large: the neural state is running away; try a smaller dt or check the parameter values."
                    : $"The drive went too negative for the Balloon model: a drive held below −γ = −{G(_bold.Balloon.Gamma)} makes the steady-state inflow 1 + drive/γ negative. Choose parameters whose BOLD drive stays above −γ.");
            throw new SimulationDivergedException(msg, step, tMs, r, label, b, variable);
        }
        throw new InvalidOperationException($"Torch simulator: step {step} was flagged but no bad value was found.");
    }

    private static double[] Host(Tensor t) => t.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

    private string DescribeParameters(TorchParameters p, int b, int r)
    {
        var parts = new List<string>();
        for (int k = 0; k < NP; k++) parts.Add($"{_spec.Parameters[k].Name}={ValueAt(p.Values[k], b, r):G6}");
        parts.Add($"coupling={ValueAt(p.Coupling, b, r):G6}");
        return $" with {string.Join(", ", parts)} at that region";
    }

    private static double ValueAt(TReal v, int b, int r)
    {
        if (v.IsConstant) return v.Constant;
        var t = v.Tensor.detach();
        using var e = t.dim() switch
        {
            0 => t.alias(),
            1 => t[t.shape[0] == 1 ? 0 : r],
            _ => t[t.shape[0] == 1 ? 0 : b, t.shape[1] == 1 ? 0 : r],
        };
        return e.to_type(ScalarType.Float64).item<double>();
    }
}
