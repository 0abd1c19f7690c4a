using Xunit;
using Fwbm.Core.Analysis.Stimulation;

namespace Fwbm.Core.Tests.Analysis.Stimulation;

/// <summary>Onset latency on delayed steps, and the rank correlation against hand-computed ranks.</summary>
public class ResponseLatencyTests
{
    [Fact]
    public void A_delayed_step_has_its_delay_as_latency_and_a_flat_region_none()
    {
        double[] onsets = [100, 200, 300];
        // region 3 has amplitude 4 and delay 1000 ms: it never steps inside the window
        var ts = EvokedResponseTests.Steps(400, onsets, [0, 4, 17, 1000], noise: 0, seed: 5);
        var e = EvokedResponse.Compute(ts, onsets, 20, 60);
        var l = ResponseLatency.Compute(e, null);
        Assert.Equal([0.0, 4, 17], l.Regions.Take(3).Select(r => r.LatencyMs));
        Assert.True(double.IsNaN(l.Regions[3].LatencyMs));
        Assert.False(l.Regions[3].Responded);
        Assert.Equal(["R3"], l.NonResponding);
        Assert.Equal(3, l.Responding);
    }

    [Fact]
    public void With_noise_the_band_of_k_SD_for_m_samples_still_finds_the_step()
    {
        var onsets = Enumerable.Range(1, 16).Select(i => i * 100.0).ToArray();
        var ts = EvokedResponseTests.Steps(1700, onsets, [2, 9, 25], noise: 0.05, seed: 6);
        var e = EvokedResponse.Compute(ts, onsets, 20, 60);
        var l = ResponseLatency.Compute(e, null, new StimulationAnalysisOptions { ThresholdSd = 3, ConsecutiveSamples = 3 });
        // averaged noise SD 0.05/4 = 0.0125: steps of 1, 2, 3 are > 80 SD, a false 3-sample run before them has probability < 1e-6
        Assert.Equal([2.0, 9, 25], l.Regions.Select(r => r.LatencyMs));
        Assert.All(l.Regions, r => Assert.InRange(r.BandHalfWidth, 3 * 0.005, 3 * 0.03));
    }

    [Fact]
    public void The_onset_needs_m_consecutive_samples_outside_the_band()
    {
        double[] r = [0, 0, 0, 0.5, 2, 0, 2, 2, 2, 2];
        Assert.Equal(0, ResponseLatency.Onset(r, onsetSample: 3, band: 0.1, consecutive: 1, samplePeriodMs: 1));
        Assert.Equal(1, ResponseLatency.Onset(r, 3, 1, 1, 1));
        Assert.Equal(3, ResponseLatency.Onset(r, 3, 1, 3, 1));    // the lone sample at 4 is too short a run
        Assert.Equal(6, ResponseLatency.Onset(r, 3, 1, 3, 2));    // in ms at 2 ms per sample
        Assert.True(double.IsNaN(ResponseLatency.Onset(r, 3, 1, 5, 1)));
    }

    [Fact]
    public void Spearman_matches_hand_computed_average_ranks()
    {
        // x ranks 1, 2.5, 2.5, 4, 5; y ranks 2, 1, 4, 3, 5 → Pearson of the ranks
        double[] x = [1, 2, 2, 7, 9], y = [0.3, 0.1, 0.8, 0.5, 1.0];
        double[] rx = [1, 2.5, 2.5, 4, 5], ry = [2, 1, 4, 3, 5];
        double mx = rx.Average(), my = ry.Average();
        double num = rx.Zip(ry).Sum(p => (p.First - mx) * (p.Second - my));
        double den = Math.Sqrt(rx.Sum(v => (v - mx) * (v - mx)) * ry.Sum(v => (v - my) * (v - my)));
        Assert.Equal(num / den, ResponseLatency.Spearman(x, y), 12);
        Assert.Equal(1, ResponseLatency.Spearman([1, 2, 3, 4], [10, 20, 300, 4000]), 12);
        Assert.True(double.IsNaN(ResponseLatency.Spearman([1, 2], [3, 4])));
    }

    [Fact]
    public void Bad_criteria_are_errors()
    {
        var e = EvokedResponse.Compute(EvokedResponseTests.Steps(300, [100], [0], 0, 7), [100], 20, 50);
        Assert.Contains("consecutive", Assert.Throws<FwbmException>(() => ResponseLatency.Compute(e, null, new StimulationAnalysisOptions { ConsecutiveSamples = 0 })).Message);
        Assert.Contains("threshold", Assert.Throws<FwbmException>(() => ResponseLatency.Compute(e, null, new StimulationAnalysisOptions { ThresholdSd = -1 })).Message);
    }
}
