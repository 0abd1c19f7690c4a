using Fwbm.Core.Analysis;
using Fwbm.Core.Persistence;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Persistence;

public class SimulationResultPersistenceTests
{
    [Fact]
    public void A_saved_run_loads_back_with_identical_outputs_parameters_seed_options_and_connectome()
    {
        using var dir = new TempDir();
        var sim = PersistenceFixtures.Simulator();
        var run = PersistenceFixtures.Run(sim);
        var path = dir.File("run.h5");
        run.Save(path);
        Assert.Equal([path], dir.AllFiles()); // no temporary file left

        var back = SimulationResult.Load(path);
        Assert.Equal(run.Seed, back.Seed);
        Assert.Equal(run.Index, back.Index);
        Assert.Equal(run.Parameters.ToString(), back.Parameters.ToString());
        Assert.Equal((double[])run.Parameters.ToDictionary()["a"], (double[])back.Parameters.ToDictionary()["a"]);
        Assert.Equal(run.Parameters["omega"].Scalar, back.Parameters["omega"].Scalar);
        Assert.Equal(run.Parameters.Coupling, back.Parameters.Coupling);
        Assert.Equal(run.Outputs.Keys.Order(), back.Outputs.Keys.Order());
        foreach (var (key, ts) in run.Outputs)
        {
            var b = back.Outputs[key];
            Assert.Equal(ts.Data, b.Data);
            Assert.Equal(ts.Regions, b.Regions);
            Assert.Equal(ts.SamplePeriodMs, b.SamplePeriodMs);
            Assert.Equal(ts.StartMs, b.StartMs);
            Assert.Equal(ts.Variable, b.Variable);
        }
        Assert.Equal(FunctionalConnectivity.Compute(run.Bold), back.BoldFc());

        var o = back.Options!;
        Assert.Equal(sim.Options.DtMs, o.DtMs);
        Assert.Equal(sim.Options.DurationMs, o.DurationMs);
        Assert.Equal(sim.Options.TransientMs, o.TransientMs);
        Assert.Equal(sim.Options.VelocityMPerS, o.VelocityMPerS);
        Assert.Equal(sim.Options.Integrator, o.Integrator);
        Assert.Equal(sim.Options.CoupledChannels, o.CoupledChannels);
        Assert.Equal(sim.Options.Monitors[0], o.Monitors[0]); // BOLD: a record of values (TR, hemodynamics, Balloon constants, step)
        var raw = Assert.IsType<RawMonitorSpec>(o.Monitors[1]);
        Assert.Equal(50, raw.PeriodMs);
        Assert.Equal(["x"], raw.Variables!);
        var tavg = Assert.IsType<TemporalAverageMonitorSpec>(o.Monitors[2]);
        Assert.Equal(100, tavg.PeriodMs);
        Assert.Null(tavg.Variables);
        var stim = (PulseStimulus)sim.Options.Stimulus!;
        var stimBack = Assert.IsType<PulseStimulus>(o.Stimulus);
        Assert.Equal(stim.Regions, stimBack.Regions);
        // field by field: the stimulus copies its region list when built, so record equality compares list references
        Assert.Equal((stim.Variable, stim.OnsetMs, stim.WidthMs, stim.Amplitude, stim.PeriodMs),
            (stimBack.Variable, stimBack.OnsetMs, stimBack.WidthMs, stimBack.Amplitude, stimBack.PeriodMs));
        Assert.Empty(back.LoadNotes);

        var c = sim.Connectome; var bc = back.Connectome!;
        Assert.Equal(c.Name, bc.Name);
        Assert.Equal(c.Labels, bc.Labels);
        Assert.Equal(c.Weights.ToArray(), bc.Weights.ToArray());
        Assert.Equal(c.TractLengths.ToArray(), bc.TractLengths.ToArray());
        Assert.Equal(c.EmpiricalFc.ToArray(), bc.EmpiricalFc.ToArray());
        Assert.Equal(c.RightHemisphere, bc.RightHemisphere);
        Assert.Equal(c.Cortical, bc.Cortical);
        Assert.Equal(c.Centres, bc.Centres);
        Assert.Equal(c.Source, bc.Source! with { Notes = c.Source!.Notes });
        Assert.Equal(c.Source!.Notes, bc.Source!.Notes);
        Assert.Equal(c.Source.RegionOrder, bc.Source.RegionOrder);
        Assert.Equal(sim.Delays, back.Simulation!.Delays);
    }

    [Fact]
    public void The_rebuilt_simulation_reproduces_the_run_bit_for_bit()
    {
        using var dir = new TempDir();
        var run = PersistenceFixtures.Run(PersistenceFixtures.Simulator(), seed: 9);
        run.Save(dir.File("r.h5"));
        var back = SimulationResult.Load(dir.File("r.h5"));
        var again = back.Simulation!.Run(back.Parameters, back.Seed);
        Assert.Equal(run.Bold.Data, again.Bold.Data);
        Assert.Equal(run.Get("raw:x").Data, again.Get("raw:x").Data);
    }

    [Fact]
    public void A_folder_path_saves_and_loads_result_h5_inside_it()
    {
        using var dir = new TempDir();
        var run = PersistenceFixtures.Run(PersistenceFixtures.Simulator());
        run.Save(dir.Path);
        Assert.True(File.Exists(dir.File(ResultFile.FileNameInFolder)));
        Assert.Equal(run.Bold.Data, SimulationResult.Load(dir.Path).Bold.Data);
    }

    [Fact]
    public void A_result_without_a_simulation_needs_one_to_be_saved()
    {
        var run = PersistenceFixtures.Run(PersistenceFixtures.Simulator());
        var bare = new SimulationResult(0, run.Parameters, run.Seed, run.Outputs, TimeSpan.Zero);
        using var dir = new TempDir();
        var e = Assert.Throws<FwbmException>(() => bare.Save(dir.File("x.h5")));
        Assert.Contains("Save(path, simulator)", e.Message);
        bare.Save(dir.File("x.h5"), PersistenceFixtures.Simulator());
        Assert.Equal(run.Bold.Data, SimulationResult.Load(dir.File("x.h5")).Bold.Data);
    }
}
