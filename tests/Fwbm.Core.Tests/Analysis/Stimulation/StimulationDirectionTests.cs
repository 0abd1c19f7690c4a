using Xunit;
using Xunit.Abstractions;
using Fwbm.Core.Analysis.Stimulation;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Data;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;

namespace Fwbm.Core.Tests.Analysis.Stimulation;

/// <summary>
/// The direction tests of stimulation on the hcp connectome (80 AAL2 regions, dense tract lengths): a damped Hopf oscillator per
/// region (a = −100 /s, a 10 ms decay; ω = 2π·10 Hz), diffusive coupling G = 1, no noise, zero initial state, so every response is
/// the stimulus' alone and 1 s between pulses lets the network return to rest (e^−100 of the last response).
/// </summary>
public class StimulationDirectionTests(ITestOutputHelper output)
{
    private static readonly Lazy<Connectome> Hcp = new(() => Datasets.LoadConnectome("hcp", new ConnectomeOptions { Store = TestData.Shared }));

    private static ParameterSet Damped(Simulator sim, double sigma) =>
        sim.DefaultParameters().WithCoupling(1.0).With("a", -100.0).With("omega", 2 * Math.PI * 10).With("sigma", sigma);

    /// <summary>Three 1 ms pulses into x of <paramref name="site"/>, 1 s apart from 100 ms on; x recorded every 0.1 ms (the step).</summary>
    private static StimulationAnalysis Pulses(int site, double? velocity, double peakFraction)
    {
        var conn = Hcp.Value;
        var pulse = new PulseStimulus("x", [site], OnsetMs: 100, WidthMs: 1, Amplitude: 1, PeriodMs: 1000);
        var sim = new Simulator(ModelRegistry.Get("hopf"), conn, new SimulationOptions
        {
            DtMs = 0.1, DurationMs = 3100, VelocityMPerS = velocity, InitialState = new double[2 * conn.Count],
            Stimulus = pulse, Monitors = [new RawMonitorSpec(0.1, ["x"])],
        });
        var run = sim.Run(Damped(sim, 0), seed: 7);
        return StimulationAnalysis.Compute(run, pulse, conn,
            new StimulationAnalysisOptions { BaselineMs = 20, WindowMs = 80, ThresholdSd = 3, ConsecutiveSamples = 3, PeakFraction = peakFraction });
    }

    // Measured (this commit): with 5 m/s, first arrival (peak fraction 0): ρ(latency, path distance) = 0.983 (Precentral_L) and
    // 0.973 (Calcarine_L), ρ(latency, tract length) = 0.677 and 0.750; at 10 % of the peak: ρ(tract) = 0.925 and 0.962, ρ(path) =
    // 0.759 and 0.790 (the direct tract carries most of the input). Thresholds: half of the smallest measured ρ, well clear of 0.
    [Theory]
    [InlineData(0, 0.0, 0.5, 0.3)]   // first arrival follows the shortest chain of tracts
    [InlineData(40, 0.0, 0.5, 0.3)]
    [InlineData(0, 0.1, 0.35, 0.45)] // 10 % of the peak follows the direct tract
    [InlineData(40, 0.1, 0.35, 0.45)]
    public void With_delays_the_latency_grows_with_the_distance_from_the_stimulated_site(int site, double peakFraction, double minRhoPath, double minRhoTract)
    {
        var a = Pulses(site, velocity: 5, peakFraction);
        var l = a.Latency;
        output.WriteLine($"site {a.Labels[site]}: ρ path {l.SpearmanPathDistance:F3} (n {l.PathDistancePairs}), ρ tract {l.SpearmanTractLength:F3} (n {l.TractLengthPairs}), " +
            $"latency {l.Regions.Where(r => !r.Stimulated).Min(r => r.LatencyMs):F1}–{l.Regions.Where(r => !r.Stimulated).Max(r => r.LatencyMs):F1} ms");
        Assert.Equal(3, a.Evoked.Trials);
        Assert.Equal(80, l.Responding); // every region is reached
        Assert.Equal(79, l.PathDistancePairs);
        Assert.True(l.SpearmanPathDistance > minRhoPath, $"ρ(latency, path distance) = {l.SpearmanPathDistance}");
        Assert.True(l.SpearmanTractLength > minRhoTract, $"ρ(latency, tract length) = {l.SpearmanTractLength}");
        // no region responds before its shortest chain of tracts can carry the input (5 mm/ms), less one step for rounding per hop
        foreach (var r in l.Regions.Where(r => !r.Stimulated))
            Assert.True(r.LatencyMs >= r.PathDistanceMm / 5 - 1.0, $"{r.Label}: {r.LatencyMs} ms at {r.PathDistanceMm} mm");
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(40, 0.0)]
    [InlineData(0, 0.1)]
    [InlineData(40, 0.1)]
    public void Without_delays_every_region_responds_within_two_samples_of_the_others(int site, double peakFraction)
    {
        var a = Pulses(site, velocity: null, peakFraction);
        var lat = a.Latency.Regions.Where(r => !r.Stimulated).Select(r => r.LatencyMs).ToArray();
        output.WriteLine($"site {a.Labels[site]}: latency {lat.Min():F1}–{lat.Max():F1} ms");
        Assert.Equal(80, a.Latency.Responding);
        // measured: all at 0.1 ms (first arrival: one step) and 0.9–1.0 ms (10 % of the peak); with delays they spread over 30–50 ms
        Assert.InRange(lat.Max() - lat.Min(), 0, 2 * 0.1 + 1e-9);
        Assert.True(lat.Max() <= 1.5, $"latest {lat.Max()} ms");
    }

