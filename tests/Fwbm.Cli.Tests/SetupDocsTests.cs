using System.Diagnostics;
using System.Text.RegularExpressions;
using Fwbm.TestSupport;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>
/// Issue 17: the README's PATH line and one mirror default. The notebook commands of the README put the .NET tools folder on
/// PATH before Jupyter, every script that starts the kernel does it itself, and setup-notebooks.sh says it; the data mirror's
/// default is stated once — none in the code, ../shared/data from the scripts — and the README, the user guide's environment
/// table, the scripts and `fwbm data list` agree.
/// </summary>
public sealed class SetupDocsTests
{
    private static readonly string Root = TestData.RepoRoot;
    private static string Read(string rel) => File.ReadAllText(Path.Combine(Root, rel));
    private const string ToolsOnPath = "export PATH=\"$PATH:$HOME/.dotnet/tools\"";

    [Fact]
    public void The_README_puts_the_dotnet_tools_on_PATH_before_its_jupyter_command()
    {
        var block = Regex.Matches(Read("README.md"), "```bash\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value)
            .Single(b => b.Contains("jupyter nbconvert"));
        int export = block.IndexOf(ToolsOnPath, StringComparison.Ordinal), jupyter = block.IndexOf("jupyter nbconvert", StringComparison.Ordinal);
        Assert.True(export >= 0 && export < jupyter, "the README's notebook commands must export the .NET tools folder before jupyter:\n" + block);
        Assert.Contains("setup-notebooks.sh", block[..export]);
    }

    [Fact]
    public void Every_script_that_starts_the_kernel_puts_the_dotnet_tools_on_PATH_first_and_setup_says_how()
    {
        var scripts = Directory.GetFiles(Path.Combine(Root, "scripts"), "*.sh").Concat([Path.Combine(Root, "binder", "postBuild"), Path.Combine(Root, "binder", "start")]);
        var kernelUse = new Regex(@"nbconvert[^\n]*--execute|dotnet interactive|dotnet-interactive|jupyter-interrupt-check\.py");
        int checkedScripts = 0;
        foreach (var file in scripts)
        {
            var lines = File.ReadAllLines(file).Select(l => Regex.Replace(l, @"(^|\s)#.*$", "")).ToArray();   // without comments
            int use = Array.FindIndex(lines, l => kernelUse.IsMatch(l));
            if (use < 0) continue;
            checkedScripts++;
            int export = Array.FindIndex(lines, l => Regex.IsMatch(l, @"export PATH=.*\$HOME/\.dotnet/tools"));
            Assert.True(export >= 0 && export < use, $"{Path.GetRelativePath(Root, file)} starts the kernel (line {use + 1}) before putting $HOME/.dotnet/tools on PATH");
        }
        Assert.True(checkedScripts >= 3, $"only {checkedScripts} scripts start the kernel: the search is broken");
        // setup-notebooks.sh installs the tool but cannot change the caller's PATH: its last words say the line to run
        var setup = Read("scripts/setup-notebooks.sh");
        Assert.Matches(@"echo ""[^""\n]*export PATH=\\""\\\$PATH:\\\$HOME/\.dotnet/tools\\""", setup);
    }

    [Fact]
    public void The_mirror_default_is_none_in_the_code_and_the_scripts_default_is_the_one_the_docs_name()
    {
        // the environment table of the user guide
        var row = Read("docs/user-guide.md").Split('\n').Single(l => l.StartsWith("| `FWBM_DATA_MIRROR` |", StringComparison.Ordinal));
        var cells = row.Split('|').Select(c => c.Trim()).Where(c => c.Length > 0).ToArray();
        Assert.Equal(3, cells.Length);
        string tableDefault = cells[2];
        Assert.StartsWith("none", tableDefault);

        // the code: without the variable there is no mirror (fwbm data list says so), with it the variable's folder
        Assert.Contains("mirror: (none)", DataList(mirror: null));
        var folder = Directory.CreateTempSubdirectory("fwbm-mirror-").FullName;
        try { Assert.Contains($"mirror: {folder}", DataList(folder)); }
        finally { Directory.Delete(folder); }

        // the scripts that default it, and to what: each is named by the table and the README, with that folder
        var defaults = Directory.GetFiles(Path.Combine(Root, "scripts"), "*.sh")
            .Select(f => (Name: Path.GetFileName(f), M: Regex.Match(File.ReadAllText(f), @"FWBM_DATA_MIRROR[^\n]*?(\.\./shared/data|\$\(cd (?:""\$ROOT/)?\.\.""? && pwd\)/shared/data)")))
            .Where(x => x.M.Success).Select(x => x.Name).Order().ToArray();
        Assert.Equal(["demo.sh", "notebooks-ci.sh", "quickstart.sh", "test.sh"], defaults);
        var readmeData = Regex.Match(Read("README.md"), @"\*\*Data\.\*\*(.*?)\n\n", RegexOptions.Singleline).Groups[1].Value;
        foreach (var text in new[] { tableDefault, readmeData })
        {
            Assert.Contains("`../shared/data`", text);
            foreach (var s in defaults) Assert.Contains($"`{s}`", text);
        }
        Assert.Contains("default: none", readmeData);
    }

    /// <summary>`fwbm data list` in a child process whose environment has <paramref name="mirror"/> (or no FWBM_DATA_MIRROR).</summary>
    private static string DataList(string? mirror)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fwbm.dll"));
        psi.ArgumentList.Add("data"); psi.ArgumentList.Add("list");
        psi.Environment.Remove("FWBM_DATA_MIRROR");
        if (mirror is not null) psi.Environment["FWBM_DATA_MIRROR"] = mirror;
        psi.Environment["FWBM_OFFLINE"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr);
        return stdout.Result;
    }
}
