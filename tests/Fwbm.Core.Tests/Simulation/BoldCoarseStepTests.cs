using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Core.Tests.Simulation;

/// <summary>
/// The hemodynamics integrated on their own coarse step (forward Euler every h ms on the neural drive averaged over h) against the
/// same run integrated at the engine step (0.1 ms), on a real run: hcp (80 regions), delays at 10 m/s, Heun, noise σ = 0.01,
/// G = 0.5, 30 s after a 5 s transient, TR 720 ms. Stated bound (Euler's error is first order in h): max |ΔBOLD| ≤ 1 % of the mean
/// regional SD of BOLD per ms of step, and max |ΔFC| ≤ 0.002 per ms of step — so the default h = 1 ms changes BOLD by ≤ 1 % of its
/// SD and FC entries by ≤ 0.002 (measured at 1 ms: WC 0.27 % / 6.9e-4, Hopf 0.18 % / 4.3e-4, DMF 0.63 % / 1.4e-3; at 5 ms: 1.5 % / 3.8e-3, 1.0 % / 2.3e-3, 3.5 % / 7.4e-3).
/// </summary>
public class BoldCoarseStepTests(ITestOutputHelper output)
{
    private static readonly Lazy<Connectome> Hcp = new(() => Datasets.LoadConnectome("hcp", new ConnectomeOptions { Store = TestData.Shared }));

    private static TimeSeries Bold(string model, double stepMs)
    {
        var opts = new SimulationOptions
        {
            DtMs = 0.1, DurationMs = 30_000, TransientMs = 5_000, VelocityMPerS = 10, Integrator = IntegratorKind.Heun,
            Monitors = [new BoldMonitorSpec(720) { IntegrationStepMs = stepMs }],
        };
        var sim = new Simulator(ModelRegistry.Get(model), Hcp.Value, opts);
        var p = sim.DefaultParameters(0.5);
        foreach (var n in sim.Model.Spec.Noise) if (p[n.Parameter].Scalar == 0) p = p.With(n.Parameter, 0.01);
        return sim.Run(p, 3).Bold;
    }

    [Theory]
    [InlineData("wilson_cowan")]
    [InlineData("hopf")]
    [InlineData("dmf")]
    public void Coarse_hemodynamic_steps_stay_within_the_stated_bound_of_the_fine_step(string model)
    {
        var fine = Bold(model, 0.1);
        int R = fine.Regions, T = fine.Length;
        double sd = 0;
        for (int r = 0; r < R; r++)
        {
            var x = fine.Region(r);
            double m = x.Average();
            sd += Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / T);
        }
        sd /= R;
        Assert.True(sd > 0);
        var fcFine = FunctionalConnectivity.Compute(fine);
        foreach (double h in new[] { BoldMonitorSpec.DefaultIntegrationStepMs, 5.0 })
        {
            var coarse = Bold(model, h);
            Assert.Equal(T, coarse.Length);
            double err = 0;
            for (int k = 0; k < fine.Data.Length; k++) err = Math.Max(err, Math.Abs(coarse.Data[k] - fine.Data[k]));
            var fc = FunctionalConnectivity.Compute(coarse);
            double fcErr = 0;
            for (int k = 0; k < fc.Length; k++) fcErr = Math.Max(fcErr, Math.Abs(fc[k] - fcFine[k]));
            output.WriteLine($"{model} h = {h} ms: max |ΔBOLD| / SD = {err / sd:E3}, max |ΔFC| = {fcErr:E3}");
            Assert.True(err > 0, "the coarse step must be in effect (a whole number of steps dividing TR and transient)");
            Assert.InRange(err / sd, 0, 0.01 * h);
            Assert.InRange(fcErr, 0, 0.002 * h);
        }
    }

    [Fact]
    public void A_non_positive_integration_step_is_an_error_naming_it()
    {
        var opts = new SimulationOptions { DtMs = 0.1, DurationMs = 2_000, Monitors = [new BoldMonitorSpec(720) { IntegrationStepMs = 0 }] };
        var e = Assert.ThrowsAny<FwbmException>(() => new Simulator(ModelRegistry.Get("hopf"), TestConnectomes.Random(4, 1), opts).Run(ParameterSet.Defaults(ModelRegistry.Get("hopf").Spec)));
        Assert.Contains("BOLD integration step", e.Message);
    }

    [Theory]
    [InlineData(1.0, 0.1, 7200, 0, 10)]
    [InlineData(1.0, 0.1, 7200, 55, 1)]     // the transient is not a whole number of hemodynamic steps
    [InlineData(0.7, 0.1, 7200, 0, 1)]      // 7 steps do not divide the TR
    [InlineData(0.25, 0.1, 7200, 0, 1)]     // not a whole number of engine steps
    [InlineData(0.05, 0.1, 7200, 0, 1)]     // finer than the engine step
    [InlineData(20.0, 1.0, 720, 1000, 20)]
    public void Engine_steps_per_hemodynamic_step_follow_the_one_rule(double stepMs, double dtMs, long trSteps, long transientSteps, long want) =>
        Assert.Equal(want, new BoldMonitorSpec { IntegrationStepMs = stepMs }.EngineStepsPerHemodynamicStep(dtMs, trSteps, transientSteps));
}
