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
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // usage errors (unknown or missing option, a value of the wrong type): one line naming the option, exit 2
                stderr.WriteLine($"fwbm: error: {parsed.Errors[0].Message} (see fwbm {string.Join(' ', CommandPath(parsed))} --help)");
                return 2;
            }
            return parsed.Invoke(config);
        }
        catch (Exception e) when (CliErrors.IsUserError(e))
        {
            stderr.WriteLine($"fwbm: error: {CliErrors.Describe(e)}");
            return 2;
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var r = parsed.CommandResult; r is not null && r.Command is not RootCommand; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command.Name);
        return names;
    }
}
