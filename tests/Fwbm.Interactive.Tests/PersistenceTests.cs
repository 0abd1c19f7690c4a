using Fwbm.Core.Exploration;
using Fwbm.Core.Models;
using Fwbm.Core.Simulation;
using Fwbm.Interactive.Magics;
using Microsoft.DotNet.Interactive.Events;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>The notebook story: save a run, restart, load it, and everything the card and plots need is back.</summary>
public sealed class PersistenceTests : KernelTest
{
    private async Task<T> Value<T>(string code)
    {
        var r = await Submit(code);
        AssertSucceeded(r);
        return (T)r.Events.OfType<ReturnValueProduced>().Single().Value;
    }

    private static SimulationRun SmallRun()
    {
        var conn = TestConnectomes.Random(8, 5, empiricalFc: Enumerable.Range(0, 64).Select(k => k / 8 == k % 8 ? 1.0 : 0.2 + 0.01 * ((k / 8 + k % 8) % 7)).ToArray());
        var sim = new Simulator(ModelRegistry.Get("hopf"), conn, new SimulationOptions { DtMs = 1, DurationMs = 30_000, TransientMs = 1_000, Monitors = [new BoldMonitorSpec(1000)] });
        return SimulationRun.Run(sim, sim.DefaultParameters(0.4), seed: 3);
    }

    [Fact]
    public void A_loaded_run_has_the_same_BOLD_FC_comparison_and_text()
    {
        using var dir = new TempDir();
        var run = SmallRun();
        run.Save(dir.File("run.h5"));
        var back = SimulationRun.Load(dir.File("run.h5"));
        Assert.Equal(run.Bold.Data, back.Bold.Data);
        Assert.Equal(run.Fc.Labels, back.Fc.Labels);
        Assert.Equal(run.Fc.Title, back.Fc.Title);
        for (int k = 0; k < run.Fc.Values.Length; k++) Assert.Equal(run.Fc.Values[k], back.Fc.Values[k], 1e-12);
        Assert.Equal(run.FcSimilarity!.Value, back.FcSimilarity!.Value, 1e-12);
        Assert.Equal(run.Comparison!.Empirical.Values, back.Comparison!.Empirical.Values);
        Assert.Equal(run.Connectome.RightHemisphere, back.Connectome.RightHemisphere);
        Assert.Equal(run.Seed, back.Seed);
        Assert.Equal(run.Parameters.ToString(), back.Parameters.ToString());
        // the card's text differs only in the wall time (saved to the tick, printed to 0.1 s)
        Assert.Equal(run.ToString(), back.ToString());
    }

    [Fact]
    public void Comparisons_and_sweep_views_round_trip_and_the_loader_picks_the_type_by_kind()
    {
        using var dir = new TempDir();
        var run = SmallRun();
        var cmp = new FcComparison(run.Fc, FcMatrix.Empirical(run.Connectome)).WithOrder(RegionOrder.Named("none")!);
        cmp.Save(dir.File("cmp.h5"));
        var c = Assert.IsType<FcComparison>(ResultLoader.Load(dir.File("cmp.h5")));
        Assert.Equal(cmp.Similarity, c.Similarity);
        Assert.Equal(cmp.Simulated.Values, c.Simulated.Values);
        Assert.Equal(cmp.Empirical.Title, c.Empirical.Title);
        Assert.Equal("none", c.Simulated.Order.Name);
        run.Save(dir.File("run.h5"));
        Assert.IsType<SimulationRun>(ResultLoader.Load(dir.File("run.h5")));
        var sweep = new Sweep(ModelRegistry.Get("hopf"), run.Connectome, run.Simulation.Options, ParameterSpace.Grid(ParameterAxis.Of("G", 0.1, 0.5)),
            [SweepMeasure.FcSimilarity(), SweepMeasure.MeanFc()], null, new SweepOptions { Seed = 2 }).Run().View();
        sweep.Save(dir.File("sweep.h5"));
        var s = Assert.IsType<SweepView>(ResultLoader.Load(dir.File("sweep.h5")));
        Assert.Equal(sweep.Result.Column("fc_similarity"), s.Result.Column("fc_similarity"));
        Assert.Equal(sweep.Best().Item1, s.Best().Item1);
        Assert.Equal(sweep.Best().Item2, s.Best().Item2);
        Assert.Contains("holds a sweep result; expected a simulation", Assert.Throws<Core.FwbmException>(() => SimulationRun.Load(dir.File("sweep.h5"))).Message);
    }

