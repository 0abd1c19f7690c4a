using Fwbm.Core.Persistence;
using Fwbm.Core.Simulation;
using Xunit;

namespace Fwbm.Core.Tests.Persistence;

/// <summary>Anything that is not a readable FWBM result file of the expected kind is one line naming the file and what was expected.</summary>
public class BadFileTests
{
    private static string OneLine(Action load)
    {
        var e = Assert.ThrowsAny<FwbmException>(load);
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    private static string Saved(TempDir dir)
    {
        var path = dir.File("good.h5");
        PersistenceFixtures.Run(PersistenceFixtures.Simulator()).Save(path);
        return path;
    }

    [Fact]
    public void Missing_file_and_folder_without_result()
    {
        using var dir = new TempDir();
        var m = OneLine(() => SimulationResult.Load(dir.File("nope.h5")));
        Assert.Contains("nope.h5", m);
        Assert.Contains("no such file", m);
        var f = OneLine(() => SimulationResult.Load(dir.Path));
        Assert.Contains(dir.Path, f);
        Assert.Contains("has no result.h5", f);
    }

    [Fact]
    public void Text_file_and_empty_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("notes.h5"), "time,x\n0,1\n");
        var m = OneLine(() => SimulationResult.Load(dir.File("notes.h5")));
        Assert.Contains("notes.h5", m);
        Assert.Contains("not an HDF5 file", m);
        File.WriteAllBytes(dir.File("empty.h5"), []);
        Assert.Contains("is empty", OneLine(() => SimulationResult.Load(dir.File("empty.h5"))));
    }

    [Fact]
    public void Truncated_files_at_several_lengths()
    {
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(Saved(dir));
        foreach (int length in new[] { 8, 100, 600, bytes.Length / 3, bytes.Length / 2, bytes.Length - 200 })
        {
            var cut = dir.File($"cut{length}.h5");
            File.WriteAllBytes(cut, bytes[..length]);
            var m = OneLine(() => SimulationResult.Load(cut));
            Assert.Contains(cut, m);
            Assert.Contains("expected", m);
        }
    }

    [Fact]
    public void Hdf5_without_fwbm_kind()
    {
        using var dir = new TempDir();
        var path = dir.File("other.h5");
        new PureHDF.H5File { ["x"] = new PureHDF.H5Dataset(new double[] { 1, 2, 3 }) }.Write(path);
        var m = OneLine(() => SimulationResult.Load(path));
        Assert.Contains("other.h5", m);
        Assert.Contains("without the root attribute 'fwbm_kind'", m);
    }

    [Fact]
    public void Newer_format_version_and_other_kind()
    {
        using var dir = new TempDir();
        var newer = dir.File("newer.h5");
        ResultFile.Write(newer, ResultKind.Simulation, root => root.Attr("fwbm_format_version", ResultFile.FormatVersion + 1));
        var m = OneLine(() => SimulationResult.Load(newer));
        Assert.Contains("newer.h5", m);
        Assert.Contains($"format version {ResultFile.FormatVersion + 1} is newer", m);
        var sweep = dir.File("sweep.h5");
        ResultFile.Write(sweep, ResultKind.Sweep, _ => { });
        var k = OneLine(() => SimulationResult.Load(sweep));
        Assert.Contains("holds a sweep result; expected a simulation", k);
        Assert.Contains("SweepResult.Load", k);
    }

    [Fact]
    public void A_missing_part_names_the_hdf5_path()
    {
        using var dir = new TempDir();
        var path = dir.File("part.h5");
        ResultFile.Write(path, ResultKind.Simulation, root => root.Attr("seed", 1UL).Attr("index", 0));
        var m = OneLine(() => SimulationResult.Load(path));
        Assert.Contains("part.h5", m);
        Assert.Contains("/model", m);
    }
}
