using Xunit;
using Fwbm.Core.Analysis;
using Fwbm.Core.Analysis.Stimulation;

namespace Fwbm.Core.Tests.Analysis.Stimulation;

/// <summary>Trial averaging on synthetic signals with known answers.</summary>
public class EvokedResponseTests
{
    /// <summary>Region r steps by (r + 1) at onset + delays[r] ms in every trial, on top of a per-trial random offset; 1 ms samples starting at 0.</summary>
    internal static TimeSeries Steps(int length, double[] onsets, double[] delaysMs, double noise, int seed, double periodMs = 1)
    {
        int R = delaysMs.Length;
        var rng = new Random(seed);
        var data = new double[length * R];
        var offsets = onsets.Select(_ => Enumerable.Range(0, R).Select(_ => 10 * rng.NextDouble() - 5).ToArray()).ToArray();
        for (int t = 0; t < length; t++)
        {
            double time = t * periodMs;
            // the trial in force at time t: the last onset at or before t + the baseline reach (offsets change between trials)
            int trial = Array.FindLastIndex(onsets, o => o - 20 <= time);
            for (int r = 0; r < R; r++)
            {
                double v = trial >= 0 ? offsets[trial][r] : 0;
                if (trial >= 0 && time >= onsets[trial] + delaysMs[r] && time < onsets[trial] + 40) v += r + 1;
                data[t * R + r] = v + noise * SignalFactory.Gaussian(rng);
            }
        }
        return new TimeSeries(data, R, periodMs);
    }

    [Fact]
    public void Noise_free_steps_average_to_the_step_with_the_per_trial_offsets_removed()
    {
        double[] onsets = [100, 200, 300, 400];
        var ts = Steps(500, onsets, [0, 5, 12], noise: 0, seed: 1);
        var e = EvokedResponse.Compute(ts, onsets, baselineMs: 20, windowMs: 50);
        Assert.Equal(4, e.Trials);
        Assert.Equal(0, e.DroppedTrials);
        Assert.Equal(20, e.BaselineSamples);
        Assert.Equal(71, e.Length);
        Assert.Equal(-20, e.TimeMs(0));
        Assert.Equal(0, e.TimeMs(20));
        for (int k = 0; k < e.Length; k++)
            for (int r = 0; r < 3; r++)
            {
                double t = e.TimeMs(k);
                double expected = t >= new[] { 0.0, 5, 12 }[r] && t < 40 ? r + 1 : 0;
                Assert.Equal(expected, e[k, r], 12);
                Assert.Equal(0, e.StandardError[k * 3 + r], 12);
            }
    }

    [Fact]
    public void Epochs_running_off_the_recording_are_dropped_and_counted()
    {
        double[] onsets = [10, 100, 200, 480];
        var ts = Steps(500, onsets, [0], noise: 0, seed: 2);
        var e = EvokedResponse.Compute(ts, onsets, baselineMs: 20, windowMs: 50);
        Assert.Equal(2, e.Trials);           // 10 ms has no 20 ms baseline; 480 ms has no 50 ms window
        Assert.Equal(2, e.DroppedTrials);
        Assert.Equal([100.0, 200.0], e.OnsetsMs);
        var ex = Assert.Throws<FwbmException>(() => EvokedResponse.Compute(ts, [10, 480], 20, 50));
        Assert.Contains("none of the 2 trial(s)", ex.Message);
    }

    [Fact]
    public void The_standard_error_is_the_noise_over_root_trials()
    {
        const double sigma = 0.5;
        var onsets = Enumerable.Range(1, 64).Select(i => i * 100.0).ToArray();
        var ts = Steps(6600, onsets, [3], noise: sigma, seed: 3);
        var e = EvokedResponse.Compute(ts, onsets, baselineMs: 20, windowMs: 30);
        Assert.Equal(64, e.Trials);
        // the baseline mean of 20 samples is subtracted from each trial: the variance of a post-onset sample is σ²(1 + 1/20)
        double expected = sigma * Math.Sqrt(1 + 1.0 / 20) / Math.Sqrt(64);
        double meanSe = Enumerable.Range(e.BaselineSamples, e.WindowSamples + 1).Average(k => e.StandardError[k]);
        Assert.InRange(meanSe / expected, 0.93, 1.07); // 31 estimates from 64 trials each: the SE of a SD estimate is ≈ 1/√(2·63) = 9 % each, 1.6 % averaged
        // the averaged step is within 4 SE of 1 after the delay
        for (int k = e.BaselineSamples + 3; k < e.Length; k++) Assert.InRange(e[k, 0], 1 - 4 * expected, 1 + 4 * expected);
    }

    [Fact]
    public void Bad_epochs_are_errors_that_say_what_is_expected()
    {
        var ts = Steps(200, [100], [0], 0, 4);
        Assert.Contains("at least 2 samples", Assert.Throws<FwbmException>(() => EvokedResponse.Compute(ts, [100], 1, 50)).Message);
        Assert.Contains("window", Assert.Throws<FwbmException>(() => EvokedResponse.Compute(ts, [100], 20, 0)).Message);
        Assert.Contains("no trial onset", Assert.Throws<FwbmException>(() => EvokedResponse.Compute(ts, [], 20, 50)).Message);
    }
}
