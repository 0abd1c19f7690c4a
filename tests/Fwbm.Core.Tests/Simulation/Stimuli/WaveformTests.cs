using Fwbm.Core.Simulation.Stimuli;
using Xunit;

namespace Fwbm.Core.Tests.Simulation.Stimuli;

/// <summary>Each temporal shape against its analytic value: the step means the engines apply (charge per step), onsets, windows and ramps.</summary>
public class WaveformTests
{
    /// <summary>The step means of a stimulus with one region of weight 1, steps 0 … n − 1.</summary>
    internal static double[] StepMeans(Stimulus s, double dtMs, int steps)
    {
        var v = new double[steps];
        Span<double> one = stackalloc double[1];
        for (int n = 0; n < steps; n++)
        {
            one[0] = 0;
            s.EvaluateStep(n, n * dtMs, dtMs, one);
            v[n] = one[0];
        }
        return v;
    }

    internal static Stimulus On1(Waveform w, StimulusWindow? window = null) => new(w, [1.0], "x", window);

    [Fact]
    public void A_DBS_train_of_90us_pulses_delivers_every_pulse_whole_at_dt_0_1ms()
    {
        // 130 Hz, 90 µs, amplitude 2, dt 0.1 ms: pulses straddle steps; the sum of step charges is pulses × A × w exactly
        var s = On1(new PulseTrain(130, new PulseShape(2, 0.09, false, false)), new StimulusWindow(0, 1000));
        double dt = 0.1;
        var m = StepMeans(s, dt, 10_000);
        double charge = m.Sum() * dt;
        int pulses = (int)Math.Ceiling(1000 * 130 / 1000.0);   // onsets k/130 s < 1 s: k = 0 … 129
        Assert.Equal(130, pulses);
        Assert.Equal(pulses * 2 * 0.09, charge, 1e-10);
        // the step holding each pulse: pulse k starts at k·1000/130 ms; its charge splits between the steps it overlaps
        for (int k = 0; k < 5; k++)
        {
            double on = k * 1000.0 / 130, off = on + 0.09;
            int n0 = (int)Math.Floor(on / dt);
            double q0 = 2 * (Math.Min(off, (n0 + 1) * dt) - on), q1 = 2 * 0.09 - q0;
            Assert.Equal(q0, m[n0] * dt, 1e-12);
            Assert.Equal(q1, m[n0 + 1] * dt, 1e-12);
        }
        // nothing between pulses
        Assert.Equal(0, m[30]);
    }

    [Fact]
    public void A_pulse_shorter_than_dt_keeps_its_charge_and_a_biphasic_one_cancels_within_a_step()
    {
        // a 10 µs pulse at 0.15 ms lies inside step 1 ([0.1, 0.2)): its whole charge A·w arrives there as the mean A·w/dt
        var narrow = On1(new SinglePulse(new PulseShape(5, 0.01, false, false)), new StimulusWindow(0.15));
        var m = StepMeans(narrow, 0.1, 3);
        Assert.Equal(new[] { 0.0, 5 * 0.01 / 0.1, 0.0 }, m.Select(x => Math.Round(x, 12)).ToArray());
        // biphasic 0.02 ms phases inside one step: +A·w − A·w = 0 there; a sampled engine would have seen +A or nothing
        var bi = On1(new SinglePulse(new PulseShape(5, 0.02, true, false)), new StimulusWindow(0.03));
        Assert.Equal(0, StepMeans(bi, 0.1, 2)[0], 1e-15);
        // from 0.09 ms: positive over [0.09, 0.11), negative over [0.11, 0.13) — split across the step boundary at 0.1
        var split = On1(new SinglePulse(new PulseShape(5, 0.02, true, false)), new StimulusWindow(0.09));
        var q = StepMeans(split, 0.1, 2).Select(x => x * 0.1).ToArray();
        Assert.Equal(5 * 0.01, q[0], 1e-12);
        Assert.Equal(5 * 0.01 - 5 * 0.02, q[1], 1e-12);
        Assert.Equal(0, q.Sum(), 1e-12);
        // negative-first flips the phases
        var neg = new PulseShape(5, 0.02, true, true);
        Assert.Equal(-5, neg.Value(0.01));
        Assert.Equal(5, neg.Value(0.03));
        Assert.Equal(0, neg.ChargeUpTo(1));
    }

