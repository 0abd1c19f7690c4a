using Fwbm.Core.Models;
using Fwbm.Core.Numerics;
using Fwbm.Core.Simulation;
using Fwbm.Core.Simulation.Integration;
using Xunit;

namespace Fwbm.Core.Tests.Simulation.Integration;

/// <summary>The shared integration layer against its formulas (scalar <see cref="Real"/>; the engines' bit-identity and the CPU–Torch
/// agreement are tested elsewhere).</summary>
public class StepSchemeTests
{
    private static Real[] R(params double[] v) => [.. v.Select(x => new Real(x))];

    [Fact]
    public void Euler_adds_h_times_the_drift_and_the_noise_only_where_flagged()
    {
        var next = new Real[2];
        StepScheme.Euler<Real>(R(1, 2), R(0.5, -4), 0.1, R(0.25, 9), [true, false], next);
        Assert.Equal(1 + 0.1 * 0.5 + 0.25, next[0].Value, 15);
        Assert.Equal(2 + 0.1 * -4, next[1].Value, 15);
    }

    [Fact]
    public void Heun_corrector_averages_the_drifts_and_keeps_the_predictor_noise()
    {
        var next = new Real[1];
        StepScheme.HeunCorrector<Real>(R(1), R(2), R(4), 0.05, R(0.5), [true], next);
        Assert.Equal(1 + 0.05 * (2 + 4) + 0.5, next[0].Value, 15);
    }

    [Fact]
    public void Heun_integrates_a_linear_ode_to_second_order()
    {
        // dx/dt = -x from 1 over t = 1: error of Euler ~ h, of Heun ~ h²
        double Err(int steps, bool heun)
        {
            double h = 1.0 / steps;
            var x = R(1);
            var f1 = new Real[1]; var f2 = new Real[1]; var p = new Real[1]; var n = new Real[1];
            for (int s = 0; s < steps; s++)
            {
                f1[0] = -x[0];
                if (!heun) { StepScheme.Euler<Real>(x, f1, h, [], [false], n); }
                else
                {
                    StepScheme.Euler<Real>(x, f1, h, [], [false], p);
                    f2[0] = -p[0];
                    StepScheme.HeunCorrector<Real>(x, f1, f2, h / 2, [], [false], n);
                }
                x[0] = n[0];
            }
            return Math.Abs(x[0].Value - Math.Exp(-1));
        }
        Assert.InRange(Err(100, false) / Err(200, false), 1.9, 2.1);
        Assert.InRange(Err(100, true) / Err(200, true), 3.8, 4.2);
    }

    [Fact]
    public void Coupling_input_is_G_times_the_sum_minus_the_diffusive_local_term_and_zero_when_uncoupled()
    {
        Assert.Equal(2.0 * 3.0, StepScheme.CouplingInput<Real>(3.0, 100.0, 2.0, 7.0, diffusive: false).Value);
        Assert.Equal(2.0 * (3.0 - 7.0 * 0.5), StepScheme.CouplingInput<Real>(3.0, 0.5, 2.0, 7.0, diffusive: true).Value, 15);
        var c = new Real[2];
        StepScheme.CouplingInputs<Real>(R(3, 4), R(0.5, 0.5), 2.0, 7.0, true, [false, true], c);
        Assert.Equal(0.0, c[0].Value);
        Assert.Equal(2.0 * (4 - 3.5), c[1].Value, 15);
    }

    [Fact]
    public void Coupling_output_is_the_sigmoid_only_for_sigmoidal_coupling()
    {
        var sig = new CouplingSpec(CouplingKind.Sigmoidal) { SigmoidMin = 0, SigmoidMax = 2, SigmoidMidpoint = 1, SigmoidSlope = 3 };
        Assert.Equal(2 / (1 + Math.Exp(-3 * (0.4 - 1))), StepScheme.CouplingOutput<Real>(0.4, sig).Value, 14);
        Assert.Equal(0.4, StepScheme.CouplingOutput<Real>(0.4, new CouplingSpec(CouplingKind.Linear)).Value);
        var h = R(0.4, 5);
        StepScheme.CouplingOutputs<Real>(h, sig);
        Assert.Equal(2 / (1 + Math.Exp(-3 * (5 - 1.0))), h[1].Value, 14);
    }

    [Fact]
    public void Clamp_applies_the_model_bounds_only_to_bounded_variables()
    {
        var bounds = new StateBounds(ModelRegistry.Get("dmf").Spec);   // S_E, S_I in [0, 1]
        Assert.True(bounds.Any);
        var x = R(-0.5, 1.5);
        StepScheme.Clamp<Real>(x, bounds);
        Assert.Equal([0.0, 1.0], x.Select(v => v.Value));
        var free = new StateBounds(ModelRegistry.Get("hopf").Spec);
        Assert.False(free.Any);
        var y = R(-5, 5);
        StepScheme.Clamp<Real>(y, free);
        Assert.Equal([-5.0, 5.0], y.Select(v => v.Value));
    }

    [Fact]
    public void Noise_term_is_sigma_sqrt_h_times_z_and_the_stimulus_adds_to_one_derivative()
    {
        Assert.Equal(0.3 * Math.Sqrt(0.1) * -1.2, StepScheme.NoiseTerm<Real>(0.3 * Math.Sqrt(0.1), -1.2).Value, 15);
        var f = R(1, 2);
        StepScheme.AddStimulus<Real>(f, 1, 0.5);
        Assert.Equal([1.0, 2.5], f.Select(v => v.Value));
    }
}
