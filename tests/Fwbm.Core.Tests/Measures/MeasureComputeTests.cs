using Fwbm.Core.Analysis;
using Fwbm.Core.Connectivity;
using Fwbm.Core.Exploration;
using Fwbm.Core.Measures;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Measures;

/// <summary>Every measure of the catalogue against an analytic or hand-computed case, through its binding (what a sweep evaluates).</summary>
public class MeasureComputeTests
{
    private static TimeSeries Series(int regions, int length, double periodMs, Func<int, int, double> value)
    {
        var d = new double[length * regions];
        for (int t = 0; t < length; t++) for (int r = 0; r < regions; r++) d[t * regions + r] = value(t, r);
        return new TimeSeries(d, regions, periodMs);
    }

    /// <summary>A finished "run" holding the given outputs, as a sweep hands it to a measure.</summary>
    private static SweepContext Run(Connectome conn, params (string Key, TimeSeries Series)[] outputs) =>
        new(new SimulationResult(0, ParameterSet.Defaults(Hopf.Spec), 0, outputs.ToDictionary(o => o.Key, o => o.Series), TimeSpan.Zero), conn, ["coupling"], [0.0]);

    private static double Eval(string name, SweepContext c, MeasureSettings? s = null) => MeasureCatalog.Bind(name, s).Evaluate(c);

    // four regions of independent-looking signals (deterministic)
    private static TimeSeries Bold4 => Series(4, 200, 720, (t, r) => Math.Sin(0.05 * t * (r + 1) + r) + 0.3 * Math.Cos(0.31 * t * (r + 2)) + (r == 3 ? 0.5 * Math.Sin(0.05 * t) : 0));

    [Fact]
    public void Identical_FC_gives_similarity_1_and_distance_0_and_an_affine_copy_still_1()
    {
        var bold = Bold4;
        var fc = FunctionalConnectivity.Compute(bold);
        var conn = new Connectome(new double[16], ["a", "b", "c", "d"]).WithEmpiricalFc(fc);
        var run = Run(conn, ("bold", bold));
        Assert.Equal(1.0, Eval("fc_similarity", run), 12);
        Assert.Equal(0.0, Eval("fc_distance", run), 12);
        var affine = fc.Select(v => 0.5 * v - 0.2).ToArray(); // Pearson ignores scale and offset
        Assert.Equal(1.0, Eval("fc_similarity", run, new MeasureSettings { TargetFc = affine }), 12);
        var negated = fc.Select(v => -v).ToArray();
        Assert.Equal(-1.0, Eval("fc_similarity", run, new MeasureSettings { TargetFc = negated }), 12);
        Assert.Equal(2.0, Eval("fc_distance", run, new MeasureSettings { TargetFc = negated }), 12);
        var none = Run(new Connectome(new double[16], ["a", "b", "c", "d"]), ("bold", bold));
        Assert.Contains("has no empirical FC", Assert.Throws<FwbmException>(() => Eval("fc_similarity", none)).Message);
    }

    [Fact]
    public void Sc_fc_is_1_when_the_weights_are_an_affine_copy_of_the_simulated_FC()
    {
        var bold = Bold4;
        var fc = FunctionalConnectivity.Compute(bold);
        var w = fc.Select((v, k) => k / 4 == k % 4 ? 0 : 0.5 * v + 1).ToArray(); // positive (FC ≥ −1), zero diagonal
        Assert.Equal(1.0, Eval("sc_fc", Run(new Connectome(w, ["a", "b", "c", "d"]), ("bold", bold))), 12);
        Assert.Equal(GoalKind.None, MeasureCatalog.Get("sc_fc").Definition.Goal.Kind);
    }

    [Fact]
    public void Mean_fc_of_two_equal_signals_and_one_opposite_is_minus_one_third()
    {
        // r12 = 1, r13 = r23 = −1: the mean of the upper triangle is (1 − 1 − 1) / 3
        var bold = Series(3, 50, 720, (t, r) => (r == 2 ? -1 : 1) * Math.Sin(0.3 * t) * (r + 1));
        Assert.Equal(-1.0 / 3, Eval("mean_fc", Run(new Connectome(new double[9], ["a", "b", "c"]), ("bold", bold))), 12);
    }

    [Fact]
    public void Fcd_ks_of_the_same_BOLD_is_0_and_against_several_subjects_is_their_mean()
    {
        var conn = new Connectome(new double[16], ["a", "b", "c", "d"]);
        var bold = Bold4;
        var w = FcdWindows.InSamples(40, 10);
        Assert.Equal(0.0, Eval("fcd_ks", Run(conn, ("bold", bold)), new MeasureSettings { EmpiricalBold = [bold], FcdWindows = w }));
        var other = Series(4, 200, 720, (t, r) => Math.Cos(0.11 * t * (r + 1)) + 0.2 * Math.Sin(0.7 * t * r));
        double ks = Fcd.KsDistance(Fcd.Compute(bold, w), Fcd.Compute(other, w));
        Assert.True(ks > 0);
        Assert.Equal(ks / 2, Eval("fcd_ks", Run(conn, ("bold", bold)), new MeasureSettings { EmpiricalBold = [bold, other], FcdWindows = w }), 15);
        // an FCD given directly brings its windows
        Assert.Equal(ks, Eval("fcd_ks", Run(conn, ("bold", bold)), new MeasureSettings { EmpiricalFcd = [Fcd.Compute(other, w)] }), 15);
        Assert.Contains("needs the empirical BOLD", Assert.Throws<FwbmException>(() => MeasureCatalog.Bind("fcd_ks")).Message);
    }