    [Fact]
    public void Theta_burst_fires_three_pulses_at_50Hz_every_200ms()
    {
        var w = new ThetaBurst(new PulseShape(1, 1, false, false));
        Assert.Equal(new[] { 0.0, 200, 400, 600, 800 }, w.OnsetsMs(1000).ToArray());
        foreach (double t in new[] { 0.5, 20.5, 40.5, 200.5, 220.5, 240.5 }) Assert.Equal(1, w.Value(t));
        foreach (double t in new[] { 1.5, 10, 60.5, 100, 199.9, 260.5 }) Assert.Equal(0, w.Value(t));
        Assert.Equal(3, w.Integral(0, 200), 1e-12);
        Assert.Equal(15, w.Integral(0, 1000), 1e-12);
        Assert.Equal(1.5, w.Integral(20.5, 41), 1e-12);   // the second half of pulse 2 (20.5–21) and all of pulse 3 (40–41)
        Assert.Equal(5.0, w.DrivingFrequencyHz);
    }

    [Fact]
    public void A_sine_step_mean_is_its_exact_integral()
    {
        var w = new Sine(10, 0.5, 0.3);
        double om = 2 * Math.PI * 10 / 1000;
        foreach (var (a, b) in new[] { (0.0, 0.1), (12.3, 12.4), (99.95, 100.05), (0.0, 100.0), (5000.0, 5001.0) })
        {
            double exact = -0.5 / om * (Math.Cos(om * b + 0.3) - Math.Cos(om * a + 0.3));
            Assert.Equal(exact, w.Integral(a, b), 1e-12);
        }
        Assert.Equal(0.5 * Math.Sin(om * 7 + 0.3), w.Value(7), 1e-15);
        Assert.Equal(0, w.Value(-1));
        Assert.Equal(0, w.Integral(-5, 0));
    }

    [Fact]
    public void Ramps_rise_and_fall_linearly_and_window_edges_cut_the_step_exactly()
    {
        var win = new StimulusWindow(100, 200, 20, 40);
        Assert.Equal(0, win.Envelope(99.99));
        Assert.Equal(0.5, win.Envelope(110), 1e-15);
        Assert.Equal(1, win.Envelope(150));
        Assert.Equal(0.25, win.Envelope(190), 1e-12);
        Assert.Equal(0, win.Envelope(200));
        // a dc of 2 switched on at 1.05 ms: the step [1.0, 1.1) gets half
        var dc = On1(new Constant(2), new StimulusWindow(1.05, 2.05));
        var m = StepMeans(dc, 0.1, 22);
        Assert.Equal(0, m[9]);
        Assert.Equal(1, m[10], 1e-12);
        Assert.Equal(2, m[11], 1e-12);
        Assert.Equal(1, m[20], 1e-12);
        Assert.Equal(0, m[21]);
        Assert.Equal(2 * 1.0, m.Sum() * 0.1, 1e-12);   // 1 ms × 2
        // over a ramp the mean of a dc is the envelope's mean (linear: exact at the middle)
        var ramp = On1(new Constant(1), win);
        Assert.Equal(win.Envelope(105), ramp.MeanOver(104.5, 105.5), 1e-12);
        // charge of the whole window: plateau 40 ms + ramps 20/2 + 40/2
        double q = 0;
        for (int n = 0; n < 3000; n++) q += ramp.MeanOver(n * 0.1, (n + 1) * 0.1) * 0.1;
        Assert.Equal(40 + 10 + 20, q, 1e-9);
    }

    [Fact]
    public void Trial_onsets_are_the_pulses_inside_the_window()
    {
        var s = On1(new PulseTrain(10, new PulseShape(1, 1, false, false)), new StimulusWindow(1000, 1350));
        Assert.Equal(new[] { 1000.0, 1100, 1200, 1300 }, s.TrialOnsetsMs(5000));
        Assert.Equal(new[] { 1000.0, 1100 }, s.TrialOnsetsMs(1150));
        Assert.Equal(10.0, s.DrivingFrequencyHz);
        var sine = On1(new Sine(10, 1), new StimulusWindow(500));
        Assert.Equal(new[] { 500.0 }, sine.TrialOnsetsMs(5000));
        Assert.Null(On1(new Constant(1)).DrivingFrequencyHz);
    }

