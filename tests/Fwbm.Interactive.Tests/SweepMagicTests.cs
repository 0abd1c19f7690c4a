using System.Text.Json;
using Fwbm.Interactive.Magics;
using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary><c>#!fwbm-sweep</c> runs Core's Sweep and binds a SweepView over its SweepResult.</summary>
public sealed class SweepMagicTests : KernelTest
{
    private async Task<T> Value<T>(string code)
    {
        var r = await Submit(code);
        AssertSucceeded(r);
        return (T)r.Events.OfType<ReturnValueProduced>().Single().Value;
    }

    private const string Opts = """
        using Fwbm.Core.Analysis; using Fwbm.Core.Exploration; using Fwbm.Core.Models; using Fwbm.Core.Simulation;
        var opts = new SimulationOptions { DtMs = 1, DurationMs = 40_000, TransientMs = 1_000, Monitors = [new BoldMonitorSpec(1000)] };
        """;

    [Fact]
    public async Task The_magic_binds_the_Core_SweepResult_equal_to_a_Sweep_run_with_the_same_arguments()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit("#!fwbm-sweep --connectome conn --over \"coupling=0:0.2:0.6\" --duration 40s --transient 1s --tr 1 --seed 5 --name sweep");
        AssertSucceeded(r);
        Assert.Equal(4L, await Value<long>("sweep.ToDataFrame().Rows.Count"));
        Assert.Equal("fc_similarity,mean_fc", await Value<string>("string.Join(\",\", sweep.Result.MeasureNames)")); // default with an empirical FC
        AssertSucceeded(await Submit(Opts + """
            var direct = new Sweep(ModelRegistry.Get("hopf"), conn, opts, ParameterSpace.Grid(ParameterAxis.Linspace("coupling", 0, 0.6, 4)),
                [SweepMeasure.FcSimilarity(), SweepMeasure.MeanFc()], null, new SweepOptions { Seed = 5 }).Run();
            """));
        Assert.Equal(await Value<double[]>("direct.Column(\"fc_similarity\")"), await Value<double[]>("sweep.Result.Column(\"fc_similarity\")"));
        Assert.Equal(await Value<double[]>("direct.Column(\"mean_fc\")"), await Value<double[]>("sweep.Result.Column(\"mean_fc\")"));
        // a sweep point is the single run with the same parameters and seed
        Assert.True(await Value<bool>("""
            var one = new Simulator(ModelRegistry.Get("hopf"), conn, opts).Run(sweep.Result.Rows[2].Parameters, 5);
            FcSimilarity.Compute(one.BoldFc(), conn.EmpiricalFc.ToArray(), conn.Count) == sweep.Result.Column("fc_similarity")[2]
            """));
        var fig = Figures(r).Single().RootElement;
        Assert.StartsWith("fc_similarity vs coupling: best fc_similarity (max) = ", fig.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        var (point, value) = await Value<(double[], double)>("sweep.Best()");
        Assert.Equal((await Value<double[]>("sweep.Result.Column(\"fc_similarity\")")).Max(), value);
        Assert.Equal(point[0], await Value<double>("sweep.BestParameters.Coupling"));
    }

