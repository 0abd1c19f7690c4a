using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Fwbm.Core.Simulation;

/// <summary>The step loop: coupling sums → stimulus → lane-local step → history → monitors, with progress and cancellation.</summary>
internal sealed partial class BlockEngine<TModel, TNum>
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SimulationResult[] Run(CancellationToken ct, Action<long> onSteps)
    {
        var clock = Stopwatch.StartNew();
        long N = _sim.TotalSteps;
        double dtMs = _sim.Options.DtMs;
        var stimuli = _sim.StimulusSet;
        int G = stimuli.Groups;
        bool anyNoise = false;
        for (int l = 0; l < _sigmaSqrtH.Length; l++) anyNoise |= _sigmaSqrtH[l] != TNum.Zero;

        Clamp(_x);
        Outputs(_x, _cur);
        _coupler.FillHistory(_cur);

        const int ReportEvery = 1024;
        for (long n = 0; n < N; n++)
        {
            if (_sumsFor != n) { Sums(n, _cur, _s); _sumsFor = n; }
            bool stim = false;
            if (G > 0)
            {
                stimuli.Evaluate(n, dtMs, R, _stimRegion);
                for (int g = 0; g < G; g++)
                    for (int lane = 0; lane < L; lane++)
                        _stim[g * L + lane] = Num(M == 1 ? (lane < R ? _stimRegion[g * R + lane] : 0) : _stimRegion[g * R + lane / Bp]);
                stim = true;
            }
            bool ok;
            if (_twoPass)
            {
                // Heun with instantaneous coupling: the corrector's coupling needs every region's predicted output first
                ok = LocalStep(n, LocalMode.Predict, anyNoise, stim);
                _coupler.WriteHistory(n + 1, _curT);
                Sums(n + 1, _curT, _sNext);
                ok &= LocalStep(n, LocalMode.Correct, anyNoise, stim);
            }
            else
            {
                // Euler, or Heun whose coupling at t + dt reads only the history (every non-zero weight has a delay ≥ 1 step)
                if (_ahead) Sums(n + 1, _cur, _sNext);
                ok = LocalStep(n, _ahead ? LocalMode.FusedHeun : LocalMode.Euler, anyNoise, stim);
                if (_ahead) { (_s, _sNext) = (_sNext, _s); _sumsFor = n + 1; }
            }
            if (!ok) CheckFinite(n + 1);
            _coupler.WriteHistory(n + 1, _cur);
            if (_monitors.Length > 0) FeedMonitors(n + 1, dtMs);
            if ((n + 1) % ReportEvery == 0)
            {
                onSteps(ReportEvery * (long)M);
                ct.ThrowIfCancellationRequested();
            }
        }
        onSteps(N % ReportEvery * M);
        return Results(clock.Elapsed);
    }
}
