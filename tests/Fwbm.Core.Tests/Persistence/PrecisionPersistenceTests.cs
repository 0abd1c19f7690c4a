using Fwbm.Core.Models;
using Fwbm.Core.Persistence;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Persistence;

/// <summary>Result files record the engine's precision; files written before it existed read as double.</summary>
public class PrecisionPersistenceTests
{
    private static Simulator Single() => new(PersistenceFixtures.Simulator().Model, PersistenceFixtures.Connectome(),
        PersistenceFixtures.Simulator().Options with { Precision = Precision.Single });

    [Fact]
    public void A_single_precision_run_saves_its_precision_and_the_rebuilt_simulation_reproduces_it_bit_for_bit()
    {
        using var dir = new TempDir();
        var sim = Single();
        var run = PersistenceFixtures.Run(sim, seed: 3);
        run.Save(dir.File("s.h5"));
        var back = SimulationResult.Load(dir.File("s.h5"));
        Assert.Equal(Precision.Single, back.Options!.Precision);
        var again = back.Simulation!.Run(back.Parameters, back.Seed);
        Assert.Equal(run.Bold.Data, again.Bold.Data);
        Assert.Equal(run.Get("raw:x").Data, again.Get("raw:x").Data);
        // and it is not the double run
        var dbl = PersistenceFixtures.Run(PersistenceFixtures.Simulator(), seed: 3);
        Assert.NotEqual(dbl.Get("raw:x").Data, run.Get("raw:x").Data);
        Assert.Contains("single precision", ResultDescription.Describe(dir.File("s.h5")));
    }

    [Fact]
    public void A_double_run_records_double()
    {
        using var dir = new TempDir();
        PersistenceFixtures.Run(PersistenceFixtures.Simulator()).Save(dir.File("d.h5"));
        Assert.Equal(Precision.Double, SimulationResult.Load(dir.File("d.h5")).Options!.Precision);
        Assert.Equal("double", ResultFile.Read(dir.File("d.h5"), null, (_, r) => r.Group("options").Text("precision")));
    }

    [Fact]
    public void Options_written_without_a_precision_read_as_double()
    {
        using var dir = new TempDir();
        // the options group as files before --precision wrote it
        ResultFile.Write(dir.File("old.h5"), "test", root => root.Group("options")
            .Attr("dt_ms", 0.1).Attr("duration_ms", 1000.0).Attr("transient_ms", 0.0).Attr("integrator", "heun").Group("monitors"));
        var (options, notes) = ResultFile.Read(dir.File("old.h5"), null, (_, r) => SimulationOptionsH5.Read(r.Group("options")));
        Assert.Equal(Precision.Double, options.Precision);
        Assert.Equal(IntegratorKind.Heun, options.Integrator);
        Assert.Empty(notes);
    }
}
