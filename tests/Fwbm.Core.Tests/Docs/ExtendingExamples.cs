using Fwbm.Core.Measures;
// The worked examples of docs/extending.md, compiled and checked here: when an API they use changes, this file stops building
// and the document has to change with it. Keep the two in step (the document quotes these declarations).
using Fwbm.Core.Exploration;
using Fwbm.Core.Models;
using Fwbm.Core.Numerics;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Docs;

// --- docs/extending.md § Add a model -------------------------------------------------------------------------------------------

/// <summary>FitzHugh–Nagumo: dv/dt = v − v³/3 − w + I + c, dw/dt = (v + a − b·w)/τ (FitzHugh 1961; time counted as ms).</summary>
public readonly struct FitzHughNagumo : INeuralMass
{
    public const int V = 0, W = 1;
    public const int A = 0, B = 1, Tau = 2, I = 3, Sigma = 4;

    public static ModelSpec Spec { get; } = new()
    {
        Name = "fitzhugh_nagumo",
        Title = "FitzHugh–Nagumo excitable unit",
        Citation = "FitzHugh R (1961) Impulses and physiological states in theoretical models of nerve membrane. Biophys J 1:445–466.",
        StateVariables =
        [
            new("v", -1.5, 1.5, "Fast, voltage-like variable."),
            new("w", -0.5, 1.5, "Slow recovery variable."),
        ],
        Parameters =
        [
            new("a", 0.7, "", -2, 2, "Offset of the recovery nullcline."),
            new("b", 0.8, "", 0, 2, "Slope of the recovery nullcline."),
            new("tau", 12.5, "ms", 0.1, 1000, "Recovery time constant τ."),
            new("I", 0.0, "", -5, 5, "Constant input current (oscillates for ≈ 0.33 < I < 1.42 at the other defaults).") { FitMin = 0, FitMax = 1.5 },
            new("sigma", 0.0, "1/√ms", 0, 1, "Additive white-noise intensity on v."),
        ],
        CouplingChannels = ["v"],
        Noise = [new NoiseSpec("sigma", ["v"], "Additive white noise on v.")],
        DefaultFit = ["I"],
        CouplingFitRange = (0, 1),
        DefaultCoupling = CouplingKind.Diffusive,
        TimeUnitMs = 1.0,
        MaxDtMs = 0.5,
        DefaultDtMs = 0.1,
        BoldDriveDoc = "v",
    };

    public static void Drift<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> c, ReadOnlySpan<T> p, Span<T> dx) where T : IReal<T>
    {
        T v = x[V], w = x[W];
        dx[V] = v - v * v * v / 3.0 - w + p[I] + c[0];
        dx[W] = (v + p[A] - p[B] * w) / p[Tau];
    }

    public static void Output<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p, Span<T> channels) where T : IReal<T> => channels[0] = x[V];

    public static T BoldDrive<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> p) where T : IReal<T> => x[V];
}

// --- docs/extending.md § Add a stimulus ----------------------------------------------------------------------------------------

/// <summary>A ramp u(t) = slope·(t − onset) from the onset on, into selected regions (a pure function of time: runs stay reproducible).</summary>
public sealed record RampStimulus(string Variable, IReadOnlyList<int> Regions, double SlopePerMs, double OnsetMs = 0) : IStimulus
{
    public void Evaluate(long step, double timeMs, Span<double> perRegion)
    {
        if (timeMs < OnsetMs) return;
        foreach (var r in Regions) perRegion[r] += SlopePerMs * (timeMs - OnsetMs);
    }
}

// --- docs/extending.md § Add a measure -----------------------------------------------------------------------------------------

/// <summary>The worked measure of docs/extending.md: the last recorded value of a raw state variable, averaged over regions.</summary>
public sealed class FinalMeanMeasure : IMeasure
{
    public static MeasureDefinition Info { get; } = new("final_mean", MeasureGoal.None, "state units",
        "Last recorded value of a raw state variable, averaged over regions.", MeasureNeeds.RawState,
        "Descriptive: give a target to rank by it.")
    {
        Settings = ["Output: the recorded variable (default \"raw:x\"); Target: a value to come close to (optional)"],
    };

    public MeasureDefinition Definition => Info;

    public SweepMeasure Bind(MeasureSettings settings) => new(settings.Column ?? Info.Name, c =>
    {
        var ts = c.Result.Get(settings.Output ?? "raw:x");      // needs a RawMonitorSpec recording the variable
        double sum = 0;
        for (int r = 0; r < ts.Regions; r++) sum += ts[ts.Length - 1, r];
        return sum / ts.Regions;
    }) { Goal = Info.GoalWith(settings.Target) };
}

