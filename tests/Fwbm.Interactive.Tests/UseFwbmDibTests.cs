using System.Diagnostics;
using Fwbm.TestSupport;
using Microsoft.DotNet.Interactive.Commands;
using Xunit;

namespace Fwbm.Interactive.Tests;

/// <summary>
/// Issue 17: a feed path that survives a moved clone. scripts/use-fwbm-dib.sh (run by scripts/pack.sh) writes the same
/// use-fwbm.dib whatever folder the clone is in, with no absolute path; its first cell, run in a real C# kernel from a notebook
/// folder of a copied clone, adds that copy's feed as the package source.
/// </summary>
public sealed class UseFwbmDibTests : KernelTest
{
    private readonly string _tmp = Directory.CreateTempSubdirectory("fwbm-dib-").FullName;
    private const string Version = "9.8.7";

    public override void Dispose()
    {
        try { Directory.Delete(_tmp, true); } catch (IOException) { }
        base.Dispose();
    }

    private static string Generate(string feed, string root)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(TestData.RepoRoot, "scripts", "use-fwbm-dib.sh"), feed, Version, root }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, err);
        return File.ReadAllText(Path.Combine(feed, "use-fwbm.dib"));
    }

    /// <summary>A clone at <paramref name="root"/>: a notebooks folder and the feed with the package the .dib looks for.</summary>
    private static string Clone(string root)
    {
        var feed = Path.Combine(root, "artifacts", "feed");
        Directory.CreateDirectory(feed);
        Directory.CreateDirectory(Path.Combine(root, "notebooks"));
        File.WriteAllText(Path.Combine(feed, $"FWBM.Interactive.{Version}.nupkg"), "");
        return feed;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var d in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, d)));
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(f, Path.Combine(to, Path.GetRelativePath(from, f)));
    }

    /// <summary>Run the .dib's first cell (the one that finds the feed) with the kernel's working folder at <paramref name="cwd"/>; the package sources it adds.</summary>
    private async Task<(List<string> Sources, Microsoft.DotNet.Interactive.KernelCommandResult Result)> RunFirstCell(string dib, string cwd)
    {
        var cells = dib.Split("#!csharp", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, cells.Length);
        Assert.Equal($"#r \"nuget: FWBM.Interactive, {Version}\"", cells[1]);
        var sources = new List<string>();
        Kernel.ChildKernels.OfType<Microsoft.DotNet.Interactive.CSharp.CSharpKernel>().Single().RegisterCommandHandler<AddPackageSource>((c, _) => { sources.Add(c.PackageSource); return Task.CompletedTask; });
        var before = Environment.CurrentDirectory;
        Environment.CurrentDirectory = cwd;
        try { return (sources, await Submit(cells[0])); }
        finally { Environment.CurrentDirectory = before; }
    }

    [Fact]
    public async Task The_dib_has_no_absolute_path_and_a_copied_clone_loads_its_own_feed()
    {
        string a = Path.Combine(_tmp, "first clone"), b = Path.Combine(_tmp, "elsewhere", "copy");
        var dib = Generate(Clone(a), a);
        Assert.DoesNotContain(_tmp, dib);
        Assert.Equal(dib, Generate(Clone(Path.Combine(_tmp, "other")), Path.Combine(_tmp, "other")));   // the same file in any folder
        CopyTree(a, b);
        Directory.Delete(a, true);                                                                     // moved, not only copied
        var (sources, result) = await RunFirstCell(File.ReadAllText(Path.Combine(b, "artifacts", "feed", "use-fwbm.dib")), Path.Combine(b, "notebooks"));
        AssertSucceeded(result);
        Assert.Equal([Path.Combine(b, "artifacts", "feed")], sources);
    }

    [Fact]
    public async Task Without_a_feed_above_the_notebook_the_dib_says_what_to_do()
    {
        string a = Path.Combine(_tmp, "clone");
        var dib = Generate(Clone(a), a);
        var nowhere = Directory.CreateDirectory(Path.Combine(_tmp, "no-clone", "notebooks")).FullName;
        var (sources, result) = await RunFirstCell(dib, nowhere);
        Assert.Empty(sources);
        var message = FailureMessage(result);
        Assert.Contains($"use-fwbm.dib: no artifacts/feed/FWBM.Interactive.{Version}.nupkg in {nowhere} or a folder above it: run 'bash scripts/pack.sh'", message);
    }

    [Fact]
    public void A_feed_outside_the_clone_is_named_absolutely()
    {
        string root = Path.Combine(_tmp, "clone"), feed = Path.Combine(_tmp, "shared-feed");
        Directory.CreateDirectory(root);
        var dib = Generate(feed, root);
        Assert.Equal($"#!csharp\n\n#i \"nuget: {feed}\"\n#r \"nuget: FWBM.Interactive, {Version}\"\n", dib);
    }
}