    [Fact]
    public async Task Every_Core_measure_is_available_and_each_equals_its_direct_computation()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        // an "empirical" BOLD for the FCD: another run of the toy model
        AssertSucceeded(await Submit(Opts + """
            var target = new Simulator(ModelRegistry.Get("hopf"), conn, opts).Run(ParameterSet.Defaults(ModelRegistry.Get("hopf").Spec, 0.5), 99).Bold;
            """));
        var r = await Submit("#!fwbm-sweep --connectome conn --over \"G=0.1,0.3\" --measure fcd_ks,gs_std,psd_peak=0.5,mean_fc,fc_similarity " +
                             "--fcd-target target --fcd-window 20s --fcd-step 5s --peak-of x --peak-sampling 50 --peak-band 0.01:5 " +
                             "--duration 40s --transient 1s --tr 1 --seed 2 --name m");
        AssertSucceeded(r);
        Assert.Equal("coupling,seed,fcd_ks,gs_std,psd_peak,mean_fc,fc_similarity,error",
            await Value<string>("string.Join(\",\", m.ToDataFrame().Columns.Select(c => c.Name))"));
        Assert.Equal("fcd_ks", await Value<string>("m.PrimaryMeasure"));
        Assert.Equal("min,none,target,none,max", await Value<string>("string.Join(\",\", m.Result.MeasureGoals.Select(g => g.Short))")); // from the catalogue
        Assert.Equal(0.5, await Value<double>("m.Result.GoalOf(\"psd_peak\").Target.Value"));
        Assert.Equal((await Value<double[]>("m.Values(\"fcd_ks\")")).Min(), await Value<double>("m.Best().Value")); // a distance: smaller is better
        Assert.True(await Value<bool>("""
            var o2 = opts with { Monitors = [new BoldMonitorSpec(1000), new TemporalAverageMonitorSpec(50, ["x"])] };
            var run = new Simulator(ModelRegistry.Get("hopf"), conn, o2).Run(ParameterSet.Defaults(ModelRegistry.Get("hopf").Spec, 0.3), 2);
            var w = FcdWindows.InMs(20_000, 5_000);
            double ks = Fcd.KsDistance(Fcd.Compute(run.Bold, w), Fcd.Compute(target, w));
            var g = GlobalSignal.Mean(run.Bold); double gm = g.Average();
            double gs = Math.Sqrt(g.Sum(v => (v - gm) * (v - gm)) / g.Length);
            var x = run.Get("tavg:x");
            double peak = PowerSpectrum.Welch(x, new WelchOptions { SegmentSamples = x.Length / 4 }).PeakFrequency(null, 0.01, 5);
            var row = m.Result.Rows[1];
            row.Measures[0] == ks && row.Measures[1] == gs && row.Measures[2] == peak
            """));
        Assert.InRange(await Value<double>("m.Result.Rows[0].Measures[0]"), 0.0, 1.0);
    }

    [Fact]
    public async Task Synchrony_and_metastability_read_the_recorded_phases_and_metastability_is_maximised()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit("#!fwbm-sweep --connectome conn --model kuramoto --over \"coupling=0,20,200\" --measure metastability,synchrony " +
                             "--duration 2s --transient 0.5s --dt 0.1 --tr 1 --peak-sampling 2 --seed 4 --name k");
        AssertSucceeded(r);
        Assert.Equal("max,none", await Value<string>("string.Join(\",\", k.Result.MeasureGoals.Select(g => g.Short))"));
        Assert.True(await Value<bool>("""
            using Fwbm.Core.Analysis; using Fwbm.Core.Models; using Fwbm.Core.Simulation;
            var ko = new SimulationOptions { DtMs = 0.1, DurationMs = 2000, TransientMs = 500, Monitors = [new BoldMonitorSpec(1000), new RawMonitorSpec(2, ["theta"])] };
            var run = new Simulator(ModelRegistry.Get("kuramoto"), conn, ko).Run(k.Result.Rows[1].Parameters, 4);
            var s = Synchrony.Compute(run.Get("raw:theta"));
            k.Result.Rows[1].Measures[0] == s.Metastability && k.Result.Rows[1].Measures[1] == s.Synchrony
            """));
        var meta = await Value<double[]>("k.Values(\"metastability\")");
        Assert.Equal(meta.Max(), await Value<double>("k.Best().Value"));
    }

    [Fact]
    public async Task Fcd_ks_defaults_to_every_subject_of_the_connectomes_dataset()
    {
        TestData.UseMirror();
        AssertSucceeded(await Submit("var hcp = Fwbm.Core.Data.Datasets.LoadConnectome(\"hcp\").Normalize(Fwbm.Core.Connectivity.WeightNormalization.Max);"));
        var r = await Submit("#!fwbm-sweep --connectome hcp --over \"coupling=0.2,0.6\" --measure fcd_ks --duration 90s --transient 5s --tr 0.72 --name k");
        AssertSucceeded(r);
        AssertSucceeded(await Submit("""
            using Fwbm.Core.Analysis; using Fwbm.Core.Data; using Fwbm.Core.Models; using Fwbm.Core.Simulation;
            var run = new Simulator(ModelRegistry.Get("hopf"), hcp, new SimulationOptions { DtMs = 1, DurationMs = 90_000, TransientMs = 5_000, Monitors = [new BoldMonitorSpec(720)] })
                .Run(ParameterSet.Defaults(ModelRegistry.Get("hopf").Spec, 0.6), 0);
            var simFcd = Fcd.Compute(run.Bold, FcdWindows.Default);
            double expected = Datasets.Subjects("hcp").Average(s => Fcd.KsDistance(simFcd, Fcd.Compute(Datasets.LoadBold("hcp", s), FcdWindows.Default)));
            """));
        Assert.Equal(await Value<double>("expected"), await Value<double>("k.Result.Column(\"fcd_ks\")[1]"), 12);
        Assert.Equal(7, await Value<int>("Datasets.Subjects(\"hcp\").Count"));
    }

    [Theory]
    [InlineData("--measure fc_sim", "--measure 'fc_sim': Unknown measure 'fc_sim'; did you mean fc_similarity?")]
    [InlineData("--measure fcd_ks=0.1", "--measure 'fcd_ks=0.1': Measure 'fcd_ks' is minimise by definition; a target value (0.1) applies only to target or descriptive measures.")]
    [InlineData("--measure spectral_distance", "spectral_distance needs a target spectrum, which this command cannot take")]
    [InlineData("--measure mean_fc,mean_fc", "--measure lists mean_fc twice")]
    [InlineData("--measure fcd_ks --fcd-window 10s", "--measure fcd_ks needs --fcd-target")]
    [InlineData("--measure fcd_ks --fcd-target conn --fcd-window 10s --fcd-step 5s", "--fcd-target 'conn' is a Connectome; expected a TimeSeries (BOLD), an FcdResult, or dataset[:subject].")]
    [InlineData("--measure fcd_ks --fcd-target bold --fcd-window 60s", "needs at least two FCD windows: --duration (20 s) must be at least --fcd-window + --fcd-step (62 s).")]
    [InlineData("--measure peak_hz --peak-of nope", "--peak-of: Model 'hopf' has no")]
    [InlineData("--measure peak_hz --peak-band 40:2", "--peak-band '40:2' is not low:high with low < high")]
    [InlineData("--over \"b=0:0.5:1\"", "--over: Model 'hopf' has no parameter 'b'")]
    [InlineData("--repeats 0", "--repeats = 0 is outside [1, 1000].")]
    public async Task Wrong_sweep_arguments_fail_naming_the_parameter_and_what_is_allowed(string extra, string expected)
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        AssertSucceeded(await Submit("var bold = new Fwbm.Core.Analysis.TimeSeries(new double[100 * 8], 8, 1000);"));
        string cell = "#!fwbm-sweep --connectome conn --duration 20s --tr 1 " + (extra.StartsWith("--over") ? extra : "--over \"coupling=0:1:1\" " + extra);
        var message = FailureMessage(await Submit(cell));
        Assert.Contains(expected, message);
        Assert.DoesNotContain("   at ", message);
    }

    [Fact]
    public async Task Measure_completions_list_every_measure()
    {
        var directive = MagicRegistry.All.Single(m => m.Name == "#!fwbm-sweep").CreateDirective();
        var items = await directive.Parameters.Single(p => p.Name == "--measure").GetValueCompletionsAsync();
        Assert.Equal(["fc_similarity", "fc_distance", "mean_fc", "sc_fc", "fcd_ks", "psd_peak", "synchrony", "metastability", "gs_std"], items.Select(i => i.DisplayText).ToArray());
        var help = string.Concat(Formatted(await Submit("#!fwbm-sweep --help"), "text/plain").Select(f => f.Value));
        foreach (var m in SweepMagic.MeasureNames) Assert.Contains(m, help);
    }

    [Fact]
    public async Task Interrupting_a_sweep_stops_the_batch_and_binds_nothing()
    {
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var running = Submit("#!fwbm-sweep --connectome conn --over \"coupling=lin(0,1,8)\" --duration 600min --dt 0.1 --name never");
        await Task.Delay(1500);
        await Kernel.SendAsync(new Microsoft.DotNet.Interactive.Commands.Cancel());
        var r = await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(r.Events, e => e is CommandFailed);
        // the live progress display ends in the cancelled state (not frozen at "running", not "done")
        var progress = Formatted(r, "text/plain").Select(f => f.Value).Where(v => v.Contains(" simulation", StringComparison.Ordinal) || v.Contains("regions,", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(progress);
        Assert.Contains("cancelled (kernel interrupted) after ", progress[^1]);
        Assert.DoesNotContain(progress, v => v.Contains(": done after", StringComparison.Ordinal));
        AssertSucceeded(await Submit("1 + 1"));
        Assert.Contains("never", FailureMessage(await Submit("never")));
    }
}