    [Fact]
    public void Psd_peak_of_two_known_sinusoids_is_the_stronger_one_and_the_band_selects_the_other()
    {
        // 100 Hz sampling, 200-sample segments: Δf = 0.5 Hz; region 0 carries 5 Hz (amplitude 2), region 1 carries 12 Hz (amplitude 1)
        var x = Series(2, 2000, 10, (t, r) => r == 0 ? 2 * Math.Sin(2 * Math.PI * 5 * t / 100.0) : Math.Sin(2 * Math.PI * 12 * t / 100.0 + 0.3));
        var run = Run(new Connectome(new double[4], ["a", "b"]), ("tavg:x", x));
        var welch = new WelchOptions { SegmentSamples = 200 };
        double df = 0.5;
        Assert.InRange(Eval("psd_peak", run, new MeasureSettings { Output = "tavg:x", Welch = welch }), 5 - df / 2, 5 + df / 2);
        Assert.InRange(Eval("psd_peak", run, new MeasureSettings { Output = "tavg:x", Welch = welch, LowHz = 8 }), 12 - df / 2, 12 + df / 2);
        Assert.Equal(MeasureGoal.TargetValue(10), MeasureCatalog.Bind("psd_peak", new MeasureSettings { Output = "tavg:x", Target = 10 }).Goal);
    }

    [Fact]
    public void Spectral_distance_is_0_for_the_same_shape_1_for_disjoint_power_and_one_half_for_a_half_overlap()
    {
        double[] f = [0, 1, 2, 3, 4];
        Assert.Equal(0.0, SpectralDistanceMeasure.Compute(f, [0, 1, 3, 1, 0], new SpectrumTarget(f, [0, 10, 30, 10, 0])), 15);
        Assert.Equal(1.0, SpectralDistanceMeasure.Compute(f, [1, 1, 0, 0, 0], new SpectrumTarget(f, [0, 0, 0, 2, 5])), 15);
        // p = (½, ½, 0, 0), q = (0, ½, ½, 0): ½ (½ + 0 + ½ + 0) = ½
        Assert.Equal(0.5, SpectralDistanceMeasure.Compute(f, [1, 1, 0, 0, 0], new SpectrumTarget(f, [0, 1, 1, 0, 0])), 15);
        // the simulated spectrum is interpolated at the target's frequencies: a linear ramp at 0.5 and 1.5 Hz gives 1 and 3 (¼, ¾)
        Assert.Equal(0.25, SpectralDistanceMeasure.Compute([0, 1, 2], [0, 2, 4], new SpectrumTarget([0.5, 1.5], [1, 1])), 15);
        // through the binding, on a Welch spectrum compared with itself
        var x = Series(2, 1000, 10, (t, r) => Math.Sin(2 * Math.PI * (3 + 4 * r) * t / 100.0));
        var s = PowerSpectrum.Welch(x, new WelchOptions { SegmentSamples = 100 });
        var run = Run(new Connectome(new double[4], ["a", "b"]), ("bold", x));
        Assert.Equal(0.0, Eval("spectral_distance", run, new MeasureSettings { Output = "bold", Welch = new WelchOptions { SegmentSamples = 100 }, Spectrum = new SpectrumTarget(s.Frequencies, s.Mean()) }), 12);
        Assert.Contains("needs a target spectrum", Assert.Throws<FwbmException>(() => MeasureCatalog.Bind("spectral_distance")).Message);
        Assert.Contains("needs the recorded signal to analyse", Assert.Throws<FwbmException>(() => MeasureCatalog.Bind("psd_peak")).Message);
    }

    [Fact]
    public void Synchronous_phases_give_synchrony_1_and_metastability_0_and_alternating_r_gives_one_half_each()
    {
        var conn = new Connectome(new double[9], ["a", "b", "c"]);
        var same = Series(3, 40, 1, (t, r) => 0.4 * t + 2 * Math.PI * r);
        Assert.Equal(1.0, Eval("synchrony", Run(conn, ("raw:theta", same))), 12);
        Assert.Equal(0.0, Eval("metastability", Run(conn, ("raw:theta", same))), 12);
        // two regions: in phase at even samples (r = 1), in anti-phase at odd ones (r = 0): mean ½, population std ½
        var alt = Series(2, 40, 1, (t, r) => r == 1 && t % 2 == 1 ? Math.PI : 0);
        var conn2 = new Connectome(new double[4], ["a", "b"]);
        Assert.Equal(0.5, Eval("synchrony", Run(conn2, ("raw:theta", alt))), 12);
        Assert.Equal(0.5, Eval("metastability", Run(conn2, ("raw:theta", alt))), 12);
        Assert.Equal(0.5, Eval("synchrony", Run(conn2, ("raw:phi", alt)), new MeasureSettings { Output = "raw:phi" }), 12);
    }

    [Fact]
    public void Gs_std_of_a_sine_global_signal_over_whole_periods_is_one_over_root_two()
    {
        // regions sin + 1 and sin − 1: the global mean is sin, sampled 20 times per period over 5 periods
        var x = Series(2, 100, 50, (t, r) => Math.Sin(2 * Math.PI * t / 20) + (r == 0 ? 1 : -1));
        Assert.Equal(Math.Sqrt(0.5), Eval("gs_std", Run(new Connectome(new double[4], ["a", "b"]), ("bold", x))), 12);
    }
}