    [Fact]
    public async Task Save_with_the_magic_restart_and_load_with_the_magic()
    {
        using var dir = new TempDir();
        string file = dir.File("run.h5").Replace("\\", "/");
        AssertSucceeded(await Submit(SmallConnectomeCode));
        var r = await Submit($"#!fwbm-simulate --connectome conn --coupling 0.3 --duration 30s --transient 2s --tr 1 --seed 3 --show none --save \"{file}\" --name sim");
        AssertSucceeded(r);
        Assert.Contains(Formatted(r, "text/plain"), f => f.Value.StartsWith("saved: ", StringComparison.Ordinal) && f.Value.Contains("run.h5"));
        var bold = await Value<double[]>("sim.Bold.Data");
        var fc = await Value<double[]>("sim.Fc.Values");
        double similarity = await Value<double>("sim.FcSimilarity.Value");

        // a new kernel: nothing of the first session is left but the file
        using var fresh = new FreshKernel();
        var load = await fresh.Submit($"#!fwbm-load \"{file}\" --name run");
        AssertSucceeded(load);
        Assert.NotEmpty(Figures(load)); // the run's card with its charts
        Assert.Contains(Formatted(load, "text/plain"), f => f.Value.StartsWith("bound: SimulationRun run (a simulation saved by FWBM", StringComparison.Ordinal));
        Assert.Equal(bold, await fresh.Value<double[]>("run.Bold.Data"));
        var fc2 = await fresh.Value<double[]>("run.Fc.Values");
        for (int k = 0; k < fc.Length; k++) Assert.Equal(fc[k], fc2[k], 1e-12);
        Assert.Equal(similarity, await fresh.Value<double>("run.Comparison.Similarity"), 1e-12);
        Assert.Equal("toy", await fresh.Value<string>("run.Connectome.Source.DatasetId"));
        // the C# API in a notebook: load, display, plot
        var shown = await fresh.Submit($"var viaApi = Fwbm.Interactive.SimulationRun.Load(\"{file}\"); viaApi");
        AssertSucceeded(shown);
        Assert.NotEmpty(Figures(shown));
        var fcShown = await fresh.Submit("viaApi.Comparison");
        AssertSucceeded(fcShown);
        Assert.NotEmpty(Figures(fcShown));
        Assert.Equal(bold, await fresh.Value<double[]>("viaApi.Bold.Data"));
        // --path works too, and a C# string variable holding the path
        AssertSucceeded(await fresh.Submit($"var where = \"{file}\";"));
        AssertSucceeded(await fresh.Submit("#!fwbm-load --path where --show none --name again"));
        Assert.Equal(bold, await fresh.Value<double[]>("again.Bold.Data"));
        // --save on compare and sweep, loaded by kind
        string cmpFile = dir.File("cmp.h5").Replace("\\", "/"), sweepFile = dir.File("sweep.h5").Replace("\\", "/");
        AssertSucceeded(await fresh.Submit($"#!fwbm-compare --simulated run --save \"{cmpFile}\" --name cmp"));
        AssertSucceeded(await fresh.Submit($"#!fwbm-load \"{cmpFile}\" --show none --name cmp2"));
        Assert.Equal(await fresh.Value<double>("cmp.Similarity"), await fresh.Value<double>("cmp2.Similarity"));
        AssertSucceeded(await fresh.Submit($"#!fwbm-sweep --connectome run --over \"G=0.1,0.3\" --duration 20s --transient 1s --tr 1 --seed 5 --show none --save \"{sweepFile}\" --name sw"));
        AssertSucceeded(await fresh.Submit($"#!fwbm-load \"{sweepFile}\" --show none --name sw2"));
        Assert.Equal(await fresh.Value<double[]>("sw.Result.Column(\"mean_fc\")"), await fresh.Value<double[]>("sw2.Result.Column(\"mean_fc\")"));
    }