public class ExtendingExamplesTests
{
    private static readonly ModelHandle Fhn = ModelHandle.Of<FitzHughNagumo>();

    /// <summary>The rest state: v* solves v − v³/3 − (v + a)/b + I = 0 (Newton), w* = (v* + a)/b.</summary>
    private static (double V, double W) FixedPoint(double a, double b, double i)
    {
        double v = -1;
        for (int k = 0; k < 50; k++) v -= (v - v * v * v / 3 - (v + a) / b + i) / (1 - v * v - 1 / b);
        return (v, (v + a) / b);
    }

    [Fact]
    public void Example_model_settles_on_its_analytic_fixed_point_at_the_defaults()
    {
        var conn = TestConnectomes.Random(3, 1);
        var sim = new Simulator(Fhn, conn, new SimulationOptions
        {
            DtMs = 0.1, DurationMs = 400, Monitors = [new RawMonitorSpec(400)],
        });
        var run = sim.Run(sim.DefaultParameters(coupling: 0.0), seed: 1);
        var (vStar, wStar) = FixedPoint(0.7, 0.8, 0.0);
        Assert.InRange(vStar, -1.2, -1.19);   // the textbook rest state v* ≈ −1.199
        for (int r = 0; r < conn.Count; r++)
        {
            Assert.Equal(vStar, run.Get("raw:v")[0, r], 1e-9);
            Assert.Equal(wStar, run.Get("raw:w")[0, r], 1e-9);
        }
    }

    [Fact]
    public void Example_model_oscillates_inside_its_declared_fit_range_of_I()
    {
        var conn = TestConnectomes.Random(2, 1);
        var sim = new Simulator(Fhn, conn, new SimulationOptions { DtMs = 0.1, DurationMs = 600, TransientMs = 200, Monitors = [new RawMonitorSpec(1)] });
        var v = sim.Run(sim.DefaultParameters().With("I", 0.5), seed: 1).Get("raw:v").Region(0);
        Assert.True(v.Max() - v.Min() > 3, $"expected a relaxation oscillation of amplitude ≈ 4, got {v.Max() - v.Min():F3}");
    }

    [Fact]
    public void Example_stimulus_integrates_exactly_as_the_engine_holds_it_over_each_step()
    {
        // Relay with k = 0: dx/dt = u(t). The stimulus is evaluated at the start of each step and held over it, so after N steps
        // x = Σ_{n<N} slope·n·dt·dt = slope·dt²·N(N−1)/2 for either integrator; region 1 is not stimulated.
        double dt = 0.1, T = 50, slope = 0.02;
        foreach (var scheme in new[] { IntegratorKind.Heun, IntegratorKind.EulerMaruyama })
        {
            var conn = TestConnectomes.Random(2, 3);
            var sim = new Simulator(Relay.Handle, conn, new SimulationOptions
            {
                DtMs = dt, DurationMs = T, Integrator = scheme, InitialState = [0.0, 0.0], Monitors = [new RawMonitorSpec(T)],
                Stimulus = new RampStimulus("x", [0], slope),
            });
            var x = sim.Run(ParameterSet.Defaults(Relay.Spec)).Get("raw:x");
            long n = (long)Math.Round(T / dt);
            double want = slope * dt * dt * n * (n - 1) / 2;
            Assert.Equal(want, x[0, 0], 1e-9 * want);
            Assert.Equal(0.0, x[0, 1]);
        }
    }

    [Fact]
    public void Example_measure_reads_every_sweep_point()
    {
        // Relay driven by the ramp in both regions, no coupling: at k = 0 the measure must return the analytic end value (as above),
        // at k = 0.5/ms the decay keeps the response far below it.
        double dt = 0.1, T = 20, slope = 0.05;
        var conn = TestConnectomes.Random(2, 3);
        var options = new SimulationOptions
        {
            DtMs = dt, DurationMs = T, InitialState = [0.0, 0.0], Monitors = [new RawMonitorSpec(T)],
            Stimulus = new RampStimulus("x", [0, 1], slope),
        };
        var sweep = new Sweep(Relay.Handle, conn, options, ParameterSpace.Grid(ParameterAxis.Of("k", 0.0, 0.5)), new FinalMeanMeasure().Bind(new MeasureSettings()));
        var values = sweep.Run().PointValues("final_mean");
        long n = (long)Math.Round(T / dt);
        Assert.Equal(slope * dt * dt * n * (n - 1) / 2, values[0], 1e-9);
        Assert.True(values[1] < values[0] / 2, $"with decay k = 0.5/ms the ramp's response must stay far below the undamped {values[0]:G4}, got {values[1]:G4}");
    }
}