    [Fact]
    public void A_10_Hz_tACS_raises_the_10_Hz_power_at_the_site_more_than_in_an_unconnected_region()
    {
        // hcp with region 79 silenced by hand (its row and column zeroed): noise on (σ = 0.01), 1.5 s unstimulated, then 8 s of a
        // 10 Hz sinusoid of amplitude 1 into x of Precentral_L (0); x every 1 ms
        var hcp = Hcp.Value;
        int n = hcp.Count, site = 0, isolated = n - 1;
        var w = hcp.Weights.ToArray();
        for (int k = 0; k < n; k++) { w[isolated * n + k] = 0; w[k * n + isolated] = 0; }
        var conn = hcp.With(weights: w);
        var tacs = new SinusoidStimulus("x", [site], FrequencyHz: 10, Amplitude: 1, OnsetMs: 1500);
        var sim = new Simulator(ModelRegistry.Get("hopf"), conn, new SimulationOptions
        {
            DtMs = 1, DurationMs = 9500, VelocityMPerS = 5, Stimulus = tacs, Monitors = [new RawMonitorSpec(1, ["x"])],
        });
        var p = sim.DefaultParameters().WithCoupling(1.0).With("a", -20.0).With("omega", 2 * Math.PI * 10).With("sigma", 0.01);
        var a = StimulationAnalysis.Compute(sim.Run(p, seed: 11), tacs, conn);
        var e = a.Entrainment!;
        var s = e.Regions[site]; var u = e.Regions[isolated];
        output.WriteLine($"site {s.Label}: P(f) {s.PowerAtF:G3}, relative {s.RelativePower:G3}, before {s.BaselinePowerAtF:G3}, PLV {s.Plv:F3}; " +
            $"unconnected {u.Label}: P(f) {u.PowerAtF:G3}, relative {u.RelativePower:G3}, before {u.BaselinePowerAtF:G3}, PLV {u.Plv:F3}");
        Assert.Equal(10, e.BinFrequencyHz, 9);
        Assert.True(double.IsNaN(a.Latency.Regions[isolated].TractLengthMm));
        Assert.Equal(double.PositiveInfinity, a.Latency.Regions[isolated].PathDistanceMm);
        // measured (seed 11): site P(f) 1.79e-4 (900× its 1.99e-7 before), relative 1.48e3, PLV 0.999; unconnected Temporal_Inf_R:
        // P(f) 2.73e-7 (0.64× before), relative 1.98, PLV 0.237
        // the site: the drive dominates its spectrum and phase
        Assert.True(s.Plv > 0.9, $"site PLV {s.Plv}");
        Assert.True(s.PowerAtF / s.BaselinePowerAtF > 100, $"site power raised {s.PowerAtF / s.BaselinePowerAtF}×");
        // the unconnected region: its own noise only (same power before and after, within the spread of a 1 s estimate), no locking
        Assert.InRange(u.PowerAtF / u.BaselinePowerAtF, 0.2, 5);
        // noise's PLV: ≈ 0.886/√K ± 0.46/√K for K = T·h = 8 s · 2 Hz = 16 independent windows, 0.22 ± 0.12; a locked region has ≈ 1
        Assert.True(u.Plv < 0.5, $"unconnected PLV {u.Plv}");
        Assert.True(s.RelativePower > 10 * u.RelativePower, $"relative power at f: site {s.RelativePower}, unconnected {u.RelativePower}");
        // and the site's neighbours are entrained more than the unconnected region (the mean over regions with a direct tract)
        double neighbours = a.Latency.Regions.Select((r, i) => (r, i)).Where(x => !x.r.Stimulated && double.IsFinite(x.r.TractLengthMm)).Average(x => e.Regions[x.i].Plv);
        Assert.True(neighbours > u.Plv, $"mean PLV of the site's direct targets {neighbours}, unconnected {u.Plv}");
    }
}
