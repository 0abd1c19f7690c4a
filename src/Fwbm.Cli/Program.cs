using System.CommandLine;
using Fwbm.Cli.Commands;

namespace Fwbm.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point used by tests: parse and run, mapping library errors to exit code 2 with a one-line message.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("fwbm — functional whole-brain models: data, simulate, bench, run notebooks.");
        foreach (var c in CommandCatalog.Create()) root.Subcommands.Add(c);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return root.Parse(args).Invoke(config);
        }
        catch (Exception e) when (CliErrors.IsUserError(e))
        {
            stderr.WriteLine($"fwbm: error: {CliErrors.Describe(e)}");
            return 2;
        }
    }
}
