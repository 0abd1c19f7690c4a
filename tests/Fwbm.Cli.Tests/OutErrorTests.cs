using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>
/// Issue 17: an --out that cannot be written is one line naming the option and the directory as given — never the hidden
/// staging folder (.partial) nor a raw .NET message — for simulate, a sweep and fit. Two failures that block root as well as
/// other users: a path under a regular file, and a directory in sysfs (mkdir there is refused with EPERM even for root).
/// </summary>
public sealed class OutErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fwbm-cli-out-").FullName;

    public void Dispose() { try { Directory.Delete(_dir, true); } catch (IOException) { } }

    private string UnderAFile()
    {
        var file = Path.Combine(_dir, "somefile");
        File.WriteAllText(file, "not a directory");
        return Path.Combine(file, "sub");
    }

    private const string Denied = "/sys/fwbm-out-test/run";

    private static readonly string[] Simulate = ["simulate", "--connectome", "synthetic-6", "--model", "hopf", "--duration", "20s", "--transient", "0", "--tr", "1s"];
    private static readonly string[] Sweep = [.. Simulate, "--sweep", "coupling=0,0.2"];
    private static readonly string[] Fit = ["fit", "--connectome", "simulated:6:2", "--model", "hopf", "--epochs", "1",
        "--duration", "240ms", "--transient", "40ms", "--tr", "20ms", "--realisations", "1", "--device", "cpu"];

    public static TheoryData<string> Commands => new() { "simulate", "sweep", "fit" };

    private static string[] Args(string command) => command switch { "simulate" => Simulate, "sweep" => Sweep, _ => Fit };

    private static string OneLineError(string[] args, string outDir)
    {
        var (code, stdout, err) = ModelsCommandTests.Run([.. args, "--out", outDir]);
        Assert.True(code == 2, $"exit {code}; stdout: {stdout}; stderr: {err}");
        Assert.DoesNotContain(".partial", err);
        Assert.DoesNotContain(".tmp", err);
        Assert.DoesNotContain("   at ", err);                    // no stack trace
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return err.Trim();
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void An_out_under_a_regular_file_names_the_option_the_directory_and_the_file(string command)
    {
        var outDir = UnderAFile();
        var err = OneLineError(Args(command), outDir);
        Assert.Contains($"--out '{outDir}': cannot write ('{Path.Combine(_dir, "somefile")}' is a file, not a directory); choose a writable directory.", err);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_denied_out_says_permission_denied(string command)
    {
        Assert.True(Directory.Exists("/sys"), "the test needs Linux sysfs");
        var err = OneLineError(Args(command), Denied);
        Assert.Contains($"--out '{Denied}': cannot write (permission denied); choose a writable directory.", err);
    }

    [Fact]
    public void A_writable_out_still_writes()
    {
        var outDir = Path.Combine(_dir, "ok", "run");
        var (code, _, err) = ModelsCommandTests.Run([.. Simulate, "--out", outDir]);
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(outDir, "summary.json")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_dir, "ok"), ".*partial"));
    }
}