    [Fact]
    public async Task A_fit_saved_by_the_magic_loads_as_a_FitResult_and_shows_its_history()
    {
        using var dir = new TempDir();
        string file = dir.File("fit.h5").Replace("\\", "/");
        AssertSucceeded(await Submit("#!fwbm-fit --connectome simulated:6:1 --coupling 0.3 --lr 0.05 --seed 3 --device cpu --dtype float64 " +
            $"--duration 40s --transient 4s --dt 20 --tr 1 --realisations 2 --epochs 2 --show none --save \"{file}\" --name fit"));
        var load = await Submit($"#!fwbm-load \"{file}\" --name back");
        AssertSucceeded(load);
        Assert.Contains(Formatted(load, "text/plain"), f => f.Value.StartsWith("fit of hopf on 'synthetic-6-1' (6 regions): 2 epochs", StringComparison.Ordinal));
        Assert.Equal(await Value<double[]>("fit.Loss"), await Value<double[]>("back.History.Select(e => e.Loss).ToArray()"));
        Assert.Equal(await Value<double>("fit.Fitted.Coupling"), await Value<double>("back.Fitted.Coupling"));
        Assert.Equal(await Value<double[]>("fit.After.SimulatedFc"), await Value<double[]>("back.After.SimulatedFc"));
        string again = dir.File("again.h5").Replace("\\", "/");
        AssertSucceeded(await Submit($"fit.Save(\"{again}\");"));
        Assert.Equal(await Value<double[]>("fit.Loss"), await Value<double[]>($"Fwbm.Torch.Fitting.FitResult.Load(\"{again}\").History.Select(e => e.Loss).ToArray()"));
        var text = Core.Persistence.ResultDescription.Describe(file);
        Assert.Contains("kind:        fit", text);
        Assert.Contains("history:     2 epochs", text);
    }

    [Fact]
    public void Show_describes_a_comparison()
    {
        using var dir = new TempDir();
        var run = SmallRun();
        run.Comparison!.Save(dir.File("cmp.h5"));
        var text = Core.Persistence.ResultDescription.Describe(dir.File("cmp.h5"));
        Assert.Contains("kind:        comparison", text);
        Assert.Contains($"similarity:  {run.Comparison.Similarity.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}", text);
        Assert.Contains("simulated:   simulated FC (hopf, G = 0.4) (8×8)", text);
    }

    [Fact]
    public async Task Loading_a_bad_file_is_one_line_naming_it()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("notes.txt"), "not hdf5");
        string file = dir.File("notes.txt").Replace("\\", "/");
        var message = FailureMessage(await Submit($"#!fwbm-load \"{file}\" --name x"));
        Assert.Contains("notes.txt", message);
        Assert.Contains("not an HDF5 file", message);
        Assert.DoesNotContain('\n', message.Trim());
        var missing = FailureMessage(await Submit("#!fwbm-load --name x"));
        Assert.Contains("--path", missing);
    }

    /// <summary>A second kernel with the extension (a restarted notebook).</summary>
    private sealed class FreshKernel : KernelTest
    {
        public new Task<Microsoft.DotNet.Interactive.KernelCommandResult> Submit(string code) => base.Submit(code);

        public async Task<T> Value<T>(string code)
        {
            var r = await Submit(code);
            AssertSucceeded(r);
            return (T)r.Events.OfType<ReturnValueProduced>().Single().Value;
        }
    }
}