    /// <summary>
    /// OU: 400 000 cells of h = 0.1 ms with τ = 10 ms hold N·h/(2τ) = 2000 independent samples; the mean is within 4 standard errors
    /// (4σ/√2000 = 0.089σ), the variance within 4 × σ²√(2/2000) = 0.13σ², the lag-1 correlation e^(−h/τ) = 0.99005 within 0.002.
    /// </summary>
    [Fact]
    public void OU_noise_has_the_mean_variance_and_correlation_of_its_closed_form_and_is_a_function_of_the_seed()
    {
        var w = (OuNoise)new OuNoise(10, 0.5, 0.2, seed: 7).Bind(".", 0.1);
        int n = 400_000;
        var x = new double[n];
        for (int k = 0; k < n; k++) x[k] = w.Cell(k);
        double mean = x.Average(), v = x.Select(a => (a - mean) * (a - mean)).Average();
        double c1 = 0;
        for (int k = 1; k < n; k++) c1 += (x[k] - mean) * (x[k - 1] - mean);
        c1 /= (n - 1) * v;
        Assert.InRange(mean, 0.2 - 0.089 * 0.5, 0.2 + 0.089 * 0.5);
        Assert.InRange(v, 0.25 * (1 - 0.13), 0.25 * (1 + 0.13));
        Assert.InRange(c1, Math.Exp(-0.01) - 0.002, Math.Exp(-0.01) + 0.002);
        // the same seed gives the same path from a fresh instance, another seed another path
        var again = (OuNoise)new OuNoise(10, 0.5, 0.2, seed: 7).Bind(".", 0.1);
        Assert.Equal(x[12345], again.Cell(12345));
        Assert.Equal(x[3], again.Cell(3));
        var other = (OuNoise)new OuNoise(10, 0.5, 0.2, seed: 8).Bind(".", 0.1);
        Assert.NotEqual(x[3], other.Cell(3));
        // the step mean over one cell is the cell
        Assert.Equal(x[100], w.Integral(10.0, 10.1) / 0.1, 1e-12);
    }

    [Fact]
    public void A_csv_waveform_is_interpolated_linearly_and_zero_outside()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "w.csv"), "time_ms,value\n0,0\n10,1\n20,0\n");
        var w = (CsvWaveform)new CsvWaveform("w.csv", 2).Bind(dir.Path, 0.1);
        Assert.Equal(1.0, w.Value(5), 1e-15);
        Assert.Equal(2.0, w.Value(10), 1e-15);
        Assert.Equal(0.5, w.Value(17.5), 1e-15);
        Assert.Equal(0, w.Value(20.5));
        Assert.Equal(0, w.Value(-1));
        Assert.Equal(2 * 10, w.Integral(-5, 30), 1e-12);          // triangle area 10, amplitude 2
        Assert.Equal(2 * 0.5 * 5 * 0.5, w.Integral(0, 5), 1e-12);  // 0 → 0.5 over 5 ms
        File.WriteAllText(Path.Combine(dir.Path, "s.csv"), "time_s,value\n0,1\n0.5,1\n");
        var s = (CsvWaveform)new CsvWaveform("s.csv").Bind(dir.Path, 0.1);
        Assert.Equal(500, s.TimesMs[1]);
        Assert.Equal(500, s.Integral(0, 1000), 1e-9);
        File.WriteAllText(Path.Combine(dir.Path, "bad.csv"), "0,1\n0,2\n");
        var e = Assert.Throws<FwbmException>(() => new CsvWaveform("bad.csv").Bind(dir.Path, 0.1));
        Assert.Contains("strictly increasing", e.Message);
        Assert.Contains("not found", Assert.Throws<FwbmException>(() => new CsvWaveform("nope.csv").Bind(dir.Path, 0.1)).Message);
    }
}
