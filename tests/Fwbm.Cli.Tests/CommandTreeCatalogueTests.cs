using System.CommandLine;
using Fwbm.Cli.Commands;
using Fwbm.Core.Options;
using Xunit;

namespace Fwbm.Cli.Tests;

/// <summary>
/// Nothing bypasses the options catalogue: every option of every <c>fwbm</c> command and subcommand (the System.CommandLine tree
/// of <see cref="CommandCatalog"/>) is the catalogue's option of that command — same flag, aliases and help text — and every
/// CLI option the catalogue declares is offered by its command.
/// </summary>
public sealed class CommandTreeCatalogueTests
{
    [Fact]
    public void Every_option_of_every_fwbm_command_is_declared_in_the_catalogue_and_the_reverse()
    {
        var declared = OptionCatalog.All.ToDictionary(c => c.Command, StringComparer.Ordinal);
        var commands = new List<string>();
        int options = 0;

        void Walk(Command cmd, string path)
        {
            commands.Add(path);
            if (cmd.Options.Count > 0)
            {
                Assert.True(declared.TryGetValue(path, out var own), $"fwbm {path} has options but no entry in the options catalogue");
                Assert.Equal(own!.For(FrontEnd.Cli).Select(o => o.Flag).Order(), cmd.Options.Select(o => o.Name).Order());
                foreach (var o in cmd.Options)
                {
                    var spec = own.Find(o.Name)!;
                    Assert.Equal(spec.Aliases.Order(), o.Aliases.Order());
                    Assert.Equal(spec.HelpText(), o.Description);
                    options++;
                }
            }
            foreach (var sub in cmd.Subcommands) Walk(sub, path + " " + sub.Name);
        }

        foreach (var c in CommandCatalog.Create()) Walk(c, c.Name);
        // every catalogue command with CLI options is a command of fwbm (a renamed command cannot leave its options behind)
        foreach (var c in OptionCatalog.All.Where(c => c.For(FrontEnd.Cli).Any()))
            Assert.Contains(c.Command, commands);
        Assert.Contains("data list", commands);
        Assert.True(options >= 60, $"only {options} options walked");
    }

    [Fact]
    public void The_data_source_options_reach_every_data_subcommand()
    {
        var data = CommandCatalog.Create().Single(c => c.Name == "data");
        Assert.All(data.Options, o => Assert.True(o.Recursive, $"{o.Name} does not reach the subcommands"));
        var pr = data.Parse(["list", "--offline", "--json", "--mirror", "/m"]);
        Assert.Empty(pr.Errors);
    }
}
