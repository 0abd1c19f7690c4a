using Fwbm.Core.Analysis;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Torch.Fitting;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Torch.Tests;

/// <summary>
/// The error of the coarse integration step a fit uses (<see cref="FitDefaults.DtMs"/>) against a fine step, measured on what a fit
/// compares — BOLD FC — relative to the seed-to-seed spread of the fine step. Computed with the CPU engine, which the Torch simulator
/// reproduces step by step (<see cref="StepAgreementTests"/>).
/// </summary>
public class CoarseStepAccuracyTests(ITestOutputHelper output)
{
    /// <summary>
    /// Hopf (the fit's 20 ms against 1 ms) on a 20-region synthetic connectome at G = 0.5, Heun with noise and delays, 5 min of BOLD (TR 0.72 s) after 20 s, 3 seeds per step: the mean
    /// FC similarity between coarse and fine runs is within 0.05 of the mean similarity between fine runs of different seeds (the
    /// noise floor of the comparison), and the coarse runs' mean BOLD FC differs from the fine runs' by at most 0.1 (mean absolute
    /// difference of the off-diagonal entries).
    /// </summary>
    [Theory]
    [InlineData("hopf", 20.0, 1.0, 0.5)]
    public void Fit_step_FC_is_within_the_seed_spread_of_the_fine_step(string model, double coarseDt, double fineDt, double coupling)
    {
        var m = ModelRegistry.Get(model);
        Assert.Equal(coarseDt, FitDefaults.DtMs(m.Spec));
        var conn = FitInputs.SyntheticConnectome(20, 4);
        int R = conn.Count;
        double[][] Fcs(double dt)
        {
            var sim = new Simulator(m, conn, new SimulationOptions
            {
                DtMs = dt, DurationMs = 300_000, TransientMs = 20_000, Integrator = IntegratorKind.Heun, VelocityMPerS = 5,
                Monitors = [new BoldMonitorSpec(720) { IntegrationStepMs = dt }],
            });
            var p = sim.DefaultParameters(coupling);
            return sim.RunBatch([new SimulationRequest(p, 1), new SimulationRequest(p, 2), new SimulationRequest(p, 3)]).Select(r => r.BoldFc()).ToArray();
        }
        var coarse = Fcs(coarseDt);
        var fine = Fcs(fineDt);
        var fineFine = new List<double>(); var coarseFine = new List<double>();
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
            {
                coarseFine.Add(FcSimilarity.Compute(coarse[a], fine[b], R));
                if (a < b) fineFine.Add(FcSimilarity.Compute(fine[a], fine[b], R));
            }
        double MeanOff(double[][] fcs, int i, int j) => fcs.Average(f => f[i * R + j]);
        double meanAbs = 0; int count = 0;
        for (int i = 0; i < R; i++) for (int j = i + 1; j < R; j++) { meanAbs += Math.Abs(MeanOff(coarse, i, j) - MeanOff(fine, i, j)); count++; }
        meanAbs /= count;
        output.WriteLine($"{model}: FC similarity coarse (dt {coarseDt} ms) vs fine (dt {fineDt} ms) {coarseFine.Average():F4} (min {coarseFine.Min():F4}); " +
            $"fine vs fine (other seeds) {fineFine.Average():F4} (min {fineFine.Min():F4}); mean |ΔFC| of the seed means {meanAbs:F4}");
        Assert.True(fineFine.Average() > 0.3, $"the fine runs' FCs are too unlike each other ({fineFine.Average():F3}) for the comparison to mean anything");
        Assert.True(coarseFine.Average() >= fineFine.Average() - 0.05,
            $"{model}: FC similarity between dt {coarseDt} and dt {fineDt} is {coarseFine.Average():F4}, below the seed-to-seed similarity {fineFine.Average():F4} − 0.05");
        Assert.True(meanAbs <= 0.1, $"{model}: mean |ΔFC| between dt {coarseDt} and dt {fineDt} is {meanAbs:F4} > 0.1");
    }

    /// <summary>
    /// DMF at the fit's dt 0.5 ms (its largest stable step) against its default 0.1 ms: 20 regions at G = 2 with feedback inhibition
    /// control (linear approximation), Heun with noise and delays, 60 s after 10 s, 3 seeds. On this synthetic connectome the DMF's BOLD
    /// FC is noise-dominated (seed-to-seed FC similarity ≈ 0.1), so the stated error is on the stationary state instead (at these settings the DMF sits in its high-activity state, S_E ≈ 0.88,
    /// where its equations are stiffest — measured: 0.1 % on the mean, 1.5 % on the SD): the per-region
    /// time average of S_E (mean over seeds) differs by at most 1 % relative, and its per-region standard deviation over time by at most
    /// 10 % relative.
    /// </summary>
    [Fact]
    public void Dmf_fit_step_keeps_the_stationary_state_of_the_fine_step()
    {
        var m = ModelRegistry.Get("dmf");
        Assert.Equal(0.5, FitDefaults.DtMs(m.Spec));
        var conn = FitInputs.SyntheticConnectome(20, 4);
        int R = conn.Count;
        (double[] Mean, double[] Sd) Stats(double dt)
        {
            var sim = new Simulator(m, conn, new SimulationOptions
            {
                DtMs = dt, DurationMs = 60_000, TransientMs = 10_000, Integrator = IntegratorKind.Heun, VelocityMPerS = 5,
                Monitors = [new RawMonitorSpec(10) { Variables = ["S_E"] }],
            });
            var p = sim.DefaultParameters(2.0).With("J_i", FeedbackInhibitionControl.LinearApproximation(conn, 2.0));
            var runs = sim.RunBatch([new SimulationRequest(p, 1), new SimulationRequest(p, 2), new SimulationRequest(p, 3)]);
            var mean = new double[R]; var sd = new double[R];
            foreach (var run in runs)
            {
                var d = run.Get("raw:S_E").Data;
                int T = d.Length / R;
                for (int r = 0; r < R; r++)
                {
                    double s = 0, s2 = 0;
                    for (int t = 0; t < T; t++) { double x = d[t * R + r]; s += x; s2 += x * x; }
                    double mu = s / T;
                    mean[r] += mu / runs.Count; sd[r] += Math.Sqrt(Math.Max(0, s2 / T - mu * mu)) / runs.Count;
                }
            }
            return (mean, sd);
        }
        var coarse = Stats(0.5); var fine = Stats(0.1);
        double meanErr = 0, sdErr = 0;
        for (int r = 0; r < R; r++)
        {
            meanErr = Math.Max(meanErr, Math.Abs(coarse.Mean[r] - fine.Mean[r]) / fine.Mean[r]);
            sdErr = Math.Max(sdErr, Math.Abs(coarse.Sd[r] - fine.Sd[r]) / fine.Sd[r]);
        }
        output.WriteLine($"dmf dt 0.5 vs 0.1 ms: S_E mean {fine.Mean.Average():G4}, largest relative error of the per-region mean {meanErr:G3}, of the per-region SD {sdErr:G3}");
        Assert.True(meanErr <= 0.01, $"per-region mean S_E differs by {meanErr:P2} between dt 0.5 and 0.1 ms");
        Assert.True(sdErr <= 0.10, $"per-region SD of S_E differs by {sdErr:P2} between dt 0.5 and 0.1 ms");
    }
}
