using Fwbm.Core.Connectivity.Surgery;
using Fwbm.Core.Grammar;
using Fwbm.Core.Simulation;
using Fwbm.Core.Tests.Persistence;
using Xunit;

namespace Fwbm.Core.Tests.Connectivity.Surgery;

/// <summary>The edits of a connectome are saved in result.h5 (as their texts) and read back as equal edits, in order.</summary>
public class SurgeryPersistenceTests
{
    [Fact]
    public void Result_file_keeps_the_edits_in_order_and_parses_them_back()
    {
        using var dir = new TempDir();
        var c = PersistenceFixtures.Connectome()
            .Edit(new EdgeLesion(RegionSelector.Parse("R0"), RegionSelector.Parse("R1,R2"), 0.5))
            .Edit(new Demyelination(RegionSelector.Parse("R3"), 1.5))
            .Edit(new RewiredNull(3, 11));
        var sim = PersistenceFixtures.Simulator(c);
        string path = dir.File("result.h5");
        PersistenceFixtures.Run(sim).Save(path);
        var back = SimulationResult.Load(path).Connectome!;
        Assert.Equal(c.Edits, back.Edits);
        Assert.Equal(["lesion R0 <-> R1,R2:0.5", "demyelinate R3:1.5", "null rewire:3:seed=11"], back.Edits.Select(e => e.Text));
        Assert.Equal(["edit: lesion R0 <-> R1,R2:0.5", "edit: demyelinate R3:1.5", "edit: null rewire:3:seed=11"], back.History);
        Assert.Equal(c.Weights.ToArray(), back.Weights.ToArray());
        Assert.Equal(c.TractLengths.ToArray(), back.TractLengths.ToArray());
        // an unedited connectome has no edits after the round trip
        string plain = dir.File("plain.h5");
        PersistenceFixtures.Run(PersistenceFixtures.Simulator()).Save(plain);
        Assert.Empty(SimulationResult.Load(plain).Connectome!.Edits);
    }
}
