using System.Globalization;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Fwbm.Core.Tests.Simulation;

/// <summary>
/// The peer-reproduction acceptance test: neurolib 0.6.1's noise-free HopfModel trajectory (shared/reference/neurolib-hopf, its README
/// gives the configuration) reproduced by the CPU engine to ≤ 1e-9 absolute, with and without delays. neurolib writes Hopf in ms;
/// this project in s, so the run is the exact rescaling t_s = t_ms/1000: a = 1000·0.25 = 250 /s, ω = 1000·0.2 = 200 rad/s,
/// G = 1000·0.6 = 600, and amplitudes x = √1000·x_nl (the cubic term (a − x² − y²) fixes the amplitude scale).
/// </summary>
public class NeurolibHopfReferenceTests(ITestOutputHelper output)
{
    public static readonly double Scale = Math.Sqrt(1000);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reproduces_neurolib_hopf_node0_every_10ms(bool delays)
    {
        var r = NeurolibHopf.Load();
        var sim = new Simulator(ModelRegistry.Get("hopf"), r.Connectome, NeurolibHopf.Options(r.Connectome.Count, delays));
        var p = NeurolibHopf.Parameters(sim);
        var res = sim.Run(p);
        Assert.Empty(res.Warnings);
        var x = res.Get("raw:x"); var y = res.Get("raw:y");
        var expected = delays ? r.Delayed : r.Undelayed;
        Assert.Equal(expected.Length - 1, x.Length);   // rows 10 … 2000 ms; row 0 is the initial state
        Assert.Equal(0.1, expected[0].X); Assert.Equal(0.0, expected[0].Y);
        double max = 0;
        for (int t = 0; t < x.Length; t++)
        {
            Assert.Equal(expected[t + 1].TimeMs, x.TimeMs(t), 9);
            max = Math.Max(max, Math.Abs(x[t, 0] / Scale - expected[t + 1].X));
            max = Math.Max(max, Math.Abs(y[t, 0] / Scale - expected[t + 1].Y));
        }
        output.WriteLine($"delays {delays}: max |diff| over {x.Length} samples of node 0 = {max:E3} (max delay {sim.MaxDelaySteps} steps)");
        Assert.InRange(max, 0, 1e-9);
        if (delays) Assert.Equal(124, sim.MaxDelaySteps);   // the README's history of 125 samples = max delay steps + 1
    }

    [Fact]
    public void Coupling_both_channels_instead_of_x_only_misses_the_reference()
    {
        // the default Hopf couples x and y (TVB / Deco): not neurolib's run, so CoupledChannels is what makes the test pass (with
        // delays: without them every node starts and stays identical, and diffusive coupling is zero throughout)
        var r = NeurolibHopf.Load();
        var sim = new Simulator(ModelRegistry.Get("hopf"), r.Connectome, NeurolibHopf.Options(r.Connectome.Count, true) with { CoupledChannels = null });
        var x = sim.Run(NeurolibHopf.Parameters(sim)).Get("raw:x");
        double max = Enumerable.Range(0, x.Length).Max(t => Math.Abs(x[t, 0] / Scale - r.Delayed[t + 1].X));
        Assert.True(max > 1e-3, $"x and y coupled should differ from neurolib's x-only run (max diff {max:E2})");
    }
}

/// <summary>Reads shared/reference/neurolib-hopf and builds the matching run.</summary>
public static class NeurolibHopf
{
    public sealed record Row(double TimeMs, double X, double Y);
    public sealed record Reference(Connectome Connectome, Row[] Delayed, Row[] Undelayed, string Directory);

    /// <summary>$FWBM_REFERENCE_DIR, else the "reference" folder next to $FWBM_DATA_MIRROR, else ../shared/reference next to the repository.</summary>
    public static string Directory() => PeerReferences.Directory("neurolib-hopf", "node0_delays.csv");

    public static double[] Matrix(string path)
        => File.ReadAllLines(path).Where(l => l.Length > 0).SelectMany(l => l.Split(',')).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    public static Row[] Trajectory(string path)
        => File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(f => new Row(double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture))).ToArray();

    public static Reference Load()
    {
        var dir = Directory();
        var w = Matrix(Path.Combine(dir, "weights.csv"));
        var len = Matrix(Path.Combine(dir, "lengths_mm.csv"));
        int n = (int)Math.Round(Math.Sqrt(w.Length));
        Assert.Equal(n * n, w.Length);
        // weights.csv is Cmat with Cmat[i][j] = input from j into i: the Connectome's convention (rows are targets), no transpose
        var conn = new Connectome(w, Enumerable.Range(0, n).Select(i => $"N{i}").ToArray(), len);
        return new Reference(conn, Trajectory(Path.Combine(dir, "node0_delays.csv")), Trajectory(Path.Combine(dir, "node0_no_delays.csv")), dir);
    }

    public static SimulationOptions Options(int regions, bool delays) => new()
    {
        DtMs = 0.1, DurationMs = 2000, Integrator = IntegratorKind.EulerMaruyama,
        VelocityMPerS = delays ? 20 : null,
        CoupledChannels = ["x"],
        InitialState = InitialStates.Uniform(Hopf.Spec, regions, new Dictionary<string, double> { ["x"] = 0.1 * NeurolibHopfReferenceTests.Scale, ["y"] = 0 }),
        Monitors = [new RawMonitorSpec(10)],
    };

    public static ParameterSet Parameters(Simulator sim)
        => sim.DefaultParameters(600).With("a", 250.0).With("omega", 200.0).With("sigma", 0.0);
}
