using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Simulation;

/// <summary>The three coupling functions on two nodes, against their closed forms: one Euler step of the relay dx/dt = c (k = 0, no
/// noise) from x(0) = (x0, x1) gives x_i(dt) = x_i(0) + dt·c_i exactly up to rounding (tolerance 1e-12).</summary>
public class CouplingTests
{
    private const double X0 = 0.4, X1 = -1.3, W01 = 0.7, W10 = 2.5, G = 0.6, Dt = 0.5;

    private static (double A, double B) OneStep(CouplingSpec coupling)
    {
        var conn = new Connectome([0, W01, W10, 0], ["A", "B"]);
        var sim = new Simulator(Relay.Handle, conn, new SimulationOptions
        {
            DtMs = Dt, DurationMs = Dt, Integrator = IntegratorKind.EulerMaruyama, InitialState = [X0, X1], Coupling = coupling,
            Monitors = [new RawMonitorSpec(Dt)],
        });
        var x = sim.Run(ParameterSet.Defaults(Relay.Spec, coupling: G)).Get("raw:x");
        return (x[0, 0], x[0, 1]);
    }

    [Fact]
    public void Linear_coupling_is_G_times_the_weighted_source()
    {
        var (a, b) = OneStep(new CouplingSpec(CouplingKind.Linear));
        Assert.Equal(X0 + Dt * G * W01 * X1, a, 1e-12);
        Assert.Equal(X1 + Dt * G * W10 * X0, b, 1e-12);
    }

    [Fact]
    public void Diffusive_coupling_subtracts_the_local_state_times_the_in_strength()
    {
        // c_i = G Σ_j W_ij (x_j − x_i): the local term −G·(Σ_j W_ij)·x_i is what distinguishes it from linear coupling
        var (a, b) = OneStep(new CouplingSpec(CouplingKind.Diffusive));
        Assert.Equal(X0 + Dt * G * W01 * (X1 - X0), a, 1e-12);
        Assert.Equal(X1 + Dt * G * W10 * (X0 - X1), b, 1e-12);
        // equal states exchange nothing
        var conn = new Connectome([0, W01, W10, 0], ["A", "B"]);
        var sim = new Simulator(Relay.Handle, conn, new SimulationOptions { DtMs = Dt, DurationMs = 10 * Dt, InitialState = [0.9, 0.9], Coupling = new CouplingSpec(CouplingKind.Diffusive), Monitors = [new RawMonitorSpec(Dt)] });
        Assert.All(sim.Run(ParameterSet.Defaults(Relay.Spec, coupling: G)).Get("raw:x").Data, v => Assert.Equal(0.9, v, 1e-15));
    }

    [Fact]
    public void Sigmoidal_coupling_applies_the_sigmoid_to_the_source()
    {
        var spec = new CouplingSpec(CouplingKind.Sigmoidal) { SigmoidMin = -0.2, SigmoidMax = 1.5, SigmoidMidpoint = -0.5, SigmoidSlope = 3.0 };
        static double S(double x) => -0.2 + 1.7 / (1 + Math.Exp(-3.0 * (x + 0.5)));
        var (a, b) = OneStep(spec);
        Assert.Equal(X0 + Dt * G * W01 * S(X1), a, 1e-12);
        Assert.Equal(X1 + Dt * G * W10 * S(X0), b, 1e-12);
    }
}
